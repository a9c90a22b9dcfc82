from datetime import UTC, datetime
from email.utils import format_datetime
from types import SimpleNamespace

from app.services.push_sender import Result, classify, parse_retry_after

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
