"""Benchmark history of each feature, registered with app.bench_data.HISTORY_BUILDERS."""

from datetime import UTC, datetime, time, timedelta

from app.bench_data import HISTORY_BUILDERS
from app.extensions import db
from app.models.availability import AvailabilityWindow
from app.models.booking import Booking, BookingStatus, Place
from app.services import clock


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


HISTORY_BUILDERS.append(sessions_history)
