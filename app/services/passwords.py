"""Password policy: 8 to 128 characters, not a common password, hashed with scrypt."""

from functools import cache

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash
from zxcvbn.frequency_lists import FREQUENCY_LISTS

from app.services.errors import DomainError

MIN_LENGTH = 8
MAX_LENGTH = 128


@cache
def _common_passwords() -> frozenset[str]:
    return frozenset(FREQUENCY_LISTS["passwords"])


def check_password_policy(password: str, username: str = "") -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(f"Password must be {MIN_LENGTH} characters or more", "password")
    if len(password) > MAX_LENGTH:
        raise DomainError(f"Password must be {MAX_LENGTH} characters or fewer", "password")
    lowered = password.lower()
    if lowered in _common_passwords() or (username and username.lower() in lowered):
        raise DomainError(
            "That password is too easy to guess. Try three or four random words together",
            "password",
        )


def hash_password(password: str) -> str:
    method = current_app.config.get("PASSWORD_HASH_METHOD", "scrypt") if current_app else "scrypt"
    return generate_password_hash(password, method=method)


def password_matches(password_hash: str | None, password: str) -> bool:
    if not password_hash:
        return False
    return check_password_hash(password_hash, password)
