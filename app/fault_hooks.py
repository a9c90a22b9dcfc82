"""Test-only fault hooks, off unless an environment variable turns them on.

``FAULT_PAUSE_BEFORE_BOOKING_COMMIT_SECONDS`` makes the booking view sleep after the
booking, its cells, its outbox row and its audit event are flushed to the database but
before the commit, so a test can kill the gunicorn worker at exactly that moment and prove
that the database keeps either the whole booking or nothing. Production configuration
pins the setting to 0 and refuses to start if anything sets it.
"""

import os
import time

from flask import current_app

from app.extensions import db

PAUSE_ENV = "FAULT_PAUSE_BEFORE_BOOKING_COMMIT_SECONDS"
PAUSE_LOG_LINE = "Fault hook: booking flushed, pausing before commit"


def pause_before_booking_commit() -> None:
    seconds = current_app.config.get("FAULT_PAUSE_BEFORE_BOOKING_COMMIT_SECONDS") or 0
    if seconds <= 0:
        return
    db.session.flush()  # every row of the booking is in the open transaction now
    current_app.logger.warning("%s for %s s in pid %s", PAUSE_LOG_LINE, seconds, os.getpid())
    time.sleep(seconds)
