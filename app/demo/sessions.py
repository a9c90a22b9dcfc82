"""Demo sessions around a baby: Beth rests after lunch, Priya offers 20-minute sessions on
Wednesdays, and a few booked sessions say who minds each baby, so the peer workers' day
lists and the staff's "Today's 1:1 sessions" are not empty."""

from datetime import time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import BabyCare, Booking, User
from app.services import clock
from app.services.bookings import hold_cells
from app.services.slots import plan_day

DEMO_REST = {"beth": (time(14), time(15))}
# (mother, the how-many-th free slot of the day, who minds her baby, topic)
DEMO_SESSIONS = [
    ("amy", 0, BabyCare.NURSERY, "Sleep and night feeds"),
    ("chloe", 2, BabyCare.WITH_ME, ""),
    ("dee", 4, BabyCare.NURSERY, "Going home"),
]


def seed_demo_sessions(unit) -> None:
    people = {
        u.username: u for u in db.session.scalars(select(User).where(User.unit_id == unit.id))
    }
    for username, (rest_from, rest_until) in DEMO_REST.items():
        people[username].rest_from, people[username].rest_until = rest_from, rest_until
    workers = [people["priya"], people["grace"]]
    now, today = clock.now(), clock.local_today(unit)
    for offset in range(7):  # today when sessions are still ahead, else her next day
        slots = plan_day(people["amy"], workers, today + timedelta(days=offset), now).free
        if len(slots) > max(n for _, n, _, _ in DEMO_SESSIONS):
            break
    else:
        return
    for username, index, baby_care, topic in DEMO_SESSIONS:
        slot = slots[index]
        booking = Booking(
            unit_id=unit.id,
            mother_id=people[username].id,
            peer_worker_id=slot.peer_worker_id,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            place="ward",
            topic=topic,
            baby_care=baby_care.value,
            created_at=now,
        )
        db.session.add(booking)
        db.session.flush()
        hold_cells(booking)
