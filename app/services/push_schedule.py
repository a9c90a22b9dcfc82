"""Reminders on schedule: the push worker calls every registered generator on each pass.

A generator is ``fn(now) -> int``: it queues the notifications that are due by ``now``
with ``queue_notification`` (for example "session.reminder" 30 minutes before a
booking, honouring ``quiet_hours.wants_reminders``) and returns how many it queued. It
runs on every pass, so it must be idempotent: remember what it has queued (a column on
the booking, or a lookup in the outbox) and never queue the same reminder twice.
Bookings and the timetable register theirs with ``register_reminder_generator``.
A generator that fails (on SQLite, "database is locked" when another writer got in
between its read and its write) is logged and simply runs again on the next pass.
"""

import logging
from collections.abc import Callable
from datetime import datetime

from app.extensions import db

log = logging.getLogger(__name__)

ReminderGenerator = Callable[[datetime], int]
_generators: list[ReminderGenerator] = []


def register_reminder_generator(fn: ReminderGenerator) -> ReminderGenerator:
    if fn not in _generators:
        _generators.append(fn)
    return fn


def unregister_reminder_generator(fn: ReminderGenerator) -> None:
    if fn in _generators:
        _generators.remove(fn)


def run_reminder_generators(now: datetime) -> int:
    """Run each generator in its own transaction; one failing does not stop the others."""
    queued = 0
    for generator in list(_generators):
        try:
            queued += generator(now) or 0
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("push: reminder generator %s failed", generator.__name__)
    return queued
