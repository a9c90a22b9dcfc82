"""Sign-in with brute-force limits counted in the database, so every host agrees.

Failures are counted per username, per address, and per username-and-address pair.
The pair limit is low; the username limit is higher and short, so an attacker from
elsewhere can slow a real user down for minutes, not lock her out for long.
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
THROTTLED = "Too many attempts to sign in. Wait 15 minutes, then try again"


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


def _failures_since(key: str, since) -> int:
    return db.session.scalar(
        select(func.count(LoginFailure.id)).where(LoginFailure.key == key, LoginFailure.at >= since)
    )


def _throttled(keys: dict[str, str]) -> bool:
    cfg = current_app.config
    window = cfg["LOGIN_FAILURE_WINDOW"]
    since = clock.now() - window
    limits = {
        "pair": cfg["LOGIN_FAILURE_LIMIT"],
        "user": cfg["LOGIN_FAILURE_LIMIT"] * 4,
        "address": cfg["LOGIN_ADDRESS_FAILURE_LIMIT"],
    }
    return any(_failures_since(keys[k], since) >= limit for k, limit in limits.items())


def _record_failure(keys: dict[str, str]):
    now = clock.now()
    db.session.add_all([LoginFailure(key=k, at=now) for k in keys.values()])
    old = now - timedelta(days=1)
    db.session.execute(delete(LoginFailure).where(LoginFailure.at < old))


def check_second_step_allowed(user: User, address: str) -> None:
    if _throttled(_keys(f"two-step:{user.username}", address)):
        raise SignInRefused(THROTTLED)


def record_second_step_failure(user: User, address: str) -> None:
    _record_failure(_keys(f"two-step:{user.username}", address))


def authenticate(username: str, password: str, address: str) -> User:
    """Return the user if she may sign in now, or raise SignInRefused.

    Failures are written with the caller's commit; the view commits even on refusal.
    """
    username = normalise_username(username)
    keys = _keys(username, address)
    if _throttled(keys):
        raise SignInRefused(THROTTLED)
    user = db.session.scalar(select(User).where(User.username == username))
    if user is None or not password_matches(user.password_hash, password):
        if user is None:
            password_matches(_dummy_hash(), password)  # same work either way
        _record_failure(keys)
        raise SignInRefused(GENERIC_FAILURE)
    if not user.active:
        raise SignInRefused(CLOSED)
    if user.support_ended(clock.local_today(user.unit)):
        raise SignInRefused(SUPPORT_ENDED)
    db.session.execute(delete(LoginFailure).where(LoginFailure.key == keys["pair"]))
    return user


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))
