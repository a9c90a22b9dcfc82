"""When someone may be notified: her own quiet hours, and a peer worker's working time.

``working_now(user, at)`` answers whether a peer worker is working at ``at``. Working
windows and leave days belong to availability, which plugs itself in with
``use_working_now(fn)``; until then everyone counts as always working. Whatever arrives
while she may not be notified is held by the push worker and summarised when she may.
"""

from collections.abc import Callable
from datetime import datetime, time

from sqlalchemy import select

from app.extensions import db
from app.models import NotificationPreference

WorkingNow = Callable[[object, datetime], bool]


def always_working(user, at: datetime) -> bool:
    return True


_working_now: WorkingNow = always_working


def use_working_now(fn: WorkingNow) -> WorkingNow:
    """Plug in the availability rule. Returns the previous one (tests put it back)."""
    global _working_now
    previous, _working_now = _working_now, fn
    return previous


def working_now(user, at: datetime) -> bool:
    return _working_now(user, at)


def preference_for(user) -> NotificationPreference | None:
    return db.session.scalar(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    )


def within(start: time, end: time, moment: time) -> bool:
    """Is ``moment`` in [start, end), where the range may run past midnight?"""
    if start == end:
        return False
    if start < end:
        return start <= moment < end
    return moment >= start or moment < end


def in_quiet_hours(preference: NotificationPreference | None, at: datetime, tz) -> bool:
    if preference is None or preference.quiet_from is None or preference.quiet_until is None:
        return False
    local = at.astimezone(tz).time().replace(second=0, microsecond=0)
    return within(preference.quiet_from, preference.quiet_until, local)


def may_notify_now(user, at: datetime) -> bool:
    if user.is_peer_worker and not working_now(user, at):
        return False
    return not in_quiet_hours(preference_for(user), at, user.unit.tz)


def save_preferences(user, quiet_from, quiet_until, reminders_on=None, reminder_minutes=None):
    """Set her quiet hours (both or neither) and, for mothers, her reminder choice."""
    preference = preference_for(user)
    if preference is None:
        preference = NotificationPreference(unit_id=user.unit_id, user_id=user.id)
        db.session.add(preference)
    preference.quiet_from, preference.quiet_until = quiet_from, quiet_until
    if reminders_on is not None:
        preference.reminders_on = reminders_on
    if reminder_minutes is not None:
        preference.reminder_minutes = reminder_minutes
    db.session.flush()
    return preference


def wants_reminders(user) -> tuple[bool, int]:
    """For reminder generators: (on?, minutes before). Default: on, 30 minutes."""
    preference = preference_for(user)
    if preference is None:
        return True, 30
    return preference.reminders_on, preference.reminder_minutes
