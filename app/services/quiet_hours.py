"""When someone may be notified: her own quiet hours, and a peer worker's working time
(her availability windows and leave). Whatever arrives while she may not be notified is
held by the push worker and summarised when she may.
"""

from collections.abc import Iterable
from datetime import datetime, time

from sqlalchemy import bindparam, select

from app.extensions import db
from app.models import NotificationPreference
from app.services.availability import working_among


def preference_for(user) -> NotificationPreference | None:
    return db.session.scalar(
        select(NotificationPreference).where(NotificationPreference.user_id == user.id)
    )


PREFERENCES_OF = select(NotificationPreference).where(
    NotificationPreference.user_id.in_(bindparam("ids", expanding=True))
)  # built once: the push worker asks on every pass


def preferences_of(user_ids: Iterable[int]) -> dict[int, NotificationPreference]:
    return {p.user_id: p for p in db.session.scalars(PREFERENCES_OF, {"ids": list(user_ids)})}


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


def may_notify_among(users: list, at: datetime) -> set[int]:
    """The ids of those who may be notified at ``at``: a peer worker only while she is
    working, and nobody in her quiet hours. A few queries whatever the number."""
    if not users:
        return set()
    peers = [user for user in users if user.is_peer_worker]
    working = working_among(peers, at) if peers else set()
    preferences = preferences_of({user.id for user in users})
    return {
        user.id
        for user in users
        if (not user.is_peer_worker or user.id in working)
        and not in_quiet_hours(preferences.get(user.id), at, user.unit.tz)
    }


def may_notify_now(user, at: datetime) -> bool:
    return user.id in may_notify_among([user], at)


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
    """For reminders: (on?, minutes before). Default: on, 30 minutes."""
    preference = preference_for(user)
    if preference is None:
        return True, 30
    return preference.reminders_on, preference.reminder_minutes
