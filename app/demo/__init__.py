"""Demo data for the embedded default (``flask seed-demo``): a fictional unit, loaded once."""

from datetime import time, timedelta

from sqlalchemy import select

from app.demo.family import seed_demo_family
from app.demo.feedback import seed_demo_feedback
from app.demo.going_home import seed_demo_going_home
from app.demo.sessions import seed_demo_sessions
from app.demo.support import seed_demo_support
from app.demo.timetable import seed_demo_timetable
from app.demo.voice import seed_demo_voice
from app.extensions import db
from app.models import AvailabilityWindow, Role, Unit, User
from app.services import clock
from app.services.passwords import hash_password

DEMO_PASSWORD = "willow-demo-2026"  # noqa: S105  published demo sign-in
DEMO_PEOPLE = [
    # role, username, first name, extra
    (Role.STAFF, "helen", "Helen", {}),
    # Priya agreed to her name and days on the public visitors' page too.
    (Role.PEER_WORKER, "priya", "Priya", {"contracted_minutes": 18 * 60, "public_name": True}),
    (Role.PEER_WORKER, "grace", "Grace", {"contracted_minutes": 18 * 60}),
    (Role.MOTHER, "amy", "Amy", {"admitted_days_ago": 12}),
    (Role.MOTHER, "beth", "Beth", {"admitted_days_ago": 30}),
    (Role.MOTHER, "chloe", "Chloe", {"admitted_days_ago": 4}),
    (Role.MOTHER, "dee", "Dee", {"admitted_days_ago": 45}),
    (Role.MOTHER, "erin", "Erin", {"admitted_days_ago": 80, "discharged_days_ago": 20}),
]
# The job share: each peer worker's weekly windows (weekday, from, until, session minutes).
DEMO_AVAILABILITY = {
    # Priya's Wednesday mornings are short sessions, for a mother between feeds.
    "priya": [(0, "09:30", "16:30", 45), (1, "09:30", "16:30", 45), (2, "09:30", "13:00", 20)],
    "grace": [(2, "13:00", "16:30", 60), (3, "10:00", "16:00", 60), (4, "10:00", "16:00", 60)],
}
DEMO_LOGINS = [
    (
        role.label + (" (discharged)" if "discharged_days_ago" in extra else ""),
        username,
        DEMO_PASSWORD,
    )
    for role, username, _name, extra in DEMO_PEOPLE
]


def seed_demo() -> bool:
    """Create Willow House MBU and its people. Returns False if it is already there."""
    if db.session.scalar(select(Unit.id).where(Unit.slug == "willow-house")) is not None:
        return False
    unit = Unit(
        slug="willow-house",
        name="Willow House Mother and Baby Unit",
        phone="0118 496 0000",
        visiting_hours=(
            "Monday to Friday: 2pm to 4pm and 6pm to 8pm\n"
            "Saturday and Sunday: 11am to 8pm\n"
            "Partners can visit at any time between 9am and 9pm."
        ),
        address="Willow House, Elm Building\nHospital Road\nReading\nRG1 5AN",
        public_info=(
            "Willow House is on the ground floor of the Elm Building, next to the main car park.\n"
            "Ring the bell at the entrance and a member of staff will let you in.\n"
            "Two family rooms are available for partners staying overnight: ask staff to book one."
        ),
    )
    db.session.add(unit)
    db.session.flush()
    today = clock.local_today(unit)
    password_hash = hash_password(DEMO_PASSWORD)
    for role, username, name, extra in DEMO_PEOPLE:
        user = User(
            unit_id=unit.id,
            role=role.value,
            username=username,
            display_name=name,
            password_hash=password_hash,
            contracted_minutes=extra.get("contracted_minutes"),
            name_shown_to_visitors=extra.get("public_name", False),
        )
        if role == Role.MOTHER:
            user.admitted_on = today - timedelta(days=extra["admitted_days_ago"])
            if "discharged_days_ago" in extra:
                user.discharged_on = today - timedelta(days=extra["discharged_days_ago"])
                user.support_until = user.discharged_on + timedelta(weeks=12)
        db.session.add(user)
        db.session.flush()
        for weekday, starts, ends, session in DEMO_AVAILABILITY.get(username, []):
            db.session.add(
                AvailabilityWindow(
                    unit_id=unit.id,
                    peer_worker_id=user.id,
                    weekday=weekday,
                    starts=time.fromisoformat(starts),
                    ends=time.fromisoformat(ends),
                    session_minutes=session,
                    gap_minutes=15,
                )
            )
    db.session.flush()
    seed_demo_timetable(unit)
    seed_demo_feedback(unit)
    seed_demo_family(unit)
    seed_demo_voice(unit)
    seed_demo_support(unit)
    seed_demo_going_home(unit)
    seed_demo_sessions(unit)
    db.session.commit()
    return True
