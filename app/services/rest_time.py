"""A mother's daily rest time: wall-clock times in the unit's time zone, on the quarter
hour, within one day (no spanning midnight: quiet hours are for the night).

While she rests she is not offered sessions, and a reminder that falls due waits until
her rest ends; if what it reminds her of starts before her rest ends, it is not sent at
all (a late "Group at 14:30" at 15:00 would only worry her). Only her own slots are
affected: other mothers still see the same times. The peer workers see her rest time on
her caseload entry, so they do not ring her then.
"""

from datetime import UTC, datetime, time

from sqlalchemy import select

from app.extensions import db
from app.models import Booking, BookingStatus
from app.services.audit import record_audit
from app.services.errors import DomainError

REST_IN_ORDER = "Rest time must end after it starts"
BOTH_OR_NEITHER = "Choose when your rest time starts and ends, or No rest time for both"
DURING_REST = "That time is during your rest time. Choose another time."


def check_rest_time(rest_from: time | None, rest_until: time | None) -> None:
    if (rest_from is None) != (rest_until is None):
        raise DomainError(BOTH_OR_NEITHER, "rest_until")
    if rest_from is None:
        return
    for value, field in ((rest_from, "rest_from"), (rest_until, "rest_until")):
        if value.minute % 15 or value.second or value.microsecond:
            raise DomainError("Choose a time on the hour or at 15, 30 or 45 minutes past", field)
    if rest_until <= rest_from:
        raise DomainError(REST_IN_ORDER, "rest_until")


def save_rest_time(mother, rest_from: time | None, rest_until: time | None) -> None:
    """Set (both times) or clear (neither) her daily rest time."""
    if not mother.is_mother:
        raise DomainError("Only mothers set a rest time.")
    check_rest_time(rest_from, rest_until)
    mother.rest_from, mother.rest_until = rest_from, rest_until
    record_audit(mother, "rest_time.saved" if rest_from else "rest_time.cleared", mother)


def has_rest_time(mother) -> bool:
    return mother.rest_from is not None and mother.rest_until is not None


def rest_span_on(mother, day, tz) -> tuple[datetime, datetime] | None:
    """The UTC instants of her rest on a local day: 14:00 stays 14:00 local on both sides
    of a clock change."""
    if not has_rest_time(mother):
        return None
    return tuple(
        datetime.combine(day, wall, tz).astimezone(UTC)
        for wall in (mother.rest_from, mother.rest_until)
    )


def overlaps_rest(mother, starts_at: datetime, ends_at: datetime, tz) -> bool:
    span = rest_span_on(mother, starts_at.astimezone(tz).date(), tz)
    return span is not None and starts_at < span[1] and span[0] < ends_at


def rest_ends_after(mother, at: datetime, tz) -> datetime | None:
    """When her rest ends, if ``at`` falls inside it; otherwise None."""
    span = rest_span_on(mother, at.astimezone(tz).date(), tz)
    if span is None or not span[0] <= at < span[1]:
        return None
    return span[1]


def label(mother) -> str:
    """Such as "14:00 to 15:00", or "" when she has none."""
    if not has_rest_time(mother):
        return ""
    return f"{mother.rest_from:%H:%M} to {mother.rest_until:%H:%M}"


def sessions_in_rest(mother, now: datetime) -> list[Booking]:
    """Her booked sessions still to come that fall in her rest time: booked before she
    chose it. They stay booked and are reminded as usual (app/services/reminders.py)."""
    if not has_rest_time(mother):
        return []
    ahead = db.session.scalars(
        select(Booking)
        .where(
            Booking.mother_id == mother.id,
            Booking.status == BookingStatus.BOOKED.value,
            Booking.starts_at > now,
        )
        .order_by(Booking.starts_at)
    )
    tz = mother.unit.tz
    return [b for b in ahead if overlaps_rest(mother, b.starts_at, b.ends_at, tz)]
