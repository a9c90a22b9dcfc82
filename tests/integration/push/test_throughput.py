"""What keeps the push worker fast: keep-alive connections reused across messages and
passes, a fixed number of SQL statements per batch whatever its size, and quiet hours
checked for a whole batch at once. (bench/push.py measures the speed itself.)"""

import time
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushDelivery, PushSubscription
from app.services import clock
from app.services.availability import is_working, working_among
from app.services.notifications import queue_notification
from app.services.push_delivery import make_sender, run_once
from app.services.push_sender import Device
from tests.sessions_support import leave, weekly
from tests.support.push_receiver import Answer
from tests.support.sql import recorded_statements

MONDAY_0930 = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)  # Europe/London is UTC in January


def people_with_a_message_each(factory, unit, subscribe, count, start=0):
    people = []
    for i in range(start, start + count):
        person = factory.user(role="peer_worker", unit=unit)
        subscribe(person, f"phone{i}")
        queue_notification(person, "booking.created", url="/peer/", time="10:00", day="Monday")
        people.append(person)
    db.session.commit()
    return people


def test_connections_are_kept_alive_and_reused(
    app, factory, unit, receiver, subscribe, connections, monkeypatch
):
    monkeypatch.setitem(app.config, "PUSH_IN_FLIGHT", 2)
    sender = make_sender()
    try:
        people_with_a_message_each(factory, unit, subscribe, 12)
        run_once(sender)
        first_pass = len(connections)
        people_with_a_message_each(factory, unit, subscribe, 12, start=12)
        run_once(sender)
    finally:
        sender.close()

    assert len(receiver.accepted()) == 24
    assert 1 <= first_pass <= 2  # at most one connection per message in flight
    assert len(connections) == first_pass  # the next pass reuses them
    assert sender.connections.opened == first_pass


def test_a_batch_costs_the_same_statements_whatever_its_size(
    factory, unit, receiver, sender, subscribe
):
    def one_pass(start, count):
        people_with_a_message_each(factory, unit, subscribe, count, start)
        with recorded_statements() as seen:
            report = run_once(sender)
        assert report.sent == count
        return len(seen)

    few, many = one_pass(0, 2), one_pass(2, 12)

    assert few == many
    assert len(receiver.accepted()) == 14
    assert set(db.session.scalars(select(Notification.status))) == {"sent"}
    # Done rows are never tried again, so which device got them is not written.
    assert db.session.scalar(select(db.func.count(PushDelivery.id))) == 0


def test_working_time_for_many_at_once_matches_each_alone(factory, unit):
    unset = factory.user(role="peer_worker", unit=unit)  # no windows: always notified
    on_shift = factory.user(role="peer_worker", unit=unit)
    weekly(on_shift, 0, starts="09:00", ends="17:00")
    off_shift = factory.user(role="peer_worker", unit=unit)
    weekly(off_shift, 1, starts="09:00", ends="17:00")
    on_leave = factory.user(role="peer_worker", unit=unit)
    weekly(on_leave, 0, starts="09:00", ends="17:00")
    leave(on_leave, date(2027, 1, 4))
    people = [unset, on_shift, off_shift, on_leave]

    together = working_among(people, MONDAY_0930)

    assert together == {unset.id, on_shift.id}
    assert together == {p.id for p in people if is_working(p, MONDAY_0930)}


@pytest.fixture
def first_one_slow(app, factory, unit, receiver, subscribe, monkeypatch):
    """``first_one_slow(in_flight, count)``: a message each for ``count`` people; the
    first one's push service answers after 0.8 s, when the pass may start no more
    messages (after 0.5 s). Returns the sender."""

    def make(in_flight: int, count: int):
        monkeypatch.setitem(app.config, "PUSH_IN_FLIGHT", in_flight)
        monkeypatch.setitem(app.config, "PUSH_CLAIM_STALE_SECONDS", 1)
        people_with_a_message_each(factory, unit, subscribe, count)
        receiver.answer("phone0", Answer(201, hang_seconds=0.8))
        return make_sender()

    return make


def test_a_big_batch_starts_no_message_after_half_the_claim_time(receiver, first_one_slow):
    """However slow the push services, a pass stops starting messages before its claim
    could go stale (when another worker could take the rows and send them again)."""
    sender = first_one_slow(in_flight=1, count=3)

    report = run_once(sender)

    assert len(receiver.received) == 1  # the slow one; the other two were never started
    assert (report.sent, report.retrying) == (1, 2)
    db.session.expire_all()
    waiting = db.session.scalars(select(Notification).where(Notification.status == "pending"))
    assert all("Not tried yet" in row.last_error for row in waiting)
    assert set(db.session.scalars(select(PushSubscription.failure_count))) == {0}

    run_once(sender, clock.now() + timedelta(seconds=5))

    tags = [r.message["tag"] for r in receiver.accepted()]
    assert len(tags) == 3 and len(set(tags)) == 3
    sender.close()


def test_a_slow_answer_does_not_hold_back_the_messages_beside_it(receiver, first_one_slow):
    """A few messages are on their way at once and each answer is read as it comes: while
    one push service is slow to answer, the next messages are still sent and answered."""
    sender = first_one_slow(in_flight=2, count=4)

    report = run_once(sender)
    sender.close()

    assert (report.sent, report.retrying) == (4, 0)
    assert sorted(r.device for r in receiver.accepted()) == [f"phone{i}" for i in range(4)]


def test_a_pass_stopped_midway_leaves_no_connection_half_used(app, receiver, sender, monkeypatch):
    """Stopped (Ctrl-C) while messages are on their way: their connections are closed,
    never put back to carry another message with an answer still pending on them."""
    devices = [receiver.new_device(f"phone{i}") for i in range(2)]
    work = [
        (i, Device(i, d["endpoint"], d["keys"]["p256dh"], d["keys"]["auth"]), "{}", "normal")
        for i, d in enumerate(devices)
    ]
    receiver.answer("phone0", Answer(201, hang_seconds=0.5))
    sender.in_flight = 2
    started, real = [], sender.start

    def start_then_stop(request):
        if started:
            raise KeyboardInterrupt
        started.append(real(request))
        return started[0]

    monkeypatch.setattr(sender, "start", start_then_stop)
    with pytest.raises(KeyboardInterrupt):
        sender.send_all(work, clock.now(), time.monotonic() + 60)

    assert started[0].connection.sock is None  # closed, not left open or pooled
    assert not any(sender.connections.idle.values())
    sender.close()
