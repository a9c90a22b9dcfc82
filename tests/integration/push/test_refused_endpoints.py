"""Endpoints come from the browser: the server never posts to one that is not a push service."""

import contextlib
import json
import socket
import ssl
import threading
from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushSubscription
from app.push.worker import run_once
from app.services.notifications import queue_notification
from tests.factories import PushSubscriptionFactory
from tests.support.push_receiver import Answer, PushReceiver, device_keys

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
    app, factory, unit, vapid, production_rules, connections, senders
):
    peer = factory.user(role="peer_worker", unit=unit)
    with PushReceiver(vapid, app.config["VAPID_SUBJECT"]) as local:
        endpoints = [*REFUSED, local.new_device("x")["endpoint"]]
        for i, endpoint in enumerate(endpoints):
            PushSubscriptionFactory(user=peer, endpoint=endpoint, device_label=f"d{i}", **KEYS)
        queue_notification(peer, "booking.created", url="/peer/", time="10:00", day="Monday")
        db.session.commit()

        run_once(senders())

        assert local.received == []
    assert connections == []
    assert db.session.scalar(select(PushSubscription.id)) is None  # all forgotten
    assert db.session.scalar(select(Notification.status)) == "skipped"


def test_a_redirect_is_not_followed(app, factory, unit, receiver, subscribe, sender):
    peer = factory.user(role="peer_worker", unit=unit)
    device = subscribe(peer, "phone")
    with PushReceiver(receiver.vapid_public_key, receiver.subject) as elsewhere:
        target = elsewhere.new_device("target")["endpoint"]
        receiver.answer("phone", Answer(307, {"Location": target}))
        queue_notification(peer, "booking.created", url="/peer/", time="10:00", day="Monday")
        db.session.commit()

        run_once(sender)

        assert elsewhere.received == []
    db.session.expire_all()
    assert db.session.scalar(select(Notification.status)) == "failed"
    assert db.session.get(PushSubscription, device.id).failure_count == 1


def test_the_local_receiver_is_refused_by_default():
    from config import Config, ProductionConfig

    assert Config.PUSH_ALLOW_LOCAL_RECEIVER is False
    assert ProductionConfig.PUSH_ALLOW_LOCAL_RECEIVER is False


def self_signed(folder, host: str) -> tuple[str, str]:
    """A certificate for ``host`` that no trusted authority signed: (cert, key) files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(datetime(2000, 1, 1, tzinfo=UTC))
        .not_valid_after(datetime(2099, 12, 31, tzinfo=UTC))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(host)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "cert.pem", folder / "key.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return str(cert_file), str(key_file)


def test_a_push_service_whose_certificate_is_not_trusted_gets_nothing(
    factory, unit, sender, tmp_path
):
    """Over https the certificate is verified: a server presenting one that no trusted
    authority signed never sees the message."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(*self_signed(tmp_path, "localhost"))
    received = []

    def serve(listener):
        connection, _ = listener.accept()
        with (
            connection,
            contextlib.suppress(OSError),
            context.wrap_socket(connection, server_side=True) as tls,
        ):
            received.append(tls.recv(65536))

    peer = factory.user(role="peer_worker", unit=unit)
    with socket.create_server(("127.0.0.1", 0)) as listener:
        server = threading.Thread(target=serve, args=(listener,), daemon=True)
        server.start()
        port = listener.getsockname()[1]
        PushSubscriptionFactory(
            user=peer, endpoint=f"https://localhost:{port}/push/a", **device_keys()[2]
        )
        queue_notification(peer, "booking.created", url="/peer/", time="10:00", day="Monday")
        db.session.commit()

        run_once(sender)
        server.join(timeout=5)

    assert received == []
    db.session.expire_all()
    row = db.session.scalar(select(Notification))
    assert (row.status, row.last_error) == ("pending", "Could not reach the push service")
