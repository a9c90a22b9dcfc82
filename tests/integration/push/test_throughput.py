"""What keeps the push worker fast: one requests.Session whose keep-alive connections are
reused across messages and passes, a few messages on their way at once, a fixed number
of SQL statements per batch whatever its size, and quiet hours checked for a whole batch
at once. (bench/push.py measures the speed itself.)"""

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushDelivery
from app.push.worker import run_once
from app.services.availability import is_working, working_among
from app.services.notifications import queue_notification
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
    app, factory, unit, receiver, subscribe, connections, senders, monkeypatch
):
    monkeypatch.setitem(app.config, "PUSH_IN_FLIGHT", 2)
    sender = senders()
    people_with_a_message_each(factory, unit, subscribe, 12)
    run_once(sender)
    first_pass = len(connections)
    people_with_a_message_each(factory, unit, subscribe, 12, start=12)
    run_once(sender)

    assert len(receiver.accepted()) == 24
    assert 1 <= first_pass <= 2  # at most one connection per message in flight
    assert len(connections) == first_pass  # the next pass reuses them


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


def test_a_slow_answer_does_not_hold_back_the_messages_beside_it(
    app, factory, unit, receiver, subscribe, senders, monkeypatch
):
    """A few messages are on their way at once: while one push service is slow to
    answer, the next messages are still sent and answered."""
    monkeypatch.setitem(app.config, "PUSH_IN_FLIGHT", 2)
    people_with_a_message_each(factory, unit, subscribe, 4)
    receiver.answer("phone0", Answer(201, hang_seconds=0.8))

    report = run_once(senders())

    assert (report.sent, report.retrying) == (4, 0)
    assert sorted(r.device for r in receiver.accepted()) == [f"phone{i}" for i in range(4)]
