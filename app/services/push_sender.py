"""Web Push messages to devices through pywebpush, and what each push service's answer means.

``webpush()`` encrypts each message (aes128gcm, a fresh key per message), signs the VAPID
token and posts it over the worker's one ``requests.Session``, whose keep-alive
connections the sending threads share. Each request carries a TTL and an Urgency header
and has a timeout (pywebpush's defaults would be no TTL, no Urgency and no timeout);
the VAPID claims are a fresh dict per call (pywebpush writes ``aud`` and ``exp`` into
the one it gets); verbose, which logs keys, is never on. The session follows no
redirect (``max_redirects = 0``: a redirect is refused as an answer) and ignores proxy
settings from the environment.

A pass's messages go out on a few threads, within the pass's one deadline
(``send_all``): the deadline is checked again after the host was looked up, right
before the request goes out, and bounds the request's timeout, so a message whose DNS
answer came late is not sent at all.
"""

import email.utils
import enum
import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, wait
from datetime import UTC, datetime
from typing import NamedTuple

import requests
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPushException, webpush
from requests.adapters import HTTPAdapter

from app.services.errors import DomainError
from app.services.push_endpoints import check_endpoint_before_send

log = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = 3993
MAX_RETRY_AFTER_SECONDS = 6 * 60 * 60


class Result(enum.Enum):
    DELIVERED = "delivered"
    GONE = "gone"  # 404/410 or a refused endpoint: forget the subscription
    REJECTED = "rejected"  # another 4xx or a redirect: this message will not go there
    RETRY = "retry"  # 429, 5xx, timeout, network trouble
    DEFERRED = "deferred"  # not sent: the pass ran out of time (no fault of the device)


class Outcome(NamedTuple):
    result: Result
    error: str = ""
    retry_after: int | None = None  # seconds, from a 429's Retry-After


DELIVERED = Outcome(Result.DELIVERED)
DEFERRED = Outcome(Result.DEFERRED, "Not tried yet (time ran out)")
TIMED_OUT = Outcome(Result.RETRY, "The push service did not answer in time")


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


class Window:
    """A pass's time to send. A request goes out only through ``start``, which refuses
    once the deadline has passed or the pass has ``close``d: what was not started by
    then is never sent by this pass."""

    def __init__(self, deadline: float, monotonic: Callable[[], float]):
        self.deadline, self.monotonic = deadline, monotonic
        self.lock = threading.Lock()
        self.closed = False
        self.started: set[int] = set()

    def left(self) -> float:
        return 0.0 if self.closed else self.deadline - self.monotonic()

    def start(self, key: int) -> float | None:
        """The seconds left for request ``key``, or None: too late, do not send it."""
        with self.lock:
            left = self.left()
            if left <= 0:
                return None
            self.started.add(key)
            return left

    def close(self) -> set[int]:
        """End the window; the keys of the requests that went out."""
        with self.lock:
            self.closed = True
            return set(self.started)


class Sender:
    """One per worker process, kept across passes: its session's connections and its
    sending threads."""

    def __init__(
        self,
        vapid: Vapid,
        subject: str,
        ttl: int,
        timeout: float,
        allow_local: bool,
        threads: int = 8,
        monotonic: Callable[[], float] = time.monotonic,
    ):
        self.vapid, self.subject, self.ttl, self.timeout = vapid, subject, ttl, timeout
        self.allow_local, self.monotonic = allow_local, monotonic
        self.session = requests.Session()
        self.session.trust_env = False
        self.session.max_redirects = 0
        adapter = HTTPAdapter(pool_maxsize=threads)
        self.session.mount("https://", adapter)
        self.session.mount("http://", adapter)
        self.pool = ThreadPoolExecutor(threads, thread_name_prefix="push")

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.session.close()

    def send_all(self, work: list, now: datetime, deadline: float) -> list:
        """``work``: (tag, device, payload, urgency) items. Returns (tag, device,
        outcome) for each. Waits no longer than ``deadline`` (on ``monotonic``): a
        message not sent by then is DEFERRED, one still on its way has timed out."""
        window = Window(deadline, self.monotonic)
        futures = [
            self.pool.submit(self._send, window, key, device, payload, urgency, now)
            for key, (_, device, payload, urgency) in enumerate(work)
        ]
        wait(futures, timeout=max(0.0, window.left()))
        started = window.close()
        settled = []
        for key, ((tag, device, _, _), future) in enumerate(zip(work, futures, strict=True)):
            if future.done():
                outcome = future.result()
            else:
                future.cancel()
                outcome = TIMED_OUT if key in started else DEFERRED
            settled.append((tag, device, outcome))
        return settled

    def _send(self, window: Window, key: int, device: Device, payload: str, urgency: str, now):
        try:
            return self._post(window, key, device, payload, urgency, now)
        except Exception:
            log.exception("push: sending to device %s failed unexpectedly", device.id)
            return Outcome(Result.RETRY, "Unexpected error while sending")

    def _post(self, window: Window, key: int, device: Device, payload: str, urgency: str, now):
        if len(payload.encode()) > MAX_PAYLOAD_BYTES:
            return Outcome(Result.REJECTED, "Message too long")
        if window.left() <= 0:
            return DEFERRED
        try:
            check_endpoint_before_send(device.endpoint, self.allow_local)
        except DomainError:
            return Outcome(Result.GONE, "Address refused")
        except OSError:
            return Outcome(Result.RETRY, "Could not look up the push service")
        left = window.start(key)  # the look-up may have taken the pass's time
        if left is None:
            return DEFERRED
        try:
            webpush(
                subscription_info={
                    "endpoint": device.endpoint,
                    "keys": {"p256dh": device.p256dh, "auth": device.auth},
                },
                data=payload,
                vapid_private_key=self.vapid,
                vapid_claims={"sub": self.subject},
                ttl=self.ttl,
                timeout=min(self.timeout, left),
                headers={"Urgency": urgency},
                requests_session=self.session,
                verbose=False,
            )
        except WebPushException as exc:
            return classify(exc.response, now)
        except requests.TooManyRedirects as exc:
            return classify(exc.response, now)
        except requests.Timeout:
            return TIMED_OUT
        except requests.RequestException:
            return Outcome(Result.RETRY, "Could not reach the push service")
        return DELIVERED


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
