"""Push fixtures: the app's VAPID keys, a local push service, devices subscribed to it,
and the app's clock frozen on a Tuesday morning in January 2027 (Europe/London is UTC)."""

import socket
from datetime import UTC, datetime

import pytest

from app.instance import generate_vapid_keys
from app.push.worker import make_sender, run_once
from tests.support.push_receiver import PushReceiver

VAPID_PRIVATE, VAPID_PUBLIC = generate_vapid_keys()
TUESDAY_10 = datetime(2027, 1, 5, 10, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def tuesday(frozen_now):
    return frozen_now(TUESDAY_10)


@pytest.fixture
def vapid(app, monkeypatch):
    monkeypatch.setitem(app.config, "VAPID_PRIVATE_KEY", VAPID_PRIVATE)
    monkeypatch.setitem(app.config, "VAPID_PUBLIC_KEY", VAPID_PUBLIC)
    return VAPID_PUBLIC


@pytest.fixture
def receiver(app, vapid):
    with PushReceiver(vapid, app.config["VAPID_SUBJECT"]) as running:
        yield running
    assert not running.errors(), running.errors()


@pytest.fixture
def senders(app, vapid):
    """``senders()``: a new worker's sender, closed (its threads ended) after the test."""
    made = []

    def make():
        made.append(make_sender())
        return made[-1]

    yield make
    for sender in made:
        if sender is not None:
            sender.close()


@pytest.fixture
def sender(senders):
    return senders()


@pytest.fixture
def subscribe(app, receiver):
    """``subscribe(user, "phone")``: her device on the local receiver, stored as the
    browser would have sent it."""
    return receiver.subscription


@pytest.fixture
def connections(monkeypatch):
    """Every outgoing TCP connection made, by address."""
    opened = []
    real = socket.socket.connect

    def watching(sock, address):
        opened.append(address)
        return real(sock, address)

    monkeypatch.setattr(socket.socket, "connect", watching)
    return opened


@pytest.fixture
def pass_at(sender, frozen_now):
    """``pass_at(moment)``: a worker pass at ``moment``, with the app's clock moved there
    too. A pass never runs earlier than the clock says."""

    def run(moment):
        frozen_now(moment)
        return run_once(sender, moment)

    return run
