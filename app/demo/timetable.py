"""Demo groups for the embedded default, so the timetable is not empty on first run."""

from datetime import time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Activity, User
from app.services import clock

DEMO_GROUPS = [
    # title, description, room, leader username, weekdays, start, end, capacity, flags
    (
        "Baby massage",
        "Gentle massage for babies. Oils and towels provided.",
        "Day room",
        "priya",
        "13",
        time(10, 0),
        time(11, 0),
        6,
        dict(baby_welcome=True),
    ),
    (
        "Walk in the grounds",
        "A slow walk outside, with prams. Families welcome.",
        "Meet at reception",
        "grace",
        "24",
        time(14, 30),
        time(15, 15),
        None,
        dict(
            visitor_friendly=True,
            baby_welcome=True,
            leader_name_public=True,
            open_to_discharged=True,
        ),
    ),
    (
        "Cooking together",
        "Make and share a simple lunch.",
        "Kitchen",
        "priya",
        "2",
        time(11, 30),
        time(13, 0),
        4,
        {},
    ),
    (
        "Family craft afternoon",
        "Make something for the baby's room.",
        "Day room",
        "helen",
        "5",
        time(14, 0),
        time(15, 30),
        8,
        dict(visitor_friendly=True, baby_welcome=True),
    ),
]


def seed_demo_timetable(unit) -> None:
    today = clock.local_today(unit)
    leaders = {
        u.username: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))
    }
    for title, description, room, leader, days, start, end, capacity, flags in DEMO_GROUPS:
        db.session.add(
            Activity(
                unit_id=unit.id,
                title=title,
                description=description,
                room=room,
                leader_id=leaders[leader].id,
                weekdays=days,
                start_time=start,
                end_time=end,
                starts_on=today - timedelta(weeks=2),
                ends_on=today + timedelta(weeks=26),
                capacity=capacity,
                **{
                    "visitor_friendly": False,
                    "baby_welcome": False,
                    "leader_name_public": False,
                    **flags,
                },
            )
        )
