"""Web Push messages to devices, and what each push service's answer means.

pywebpush's ``WebPusher`` encrypts each message (aes128gcm, a fresh key per message);
py_vapid signs the VAPID token, once per push service for most of the token's lifetime
(``VapidTokens``). Each request carries a TTL, an Urgency header and the VAPID
Authorization, and has a timeout (pywebpush's defaults would be no TTL, no Urgency and
no timeout; verbose, which logs keys, is never on). Requests go over
``PinnedConnections``: keep-alive connections to an address that was checked, redirects
never followed.

``send_all`` encrypts a pass's messages first, then sends them, keeping up to
``in_flight`` on their way at once on one thread and reading answers as they come. No
thread pool: the work is CPU-bound on this side, and threads would only contend for the
interpreter. Encrypting one message after another with no network calls in between is
measurably quicker (about a tenth of a message's cost in ``make bench``) than
encrypting each just before it is sent.
"""

import email.utils
import enum
import http.client
import logging
import math
import select
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import NamedTuple
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher

from app.services.errors import DomainError
from app.services.push_transport import Exchange, PinnedConnections

log = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 3993
MAX_RETRY_AFTER_SECONDS = 6 * 60 * 60


class Result(enum.Enum):
    DELIVERED = "delivered"
    GONE = "gone"  # 404/410 or a refused endpoint: forget the subscription
    REJECTED = "rejected"  # another 4xx or a redirect: this message will not go there
    RETRY = "retry"  # 429, 5xx, timeout, network trouble
    DEFERRED = "deferred"  # not tried: the pass ran out of time (no fault of the device)


class Outcome(NamedTuple):  # a tuple: made for every message, cheaply
    result: Result
    error: str = ""
    retry_after: int | None = None  # seconds, from a 429's Retry-After


class Ready(NamedTuple):
    """A message encrypted and addressed, to be sent."""

    endpoint: str
    address: str  # the checked IP address to connect to
    body: bytes
    headers: dict


class Device(NamedTuple):
    id: int
    endpoint: str
    p256dh: str
    auth: str


def load_vapid(private_pem: str) -> Vapid:
    key = serialization.load_pem_private_key(private_pem.encode(), password=None)
    return Vapid(private_key=key)


def parse_retry_after(value: str | None, now: datetime) -> int | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        seconds = int(value)
    else:
        try:
            when = email.utils.parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
        if when.tzinfo is None:
            when = when.replace(tzinfo=UTC)
        seconds = int((when - now).total_seconds())
    return max(0, min(seconds, MAX_RETRY_AFTER_SECONDS))


class VapidTokens:
    """The VAPID header for each push service (audience), signed once and reused for
    most of its lifetime: signing costs more than encrypting a message. A token lives
    ``LIFETIME`` seconds (push services accept up to 24 hours) and is signed afresh once
    fewer than ``RESIGN_BEFORE`` seconds are left, so none is sent close to expiry."""

    LIFETIME = 12 * 60 * 60
    RESIGN_BEFORE = 60 * 60

    def __init__(self, vapid: Vapid, subject: str, clock: Callable[[], float] = time.time):
        self.vapid = vapid
        self.subject = subject
        self.clock = clock
        self.lock = threading.Lock()
        self.tokens: dict[str, tuple[int, dict]] = {}

    def headers_for(self, endpoint: str) -> dict:
        parts = urlsplit(endpoint)
        return dict(self.for_audience(f"{parts.scheme}://{parts.netloc}"))

    def for_audience(self, audience: str) -> dict:
        """The headers for a push service (``scheme://host``); not to be changed."""
        now = self.clock()
        with self.lock:
            expires, headers = self.tokens.get(audience, (0, {}))
            if expires - now < self.RESIGN_BEFORE:
                expires = int(now) + self.LIFETIME
                # a fresh claims dict each time: py_vapid must not share one
                claims = {"sub": self.subject, "aud": audience, "exp": expires}
                headers = self.vapid.sign(claims)
                self.tokens[audience] = (expires, headers)
            return headers


@dataclass
class Sender:
    vapid: VapidTokens
    ttl: int
    timeout: float
    connections: PinnedConnections
    in_flight: int = 1  # messages on their way at once (each on its own connection)

    def close(self) -> None:
        self.connections.close()

    def prepare(self, device: Device, payload: str, urgency: str) -> "Outcome | Ready":
        """All but the sending: check the address (pinned to a checked IP) and encrypt
        (pywebpush). Returns the request to ``start``, or the outcome when there is
        nothing to send."""
        data = payload.encode()
        if len(data) > MAX_PAYLOAD_BYTES:
            return Outcome(Result.REJECTED, "Message too long")
        try:
            route = self.connections.route(device.endpoint)
            address = self.connections.address_for(device.endpoint)
        except DomainError:
            return Outcome(Result.GONE, "Address refused")
        except OSError:
            return Outcome(Result.RETRY, "Could not look up the push service")
        subscription = {
            "endpoint": device.endpoint,
            "keys": {"p256dh": device.p256dh, "auth": device.auth},
        }
        body = WebPusher(subscription).encode(data, content_encoding="aes128gcm")["body"]
        headers = {
            "Content-Encoding": "aes128gcm",
            "TTL": str(self.ttl),
            "Urgency": urgency,
            **self.vapid.for_audience(route.audience),
        }
        return Ready(device.endpoint, address, body, headers)

    def start(self, ready: "Ready") -> Outcome | Exchange:
        """Send over a pooled connection. Returns the exchange to ``finish``, or the
        outcome when the request could not go out."""
        try:
            return self.connections.start(
                ready.endpoint, ready.address, ready.body, ready.headers, self.timeout
            )
        except (http.client.HTTPException, OSError) as exc:
            return failed_to_reach(exc)
        except ValueError:  # a path that cannot go in a request line
            return Outcome(Result.GONE, "Address refused")

    def finish(self, exchange: Exchange, now: datetime) -> Outcome:
        try:
            response = exchange.answer()
        except (http.client.HTTPException, OSError) as exc:
            return failed_to_reach(exc)
        if response.status_code > 202:
            return classify(response, now)
        return Outcome(Result.DELIVERED)

    def send_all(self, work: list, now: datetime, deadline: float) -> list:
        """``work``: (tag, device, payload, urgency) items. Returns (tag, device,
        outcome) for each, in the order they were settled. No message is started after
        ``deadline`` (time.monotonic()): those left are DEFERRED. A failure no one
        foresaw is logged and retried later; it never stops the others.

        Every message is encrypted first, then they are sent: encrypting one after
        another, with no network calls in between, is what pywebpush does fastest, and
        then the sending itself is only the network's work."""
        settled, flying, ready = [], [], []
        for tag, device, payload, urgency in work:
            try:
                prepared = self.prepare(device, payload, urgency)
            except Exception:
                prepared = _unexpected(tag)
            if isinstance(prepared, Outcome):
                settled.append((tag, device, prepared))
            else:
                ready.append((tag, device, prepared))
        try:
            for tag, device, request in ready:
                while len(flying) >= max(1, self.in_flight):
                    self._settle_some(flying, settled, now)
                if time.monotonic() > deadline:
                    outcome = Outcome(Result.DEFERRED, "Not tried yet (time ran out)")
                    settled.append((tag, device, outcome))
                    continue
                try:
                    started = self.start(request)
                except Exception:
                    started = _unexpected(tag)
                if isinstance(started, Outcome):
                    settled.append((tag, device, started))
                else:
                    flying.append((tag, device, started))
            while flying:
                self._settle_some(flying, settled, now)
        finally:  # stopped (a signal, an error): no connection is left half-used
            for _, _, exchange in flying:
                exchange.abandon()
        return settled

    def _settle_some(self, flying: list, settled: list, now: datetime) -> None:
        """Finish those in flight that have an answer, waiting for one at most until
        the oldest's time is up (then that one is finished: it times out)."""
        wait = max(0.0, flying[0][2].deadline - time.monotonic())
        poller = select.poll()
        for _, _, exchange in flying:
            poller.register(exchange.fileno(), select.POLLIN)
        ready = {fd for fd, _ in poller.poll(math.ceil(wait * 1000))}
        oldest = flying[0]
        still = []
        for item in flying:
            tag, device, exchange = item
            if exchange.fileno() in ready or (not ready and item is oldest):
                try:
                    outcome = self.finish(exchange, now)
                except Exception:
                    exchange.abandon()
                    outcome = _unexpected(tag)
                settled.append((tag, device, outcome))
            else:
                still.append(item)
        flying[:] = still


def _unexpected(tag) -> Outcome:
    log.exception("push: sending notification %s failed unexpectedly", tag)
    return Outcome(Result.RETRY, "Unexpected error while sending")


def failed_to_reach(exc: Exception) -> Outcome:
    if isinstance(exc, TimeoutError):
        return Outcome(Result.RETRY, "The push service did not answer in time")
    return Outcome(Result.RETRY, "Could not reach the push service")


def classify(response, now: datetime) -> Outcome:
    status = getattr(response, "status_code", None)
    if status is None:
        return Outcome(Result.RETRY, "No answer from the push service")
    if status in (404, 410):
        return Outcome(Result.GONE, f"Subscription ended ({status})")
    if status == 429:
        retry_after = parse_retry_after(response.headers.get("Retry-After"), now)
        return Outcome(Result.RETRY, "Push service asked us to slow down (429)", retry_after)
    if status >= 500:
        return Outcome(Result.RETRY, f"Push service error ({status})")
    return Outcome(Result.REJECTED, f"Push service refused the message ({status})")
