"""Builders for peer-session tests: availability windows, leave and bookings."""

from datetime import date, datetime, time

from app.extensions import db
from tests.factories import AvailabilityPauseFactory, AvailabilityWindowFactory, BookingFactory
from tests.support.sql import recorded_statements


def weekly(peer, weekday, starts="09:00", ends="12:00", session=60, gap=0):
    return AvailabilityWindowFactory(
        peer=peer,
        weekday=weekday,
        starts=time.fromisoformat(starts),
        ends=time.fromisoformat(ends),
        session_minutes=session,
        gap_minutes=gap,
    )


def every_day(peer, **kwargs):
    return [weekly(peer, day, **kwargs) for day in range(7)]


def leave(peer, first_day: date, last_day: date | None = None, kind="leave"):
    return AvailabilityPauseFactory(
        peer=peer, first_day=first_day, last_day=last_day or first_day, kind=kind
    )


def a_break(peer, day: date, starts="12:00", ends="13:00"):
    """A break within the day, from ``starts`` to ``ends`` local time."""
    return AvailabilityPauseFactory(
        peer=peer,
        first_day=day,
        last_day=day,
        kind="break",
        starts=time.fromisoformat(starts),
        ends=time.fromisoformat(ends),
    )


def booked(
    mother, peer, starts_at: datetime, minutes=60, status="booked", topic="", baby_care=None
):
    """A booking put straight into the database (for history, or a slot taken elsewhere)."""
    return BookingFactory(
        mother=mother,
        peer_worker=peer,
        starts_at=starts_at,
        minutes=minutes,
        status=status,
        topic=topic,
        baby_care=baby_care,
    )


def queries_for(client, path: str) -> int:
    """How many SQL statements rendering ``path`` once runs (the page must answer 200)."""

    db.session.remove()  # the test's own objects, expired by its commits, are not the page's
    with recorded_statements() as statements:
        assert client.get(path).status_code == 200
    return len(statements)
