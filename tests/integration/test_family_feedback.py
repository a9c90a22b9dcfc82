"""Family and friends who visit give feedback with the poster's code, no account."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import FamilyFeedbackCode, FeedbackResponse
from app.services import family_feedback
from app.services.family_feedback import CODE_CHANGED, WRONG_CODE, change_code
from tests.conftest import csrf_token_from

FORM = "/units/willow-house/feedback"
HOME = "10.0.0.1"


def make_code(unit, month: date | None = None) -> str:
    code = change_code(None, unit)
    if month:
        code.month = month
    db.session.commit()
    return code.code


def send(client, code: str, answer="good", comment="", address=HOME, url=FORM):
    page = client.get(url, environ_base={"REMOTE_ADDR": address})
    token = csrf_token_from(page.get_data(as_text=True))
    return client.post(
        url,
        data={"csrf_token": token, "answer": answer, "comment": comment, "code": code},
        environ_base={"REMOTE_ADDR": address},
    )


def answers() -> list[FeedbackResponse]:
    return list(db.session.scalars(select(FeedbackResponse)))


def test_the_right_code_saves_the_answer_as_the_family_topic_in_this_week(client, unit):
    code = make_code(unit)
    response = send(client, code.lower()[:3] + " " + code.lower()[3:], comment="Kind staff")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/units/willow-house/feedback/sent")
    [row] = answers()
    assert (row.unit_id, row.topic, row.week, row.answer, row.comment) == (
        unit.id,
        "family",
        date(2027, 3, 8),
        "good",
        "Kind staff",
    )
    sent = client.get(response.headers["Location"])
    assert sent.status_code == 200 and "Thank you for your feedback" in sent.get_data(as_text=True)
    assert sent.headers["Referrer-Policy"] == "no-referrer"


def test_the_form_asks_the_fft_question_and_says_who_sees_what(client, unit):
    response = client.get(FORM)
    page = response.get_data(as_text=True)
    assert response.headers["Referrer-Policy"] == "no-referrer"
    assert "Overall, how was your experience of our service?" in page
    for label in ("Very good", "Neither good nor poor", "Very poor", "Don&#39;t know"):
        assert label in page
    assert "We do not ask for your name" in page
    assert 'maxlength="1000"' in page or "data-maxlength" in page
    assert 'name="code"' in page


@pytest.mark.parametrize("typed", ["", "AAAAAA", "not a code at all"])
def test_a_wrong_code_is_refused_and_nothing_is_saved(client, unit, typed):
    make_code(unit)
    response = send(client, typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert (WRONG_CODE if typed else "Enter the code from the poster").replace("'", "&#39;") in page
    assert answers() == []


def test_another_units_code_is_a_wrong_code(client, unit, other_unit):
    make_code(unit)
    theirs = make_code(other_unit)
    response = send(client, theirs)
    assert response.status_code == 400
    assert WRONG_CODE.replace("'", "&#39;") in response.get_data(as_text=True)
    assert answers() == []


def test_last_months_code_has_changed(client, unit):
    old = make_code(unit, month=date(2027, 2, 1))
    response = send(client, old)
    assert response.status_code == 400
    assert CODE_CHANGED.replace("'", "&#39;") in response.get_data(as_text=True)
    assert answers() == []


def test_a_code_replaced_this_month_has_changed(client, unit):
    old = make_code(unit)
    new = make_code(unit)
    assert old != new
    assert send(client, old).status_code == 400
    assert answers() == []
    assert send(client, new).status_code == 302


def test_a_code_works_until_the_month_ends(client, unit, frozen_now):
    code = make_code(unit)
    frozen_now(datetime(2027, 3, 31, 22, 59, tzinfo=UTC))  # 23:59 in London (BST)
    assert send(client, code).status_code == 302
    frozen_now(datetime(2027, 3, 31, 23, 1, tzinfo=UTC))  # 1 April in London
    response = send(client, code, address="10.0.0.2")
    assert response.status_code == 400
    assert CODE_CHANGED.replace("'", "&#39;") in response.get_data(as_text=True)


def test_old_codes_are_kept_only_a_while(unit):
    for _ in range(family_feedback.KEPT_CODES + 3):
        change_code(None, unit)
    db.session.commit()
    kept = db.session.scalar(select(func.count()).select_from(FamilyFeedbackCode))
    assert kept == family_feedback.KEPT_CODES


@pytest.mark.parametrize(
    "comment, message",
    [
        ("x" * 1001, "Tell us why must be 1000 characters or fewer"),
        ("Hello\x00there", "Tell us why must only include letters, numbers and punctuation"),
        ("Hi \u202e", "Tell us why must only include letters, numbers and punctuation"),
    ],
)
def test_overlong_or_control_character_text_is_refused(client, unit, comment, message):
    code = make_code(unit)
    response = send(client, code, comment=comment)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert answers() == []


def test_an_answer_not_on_the_list_is_refused(client, unit):
    response = send(client, make_code(unit), answer="brilliant")
    assert response.status_code == 400
    assert "Select one of the answers shown" in response.get_data(as_text=True)
    assert answers() == []


def test_an_unknown_unit_is_not_found(client, unit):
    assert client.get("/units/no-such-unit/feedback").status_code == 404


def test_a_second_answer_from_the_same_address_straight_after_is_refused(client, unit):
    code = make_code(unit)
    assert send(client, code).status_code == 302
    again = send(client, code, answer="poor")
    assert again.status_code == 429
    page = again.get_data(as_text=True)
    assert "Feedback sent a moment ago" in page
    assert "we have not saved this one" in page and "wait 2 minutes" in page
    assert 'href="/units/willow-house">Back to the visitors' in page
    assert again.headers["Referrer-Policy"] == "no-referrer"
    assert [a.answer for a in answers()] == ["good"]
    # Someone else, on another address, can still answer.
    assert send(client, code, answer="very_good", address="10.0.0.9").status_code == 302
    assert sorted(a.answer for a in answers()) == ["good", "very_good"]


def test_the_answer_limit_counts_only_saved_answers(client, unit, frozen_now):
    code = make_code(unit)
    assert send(client, "WRONG1").status_code == 400
    assert send(client, code).status_code == 302


def test_too_many_wrong_codes_from_one_address_are_refused(client, unit):
    code = make_code(unit)
    for _ in range(30):
        assert send(client, "AAAAAA").status_code == 400
    stopped = send(client, code)
    assert stopped.status_code == 429
    assert "You have tried too many times" in stopped.get_data(as_text=True)
    assert answers() == []
    assert send(client, code, address="10.0.0.9").status_code == 302


def test_the_form_needs_its_csrf_token(client, unit):
    code = make_code(unit)
    response = client.post(FORM, data={"answer": "good", "code": code})
    assert response.status_code == 400
    assert answers() == []


def test_the_visitors_page_links_to_the_form(client, unit):
    page = client.get("/units/willow-house").get_data(as_text=True)
    assert 'href="/units/willow-house/feedback"' in page
