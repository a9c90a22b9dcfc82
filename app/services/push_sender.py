"""One Web Push message to one device, and what the push service's answer means.

pywebpush does the encryption (aes128gcm) and builds the request; py_vapid signs the
VAPID token, once per push service for most of the token's lifetime (``VapidTokens``).
pywebpush's defaults are overridden here: a TTL, an Urgency header and a timeout; never
verbose (that would log keys). The request goes over ``PinnedConnections``: keep-alive
connections to an address that was checked, redirects never followed.
"""

import email.utils
import enum
import http.client
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPusher

from app.services.errors import DomainError
from app.services.push_transport import PinnedConnections

MAX_PAYLOAD_BYTES = 3993
MAX_RETRY_AFTER_SECONDS = 6 * 60 * 60


class Result(enum.Enum):
    DELIVERED = "delivered"
    GONE = "gone"  # 404/410 or a refused endpoint: forget the subscription
    REJECTED = "rejected"  # another 4xx or a redirect: this message will not go there
    RETRY = "retry"  # 429, 5xx, timeout, network trouble
    DEFERRED = "deferred"  # not tried: the pass ran out of time (no fault of the device)


@dataclass(frozen=True)
class Outcome:
    result: Result
    error: str = ""
    retry_after: int | None = None  # seconds, from a 429's Retry-After


@dataclass(frozen=True)
class Device:
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
        audience = f"{parts.scheme}://{parts.netloc}"
        now = self.clock()
        with self.lock:
            expires, headers = self.tokens.get(audience, (0, {}))
            if expires - now < self.RESIGN_BEFORE:
                expires = int(now) + self.LIFETIME
                # a fresh claims dict each time: py_vapid must not share one
                claims = {"sub": self.subject, "aud": audience, "exp": expires}
                headers = self.vapid.sign(claims)
                self.tokens[audience] = (expires, headers)
            return dict(headers)


@dataclass
class Sender:
    vapid: VapidTokens
    ttl: int
    timeout: float
    connections: PinnedConnections
    threads: int = 1
    executor: ThreadPoolExecutor | None = field(default=None, init=False, repr=False)

    def map(self, fn: Callable, work: list) -> list:
        """``fn`` over ``work`` on the sender's threads (kept for the worker's life)."""
        if self.threads == 1 or len(work) < 2:
            return [fn(item) for item in work]
        if self.executor is None:
            self.executor = ThreadPoolExecutor(self.threads, thread_name_prefix="push-send")
        return list(self.executor.map(fn, work))

    def close(self) -> None:
        if self.executor is not None:
            self.executor.shutdown()
            self.executor = None
        self.connections.close()

    def send(self, device: Device, payload: str, urgency: str, now: datetime) -> Outcome:
        """Encrypt (pywebpush) and post over a pooled connection pinned to a checked
        address. Safe to call from several threads at once."""
        if len(payload.encode()) > MAX_PAYLOAD_BYTES:
            return Outcome(Result.REJECTED, "Message too long")
        try:
            self.connections.address_for(device.endpoint)
        except DomainError:
            return Outcome(Result.GONE, "Address refused")
        except OSError:
            return Outcome(Result.RETRY, "Could not look up the push service")
        subscription = {
            "endpoint": device.endpoint,
            "keys": {"p256dh": device.p256dh, "auth": device.auth},
        }
        headers = {"Urgency": urgency, **self.vapid.headers_for(device.endpoint)}
        try:
            response = WebPusher(subscription, requests_session=self.connections).send(
                payload, headers, ttl=self.ttl, content_encoding="aes128gcm", timeout=self.timeout
            )
        except DomainError:  # the host now resolves somewhere it must not
            return Outcome(Result.GONE, "Address refused")
        except (http.client.HTTPException, OSError) as exc:
            return failed_to_reach(exc)
        if response.status_code > 202:
            return classify(response, now)
        return Outcome(Result.DELIVERED)


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
