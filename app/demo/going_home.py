"""A demo plan for going home: Erin, discharged, wrote hers with Grace before she left;
she has a community perinatal team and a phone session with Grace before her support ends."""

from datetime import UTC, datetime, time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Booking, GoingHomePlan, Place, User
from app.services import clock
from app.services.bookings import hold_cells

ERINS_PLAN = {
    "what_helped": (
        "Baby massage on Thursdays, and the walks round the garden with Grace.\n"
        "Writing down how I slept each night, so I could see it getting better."
    ),
    "warning_signs": (
        "I stop sleeping even when the baby is asleep.\n"
        "I stop answering my sister's texts and do not want visitors.\n"
        "I start checking the baby's breathing again and again."
    ),
    "what_to_do": (
        "Tom: ask me how I slept, and take the night feed if I have not slept for two nights.\n"
        "If it goes on for three nights, I will ring my community team in the morning.\n"
        "If I feel I cannot keep us safe, Tom will call 111 option 2, or 999."
    ),
    "health_visitor_name": "Sam Patel",
    "health_visitor_phone": "01632 960001",
}


def seed_demo_going_home(unit) -> None:
    people = {
        u.username: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))
    }
    erin, grace = people["erin"], people["grace"]
    erin.community_team_name = "Reading perinatal mental health team"
    erin.community_team_phone = "0118 496 0777"
    erin.callback_phone = "07700 900123"
    db.session.add(
        GoingHomePlan(unit_id=unit.id, mother_id=erin.id, updated_by_id=grace.id, **ERINS_PLAN)
    )
    # A phone session with Grace next Friday at 10:00 (one of her days), within her support.
    today = clock.local_today(unit)
    friday = today + timedelta(days=(4 - today.weekday()) % 7 or 7)
    starts = datetime.combine(friday, time(10), tzinfo=unit.tz).astimezone(UTC)
    session = Booking(
        unit_id=unit.id,
        mother_id=erin.id,
        peer_worker_id=grace.id,
        starts_at=starts,
        ends_at=starts + timedelta(minutes=60),
        place=Place.PHONE.value,
        topic="How the first weeks at home are going",
    )
    db.session.add(session)
    db.session.flush()
    hold_cells(session)
