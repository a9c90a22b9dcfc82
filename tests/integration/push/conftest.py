"""Push fixtures: the app's VAPID keys, a local push service, and devices subscribed to it."""

import socket

import pytest

from app.instance import generate_vapid_keys
from app.models import PushSubscription
from app.services.push_delivery import make_sender, run_once
from tests.support.push_receiver import PushReceiver

VAPID_PRIVATE, VAPID_PUBLIC = generate_vapid_keys()


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
def sender(app, vapid):
    return make_sender()


@pytest.fixture
def subscribe(factory, receiver):
    """``subscribe(user, "phone")``: her device on the local receiver, stored as the
    browser would have sent it."""

    def make(user, name: str) -> PushSubscription:
        info = receiver.new_device(name)
        device = PushSubscription(
            unit_id=user.unit_id,
            user_id=user.id,
            endpoint=info["endpoint"],
            p256dh=info["keys"]["p256dh"],
            auth=info["keys"]["auth"],
            device_label=name,
        )
        factory.session.add(device)
        factory.session.commit()
        return device

    return make


@pytest.fixture
def connections(monkeypatch):
    """Every outgoing TCP connection the push sender opens, by (address, port)."""
    opened = []
    real = socket.create_connection

    def watching(address, *args, **kwargs):
        opened.append(address)
        return real(address, *args, **kwargs)

    monkeypatch.setattr(socket, "create_connection", watching)
    return opened


@pytest.fixture
def pass_at(sender, frozen_now):
    """``pass_at(moment)``: a worker pass at ``moment``, with the app's clock moved there
    too. A pass never runs earlier than the clock says, so without it the real clock
    would overtake the dates these tests are set on."""

    def run(moment):
        frozen_now(moment)
        return run_once(sender, moment)

    return run
