"""Demo points for the team's meeting: a weekly Thursday meeting, points for the next one,
and an answer from the last one waiting on Amy's home."""

from datetime import time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import MeetingSchedule, User, VoicePoint
from app.services import clock
from app.services.meetings import next_meeting

THURSDAY = 3
DEMO_POINTS = [
    # mother, text, how it travels, theme
    ("beth", "Could I have my baby's weigh-in in the morning, before visitors come?", "named", ""),
    (
        "chloe",
        "The night feeds are hard when the corridor lights are so bright.",
        "unnamed",
        "Night feeds",
    ),
    (
        "dee",
        "I am worried about going home and would like to talk about it first.",
        "peer_only",
        "",
    ),
]


def seed_demo_voice(unit) -> None:
    today = clock.local_today(unit)
    db.session.add(
        MeetingSchedule(
            unit_id=unit.id,
            weekday=THURSDAY,
            starts_at=time(14),
            starts_on=today - timedelta(weeks=4),
        )
    )
    db.session.flush()
    people = {
        u.username: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))
    }
    meeting = next_meeting(unit)
    for username, text, travels, theme in DEMO_POINTS:
        db.session.add(
            VoicePoint(
                unit_id=unit.id,
                mother_id=people[username].id,
                text=text,
                travels=travels,
                theme=theme,
                meeting_on=meeting.on_date,
            )
        )
    db.session.add(
        VoicePoint(
            unit_id=unit.id,
            mother_id=people["amy"].id,
            text="Can my partner stay later than 8pm on the first nights?",
            travels="named",
            meeting_on=meeting.on_date - timedelta(weeks=1),
            state="raised",
            answer="Yes, for your first three nights. Ask the nurse in charge to add it to your plan.",
            answered_by_id=people["priya"].id,
            answered_at=clock.now() - timedelta(days=1),
        )
    )
