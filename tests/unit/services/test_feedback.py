"""Recording feedback: one answer per topic per week, known only through a one-way token."""

import hashlib
import hmac
from datetime import datetime

import pytest
from sqlalchemy import func, select, text

from app.extensions import db
from app.models import FeedbackResponse, FeedbackToken
from app.services.errors import DomainError
from app.services.feedback import (
    ALREADY_ANSWERED,
    answer_token,
    answered_topics,
    iso_week,
    record_feedback,
    week_start,
)

WEDNESDAY = datetime(2027, 3, 10, 12)  # ISO week 2027-W10, Monday 8 March


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def mother(factory, unit, frozen_now):
    frozen_now(WEDNESDAY)
    return factory.user(role="mother", unit=unit)


def test_week_is_the_iso_week_in_unit_time():
    assert week_start(WEDNESDAY.date()).isoformat() == "2027-03-08"
    assert iso_week(WEDNESDAY.date()) == "2027-W10"
    assert iso_week(datetime(2027, 1, 1).date()) == "2026-W53"


def test_a_response_stores_only_the_anonymous_fields(mother):
    record_feedback(mother, "groups", "good", "  The cooking group helped  ")
    db.session.commit()
    row = db.session.scalars(select(FeedbackResponse)).one()
    assert (row.unit_id, row.topic, row.answer) == (mother.unit_id, "groups", "good")
    assert row.week.isoformat() == "2027-03-08"
    assert row.comment == "The cooking group helped"
    assert row.moderation == "shown"
    assert len(row.id) == 32 and int(row.id, 16) >= 0  # random hex, not a sequence


def test_token_is_a_keyed_one_way_hash_of_user_topic_and_week(app, mother):
    token = answer_token(mother.id, "unit", WEDNESDAY.date())
    assert len(token) == 64
    # Keyed with a key derived from SECRET_KEY under its own label, not SECRET_KEY itself.
    plain = hmac.new(
        app.config["SECRET_KEY"].encode(), f"{mother.id}|unit|2027-W10".encode(), hashlib.sha256
    ).hexdigest()
    assert token != plain
    assert token == answer_token(mother.id, "unit", WEDNESDAY.date().replace(day=12))
    assert token != answer_token(mother.id, "groups", WEDNESDAY.date())
    assert token != answer_token(mother.id + 1, "unit", WEDNESDAY.date())
    assert token != answer_token(mother.id, "unit", datetime(2027, 3, 15).date())


def test_a_second_answer_the_same_week_is_refused_and_nothing_is_stored(mother):
    record_feedback(mother, "unit", "good")
    db.session.commit()
    with pytest.raises(DomainError) as refused:
        record_feedback(mother, "unit", "very_poor", "changed my mind")
    db.session.rollback()
    assert refused.value.message == ALREADY_ANSWERED
    assert count(FeedbackResponse) == 1 and count(FeedbackToken) == 1


def test_other_topics_and_next_week_are_open(mother, frozen_now):
    record_feedback(mother, "unit", "good")
    record_feedback(mother, "groups", "poor")
    db.session.commit()
    assert answered_topics(mother) == {"unit", "groups"}
    frozen_now(datetime(2027, 3, 15, 9))  # the next Monday
    assert answered_topics(mother) == set()
    record_feedback(mother, "unit", "very_good")
    db.session.commit()
    assert count(FeedbackResponse) == 3


def test_answered_topics_are_per_mother(mother, factory, unit):
    record_feedback(mother, "unit", "good")
    db.session.commit()
    other = factory.user(role="mother", unit=unit)
    assert answered_topics(other) == set()


@pytest.mark.parametrize(
    ("topic", "answer", "comment", "message"),
    [
        ("canteen", "good", "", "Select one of the topics shown"),
        ("unit", "excellent", "", "Select one of the answers shown"),
        ("unit", "good", "x" * 1001, "Tell us why must be 1000 characters or fewer"),
        ("unit", "good", "bell\x07", "Tell us why must only include letters"),
    ],
)
def test_bad_input_is_refused_by_the_service_too(mother, topic, answer, comment, message):
    with pytest.raises(DomainError) as refused:
        record_feedback(mother, topic, answer, comment)
    db.session.rollback()
    assert refused.value.message.startswith(message)
    assert count(FeedbackResponse) == 0 and count(FeedbackToken) == 0


def _unordered_ids(table: str) -> list[str]:
    column = "id" if table == "feedback_response" else "token"
    return list(db.session.scalars(text(f"SELECT {column} FROM {table}")))  # noqa: S608


def test_row_order_does_not_reveal_arrival_order(factory, unit, frozen_now):
    """Stored order is random-key order in both tables, whatever the order of arrival."""
    frozen_now(WEDNESDAY)
    arrival = []
    for n in range(12):
        mother = factory.user(role="mother", unit=unit)
        before = set(_unordered_ids("feedback_response"))
        record_feedback(mother, "unit", "good", f"comment {n}")
        db.session.commit()
        arrival.extend(set(_unordered_ids("feedback_response")) - before)
    stored = _unordered_ids("feedback_response")
    assert stored == sorted(stored)
    assert stored != arrival  # 1 chance in 12! of a false alarm
    tokens = _unordered_ids("feedback_token")
    if db.engine.dialect.name == "sqlite":
        assert tokens == sorted(tokens)


def test_postgresql_transaction_stamps_do_not_pair_tokens_with_rows(factory, unit, frozen_now):
    if db.engine.dialect.name != "postgresql":
        pytest.skip("xmin is a PostgreSQL system column")
    frozen_now(WEDNESDAY)
    for _ in range(4):
        record_feedback(factory.user(role="mother", unit=unit), "unit", "good")
        db.session.commit()
    row_stamps = set(db.session.scalars(text("SELECT xmin::text FROM feedback_response")))
    token_stamps = list(db.session.scalars(text("SELECT xmin::text FROM feedback_token")))
    assert len(row_stamps) == 1  # every row of the week rewritten by the latest answer
    # At most the newest token shares that stamp (it is written in a savepoint, so it
    # has a stamp of its own): no earlier token can be paired with a row.
    assert sum(stamp in row_stamps for stamp in token_stamps) <= 1


def test_two_answers_racing_for_one_week_store_one(mother, monkeypatch):
    """The token's primary key settles a race the look-up cannot see."""
    record_feedback(mother, "unit", "good")
    db.session.commit()
    monkeypatch.setattr(db.session, "get", lambda *args, **kwargs: None)  # the look-up missed it
    with pytest.raises(DomainError) as refused:
        record_feedback(mother, "unit", "poor")
    db.session.rollback()
    assert refused.value.message == ALREADY_ANSWERED
    assert count(FeedbackResponse) == 1 and count(FeedbackToken) == 1
