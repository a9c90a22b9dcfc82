"""Benchmark history of each feature, as bench/data.py builds it for each unit."""

from datetime import UTC, datetime, time, timedelta

from app.demo.feedback import seed_demo_feedback
from app.extensions import db
from app.models import Activity, AvailabilityWindow, Booking, BookingStatus, Place, SignUp
from app.services import clock
from app.services.recurrence import series_dates


def sessions_history(unit, people, scale, rng):
    """Weekday windows for both peer workers, and a year of past sessions (x scale)."""
    peers = people["peer_worker"]
    for peer in peers:
        for weekday in range(5):
            db.session.add(
                AvailabilityWindow(
                    unit_id=unit.id,
                    peer_worker_id=peer.id,
                    weekday=weekday,
                    starts=time(9, 30),
                    ends=time(16, 30),
                    session_minutes=60,
                    gap_minutes=0,
                )
            )
    mothers = people["mother"]
    today = clock.now().date()
    for _ in range(150 * scale):
        day = today - timedelta(days=rng.randint(1, 365))
        starts = datetime.combine(day, time(9, 30), tzinfo=unit.tz).astimezone(UTC)
        starts += timedelta(hours=rng.randint(0, 6))  # past sessions hold no booking cells
        db.session.add(
            Booking(
                unit_id=unit.id,
                mother_id=rng.choice(mothers).id,
                peer_worker_id=rng.choice(peers).id,
                starts_at=starts,
                ends_at=starts + timedelta(hours=1),
                place=Place.WARD.value,
                status=rng.choice([BookingStatus.HAPPENED, BookingStatus.CANCELLED]).value,
            )
        )


def groups_history(unit, people, scale, rng):
    """Four weekly groups over the past year and the next, with a place for most dates."""
    today = clock.now().date()
    leader = people["peer_worker"][0]
    mothers = people["mother"]
    for n in range(4 * scale):
        activity = Activity(
            unit_id=unit.id,
            title=f"Group {n}",
            description="A weekly group",
            room="Day room",
            leader_id=leader.id,
            weekdays=str(n % 5),
            start_time=time(10 + n % 5, 0),
            end_time=time(11 + n % 5, 0),
            starts_on=today - timedelta(days=365),
            ends_on=today + timedelta(days=365),
            capacity=8,
            visitor_friendly=n % 2 == 0,
            baby_welcome=True,
            leader_name_public=False,
        )
        db.session.add(activity)
        db.session.flush()
        for day in series_dates(activity, activity.starts_on, today):
            takers = rng.sample(mothers, rng.randint(0, 5))
            db.session.add_all(
                SignUp(
                    unit_id=unit.id,
                    activity_id=activity.id,
                    on_date=day,
                    mother_id=mother.id,
                    status="booked",
                    seat=seat,
                )
                for seat, mother in enumerate(takers, start=1)
            )


def feedback_history(unit, people, scale, rng):
    """Half a year of made-up feedback per 1x of history."""
    seed_demo_feedback(unit, weeks=26 * scale)
