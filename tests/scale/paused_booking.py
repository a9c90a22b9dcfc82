"""The product's app with one fault added, for tests only: a booking's commit waits.

``gunicorn "tests.scale.paused_booking:create_paused_app()"`` serves the app as
clocked_app.py does, except that when the booking view commits, a ``before_commit``
listener flushes the booking, its cells, its outbox row and its audit event, logs
``PAUSE_LOG_LINE`` with the worker's pid, and sleeps, so that a test can kill the worker
at exactly that moment and prove that the database keeps the whole booking or nothing.
"""

import os
import sys
import time

from flask import has_request_context, request
from sqlalchemy import event

from app.extensions import db
from tests.scale.clocked_app import create_app

PAUSE_SECONDS = 30
PAUSE_LOG_LINE = "Booking flushed, pausing before its commit"


def pause_before_booking_commit(session) -> None:
    if not (has_request_context() and request.endpoint == "bookings.book_day"):
        return
    session.flush()  # every row of the booking is in the open transaction now
    print(f"{PAUSE_LOG_LINE} in pid {os.getpid()}", file=sys.stderr, flush=True)
    time.sleep(PAUSE_SECONDS)


def create_paused_app():
    app = create_app()
    event.listen(db.session, "before_commit", pause_before_booking_commit)
    return app
