"""Builders for feedback tests: rows as the service would store them, without authors."""

import hashlib
import secrets
from datetime import date
from math import gcd

from app.services.blind_rsa import b64url, from_b64url
from tests.factories import FeedbackResponseFactory


def add_responses(unit, topic: str, week: date, answers: list[str], comments=None):
    comments = comments or [""] * len(answers)
    return [
        FeedbackResponseFactory(unit=unit, topic=topic, week=week, answer=a, comment=c)
        for a, c in zip(answers, comments, strict=True)
    ]


class Phone:
    """A mother's phone doing the browser's side of RFC 9474 (RSABSSA-SHA384-PSS-Randomized)
    as @cloudflare/blindrsa-ts does it: prepare, blind, ask for a signature, finalize; then
    send the answer on its own, with no cookie."""

    GIVE = "/feedback/give"

    def __init__(self, web):
        self.web = web

    def _post(self, url: str, body: dict):
        token = self.web.token(self.GIVE)
        return self.web.client.post(url, json=body, headers={"X-CSRFToken": token})

    def ballot(self, topic: str) -> dict:
        """A signed ballot for ``topic``, ready to carry an answer."""
        opened = self._post("/feedback/ballot/open", {"topic": topic})
        if opened.status_code != 200:
            return {"refused": opened.status_code, "error": opened.get_json()["error"]}
        opened = opened.get_json()
        n = int.from_bytes(from_b64url(opened["key"]["n"]), "big")
        e = int.from_bytes(from_b64url(opened["key"]["e"]), "big")
        token = secrets.token_bytes(32) + secrets.token_bytes(32)  # prepare: prefix + message
        size = (n.bit_length() + 7) // 8
        encoded = int.from_bytes(_emsa_pss_encode(token, n.bit_length() - 1), "big")
        while True:
            r = secrets.randbelow(n - 1) + 1
            if gcd(r, n) == 1:
                break
        blinded = (encoded * pow(r, e, n)) % n
        signed = self._post(
            "/feedback/ballot",
            {
                "topic": topic,
                "week": opened["week"],
                "blinded": b64url(blinded.to_bytes(size, "big")),
            },
        )
        if signed.status_code != 200:
            return {"refused": signed.status_code, "error": signed.get_json()["error"]}
        blind_signature = int.from_bytes(from_b64url(signed.get_json()["signature"]), "big")
        signature = (blind_signature * pow(r, -1, n)) % n
        return {
            "unit": opened["unit"],
            "topic": topic,
            "week": opened["week"],
            "token": b64url(token),
            "signature": b64url(signature.to_bytes(size, "big")),
        }

    def send(self, client, ballot: dict, answer: str = "good", comment: str = ""):
        """The answer, posted by a client that has never signed in."""
        return client.post(
            "/feedback/answers", json={**ballot, "answer": answer, "comment": comment}
        )


def _mgf1(seed: bytes, length: int) -> bytes:
    out = b""
    for counter in range(-(-length // 48)):
        out += hashlib.sha384(seed + counter.to_bytes(4, "big")).digest()
    return out[:length]


def _emsa_pss_encode(message: bytes, em_bits: int) -> bytes:
    """EMSA-PSS-ENCODE (RFC 8017, section 9.1.1) with SHA-384, MGF1-SHA-384, 48-byte salt."""
    em_len = -(-em_bits // 8)
    salt = secrets.token_bytes(48)
    digest = hashlib.sha384(b"\0" * 8 + hashlib.sha384(message).digest() + salt).digest()
    block = b"\0" * (em_len - 48 - 48 - 2) + b"\1" + salt
    masked = bytes(a ^ b for a, b in zip(block, _mgf1(digest, em_len - 49), strict=True))
    masked = bytes([masked[0] & (0xFF >> (8 * em_len - em_bits))]) + masked[1:]
    return masked + digest + b"\xbc"
