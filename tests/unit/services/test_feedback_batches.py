"""Comments reach staff in weekly batches of at least three, never in the week written."""

from datetime import date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import FeedbackResponse
from app.services.errors import NotFoundInUnit
from app.services.feedback_batches import hide_comment, released_batches
from tests.feedback_helpers import add_responses

THIS_WEEK = date(2027, 3, 8)
LAST_WEEK = THIS_WEEK - timedelta(days=7)
TWO_WEEKS_AGO = THIS_WEEK - timedelta(days=14)


@pytest.fixture(autouse=True)
def wednesday(frozen_now):
    frozen_now(datetime(2027, 3, 10, 12))


def comments(unit, week, *texts, topic="unit"):
    return add_responses(unit, topic, week, ["good"] * len(texts), list(texts))


def test_two_comments_wait(unit):
    comments(unit, LAST_WEEK, "one", "two")
    assert released_batches(unit) == []


def test_three_comments_from_a_finished_week_are_released(unit):
    comments(unit, LAST_WEEK, "one", "two", "three")
    [batch] = released_batches(unit)
    assert batch.last_week == LAST_WEEK
    assert sorted(c.comment for c in batch.comments) == ["one", "three", "two"]


def test_this_weeks_comments_are_never_shown(unit):
    comments(unit, THIS_WEEK, "a", "b", "c", "d")
    assert released_batches(unit) == []


def test_older_comments_join_the_next_batch(unit):
    comments(unit, TWO_WEEKS_AGO, "old one", "old two")
    comments(unit, LAST_WEEK, "new")
    [batch] = released_batches(unit)
    assert batch.last_week == LAST_WEEK
    assert {c.comment for c in batch.comments} == {"old one", "old two", "new"}


def test_batches_are_newest_first_and_answers_without_text_do_not_count(unit):
    comments(unit, TWO_WEEKS_AGO, "a", "b", "c")
    comments(unit, LAST_WEEK, "d", "", "", "e", "f")
    batches = released_batches(unit)
    assert [b.last_week for b in batches] == [LAST_WEEK, TWO_WEEKS_AGO]
    assert len(batches[0].comments) == 3


def test_order_in_a_batch_is_by_random_id_not_arrival(unit):
    rows = comments(unit, LAST_WEEK, *[f"c{n}" for n in range(10)])
    [batch] = released_batches(unit)
    shown = [c.id for c in batch.comments]
    assert shown == sorted(r.id for r in rows)
    assert shown != [r.id for r in rows]  # 1 chance in 10! of a false alarm


def test_other_units_comments_are_not_shown(unit, other_unit):
    comments(other_unit, LAST_WEEK, "a", "b", "c")
    assert released_batches(unit) == []


def test_hiding_a_released_comment(unit):
    row = comments(unit, LAST_WEEK, "Nurse Jo on nights was rude", "b", "c")[0]
    hide_comment(unit, row.id)
    db.session.commit()
    assert db.session.get(FeedbackResponse, row.id).is_hidden
    [batch] = released_batches(unit)  # still in its batch, so batches stay stable
    assert len(batch.comments) == 3


def test_an_unreleased_or_foreign_comment_cannot_be_hidden(unit, other_unit):
    waiting = comments(unit, THIS_WEEK, "a", "b", "c")[0]
    foreign = comments(other_unit, LAST_WEEK, "a", "b", "c")[0]
    for row in (waiting, foreign):
        with pytest.raises(NotFoundInUnit):
            hide_comment(unit, row.id)
    db.session.rollback()
    assert not db.session.get(FeedbackResponse, waiting.id).is_hidden
