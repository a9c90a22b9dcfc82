"""The push worker against a local push service that checks VAPID and decrypts."""

import threading
from datetime import timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushSubscription
from app.push.worker import run_once
from app.services import clock
from app.services.notifications import KINDS, lock_screen_text, queue_notification
from tests.support.push_receiver import Answer

VALUES = {"time": "14:30", "day": "Tuesday 3 March", "count": 3}


def queue(user, kind="booking.created", url="/peer/"):
    row = queue_notification(user, kind, url=url, **VALUES)
    db.session.commit()
    return row


def status_of(row) -> str:
    db.session.expire_all()
    return db.session.get(Notification, row.id).status


def test_each_kind_arrives_once_with_its_lock_screen_text(
    factory, unit, receiver, sender, subscribe
):
    mother = factory.user(role="mother", unit=unit)
    subscribe(mother, "phone")
    rows = {kind: queue(mother, kind, url=f"/me/{i}") for i, kind in enumerate(KINDS)}

    report = run_once(sender)
    again = run_once(sender)

    assert report.sent == len(KINDS) and again.sent == 0
    got = receiver.accepted("phone")
    assert len(got) == len(KINDS)
    by_tag = {r.message["tag"]: r for r in got}
    for i, (kind, row) in enumerate(rows.items()):
        title, body = lock_screen_text(kind, **VALUES)
        message = by_tag[f"n{row.id}"].message
        assert message == {"title": title, "body": body, "url": f"/me/{i}", "tag": f"n{row.id}"}
        assert status_of(row) == "sent"
    reminder = next(r for r in got if r.message["title"] == "Reminder")
    assert reminder.headers["urgency"] == "high"
    assert int(reminder.headers["ttl"]) == 12 * 60 * 60


def test_every_device_of_hers_gets_it(factory, unit, receiver, sender, subscribe):
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    subscribe(peer, "tablet")
    queue(peer)
    run_once(sender)
    assert len(receiver.accepted("phone")) == 1 and len(receiver.accepted("tablet")) == 1


def test_410_deletes_the_subscription(factory, unit, receiver, sender, subscribe):
    peer = factory.user(role="peer_worker", unit=unit)
    device_id = subscribe(peer, "old-phone").id
    receiver.answer("old-phone", Answer(410))
    row = queue(peer)

    run_once(sender)

    assert db.session.get(PushSubscription, device_id) is None
    assert status_of(row) == "skipped"
    queue(peer)
    run_once(sender)
    assert len(receiver.received) == 1  # never tried again


def test_429_waits_for_retry_after_then_sends_once(
    factory, unit, receiver, sender, subscribe, frozen_now
):
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    receiver.answer("phone", Answer(429, {"Retry-After": "120"}))
    row = queue(peer)
    now = frozen_now(clock.now() + timedelta(seconds=1))

    run_once(sender)
    db.session.expire_all()
    waiting = db.session.get(Notification, row.id)
    assert waiting.status == "pending" and waiting.attempts == 1
    assert waiting.not_before == now + timedelta(seconds=120)

    frozen_now(now + timedelta(seconds=119))
    run_once(sender)
    assert len(receiver.received) == 1  # not before Retry-After
    frozen_now(now + timedelta(seconds=121))
    run_once(sender)
    assert status_of(row) == "sent"
    assert len(receiver.accepted("phone")) == 1


def test_500_retries_with_backoff_then_fails_and_staff_see_it(
    app, factory, unit, receiver, sender, subscribe, as_role, frozen_now
):
    peer = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    subscribe(peer, "phone")
    attempts = app.config["PUSH_MAX_ATTEMPTS"]
    receiver.answer("phone", *[Answer(500)] * attempts)
    row = queue(peer)
    now = clock.now() + timedelta(seconds=1)
    gaps = []
    for _ in range(attempts):
        frozen_now(now)
        run_once(sender)
        db.session.expire_all()
        current = db.session.get(Notification, row.id)
        gaps.append((current.not_before - now).total_seconds())
        now = max(now, current.not_before) + timedelta(seconds=1)

    assert status_of(row) == "failed"
    assert len(receiver.received) == attempts
    assert gaps[:3] == [30, 120, 480]  # backoff grows
    staff_web, _ = as_role("staff")
    page = staff_web.client.get("/staff/notifications/failed").get_data(as_text=True)
    assert "Priya" in page and "Push service error (500)" in page


def test_a_hanging_push_service_times_out_and_is_retried(
    app, factory, unit, receiver, subscribe, senders, monkeypatch
):
    monkeypatch.setitem(app.config, "PUSH_TIMEOUT_SECONDS", 0.5)
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    receiver.answer("phone", Answer(201, hang_seconds=3))
    row = queue(peer)

    run_once(senders())

    db.session.expire_all()
    waiting = db.session.get(Notification, row.id)
    assert (waiting.status, waiting.attempts) == ("pending", 1)
    assert "did not answer in time" in waiting.last_error


def test_two_workers_send_nothing_twice(app, factory, unit, receiver, subscribe, senders):
    people = [factory.user(role="peer_worker", unit=unit) for _ in range(4)]
    for i, person in enumerate(people):
        subscribe(person, f"device{i}")
    for _ in range(15):
        for person in people:
            queue_notification(person, "booking.created", url="/peer/", **VALUES)
    db.session.commit()
    app.config["PUSH_BATCH_SIZE"], batch = 5, app.config["PUSH_BATCH_SIZE"]
    failures = []

    def worker():
        try:
            with app.app_context():
                sender = senders()
                while run_once(sender).claimed:
                    pass
                db.session.remove()
        except Exception as exc:  # surfaced below
            failures.append(exc)

    try:
        threads = [threading.Thread(target=worker) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(60)
    finally:
        app.config["PUSH_BATCH_SIZE"] = batch

    assert not failures
    tags = [r.message["tag"] for r in receiver.accepted()]
    assert len(tags) == 60 and len(set(tags)) == 60
    db.session.expire_all()
    assert set(db.session.scalars(select(Notification.status))) == {"sent"}


def test_a_retry_skips_the_device_that_already_got_it(factory, unit, receiver, sender, subscribe):
    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    subscribe(peer, "tablet")
    receiver.answer("tablet", Answer(503))
    row = queue(peer)
    now = clock.now()
    run_once(sender, now)
    run_once(sender, now + timedelta(minutes=5))
    assert status_of(row) == "sent"
    assert len(receiver.accepted("phone")) == 1 and len(receiver.accepted("tablet")) == 1


def test_no_device_means_nothing_is_sent_but_she_can_still_read_it(factory, unit, sender, as_role):
    web, mother = as_role("mother")
    row = queue(mother, "waitlist.offered", url="/me/")
    run_once(sender)
    assert status_of(row) == "skipped"
    page = web.client.get("/notifications").get_data(as_text=True)
    assert "A place is free for you" in page and "Not sent: notifications are off" in page


def test_without_vapid_keys_nothing_is_sent_and_nothing_is_lost(
    app, factory, unit, senders, monkeypatch
):
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", None)
    peer = factory.user(role="peer_worker", unit=unit)
    row = queue(peer)
    run_once(senders())
    assert status_of(row) == "pending"


def test_each_push_service_gets_a_token_for_itself(app, factory, unit, receiver, subscribe, sender):
    """pywebpush writes aud into the claims it is given: a shared dict would send the
    first service's audience to the second, which must refuse it."""
    from tests.support.push_receiver import PushReceiver

    peer = factory.user(role="peer_worker", unit=unit)
    subscribe(peer, "phone")
    with PushReceiver(receiver.vapid_public_key, receiver.subject) as second:
        second.subscription(peer, "tablet")
        queue(peer)
        run_once(sender)
        assert not second.errors() and len(second.accepted("tablet")) == 1
    assert len(receiver.accepted("phone")) == 1
