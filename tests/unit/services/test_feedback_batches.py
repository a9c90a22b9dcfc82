"""Comments reach staff in batches on one topic that hold a week of at least three
comments (so at least three mothers), never before that week is closed for answers."""

from datetime import date, datetime, timedelta

import pytest

from app.extensions import db
from app.models import FeedbackResponse
from app.services.errors import NotFoundInUnit
from app.services.feedback_batches import released_batches
from app.services.feedback_moderation import hide_comment
from tests.feedback_helpers import add_responses

THIS_WEEK = date(2027, 3, 8)
LAST_WEEK = THIS_WEEK - timedelta(days=7)
TWO_WEEKS_AGO = THIS_WEEK - timedelta(days=14)
THREE_WEEKS_AGO = THIS_WEEK - timedelta(days=21)


@pytest.fixture(autouse=True)
def wednesday(frozen_now):
    frozen_now(datetime(2027, 3, 10, 12))


def comments(unit, week, *texts, topic="unit"):
    return add_responses(unit, topic, week, ["good"] * len(texts), list(texts))


def test_two_comments_wait(unit):
    comments(unit, LAST_WEEK, "one", "two")
    assert released_batches(unit) == []


def test_three_comments_from_a_closed_week_are_released(unit):
    comments(unit, LAST_WEEK, "one", "two", "three")
    [batch] = released_batches(unit)
    assert (batch.topic, batch.last_week) == ("unit", LAST_WEEK)
    assert batch.released_on == date(2027, 3, 10)
    assert sorted(c.comment for c in batch.comments) == ["one", "three", "two"]


def test_a_week_waits_until_it_is_closed_for_answers(unit, frozen_now):
    comments(unit, LAST_WEEK, "one", "two", "three")
    frozen_now(datetime(2027, 3, 9, 12))  # Tuesday: answers for last week still arrive
    assert released_batches(unit) == []


def test_this_weeks_comments_are_never_shown(unit):
    comments(unit, THIS_WEEK, "a", "b", "c", "d")
    assert released_batches(unit) == []


def test_one_mothers_comments_over_three_weeks_wait(unit):
    for week, text in zip([THREE_WEEKS_AGO, TWO_WEEKS_AGO, LAST_WEEK], "abc", strict=True):
        comments(unit, week, f"week {text}")
    assert released_batches(unit) == []


def test_one_mothers_comments_on_three_topics_in_a_week_wait(unit):
    for topic in ("unit", "groups", "peer_support"):
        comments(unit, LAST_WEEK, f"about {topic}", topic=topic)
    assert released_batches(unit) == []


def test_a_full_week_releases_the_earlier_lone_comment_on_its_topic(unit):
    comments(unit, THREE_WEEKS_AGO, "earlier, alone")
    comments(unit, TWO_WEEKS_AGO, "other topic", topic="groups")
    add_responses(unit, "unit", LAST_WEEK, ["good", "poor", "very_good"], ["x", "y", "z"])
    [batch] = released_batches(unit)
    assert (batch.topic, batch.last_week) == ("unit", LAST_WEEK)
    assert {c.comment for c in batch.comments} == {"earlier, alone", "x", "y", "z"}


def test_batches_are_newest_first_and_answers_without_text_do_not_count(unit):
    comments(unit, TWO_WEEKS_AGO, "a", "b", "c")
    comments(unit, LAST_WEEK, "d", "", "", "e")
    comments(unit, LAST_WEEK, "f", "g", "h", topic="groups")
    batches = released_batches(unit)
    assert [(b.topic, b.last_week) for b in batches] == [
        ("groups", LAST_WEEK),
        ("unit", TWO_WEEKS_AGO),
    ]


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
