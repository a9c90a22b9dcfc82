"""Sign-in with limits on guessing, counted in the database so that every host agrees.

OWASP's device cookies: a phone or PC that she signed in on before carries a device
cookie (app/auth/device.py), and its failures are counted for that cookie alone, so that
someone guessing her password elsewhere never locks her out of her own phone. Attempts
from anywhere else count per username, and per address with a limit far above what a
ward's shared Wi-Fi produces. Two tries before a pause, the message says how many are
left; the pause says where to get help.
"""

import hashlib
import hmac
import secrets
from datetime import timedelta
from functools import cache

from flask import current_app
from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import LoginFailure, User
from app.services import clock
from app.services.accounts import normalise_username
from app.services.errors import DomainError
from app.services.passwords import hash_password, password_matches

GENERIC_FAILURE = "Your username or password is not right. Check them and try again"
SUPPORT_ENDED = (
    "Your support from this unit has ended, so you can no longer sign in. "
    "We hope things are going well. If you need help, contact your GP or call NHS 111."
)
CLOSED = "This account is closed. If you think this is wrong, ask a member of staff."
THROTTLED = (
    "Signing in is paused for 15 minutes after too many tries. "
    "If you have forgotten your password, ask a member of staff for a new code"
)
WARN_WITHIN = 2  # say how many tries are left when this few remain


class SignInRefused(DomainError):
    pass


def _key(kind: str, value: str) -> str:
    secret = current_app.config["SECRET_KEY"].encode()
    return hmac.new(secret, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()


def _keys(username: str, address: str) -> dict[str, str]:
    return {
        "pair": _key("pair", f"{username}|{address}"),
        "user": _key("user", username),
        "address": _key("address", address),
    }


def username_failure_keys(username: str) -> list[str]:
    """The failure keys that name a username alone (no address), for the retention purge."""
    return [_key("user", username), _key("user", f"two-step:{username}")]


def _failures_since(key: str, since) -> int:
    return db.session.scalar(
        select(func.count(LoginFailure.id)).where(LoginFailure.key == key, LoginFailure.at >= since)
    )


def _tries_left(keys: dict[str, str]) -> int:
    """How many more failures the most used of these keys may have before a pause."""
    cfg = current_app.config
    since = clock.now() - cfg["LOGIN_FAILURE_WINDOW"]
    limits = {
        "pair": cfg["LOGIN_FAILURE_LIMIT"],
        "device": cfg["LOGIN_FAILURE_LIMIT"],
        "user": cfg["LOGIN_FAILURE_LIMIT"],
        "address": cfg["LOGIN_ADDRESS_FAILURE_LIMIT"],
    }
    return min(limits[kind] - _failures_since(key, since) for kind, key in keys.items())


def _throttled(keys: dict[str, str]) -> bool:
    return _tries_left(keys) <= 0


def _record_failure(keys: dict[str, str]):
    now = clock.now()
    db.session.add_all([LoginFailure(key=k, at=now) for k in keys.values()])
    old = now - timedelta(days=1)
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < old))


def _failure_message(tries_left: int) -> str:
    if tries_left <= 0:
        return f"{GENERIC_FAILURE}. {THROTTLED}"
    if tries_left <= WARN_WITHIN:
        tries = "1 try" if tries_left == 1 else f"{tries_left} tries"
        return (
            f"{GENERIC_FAILURE}. You have {tries} left before signing in is paused for 15 minutes"
        )
    return GENERIC_FAILURE


def check_second_step_allowed(user: User, address: str) -> None:
    if _throttled(_keys(f"two-step:{user.username}", address)):
        raise SignInRefused(THROTTLED)


def record_second_step_failure(user: User, address: str) -> None:
    _record_failure(_keys(f"two-step:{user.username}", address))


def _attempt_keys(user: User | None, username: str, address: str, device) -> dict[str, str]:
    """A device she signed in on before counts its own failures; anywhere else counts
    per username and per address."""
    if user is not None and device is not None and device.user_id == user.id:
        return {"device": _key("device", device.nonce)}
    return {"user": _key("user", username), "address": _key("address", address)}


def authenticate(username: str, password: str, address: str, device=None) -> User:
    """Return the user if she may sign in now, or raise SignInRefused.

    ``device`` is the device cookie this browser holds, if any. Failures are written with
    the caller's commit; the view commits even on refusal.
    """
    username = normalise_username(username)
    user = db.session.scalar(select(User).where(User.username == username))
    keys = _attempt_keys(user, username, address, device)
    tries_left = _tries_left(keys)
    if tries_left <= 0:
        raise SignInRefused(THROTTLED)
    if user is None or not password_matches(user.password_hash, password):
        if user is None:
            password_matches(_dummy_hash(), password)  # same work either way
        _record_failure(keys)
        raise SignInRefused(_failure_message(tries_left - 1))
    if not user.active:
        raise SignInRefused(CLOSED)
    if user.support_ended(clock.local_today(user.unit)):
        raise SignInRefused(SUPPORT_ENDED)
    if "device" in keys:
        db.session.execute(delete(LoginFailure).where(LoginFailure.key == keys["device"]))
    return user


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))
