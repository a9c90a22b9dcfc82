"""Pooled connections to push services never bypass the address check: each connection
goes to an address that was checked (pinned), and a host is checked again after a while."""

import contextlib
import os
import socket
import ssl
import threading
import time
from datetime import UTC, datetime, timedelta

import certifi
import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from app.services.errors import DomainError
from app.services.push_transport import IDLE_SECONDS, PinnedConnections
from tests.support.push_receiver import PushReceiver, encode_response, read_request

ENDPOINT = "https://fcm.googleapis.com/fcm/send/abc"
PUBLIC = "93.184.216.34"


class FakeDns:
    def __init__(self, *answers):
        self.answers = list(answers)
        self.asked = 0

    def __call__(self, host):
        self.asked += 1
        return self.answers[min(self.asked, len(self.answers)) - 1]


@pytest.fixture
def dialled(monkeypatch):
    """Where connections would go; none is really made."""
    addresses = []

    def refuse(address, *args, **kwargs):
        addresses.append(address)
        raise ConnectionRefusedError("test: no network")

    monkeypatch.setattr(socket, "create_connection", refuse)
    return addresses


def test_the_connection_goes_to_the_checked_address_not_the_name(dialled):
    connections = PinnedConnections(False, 4, resolve=FakeDns([PUBLIC]))
    with pytest.raises(OSError):
        connections.post(ENDPOINT, data=b"x", headers={}, timeout=1)
    assert dialled == [(PUBLIC, 443)]


def test_a_host_is_resolved_once_then_checked_again_after_a_while(dialled):
    now = [0.0]
    dns = FakeDns([PUBLIC], ["10.0.0.5"])  # then it "rebinds" to a private address
    connections = PinnedConnections(False, 4, dns_seconds=60, resolve=dns, monotonic=lambda: now[0])
    assert connections.address_for(ENDPOINT) == PUBLIC
    now[0] = 59
    assert connections.address_for(ENDPOINT) == PUBLIC
    assert dns.asked == 1

    now[0] = 61
    with pytest.raises(DomainError):
        connections.address_for(ENDPOINT)
    with pytest.raises(DomainError):
        connections.post(ENDPOINT, data=b"x", headers={}, timeout=1)
    assert dns.asked == 3 and ("10.0.0.5", 443) not in dialled


def test_the_endpoint_shape_is_checked_every_time_even_for_a_known_host(dialled):
    connections = PinnedConnections(False, 4, resolve=FakeDns([PUBLIC]))
    connections.address_for(ENDPOINT)
    for refused in ("https://fcm.googleapis.com:8443/x", "http://fcm.googleapis.com/x"):
        with pytest.raises(DomainError):
            connections.post(refused, data=b"x", headers={}, timeout=1)
    assert dialled == []


def test_idle_connections_are_closed_once_stale_even_to_an_old_address():
    """Push services rotate addresses: connections pinned to an address no longer used
    must not stay open for the life of the worker."""
    now = [0.0]
    connections = PinnedConnections(True, 4, monotonic=lambda: now[0])
    with (
        PushReceiver("unused", "unused", verify=False) as first,
        PushReceiver("unused", "unused", verify=False) as second,
    ):
        connections.post(f"{first.url}/push/a", data=b"x", headers={}, timeout=2)
        assert len(connections.idle) == 1
        now[0] = IDLE_SECONDS + 1
        connections.post(f"{second.url}/push/b", data=b"x", headers={}, timeout=2)
        assert [key[2] for key in connections.idle] == [second.server.server_address[1]]
    connections.close()


def self_signed(folder, host: str) -> tuple[str, str]:
    """A certificate for ``host`` that no trusted authority signed: (cert, key) files."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, host)])
    now = datetime.now(UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=1))
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


def test_a_push_service_whose_certificate_is_not_trusted_gets_nothing(tmp_path):
    """Connections over https verify the certificate: a server presenting one that no
    trusted authority signed never sees the request."""
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

    with socket.create_server(("127.0.0.1", 0)) as listener:
        server = threading.Thread(target=serve, args=(listener,), daemon=True)
        server.start()
        connections = PinnedConnections(True, 4)
        url = f"https://localhost:{listener.getsockname()[1]}/push/a"
        with pytest.raises(ssl.SSLCertVerificationError):
            connections.post(url, data=b"secret", headers={}, timeout=5)
        server.join(timeout=5)
    assert received == []


def test_a_trusted_push_service_gets_each_message_whole_over_one_tls_connection(
    tmp_path, monkeypatch
):
    """Over https the socket never blocks: a write the peer cannot take yet, and an
    answer that is not there yet, are waited for, and the connection is kept."""
    cert, key = self_signed(tmp_path, "localhost")
    monkeypatch.setattr(certifi, "where", lambda: cert)  # trusted here, as a CA would be
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    received = []

    def serve(listener):
        connection, _ = listener.accept()
        with connection, context.wrap_socket(connection, server_side=True) as tls:
            stream = tls.makefile("rb")
            while request := read_request(stream):
                received.append(request[3])
                time.sleep(0.2)  # the answer comes later than the request went out
                tls.sendall(encode_response(201, {}, b""))

    big = os.urandom(8 * 1024 * 1024)  # more than the socket buffers take at once
    with socket.create_server(("127.0.0.1", 0)) as listener:
        threading.Thread(target=serve, args=(listener,), daemon=True).start()
        connections = PinnedConnections(True, 4)
        url = f"https://localhost:{listener.getsockname()[1]}/push/a"
        answers = [
            connections.post(url, data=body, headers={"TTL": "60"}, timeout=10).status_code
            for body in (b"first", big, b"third")
        ]
        connections.close()

    assert answers == [201, 201, 201]
    assert received == [b"first", big, b"third"]
    assert connections.opened == 1
