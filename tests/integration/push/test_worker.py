"""The worker command, and the reminders it queues on its passes."""

from datetime import timedelta

from app.extensions import db
from app.push import worker
from app.push.worker import Worker, run_once
from app.services import clock, reminders
from app.services.notifications import queue_notification
from tests.sessions_support import booked


def test_each_pass_queues_the_reminders_due_and_sends_them(
    factory, unit, receiver, sender, subscribe, tuesday
):
    mother = factory.user(role="mother", unit=unit)
    subscribe(mother, "phone")
    booked(mother, factory.user(role="peer_worker", unit=unit), tuesday + timedelta(minutes=20))

    first = run_once(sender)
    second = run_once(sender)

    assert (first.generated, first.sent, second.generated) == (1, 1, 0)
    got = receiver.accepted()
    assert [(r.message["title"], r.message["body"]) for r in got] == [
        ("Reminder", "Session at 10:20")
    ]


def test_back_to_back_passes_send_each_time_and_run_the_housekeeping_once_per_interval(
    factory, unit, receiver, sender, subscribe, monkeypatch
):
    """While the worker works through a backlog, its passes follow one another with no
    wait: each sends what is due, but reminders are looked for once per poll interval."""
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    looked = []
    real = reminders.queue_session_reminders

    def looking(now):
        looked.append(now)
        return real(now)

    monkeypatch.setattr(reminders, "queue_session_reminders", looking)
    seconds = [100.0]
    passes = Worker(sender, housekeeping_seconds=2, monotonic=lambda: seconds[0])
    sent = []
    for at in (100.0, 100.5, 101.9, 102.0, 102.1, 104.5):
        seconds[0] = at
        queue_notification(peer, "talk.requested", url="/peer/")
        db.session.commit()
        sent.append(passes.run_pass().sent)
    assert sent == [1, 1, 1, 1, 1, 1]
    assert len(looked) == 3  # at 100, 102 and 104.5
    assert len(receiver.accepted()) == 6


def test_reminders_that_fail_to_queue_stop_neither_the_others_nor_delivery(
    factory, unit, receiver, sender, subscribe, tuesday, monkeypatch
):
    mother = factory.user(role="mother", unit=unit)
    subscribe(mother, "phone")
    booked(mother, factory.user(role="peer_worker", unit=unit), tuesday + timedelta(minutes=20))
    queue_notification(mother, "booking.cancelled_by_peer", url="/me/")
    db.session.commit()

    def broken(now):
        raise RuntimeError("database of activities is not there")

    monkeypatch.setattr(reminders, "queue_group_reminders", broken)
    report = run_once(sender)
    assert (report.generated, report.sent) == (1, 2)


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

    with monkeypatch.context() as patch:
        patch.setattr(worker, "push_payload", broken)
        failed = run_once(sender)
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
