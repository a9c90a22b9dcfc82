"""A group leader's own time: a date of a group she leads is never put on her leave, nor
over a session booked with her."""

from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import AvailabilityPause, Booking, BookingStatus, User
from app.services import clock
from app.services.errors import DomainError
from app.services.slots import lock_peer_workers


def refuse_if_away(leader: User, day: date, field: str) -> None:
    """A date of a group is not moved, or given, to a peer worker on leave that day."""
    away = db.session.scalar(
        select(AvailabilityPause.kind).where(
            AvailabilityPause.peer_worker_id == leader.id,
            AvailabilityPause.first_day <= day,
            AvailabilityPause.last_day >= day,
        )
    )
    if away is not None:
        why = "on leave" if away == "leave" else "not working"
        raise DomainError(
            f"{leader.display_name} is {why} on {day:%A %-d %B}. Choose another date or leader",
            field,
        )


def refuse_if_booked(leader: User, times) -> None:
    """A peer worker's booked sessions keep their time: a group she leads cannot take it.

    ``times`` gives each date's UTC (start, end). Her row is locked first, as a booking
    locks it, so a session booked at the same moment cannot slip in between."""
    if not leader.is_peer_worker:
        return
    lock_peer_workers([leader.id])
    times = list(times)
    if not times:
        return
    sessions = db.session.execute(
        select(Booking.starts_at, Booking.ends_at)
        .where(
            Booking.peer_worker_id == leader.id,
            Booking.status == BookingStatus.BOOKED.value,
            Booking.ends_at > max(clock.now(), min(start for start, _ in times)),
            Booking.starts_at < max(end for _, end in times),
        )
        .order_by(Booking.starts_at)
    ).all()
    for starts_at, ends_at in sessions:
        if any(start < ends_at and starts_at < end for start, end in times):
            local = starts_at.astimezone(leader.unit.tz)
            raise DomainError(
                f"{leader.display_name} has a session booked on {local:%A %-d %B} at "
                f"{local:%H:%M}. Choose another time or leader, or move that session first",
                "start_time",
            )
