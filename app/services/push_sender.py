"""One Web Push message to one device, and what the push service's answer means.

pywebpush does the encryption (aes128gcm) and the VAPID signature. Its defaults are
overridden here: a TTL, an Urgency header and a timeout; a fresh claims dict per call
(it writes ``aud`` and ``exp`` into the one it gets); redirects never followed; never
verbose (that would log keys).
"""

import email.utils
import enum
from dataclasses import dataclass
from datetime import UTC, datetime

import requests
from cryptography.hazmat.primitives import serialization
from py_vapid import Vapid
from pywebpush import WebPushException, webpush

from app.services.errors import DomainError
from app.services.push_endpoints import check_endpoint_before_send

MAX_PAYLOAD_BYTES = 3993
MAX_RETRY_AFTER_SECONDS = 6 * 60 * 60


class Result(enum.Enum):
    DELIVERED = "delivered"
    GONE = "gone"  # 404/410 or a refused endpoint: forget the subscription
    REJECTED = "rejected"  # another 4xx or a redirect: this message will not go there
    RETRY = "retry"  # 429, 5xx, timeout, network trouble


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


class NoRedirectSession(requests.Session):
    """A session that hands back a redirect as an answer instead of following it, and
    ignores proxy settings from the environment (push services are reached directly)."""

    def __init__(self):
        super().__init__()
        self.trust_env = False

    def request(self, method, url, **kwargs):
        kwargs["allow_redirects"] = False
        return super().request(method, url, **kwargs)


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


@dataclass
class Sender:
    vapid: Vapid
    subject: str
    ttl: int
    timeout: float
    allow_local: bool
    session: requests.Session

    def send(self, device: Device, payload: str, urgency: str, now: datetime) -> Outcome:
        if len(payload.encode()) > MAX_PAYLOAD_BYTES:
            return Outcome(Result.REJECTED, "Message too long")
        try:
            check_endpoint_before_send(device.endpoint, self.allow_local)
        except DomainError:
            return Outcome(Result.GONE, "Address refused")
        except OSError:
            return Outcome(Result.RETRY, "Could not look up the push service")
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
                timeout=self.timeout,
                headers={"Urgency": urgency},
                requests_session=self.session,
                verbose=False,
            )
        except WebPushException as exc:
            return classify(exc.response, now)
        except requests.Timeout:
            return Outcome(Result.RETRY, "The push service did not answer in time")
        except requests.RequestException:
            return Outcome(Result.RETRY, "Could not reach the push service")
        return Outcome(Result.DELIVERED)


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
