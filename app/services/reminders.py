"""Reminders before a mother's sessions, queued by the push worker on each pass.

Each booked session is reminded once (``Booking.reminded_at``), at the lead time she
chose (default 30 minutes), or not at all if she turned reminders off. Reminders for
group sign-ups are queued by the timetable's own generator.
"""

from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Booking
from app.models.booking import BookingStatus
from app.services.notifications import queue_notification
from app.services.quiet_hours import wants_reminders

LONGEST_LEAD = timedelta(minutes=60)
SESSIONS_PAGE = "/me/sessions"


def queue_session_reminders(now: datetime) -> int:
    due = db.session.scalars(
        select(Booking)
        .where(
            Booking.status == BookingStatus.BOOKED.value,
            Booking.reminded_at.is_(None),
            Booking.starts_at > now,
            Booking.starts_at <= now + LONGEST_LEAD,
        )
        .order_by(Booking.starts_at)
    ).all()
    queued = 0
    for booking in due:
        on, minutes = wants_reminders(booking.mother)
        if booking.starts_at - now > timedelta(minutes=minutes):
            continue
        booking.reminded_at = now
        if on and booking.mother.active:
            queue_notification(
                booking.mother, "session.reminder", SESSIONS_PAGE, when=booking.starts_at
            )
            queued += 1
    return queued
