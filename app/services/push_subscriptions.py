"""Turning notifications on and off for one device, and sending a test."""

import base64
import binascii
import hmac

from cryptography.hazmat.primitives.asymmetric import ec
from flask import current_app
from sqlalchemy import delete, select

from app.extensions import db
from app.forms import CONTROL_CHARACTERS
from app.models import PushSubscription
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.push_endpoints import check_endpoint_form

MAX_DEVICES = 10
KEY_LENGTHS = {"p256dh": 65, "auth": 16}  # decoded bytes, fixed by the Web Push spec


def _checked_key(keys: dict, name: str) -> str:
    value = keys.get(name) if isinstance(keys, dict) else None
    if not isinstance(value, str) or len(value) > 200:
        raise DomainError("This browser sent incomplete keys", "keys")
    try:
        raw = base64.urlsafe_b64decode(value + "=" * (-len(value) % 4))
    except (binascii.Error, ValueError) as exc:
        raise DomainError("This browser sent incomplete keys", "keys") from exc
    if len(raw) != KEY_LENGTHS[name]:
        raise DomainError("This browser sent incomplete keys", "keys")
    if name == "p256dh":  # a point on P-256, or no message could ever be encrypted to it
        try:
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
        except ValueError as exc:
            raise DomainError("This browser sent incomplete keys", "keys") from exc
    return value


def subscribe_device(user, endpoint, keys, device_label: str) -> PushSubscription:
    """Store (or refresh) this device's subscription for ``user``.

    An endpoint already stored for someone else of her unit moves to ``user`` when the
    same keys come with it: it is the same browser, now hers (a shared ward tablet after
    a new sign-in), and the old owner must not get her notifications there. Without the
    keys (someone who only learned the address) or across units, nothing moves.
    """
    check_endpoint_form(endpoint, current_app.config["PUSH_ALLOW_LOCAL_RECEIVER"])
    p256dh = _checked_key(keys, "p256dh")
    auth = _checked_key(keys, "auth")
    label = CONTROL_CHARACTERS.sub("", device_label or "").strip()[:60] or "This device"
    found = db.session.scalar(select(PushSubscription).where(PushSubscription.endpoint == endpoint))
    if found is None:
        count = len(
            db.session.scalars(
                select(PushSubscription.id).where(PushSubscription.user_id == user.id)
            ).all()
        )
        if count >= MAX_DEVICES:
            raise DomainError(
                f"You can turn notifications on for up to {MAX_DEVICES} devices. "
                "Turn one off first.",
                "endpoint",
            )
        found = PushSubscription(endpoint=endpoint)
        db.session.add(found)
    elif found.user_id != user.id and not _same_browser(found, user, p256dh, auth):
        raise DomainError("This device gets notifications for another account", "endpoint")
    found.unit_id, found.user_id = user.unit_id, user.id
    found.p256dh, found.auth, found.device_label = p256dh, auth, label
    found.failure_count = 0
    db.session.flush()
    return found


def _same_browser(found: PushSubscription, user, p256dh: str, auth: str) -> bool:
    """Only the browser that made a subscription knows its keys (the auth secret most of
    all); a device never moves to another unit."""
    return (
        found.unit_id == user.unit_id
        and hmac.compare_digest(found.p256dh, p256dh)
        and hmac.compare_digest(found.auth, auth)
    )


def replace_subscription(user, old_endpoint, new_endpoint, keys) -> PushSubscription:
    """The browser replaced one of her subscriptions (``pushsubscriptionchange`` in the
    service worker): move her stored device to the new endpoint and keys.

    Only a subscription that is hers, found by its old endpoint, is replaced, and the new
    endpoint passes the same checks as a new subscription. The device keeps its label.
    """
    if not isinstance(old_endpoint, str) or not old_endpoint:
        raise DomainError("This browser did not say which subscription it replaced", "endpoint")
    found = db.session.scalar(
        select(PushSubscription).where(
            PushSubscription.endpoint == old_endpoint, PushSubscription.user_id == user.id
        )
    )
    if found is None:
        raise DomainError("No subscription of yours has that address", "endpoint")
    check_endpoint_form(new_endpoint, current_app.config["PUSH_ALLOW_LOCAL_RECEIVER"])
    p256dh = _checked_key(keys, "p256dh")
    auth = _checked_key(keys, "auth")
    taken = db.session.scalar(
        select(PushSubscription.id).where(
            PushSubscription.endpoint == new_endpoint, PushSubscription.id != found.id
        )
    )
    if taken is not None:
        raise DomainError("That subscription is already stored", "endpoint")
    found.endpoint, found.p256dh, found.auth = new_endpoint, p256dh, auth
    found.failure_count = 0
    db.session.flush()
    return found


def devices_of(user) -> list[PushSubscription]:
    return db.session.scalars(
        select(PushSubscription)
        .where(PushSubscription.user_id == user.id)
        .order_by(PushSubscription.created_at, PushSubscription.id)
    ).all()


def device_of(user, subscription_id: int) -> PushSubscription | None:
    return db.session.scalar(
        select(PushSubscription).where(
            PushSubscription.id == subscription_id, PushSubscription.user_id == user.id
        )
    )


def unsubscribe_device(user, subscription_id: int | None = None, endpoint: str | None = None):
    """Turn notifications off for one of her devices. Returns True if one was removed."""
    criteria = [PushSubscription.user_id == user.id]
    if subscription_id is not None:
        criteria.append(PushSubscription.id == subscription_id)
    elif isinstance(endpoint, str) and endpoint:
        criteria.append(PushSubscription.endpoint == endpoint)
    else:
        return False
    result = db.session.execute(delete(PushSubscription).where(*criteria))
    return result.rowcount > 0


def send_test(user, subscription: PushSubscription):
    """Queue a test notification for this one device; the worker sends it."""
    row = queue_notification(user, "test", url="/notifications")
    row.only_subscription_id = subscription.id
    db.session.flush()
    return row
