"""The device cookie: a signed note that this browser signed in as someone before.

OWASP "Slow down online guessing attacks with device cookies": failed sign-ins from a
browser holding her device cookie are counted for that cookie alone
(app/services/sign_in.py). The cookie holds her user id and a random nonce, signed with
the app's secret; it goes only to the sign-in pages, and every sign-in gives a new one.
"""

import secrets
from dataclasses import dataclass

from flask import current_app, request
from itsdangerous import BadSignature, URLSafeTimedSerializer

COOKIE = "mbu_device"
PATH = "/sign-in"  # sent with the sign-in form and its second step, nowhere else


@dataclass(frozen=True)
class Device:
    user_id: int
    nonce: str


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="device-cookie")


def _max_age() -> int:
    return current_app.config["DEVICE_COOKIE_DAYS"] * 24 * 60 * 60


def this_device() -> Device | None:
    raw = request.cookies.get(COOKIE)
    if not raw:
        return None
    try:
        user_id, nonce = _serializer().loads(raw, max_age=_max_age())
    except (BadSignature, ValueError, TypeError):
        return None
    if not isinstance(user_id, int) or not isinstance(nonce, str):
        return None
    return Device(user_id, nonce)


def remember_device(response, user) -> None:
    value = _serializer().dumps([user.id, secrets.token_urlsafe(16)])
    response.set_cookie(
        COOKIE,
        value,
        max_age=_max_age(),
        path=PATH,
        secure=current_app.config["SESSION_COOKIE_SECURE"],
        httponly=True,
        samesite="Strict",
    )
