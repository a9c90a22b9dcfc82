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

``start(url, address, data, headers, timeout)`` sends a request and returns an
``Exchange`` whose ``answer()`` reads the push service's answer later, so the worker can
encrypt the next message while this one is on its way (push_sender keeps a few in
flight). ``post`` is both at once. The HTTP itself is push_http.
"""

import select
import ssl
import threading
import time
import weakref
from collections.abc import Callable

import certifi

from app.services.push_endpoints import (
    Route,
    endpoint_route,
    resolve_addresses,
    route_addresses,
)
from app.services.push_http import PushConnection, PushResponse

IDLE_SECONDS = 30  # an idle connection older than this is closed, not reused
MAX_REMEMBERED = 10_000  # endpoints whose shape was checked, kept to skip re-checking


def _dropped(connection: PushConnection) -> bool:
    """An idle keep-alive connection that is readable has been closed by the server."""
    if connection.sock is None:
        return True
    try:
        return bool(select.select([connection.sock], [], [], 0)[0])
    except (OSError, ValueError):
        return True


class Exchange:
    """A request on its way: ``answer()`` reads the answer (once), then gives the
    connection back to the pool or closes it. ``fileno()`` is for waiting on several."""

    __slots__ = ("pool", "key", "connection", "deadline")

    def __init__(self, pool, key: tuple, connection: PushConnection, deadline: float):
        self.pool, self.key, self.connection, self.deadline = pool, key, connection, deadline

    def fileno(self) -> int:
        return self.connection.fileno()

    def answer(self) -> PushResponse:
        try:
            response, reusable = self.connection.answer(self.deadline)
        except BaseException:
            self.connection.close()
            raise
        if reusable:
            self.pool._give_back(self.key, self.connection)
        else:
            self.connection.close()
        return response

    def abandon(self) -> None:
        self.connection.close()


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
        self.routes: dict[str, Route] = {}  # endpoints whose shape passed the check
        self.idle: dict[tuple, list[tuple[float, PushConnection]]] = {}
        self.opened = 0  # connections made so far (for tests and benchmarks)
        self.swept_at = monotonic()
        self._tls: ssl.SSLContext | None = None  # made on the first https connection
        weakref.finalize(self, _close_idle, self.idle)  # no socket outlives its pool

    def route(self, endpoint: str) -> Route:
        """The endpoint, parsed and shape-checked once (the check is pure), then
        remembered. Raises DomainError when refused."""
        route = self.routes.get(endpoint)
        if route is None:
            route = endpoint_route(endpoint, self.allow_local)
            with self.lock:
                if len(self.routes) >= MAX_REMEMBERED:
                    self.routes.clear()
                self.routes[endpoint] = route
        return route

    def address_for(self, endpoint: str) -> str:
        """A checked address for the endpoint's host (resolved again after
        ``dns_seconds``). Raises DomainError when refused, OSError when the name cannot
        be resolved."""
        route = self.route(endpoint)
        now = self.monotonic()
        with self.lock:
            cached = self.addresses.get(route.host)
        if cached is None or cached[0] <= now:
            cached = (now + self.dns_seconds, route_addresses(route, self.resolve))
            with self.lock:
                self.addresses[route.host] = cached
        return cached[1][0]

    def _take(self, key: tuple) -> PushConnection:
        scheme, host, port, address = key
        now = self.monotonic()
        with self.lock:
            waiting = self.idle.get(key, [])
            while waiting:
                since, connection = waiting.pop()
                if now - since < IDLE_SECONDS and not _dropped(connection):
                    return connection
                connection.close()
            self.opened += 1
        return PushConnection(host, port, address, self.tls() if scheme == "https" else None)

    def tls(self) -> ssl.SSLContext:
        """The TLS context, verified against certifi's roots, made once when first
        needed: loading the roots takes longer than sending many messages."""
        with self.lock:
            if self._tls is None:
                self._tls = ssl.create_default_context(cafile=certifi.where())
            return self._tls

    def _give_back(self, key: tuple, connection: PushConnection) -> None:
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

    def start(self, url: str, address: str, data: bytes, headers, timeout: float) -> Exchange:
        """Send a request to ``address`` (from ``address_for(url)``); read the answer
        with the returned exchange's ``answer()`` within ``timeout`` seconds of now."""
        route = self.route(url)
        key = (route.scheme, route.host, route.port, address)
        connection = self._take(key)
        deadline = time.monotonic() + timeout
        try:
            connection.send(route.path, headers, data, deadline)
        except BaseException:
            connection.close()
            raise
        return Exchange(self, key, connection, deadline)

    def post(self, url: str, data: bytes, headers, timeout: float) -> PushResponse:
        """Send and wait for the answer (``requests_session.post`` for pywebpush)."""
        return self.start(url, self.address_for(url), data, headers, timeout).answer()

    def close(self) -> None:
        with self.lock:
            _close_idle(self.idle)


def _close_idle(idle: dict) -> None:
    for waiting in idle.values():
        while waiting:
            waiting.pop()[1].close()
