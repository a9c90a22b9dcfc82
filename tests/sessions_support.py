"""Builders for peer-session tests: availability windows, leave and bookings."""

from datetime import date, datetime, time, timedelta

from app.extensions import db
from app.models import AvailabilityPause, AvailabilityWindow, Booking
from app.services.bookings import hold_cells
from tests.support.sql import recorded_statements


def _time(value: str) -> time:
    return time.fromisoformat(value)


def weekly(peer, weekday, starts="09:00", ends="12:00", session=60, gap=0):
    window = AvailabilityWindow(
        unit_id=peer.unit_id,
        peer_worker_id=peer.id,
        weekday=weekday,
        starts=_time(starts),
        ends=_time(ends),
        session_minutes=session,
        gap_minutes=gap,
    )
    db.session.add(window)
    db.session.commit()
    return window


def every_day(peer, **kwargs):
    return [weekly(peer, day, **kwargs) for day in range(7)]


def leave(peer, first_day: date, last_day: date | None = None, kind="leave"):
    pause = AvailabilityPause(
        unit_id=peer.unit_id,
        peer_worker_id=peer.id,
        first_day=first_day,
        last_day=last_day or first_day,
        kind=kind,
    )
    db.session.add(pause)
    db.session.commit()
    return pause


def booked(mother, peer, starts_at: datetime, minutes=60, status="booked", topic=""):
    """A booking put straight into the database (for history, or a slot taken elsewhere)."""
    booking = Booking(
        unit_id=mother.unit_id,
        mother_id=mother.id,
        peer_worker_id=peer.id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=minutes),
        place="ward",
        status=status,
        topic=topic,
    )
    db.session.add(booking)
    db.session.flush()
    if status == "booked":
        hold_cells(booking)
    db.session.commit()
    return booking


def queries_for(client, path: str) -> int:
    """How many SQL statements rendering ``path`` once runs (the page must answer 200)."""

    db.session.remove()  # the test's own objects, expired by its commits, are not the page's
    with recorded_statements() as statements:
        assert client.get(path).status_code == 200
    return len(statements)
