"""A group leader's own time: a date of a group she leads is never put on her leave or her
break, nor over a session booked with her."""

from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import AvailabilityPause, Booking, BookingStatus, User
from app.models.booking import CELL_MINUTES
from app.services import clock
from app.services.errors import DomainError
from app.services.hours import held_minutes
from app.services.slots import break_span, lock_peer_workers

WRITING_UP = timedelta(minutes=CELL_MINUTES)  # the most a session's writing up adds


def refuse_if_away(leader: User, starts_at: datetime, ends_at: datetime, field: str) -> None:
    """A date of a group is not moved, or given, to a peer worker away that day, or on a
    break within the day at that time."""
    tz = leader.unit.tz
    day = starts_at.astimezone(tz).date()
    pauses = db.session.scalars(
        select(AvailabilityPause).where(
            AvailabilityPause.peer_worker_id == leader.id,
            AvailabilityPause.first_day <= day,
            AvailabilityPause.last_day >= day,
        )
    )
    for pause in pauses:
        if pause.is_break:
            first, last = break_span(pause, tz)
            if not (starts_at < last and first < ends_at):
                continue
            why = f"on a break from {pause.starts:%H:%M} to {pause.ends:%H:%M}"
        else:
            why = "not working" if pause.kind == "pause" else "on leave"
        raise DomainError(
            f"{leader.display_name} is {why} on {day:%A %-d %B}. Choose another date or leader",
            field,
        )


def refuse_if_booked(leader: User, times) -> None:
    """A peer worker's booked sessions keep their time, writing up included (a 20-minute
    session takes 30): a group she leads cannot take it.

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
            Booking.ends_at > max(clock.now(), min(start for start, _ in times) - WRITING_UP),
            Booking.starts_at < max(end for _, end in times),
        )
        .order_by(Booking.starts_at)
    ).all()
    for starts_at, ends_at in sessions:
        minutes = int((ends_at - starts_at).total_seconds() // 60)
        held_until = starts_at + timedelta(minutes=held_minutes(minutes))
        if any(start < held_until and starts_at < end for start, end in times):
            local = starts_at.astimezone(leader.unit.tz)
            raise DomainError(
                f"{leader.display_name} has a session booked on {local:%A %-d %B} at "
                f"{local:%H:%M}. Choose another time or leader, or move that session first",
                "start_time",
            )
