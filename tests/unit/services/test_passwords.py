import pytest

from app.services.errors import DomainError
from app.services.passwords import check_password_policy, hash_password, password_matches


@pytest.mark.parametrize("password", ["sunny garden teapot", "x" * 8, "y" * 128])
def test_acceptable_passwords(app, password):
    check_password_policy(password, "amy")


@pytest.mark.parametrize(
    "password, message",
    [
        ("short", "8 characters or more"),
        ("z" * 129, "128 characters or fewer"),
        ("password1", "too easy to guess"),
        ("qwertyuiop", "too easy to guess"),
        ("amy.w-is-me", "too easy to guess"),
    ],
)
def test_refused_passwords(app, password, message):
    with pytest.raises(DomainError, match=message):
        check_password_policy(password, "amy.w")


def test_hash_round_trip(app):
    stored = hash_password("sunny garden teapot")
    assert stored.startswith("scrypt:")
    assert password_matches(stored, "sunny garden teapot")
    assert not password_matches(stored, "sunny garden teacup")
    assert not password_matches(None, "anything")
