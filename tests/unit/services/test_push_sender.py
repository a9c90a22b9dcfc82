import json
from datetime import UTC, datetime
from email.utils import format_datetime
from types import SimpleNamespace

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from app.instance import generate_vapid_keys
from app.services.push_sender import (
    Result,
    VapidTokens,
    classify,
    load_vapid,
    parse_retry_after,
)
from tests.support.push_receiver import b64url_decode

VAPID_PRIVATE, _ = generate_vapid_keys()

NOW = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


def answer(status, **headers):
    return SimpleNamespace(status_code=status, headers=headers)


def test_what_each_answer_means():
    assert classify(answer(404), NOW).result is Result.GONE
    assert classify(answer(410), NOW).result is Result.GONE
    assert classify(answer(500), NOW).result is Result.RETRY
    assert classify(answer(503), NOW).result is Result.RETRY
    assert classify(answer(413), NOW).result is Result.REJECTED
    assert classify(answer(307), NOW).result is Result.REJECTED
    limited = classify(answer(429, **{"Retry-After": "90"}), NOW)
    assert (limited.result, limited.retry_after) == (Result.RETRY, 90)


def test_retry_after_as_a_date_or_nonsense():
    later = format_datetime(datetime(2027, 1, 4, 9, 5, tzinfo=UTC), usegmt=True)
    assert parse_retry_after(later, NOW) == 300
    assert parse_retry_after("soon", NOW) is None
    assert parse_retry_after(None, NOW) is None
    assert parse_retry_after("999999999", NOW) == 6 * 60 * 60  # capped


# -- VAPID tokens: signed once per push service, signed afresh before they expire ------


def claims_of(headers: dict) -> dict:
    token = headers["Authorization"].split("t=", 1)[1].split(",", 1)[0]
    return json.loads(b64url_decode(token.split(".")[1]))


@pytest.fixture
def tokens():
    now = [1_800_000_000.0]
    made = VapidTokens(load_vapid(VAPID_PRIVATE), "mailto:team@example.org", clock=lambda: now[0])
    return made, now


def test_one_token_per_push_service_is_reused(tokens):
    made, now = tokens
    first = made.headers_for("https://fcm.googleapis.com/fcm/send/a")
    again = made.headers_for("https://fcm.googleapis.com/fcm/send/b")
    other = made.headers_for("https://updates.push.services.mozilla.com/wpush/v2/c")
    assert first == again  # ECDSA signatures differ each time: equal means not re-signed
    assert claims_of(first) == {
        "sub": "mailto:team@example.org",
        "aud": "https://fcm.googleapis.com",
        "exp": int(now[0]) + VapidTokens.LIFETIME,
    }
    assert claims_of(other)["aud"] == "https://updates.push.services.mozilla.com"


def test_a_token_is_signed_afresh_before_it_expires(tokens):
    made, now = tokens
    endpoint = "https://fcm.googleapis.com/fcm/send/a"
    first = made.headers_for(endpoint)
    expires = claims_of(first)["exp"]

    now[0] = expires - VapidTokens.RESIGN_BEFORE - 1  # still well within its life
    assert made.headers_for(endpoint) == first

    now[0] = expires - VapidTokens.RESIGN_BEFORE + 1  # close to expiry: never sent now
    fresh = made.headers_for(endpoint)
    assert fresh != first
    assert claims_of(fresh)["exp"] == int(now[0]) + VapidTokens.LIFETIME
    assert claims_of(fresh)["exp"] - now[0] > VapidTokens.RESIGN_BEFORE


def test_the_token_is_signed_by_the_app_key(tokens):
    made, _ = tokens
    headers = made.headers_for("https://fcm.googleapis.com/fcm/send/a")
    token = headers["Authorization"].split("t=", 1)[1].split(",", 1)[0]
    signed, signature = token.rsplit(".", 1)
    raw = b64url_decode(signature)
    public = serialization.load_pem_private_key(VAPID_PRIVATE.encode(), None).public_key()
    public.verify(
        encode_dss_signature(int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")),
        signed.encode(),
        ec.ECDSA(hashes.SHA256()),
    )
