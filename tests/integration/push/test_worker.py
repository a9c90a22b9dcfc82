"""The worker command and its reminder hook."""

from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Notification
from app.services import clock, push_delivery
from app.services.notifications import queue_notification
from app.services.push_delivery import Worker, run_once
from app.services.push_schedule import register_reminder_generator, unregister_reminder_generator


def test_the_worker_runs_registered_reminder_generators_each_pass(
    factory, unit, receiver, sender, subscribe
):
    mother = factory.user(role="mother", unit=unit)
    subscribe(mother, "phone")

    def session_reminders(now):
        """Queues her one reminder, once (a generator must be idempotent)."""
        already = db.session.scalar(
            select(Notification.id).where(Notification.kind == "session.reminder")
        )
        if already:
            return 0
        queue_notification(mother, "session.reminder", url="/me/", time="14:30")
        return 1

    register_reminder_generator(session_reminders)
    try:
        first = run_once(sender)
        second = run_once(sender)
    finally:
        unregister_reminder_generator(session_reminders)

    assert (first.generated, first.sent, second.generated) == (1, 1, 0)
    got = receiver.accepted()
    assert [(r.message["title"], r.message["body"]) for r in got] == [
        ("Reminder", "Session at 14:30")
    ]


def test_back_to_back_passes_send_each_time_and_run_the_housekeeping_once_per_interval(
    factory, unit, receiver, sender, subscribe
):
    """While the worker works through a backlog, its passes follow one another with no
    wait: each sends what is due, but reminders are looked for once per poll interval."""
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    looked = []

    def reminders(now):
        looked.append(now)
        return 0

    seconds = [100.0]
    worker = Worker(sender, housekeeping_seconds=2, monotonic=lambda: seconds[0])
    register_reminder_generator(reminders)
    try:
        sent = []
        for at in (100.0, 100.5, 101.9, 102.0, 102.1, 104.5):
            seconds[0] = at
            queue_notification(peer, "talk.requested", url="/peer/")
            db.session.commit()
            sent.append(worker.run_pass().sent)
    finally:
        unregister_reminder_generator(reminders)
    assert sent == [1, 1, 1, 1, 1, 1]
    assert len(looked) == 3  # at 100, 102 and 104.5
    assert len(receiver.accepted()) == 6


def test_a_failing_generator_does_not_stop_delivery(factory, unit, receiver, sender, subscribe):
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    queue_notification(peer, "talk.requested", url="/peer/")
    db.session.commit()

    def broken(now):
        raise RuntimeError("database of activities is not there")

    register_reminder_generator(broken)
    try:
        report = run_once(sender)
    finally:
        unregister_reminder_generator(broken)
    assert report.sent == 1


def test_a_batch_that_cannot_be_prepared_waits_until_its_claim_is_stale(
    app, factory, unit, receiver, sender, subscribe, monkeypatch
):
    """A failure while readying a batch undoes the transaction that claimed it; the
    rows are claimed again, this try counted, so the next passes leave them until the
    claim is stale rather than failing on them again and again."""
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    row = queue_notification(peer, "talk.requested", url="/peer/")
    db.session.commit()

    def broken(*args):
        raise ValueError("a payload that cannot be made")

    monkeypatch.setattr(push_delivery, "_payload", broken)
    failed = run_once(sender)
    monkeypatch.undo()
    right_after = run_once(sender)
    db.session.refresh(row)
    assert (failed.sent, right_after.claimed, row.status, row.attempts) == (0, [], "sending", 1)

    stale = clock.now() + timedelta(seconds=app.config["PUSH_CLAIM_STALE_SECONDS"] + 1)
    later = run_once(sender, now=stale)
    db.session.refresh(row)
    assert (later.sent, row.status, row.attempts) == (1, "sent", 2)
    assert len(receiver.accepted()) == 1


def test_push_commands(app, factory, unit, receiver, subscribe):
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    queue_notification(peer, "talk.requested", url="/peer/")
    db.session.commit()
    runner = app.test_cli_runner()
    assert "worker" in runner.invoke(args=["push", "--help"]).output
    result = runner.invoke(args=["push", "run-once"])
    assert result.exit_code == 0, result.output
    assert "sent 1" in result.output
    assert len(receiver.accepted()) == 1
