"""Killing a gunicorn worker in the middle of a booking leaves the whole booking with its
outbox row, or neither. A test-only app (paused_booking.py) holds the worker after the
booking is flushed and before the commit; the test kills that worker with SIGKILL while it
waits. Runs on SQLite (a file database) and, with TEST_DATABASE_URL, on PostgreSQL."""

import os
import re
import signal
import threading
import time

from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Booking, BookingCell, Notification
from tests.factories import Factory
from tests.scale.hosts import GunicornHost, Phone, fresh_database
from tests.scale.paused_booking import PAUSE_LOG_LINE
from tests.scale.slots import slot_tomorrow


def _counts() -> dict[str, int]:
    db.session.rollback()  # see what other processes committed
    count = lambda model: db.session.scalar(select(func.count()).select_from(model))  # noqa: E731
    return {
        "booking": count(Booking),
        "cells": count(BookingCell),
        "outbox": count(Notification),
        "audit": db.session.scalar(
            select(func.count()).where(AuditEvent.action == "booking.created")
        ),
    }


def _wait_for_pause(host: GunicornHost, timeout=30) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = re.search(rf"{PAUSE_LOG_LINE} in pid (\d+)", host.log_text())
        if found:
            return int(found.group(1))
        time.sleep(0.05)
    raise AssertionError(f"the booking never reached the pause:\n{host.log_text()}")


def test_killing_the_worker_mid_booking_leaves_all_or_nothing(tmp_path):
    with fresh_database(tmp_path) as (url, _app):
        factory = Factory()
        unit = factory.unit()
        peer = factory.user("peer_worker", unit)
        mother = factory.user("mother", unit)
        day_path, slot = slot_tomorrow(peer)
        form = {"with_whom": str(peer.id), "starts_at": slot, "baby_care": "with_me"}
        username = mother.username
        db.session.remove()

        paused = GunicornHost(
            url, tmp_path, "paused", workers=1, app="tests.scale.paused_booking:create_paused_app()"
        )
        normal = GunicornHost(url, tmp_path, "normal", workers=1)
        try:
            paused.start(), normal.start()
            paused.wait_ready(), normal.wait_ready()
            phone = Phone("198.51.100.7")
            assert phone.sign_in(paused.url, username)[0] == 302
            token = phone.token(paused.url + day_path)

            outcome = {}

            def book():
                try:
                    outcome["response"] = phone.request(
                        paused.url + day_path, {**form, "csrf_token": token}
                    )
                except OSError as error:  # the connection dies with the worker
                    outcome["error"] = error

            request = threading.Thread(target=book)
            request.start()
            pid = _wait_for_pause(paused)
            assert pid in [worker.pid for worker in paused.workers()]
            os.kill(pid, signal.SIGKILL)
            request.join(timeout=30)
            assert "response" not in outcome, outcome
            assert _counts() == {"booking": 0, "cells": 0, "outbox": 0, "audit": 0}

            # The same booking through a healthy host: the whole of it is there.
            token = phone.token(normal.url + day_path)
            status, page = phone.request(normal.url + day_path, {**form, "csrf_token": token})
            assert status == 302, page[:2000]
            assert _counts() == {"booking": 1, "cells": 8, "outbox": 1, "audit": 1}
        finally:
            paused.stop()
            normal.stop()
