"""Two push workers, as ``flask push worker`` runs them in production, over one fresh
database: every notification reaches its device exactly once. Runs on SQLite (a file
database) and, with TEST_DATABASE_URL, on PostgreSQL, where the claim skips the rows
the other worker has locked."""

import os
import subprocess
import sys
import time

from sqlalchemy import func, select

from app.extensions import db
from app.instance import generate_vapid_keys
from app.models import Notification
from app.services.notifications import queue_notification
from config import TestConfig
from tests.conftest import TEST_NOW
from tests.factories import Factory
from tests.scale.hosts import ROOT, fresh_database
from tests.support.push_receiver import PushReceiver

PEOPLE, EACH = 40, 5


def worker(url: str, keys: tuple[str, str]) -> subprocess.Popen:
    """``flask push worker`` in the test configuration (which allows the local receiver),
    on the tests' clock."""
    env = {
        **os.environ,
        "APP_ENV": "test",
        "TEST_CLOCK": TEST_NOW.isoformat(),
        "TEST_DATABASE_URL": url,
        "VAPID_PRIVATE_KEY": keys[0],
        "VAPID_PUBLIC_KEY": keys[1],
        "PUSH_BATCH_SIZE": "7",  # many small passes, so the two workers meet often
        "PUSH_POLL_SECONDS": "0.2",
    }
    command = [sys.executable, "-m", "flask", "--app", "tests.scale.clocked_app", "push", "worker"]
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL)


def test_two_workers_deliver_each_notification_exactly_once(tmp_path):
    keys = generate_vapid_keys()
    with (
        fresh_database(tmp_path) as (url, _app),
        PushReceiver(keys[1], TestConfig.VAPID_SUBJECT) as receiver,
    ):
        factory = Factory()
        unit = factory.unit()
        for i in range(PEOPLE):
            person = factory.user("peer_worker", unit)
            receiver.subscription(person, f"phone{i}")
            for _ in range(EACH):
                queue_notification(person, "talk.requested", url="/peer/")
        db.session.commit()

        workers = [worker(url, keys), worker(url, keys)]
        try:
            deadline = time.monotonic() + 120
            while len(receiver.received) < PEOPLE * EACH and time.monotonic() < deadline:
                time.sleep(0.2)
            time.sleep(1)  # time for anything sent twice to arrive too
        finally:
            for process in workers:
                process.terminate()
            for process in workers:
                process.wait(timeout=30)

        assert [process.returncode for process in workers] == [0, 0]
        assert not receiver.errors(), receiver.errors()
        tags = [r.message["tag"] for r in receiver.accepted()]
        assert len(tags) == PEOPLE * EACH and len(set(tags)) == len(tags)
        db.session.rollback()  # see what the workers committed
        statuses = db.session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)
        ).all()
        assert statuses == [("sent", PEOPLE * EACH)]
