"""Reminders before a mother's sessions and groups, queued by the push worker each pass.

Each booked session and each group place is reminded once (``reminded_at``), at the lead
time she chose (default 30 minutes), or not at all if she turned reminders off. A group
date that was cancelled gets no reminder; one that moved is reminded at its new time.

A reminder that falls due in her daily rest time waits until her rest ends (the outbox
row's ``not_before``). A group that starts before her rest ends is not reminded at all. A
session can only be booked outside her rest time, so one that starts inside it was booked
before she chose that rest time: she meant to be there, and it is reminded as usual (her
rest page tells her about such sessions when she saves it).
"""

from datetime import datetime, timedelta

from sqlalchemy import and_, select

from app.extensions import db
from app.models import Activity, ActivityChange, Booking, SignUp
from app.models.booking import BookingStatus
from app.services.notifications import queue_notification
from app.services.quiet_hours import wants_reminders
from app.services.recurrence import MAX_MOVE, occurrence_on
from app.services.rest_time import rest_ends_after

LONGEST_LEAD = timedelta(minutes=60)
SESSIONS_PAGE = "/me/sessions"
TIMETABLE_PAGE = "/timetable/"


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
            queued += _remind(
                booking.mother,
                "session.reminder",
                SESSIONS_PAGE,
                booking.starts_at,
                now,
                skip_if_in_rest=False,
            )
    return queued


def _remind(
    mother, kind: str, url: str, starts_at: datetime, now: datetime, skip_if_in_rest=True
) -> bool:
    """Queue her reminder, held until her rest time ends if she is resting now. What starts
    before her rest ends is not reminded, or, with ``skip_if_in_rest`` off, reminded at
    once. Whether it was queued."""
    rest_ends = rest_ends_after(mother, now, mother.unit.tz)
    if rest_ends is not None and starts_at < rest_ends:
        if skip_if_in_rest:
            return False
        rest_ends = None
    row = queue_notification(mother, kind, url, when=starts_at)
    if rest_ends is not None:
        row.not_before = rest_ends
    return True


def _due(starts_at: datetime, now: datetime, mother) -> tuple[bool, bool]:
    """(remind now?, and she wants it?) for something of hers starting at ``starts_at``."""
    on, minutes = wants_reminders(mother)
    return now < starts_at <= now + timedelta(minutes=minutes), on and mother.active


def queue_group_reminders(now: datetime) -> int:
    rows = db.session.execute(
        select(SignUp, Activity, ActivityChange)
        .join(Activity, Activity.id == SignUp.activity_id)
        .outerjoin(
            ActivityChange,
            and_(
                ActivityChange.activity_id == SignUp.activity_id,
                ActivityChange.on_date == SignUp.on_date,
            ),
        )
        .where(
            SignUp.status == "booked",
            SignUp.reminded_at.is_(None),
            SignUp.on_date >= (now - MAX_MOVE).date(),
            SignUp.on_date <= (now + MAX_MOVE).date(),
        )
    ).all()
    queued = 0
    for signup, activity, change in rows:
        occurrence = occurrence_on(activity, signup.on_date, change, signup.mother.unit.tz)
        if occurrence.is_cancelled:
            continue
        remind_now, wanted = _due(occurrence.starts_at, now, signup.mother)
        if not remind_now:
            continue
        signup.reminded_at = now
        if wanted:
            queued += _remind(
                signup.mother, "activity.reminder", TIMETABLE_PAGE, occurrence.starts_at, now
            )
    return queued
