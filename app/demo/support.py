"""Demo support for the peer workers: Helen line-manages both, their supervision dates
(one due, one overdue), a wellbeing day, a break within a day, and a debrief asked for."""

from datetime import time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AvailabilityPause, DebriefRequest, SupervisionMeeting, User
from app.services import clock

# username: (kind, days ago) of her supervision dates
DEMO_MEETINGS = {
    "priya": [("clinical", 30), ("line_management", 20), ("clinical", 61)],
    "grace": [("clinical", 12), ("line_management", 60)],
}


def seed_demo_support(unit) -> None:
    people = {
        u.username: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))
    }
    today = clock.local_today(unit)
    for username in DEMO_MEETINGS:
        people[username].line_manager_id = people["helen"].id
        for kind, days_ago in DEMO_MEETINGS[username]:
            db.session.add(
                SupervisionMeeting(
                    unit_id=unit.id,
                    peer_worker_id=people[username].id,
                    kind=kind,
                    met_on=today - timedelta(days=days_ago),
                )
            )
    soon = today + timedelta(days=(2 - today.weekday()) % 7 or 7)  # her next Wednesday
    db.session.add_all(
        [
            AvailabilityPause(
                unit_id=unit.id,
                peer_worker_id=people["grace"].id,
                first_day=soon + timedelta(days=1),
                last_day=soon + timedelta(days=1),
                kind="wellbeing",
            ),
            AvailabilityPause(
                unit_id=unit.id,
                peer_worker_id=people["priya"].id,
                first_day=soon,
                last_day=soon,
                kind="break",
                starts=time(11, 45),
                ends=time(12, 30),
            ),
            DebriefRequest(
                unit_id=unit.id,
                peer_worker_id=people["grace"].id,
                asked_at=clock.now() - timedelta(hours=2),
            ),
        ]
    )
