"""A pass has one deadline for looking up hosts, encrypting and sending, well inside the
time after which another worker may take its rows over. What was not sent by then waits
for a later pass, its try not counted: a slow DNS answer never gets a message sent late,
twice, or not at all."""

import socket
import threading

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushSubscription
from app.push.worker import run_once
from app.services.notifications import queue_notification


@pytest.fixture
def three_waiting(app, factory, unit, subscribe, monkeypatch):
    """Three peer workers with a message each; one message on its way at a time."""
    monkeypatch.setitem(app.config, "PUSH_IN_FLIGHT", 1)
    for i in range(3):
        peer = factory.user(role="peer_worker", unit=unit)
        subscribe(peer, f"phone{i}")
        queue_notification(peer, "booking.created", url="/peer/", time="10:00", day="Monday")
    db.session.commit()


def rows() -> list[tuple[str, int, str]]:
    db.session.expire_all()
    found = db.session.scalars(select(Notification).order_by(Notification.id))
    return [(row.status, row.attempts, row.last_error) for row in found]


def each_sent_once(receiver) -> bool:
    tags = [r.message["tag"] for r in receiver.accepted()]
    return len(tags) == 3 and len(set(tags)) == 3


def test_a_message_whose_look_up_answers_after_the_deadline_is_not_sent(
    app, receiver, senders, three_waiting, tuesday, monkeypatch
):
    seconds = [1000.0]  # the sender's monotonic clock, moved by the slow answer
    real = socket.getaddrinfo
    looked_up = []

    def slow_first_answer(*args, **kwargs):
        if not looked_up:
            seconds[0] += app.config["PUSH_PASS_SECONDS"] + 1
        looked_up.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", slow_first_answer)
    sender = senders()
    sender.monotonic = lambda: seconds[0]

    report = run_once(sender)

    assert looked_up == ["127.0.0.1"]  # the first message's host; the others were too late
    assert receiver.received == []
    assert (report.sent, report.retrying) == (0, 3)
    assert rows() == [("pending", 0, "Not tried yet (time ran out)")] * 3
    assert all(row.not_before == tuesday for row in db.session.scalars(select(Notification)))
    assert set(db.session.scalars(select(PushSubscription.failure_count))) == {0}

    run_once(sender)  # the next pass, with its own deadline

    assert each_sent_once(receiver)
    assert [status for status, _, _ in rows()] == ["sent"] * 3


def test_a_hanging_resolver_ends_the_pass_by_its_deadline(
    app, receiver, senders, three_waiting, monkeypatch
):
    monkeypatch.setitem(app.config, "PUSH_PASS_SECONDS", 0.5)
    real = socket.getaddrinfo
    hanging, released, answered = threading.Event(), threading.Event(), threading.Event()

    def hangs_the_first_time(*args, **kwargs):
        if not hanging.is_set():
            hanging.set()
            released.wait(30)
            answered.set()
        return real(*args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", hangs_the_first_time)
    sender = senders()

    report = run_once(sender)

    assert hanging.is_set() and not answered.is_set()  # ended with the look-up unanswered
    assert (report.sent, report.retrying) == (0, 3)
    assert rows() == [("pending", 0, "Not tried yet (time ran out)")] * 3
    released.set()
    sender.close()  # its threads have finished: the late answer sent nothing
    assert answered.is_set() and receiver.received == []

    run_once(senders())

    assert each_sent_once(receiver)
    assert rows() == [("sent", 1, "")] * 3
