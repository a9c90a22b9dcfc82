"""Keep-alive connections to push services, each pinned to an address that was checked.

A new TCP (and TLS) connection per message is most of the cost of sending one, so the
worker keeps idle connections per push service and reuses them. Reuse must not open a
way round the address check (SSRF, DNS rebinding): a host is resolved here, every
address it resolves to must be public (``checked_addresses``), and a connection is then
opened to the checked IP itself, never to the name, so a later DNS answer cannot send it
elsewhere. TLS is still verified against the host's name (SNI and certificate), and the
Host header names it. A resolution is reused for ``dns_seconds``, then checked again; a
changed answer means new connections. Redirects are never followed (nothing here follows
them) and nothing is retried (the worker's backoff decides that).

``post(url, data=, headers=, timeout=)`` is the one method pywebpush's ``WebPusher.send``
calls on its ``requests_session``; it answers with ``status_code``, ``reason``,
``headers`` and ``text``. Each request goes out in one write (headers and body).
"""

import http.client
import select
import socket
import ssl
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

import certifi

from app.services.push_endpoints import (
    check_endpoint_form,
    checked_addresses,
    resolve_addresses,
)

IDLE_SECONDS = 30  # an idle connection older than this is closed, not reused
MAX_BODY = 64 * 1024  # answers from push services are small; read no more
MAX_REMEMBERED = 10_000  # endpoints whose shape was checked, kept to skip re-checking


@dataclass(frozen=True)
class PushResponse:
    status_code: int
    reason: str
    headers: Message
    text: str


class PinnedHTTPConnection(http.client.HTTPConnection):
    """Speaks to ``host`` (Host header) but connects to ``address``."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _send_output(self, message_body=None, encode_chunked=False):
        """Headers and a bytes body in one write (http.client writes them apart): one
        packet, and one wake-up of the push service instead of two."""
        if not isinstance(message_body, bytes):
            return super()._send_output(message_body, encode_chunked)
        self._buffer.extend((b"", message_body))
        request = b"\r\n".join(self._buffer)
        del self._buffer[:]
        self.send(request)


class PinnedHTTPSConnection(PinnedHTTPConnection):
    default_port = 443

    def __init__(self, host, port, address, timeout, context: ssl.SSLContext):
        super().__init__(host, port, address, timeout)
        self.context = context

    def connect(self):
        super().connect()
        self.sock = self.context.wrap_socket(self.sock, server_hostname=self.host)


def _dropped(connection: http.client.HTTPConnection) -> bool:
    """An idle keep-alive connection that is readable has been closed by the server."""
    if connection.sock is None:
        return True
    try:
        return bool(select.select([connection.sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


class PinnedConnections:
    def __init__(
        self,
        allow_local: bool,
        connections_per_host: int,
        dns_seconds: float = 60,
        resolve: Callable[[str], list[str]] = resolve_addresses,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.allow_local = allow_local
        self.connections_per_host = max(1, connections_per_host)
        self.dns_seconds = dns_seconds
        self.resolve = resolve
        self.monotonic = monotonic
        self.lock = threading.Lock()
        self.addresses: dict[str, tuple[float, list[str]]] = {}
        self.allowed: set[str] = set()  # endpoints whose shape passed the check
        self.idle: dict[tuple, list[tuple[float, http.client.HTTPConnection]]] = {}
        self.opened = 0  # connections made so far (for tests and benchmarks)
        self.swept_at = monotonic()
        self.tls = ssl.create_default_context(cafile=certifi.where())
        weakref.finalize(self, _close_idle, self.idle)  # no socket outlives its pool

    def address_for(self, endpoint: str) -> str:
        """A checked address for the endpoint's host (resolved again after
        ``dns_seconds``). Raises DomainError when refused, OSError when the name cannot
        be resolved."""
        if endpoint not in self.allowed:  # the shape check is pure: once per endpoint
            check_endpoint_form(endpoint, self.allow_local)
            with self.lock:
                if len(self.allowed) >= MAX_REMEMBERED:
                    self.allowed.clear()
                self.allowed.add(endpoint)
        host = urlsplit(endpoint).hostname or ""
        now = self.monotonic()
        with self.lock:
            cached = self.addresses.get(host)
        if cached is None or cached[0] <= now:
            addresses = checked_addresses(endpoint, self.allow_local, self.resolve)
            cached = (now + self.dns_seconds, addresses)
            with self.lock:
                self.addresses[host] = cached
        return cached[1][0]

    def _take(self, key: tuple, timeout: float) -> http.client.HTTPConnection:
        scheme, host, port, address = key
        now = self.monotonic()
        with self.lock:
            waiting = self.idle.get(key, [])
            while waiting:
                since, connection = waiting.pop()
                if now - since < IDLE_SECONDS and not _dropped(connection):
                    connection.timeout = timeout
                    if connection.sock is not None:
                        connection.sock.settimeout(timeout)
                    return connection
                connection.close()
            self.opened += 1
        if scheme == "https":
            return PinnedHTTPSConnection(host, port, address, timeout, self.tls)
        return PinnedHTTPConnection(host, port, address, timeout)

    def _give_back(self, key: tuple, connection: http.client.HTTPConnection) -> None:
        now = self.monotonic()
        with self.lock:
            if now - self.swept_at > IDLE_SECONDS:
                self._sweep(now)
            waiting = self.idle.setdefault(key, [])
            if len(waiting) < self.connections_per_host:
                waiting.append((now, connection))
                return
        connection.close()

    def _sweep(self, now: float) -> None:
        """Close connections idle too long, such as those to an address the host no
        longer resolves to (push services rotate addresses), so none is kept open."""
        self.swept_at = now
        for key in list(self.idle):
            fresh = [(since, c) for since, c in self.idle[key] if now - since < IDLE_SECONDS]
            for since, connection in self.idle[key]:
                if now - since >= IDLE_SECONDS:
                    connection.close()
            if fresh:
                self.idle[key] = fresh
            else:
                del self.idle[key]

    def post(self, url: str, data: bytes, headers, timeout: float) -> PushResponse:
        parts = urlsplit(url)
        address = self.address_for(url)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        key = (parts.scheme, parts.hostname, port, address)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection = self._take(key, timeout)
        try:
            connection.request("POST", path, body=data, headers=dict(headers))
            answer = connection.getresponse()
            body = answer.read(MAX_BODY)
            reusable = not answer.will_close and answer.isclosed()
        except BaseException:
            connection.close()
            raise
        if reusable:
            self._give_back(key, connection)
        else:
            connection.close()
        return PushResponse(
            answer.status, answer.reason or "", answer.headers, body.decode("utf-8", "replace")
        )

    def close(self) -> None:
        with self.lock:
            _close_idle(self.idle)


def _close_idle(idle: dict) -> None:
    for waiting in idle.values():
        while waiting:
            waiting.pop()[1].close()
