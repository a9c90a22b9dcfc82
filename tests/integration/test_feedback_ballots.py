"""Ballots and answers: the signed-in ballot, the answer sent later with no session."""

from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import FeedbackKey, FeedbackResponse, FeedbackToken
from app.services.blind_rsa import b64url, from_b64url
from tests.feedback_helpers import Phone


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def phone(as_role, frozen_now):
    frozen_now(datetime(2027, 3, 10, 12))
    web, mother = as_role("mother")
    phone = Phone(web)
    phone.username = mother.username  # to sign in again after the clock moves on
    return phone


@pytest.fixture
def stranger(app):
    """A client that never signed in: how the phone sends an answer."""
    return app.test_client()


def test_an_answer_sent_with_its_ballot_and_no_session_is_counted(phone, stranger, unit):
    ballot = phone.ballot("groups")
    assert count(FeedbackToken) == 1 and count(FeedbackResponse) == 0
    response = phone.send(stranger, ballot, "very_good", "Loved baby massage")
    assert response.status_code == 201, response.get_data(as_text=True)
    row = db.session.scalars(select(FeedbackResponse)).one()
    assert (row.unit_id, row.topic, row.answer, row.comment) == (
        unit.id,
        "groups",
        "very_good",
        "Loved baby massage",
    )
    assert row.week.isoformat() == ballot["week"] == "2027-03-08"
    assert "Set-Cookie" not in response.headers
    home = phone.web.client.get("/feedback/").get_data(as_text=True)
    assert 'href="/feedback/give?topic=groups"' not in home


def test_one_ballot_per_topic_and_week(phone):
    assert "token" in phone.ballot("unit")
    again = phone.ballot("unit")
    assert again["refused"] == 409 and "already given feedback" in again["error"]
    opened = phone._post("/feedback/ballot/open", {"topic": "unit"})
    assert opened.status_code == 409
    assert "token" in phone.ballot("groups")  # another topic is its own ballot
    assert count(FeedbackToken) == 2


def test_a_ballot_whose_reply_was_lost_is_signed_again_for_the_same_blinded_value(phone):
    opened = phone._post("/feedback/ballot/open", {"topic": "unit"}).get_json()
    size = len(from_b64url(opened["key"]["n"]))
    body = {"topic": "unit", "week": opened["week"], "blinded": b64url(b"\1" * size)}
    first = phone._post("/feedback/ballot", body)
    second = phone._post("/feedback/ballot", body)
    assert first.status_code == second.status_code == 200
    assert first.get_json() == second.get_json()
    other = phone._post("/feedback/ballot", {**body, "blinded": b64url(b"\2" * size)})
    assert other.status_code == 409
    assert count(FeedbackToken) == 1


def test_a_token_is_spent_once(phone, stranger):
    ballot = phone.ballot("unit")
    assert phone.send(stranger, ballot).status_code == 201
    again = phone.send(stranger, ballot, "very_poor")
    assert again.status_code == 409
    assert db.session.scalars(select(FeedbackResponse.answer)).all() == ["good"]


@pytest.mark.parametrize(
    "change",
    [
        {"topic": "groups"},  # a ballot of one topic cannot answer another
        {"week": "2027-03-15"},  # a week with no ballots yet
        {"unit": 999},
        {"signature": b64url(b"\0" * 256)},
        {"token": b64url(b"forged")},
        {"token": "not base64!"},
        {"week": "soon"},
        {"unit": "1e999"},
        {"answer": "amazing"},
        {"comment": "x" * 1001},
    ],
)
def test_an_answer_without_a_valid_ballot_is_refused(phone, stranger, change):
    ballot = phone.ballot("unit")
    body = {**ballot, "answer": "good", "comment": "", **change}
    response = stranger.post("/feedback/answers", json=body)
    assert response.status_code == 400, response.get_data(as_text=True)
    assert "error" in response.get_json()
    assert count(FeedbackResponse) == 0


def test_an_answer_that_is_not_json_is_refused(stranger):
    response = stranger.post("/feedback/answers", data={"answer": "good"})
    assert response.status_code == 400
    response = stranger.post("/feedback/answers", json=["good"])
    assert response.status_code == 400


def test_an_answer_arriving_after_its_week_has_closed_is_not_counted(phone, stranger, frozen_now):
    ballot = phone.ballot("unit")
    frozen_now(datetime(2027, 3, 16, 23))  # Tuesday night of the next week: still open
    assert phone.send(stranger, ballot).status_code == 201
    phone.web.sign_in(phone.username)
    ballot = phone.ballot("groups")  # of the new week, 15 to 21 March
    frozen_now(datetime(2027, 3, 24, 0, 30))  # just into Wednesday of the week after
    closed = phone.send(stranger, ballot)
    assert closed.status_code == 410 and "closed" in closed.get_json()["error"]
    assert count(FeedbackResponse) == 1


def test_a_ballot_for_a_week_that_has_ended_is_refused(phone, frozen_now):
    opened = phone._post("/feedback/ballot/open", {"topic": "unit"}).get_json()
    frozen_now(datetime(2027, 3, 15, 9))
    phone.web.sign_in(phone.username)
    size = len(from_b64url(opened["key"]["n"]))
    late = phone._post(
        "/feedback/ballot",
        {"topic": "unit", "week": opened["week"], "blinded": b64url(b"\1" * size)},
    )
    assert late.status_code == 409 and count(FeedbackToken) == 0


def test_the_units_mothers_share_one_key_per_topic_and_week(as_role, phone):
    other = Phone(as_role("mother")[0])
    first = phone._post("/feedback/ballot/open", {"topic": "unit"}).get_json()
    second = other._post("/feedback/ballot/open", {"topic": "unit"}).get_json()
    assert first["key"] == second["key"]
    groups = phone._post("/feedback/ballot/open", {"topic": "groups"}).get_json()
    assert groups["key"] != first["key"]
    assert count(FeedbackKey) == 2
