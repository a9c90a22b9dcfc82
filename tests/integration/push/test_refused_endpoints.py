"""Endpoints come from the browser: the server never posts to one that is not a push service."""

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushSubscription
from app.services.notifications import queue_notification
from app.services.push_delivery import make_sender, run_once
from tests.support.push_receiver import Answer, PushReceiver

REFUSED = [
    "http://127.0.0.1/",
    "https://169.254.169.254/",
    "https://fcm.googleapis.com.evil.test/",
    "https://user@fcm.googleapis.com/",
    "https://fcm.googleapis.com:8443/send/x",
    "ftp://fcm.googleapis.com/x",
]
KEYS = {"p256dh": "BAAA" + "A" * 83, "auth": "A" * 22}


@pytest.fixture
def production_rules(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUSH_ALLOW_LOCAL_RECEIVER", False)


@pytest.mark.parametrize("endpoint", REFUSED)
def test_refused_when_subscribing(as_role, production_rules, endpoint):
    web, _ = as_role("mother")
    response = web.client.post(
        "/push/subscriptions",
        data=json.dumps({"endpoint": endpoint, "keys": KEYS, "label": "Phone"}),
        content_type="application/json",
        headers={"X-CSRFToken": web.token("/notifications/settings")},
    )
    assert response.status_code == 400
    assert "cannot send notifications to" in response.get_json()["error"]
    assert db.session.scalar(select(PushSubscription.id)) is None


def test_refused_endpoints_stored_earlier_are_never_contacted(
    app, factory, unit, vapid, production_rules, connections
):
    peer = factory.user(role="peer_worker", unit=unit)
    with PushReceiver(vapid, app.config["VAPID_SUBJECT"]) as local:
        endpoints = [*REFUSED, local.new_device("x")["endpoint"]]
        for i, endpoint in enumerate(endpoints):
            factory.session.add(
                PushSubscription(
                    unit_id=unit.id,
                    user_id=peer.id,
                    endpoint=endpoint,
                    device_label=f"d{i}",
                    **KEYS,
                )
            )
        queue_notification(peer, "booking.created", url="/peer/", time="10:00", day="Monday")
        db.session.commit()

        run_once(make_sender())

        assert local.received == []
    assert connections == []
    assert db.session.scalar(select(PushSubscription.id)) is None  # all forgotten
    assert db.session.scalar(select(Notification.status)) == "skipped"


def test_a_redirect_is_not_followed(app, factory, unit, receiver, subscribe):
    peer = factory.user(role="peer_worker", unit=unit)
    device = subscribe(peer, "phone")
    with PushReceiver(receiver.vapid_public_key, receiver.subject) as elsewhere:
        target = elsewhere.new_device("target")["endpoint"]
        receiver.answer("phone", Answer(307, {"Location": target}))
        queue_notification(peer, "booking.created", url="/peer/", time="10:00", day="Monday")
        db.session.commit()

        run_once(make_sender())

        assert elsewhere.received == []
    db.session.expire_all()
    assert db.session.scalar(select(Notification.status)) == "failed"
    assert db.session.get(PushSubscription, device.id).failure_count == 1


def test_the_local_receiver_is_refused_by_default():
    from config import Config, ProductionConfig

    assert Config.PUSH_ALLOW_LOCAL_RECEIVER is False
    assert ProductionConfig.PUSH_ALLOW_LOCAL_RECEIVER is False
