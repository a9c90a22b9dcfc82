"""A mother gives feedback: the page, the rules, bad input, and nothing that traces her."""

import logging
from datetime import datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, FeedbackResponse, FeedbackToken
from tests.feedback_helpers import add_responses

GIVE = "/feedback/give"


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def mother_web(as_role, frozen_now):
    frozen_now(datetime(2027, 3, 10, 12))
    return as_role("mother", display_name="Aisling", username="aisling")


def send(web, **fields):
    data = {"topic": "unit", "answer": "good", "comment": "", **fields}
    return web.post(GIVE, data, token_page=GIVE)


def test_the_form_asks_the_fft_question_with_the_safety_note(mother_web, unit):
    web, _ = mother_web
    page = web.client.get(GIVE + "?topic=groups").get_data(as_text=True)
    assert "Overall, how was your experience of our service?" in page
    for value in ("very_good", "good", "neither", "poor", "very_poor", "dont_know"):
        assert f'name="answer" type="radio" value="{value}"' in page
    assert "Neither good nor poor" in page and "Don&#39;t know" in page
    assert 'value="groups" checked' in page
    assert "staff cannot reply to you personally" in page
    assert "If you are not safe right now, or want to talk to someone" in page
    assert "Tell a member of staff" in page
    assert 'href="tel:01184960000"' in page and unit.phone in page
    assert 'href="tel:116123"' in page and "option 2" in page


def test_sending_feedback_stores_it_and_marks_the_topic_answered(mother_web):
    web, _ = mother_web
    response = send(web, topic="groups", answer="very_good", comment="Loved baby massage")
    assert response.status_code == 302 and response.headers["Location"] == "/feedback/sent"
    assert "Thank you" in web.client.get("/feedback/sent").get_data(as_text=True)
    row = db.session.scalars(select(FeedbackResponse)).one()
    assert (row.topic, row.answer, row.comment) == ("groups", "very_good", "Loved baby massage")
    home = web.client.get("/feedback/").get_data(as_text=True)
    assert "Sent this week" in home
    assert 'href="/feedback/give?topic=groups"' not in home


def test_no_log_line_or_audit_event_names_the_author_or_the_words(mother_web, caplog):
    web, mother = mother_web
    audit_before = count(AuditEvent)
    caplog.set_level(logging.DEBUG)
    logging.getLogger("app").debug("log capture is live")
    response = send(web, answer="poor", comment="The night checks keep me awake")
    assert response.status_code == 302
    assert count(FeedbackResponse) == 1
    assert "log capture is live" in caplog.text
    for trace in (mother.username, mother.display_name, "The night checks keep me awake"):
        assert trace not in caplog.text
    assert count(AuditEvent) == audit_before


def test_no_audit_event_is_written_for_feedback_at_all(mother_web):
    web, _ = mother_web
    before = list(db.session.scalars(select(AuditEvent.action)))
    send(web)
    send(web, topic="groups", comment="words")
    web.client.get("/feedback/")
    after = list(db.session.scalars(select(AuditEvent.action)))
    assert after == before
    assert not any("feedback" in action for action in after)


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"answer": "excellent"}, "answer", "Select one of the answers shown"),
        ({"answer": ""}, "answer", "Select how your experience was"),
        ({"topic": "canteen"}, "topic", "Select one of the topics shown"),
        ({"topic": ""}, "topic", "Select what the feedback is about"),
        ({"comment": "x" * 1001}, "comment", "Tell us why must be 1000 characters or fewer"),
        (
            {"comment": "hello\x1b[31m"},
            "comment",
            "Tell us why must only include letters, numbers and punctuation",
        ),
    ],
)
def test_bad_input_gets_a_clear_message_and_stores_nothing(mother_web, fields, field, message):
    web, _ = mother_web
    response = send(web, **fields)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page
    assert message in page
    assert f'href="#{field}"' in page
    assert count(FeedbackResponse) == 0 and count(FeedbackToken) == 0


def test_a_second_answer_the_same_week_is_refused(mother_web):
    web, _ = mother_web
    assert send(web, answer="good").status_code == 302
    response = send(web, answer="very_poor", comment="again")
    assert response.status_code == 400
    assert "You have already given feedback on this topic this week" in response.get_data(
        as_text=True
    )
    assert count(FeedbackResponse) == 1 and count(FeedbackToken) == 1


def test_a_forged_form_without_csrf_token_changes_nothing(mother_web):
    web, _ = mother_web
    response = web.client.post(GIVE, data={"topic": "unit", "answer": "good"})
    assert response.status_code == 400
    assert "Your form could not be sent" in response.get_data(as_text=True)
    assert count(FeedbackResponse) == 0 and count(FeedbackToken) == 0


def test_a_discharged_mother_still_supported_can_give_feedback(factory, unit, web, frozen_now):
    from datetime import date

    frozen_now(datetime(2027, 3, 10, 12))
    mother = factory.user(
        role="mother", unit=unit, discharged_on=date(2027, 3, 1), support_until=date(2027, 6, 1)
    )
    web.sign_in(mother.username)
    response = web.post(GIVE, {"topic": "discharge", "answer": "good"}, token_page=GIVE)
    assert response.status_code == 302
    assert db.session.scalars(select(FeedbackResponse.topic)).one() == "discharge"


def test_mothers_see_their_units_you_said_we_did(mother_web, factory, unit, other_unit):
    from app.services.you_said_we_did import publish_response

    staff = factory.user(role="staff", unit=unit)
    publish_response(staff, "groups", "Evenings felt long", "A craft group on Tuesdays")
    other_staff = factory.user(role="staff", unit=other_unit)
    publish_response(other_staff, "unit", "Oak lodge words", "Oak lodge deeds")
    db.session.commit()
    web, _ = mother_web
    page = web.client.get("/feedback/").get_data(as_text=True)
    assert "Evenings felt long" in page and "A craft group on Tuesdays" in page
    assert "Oak lodge" not in page


def test_the_mother_pages_show_no_other_feedback(mother_web, unit):
    add_responses(
        unit,
        "unit",
        datetime(2027, 3, 1).date(),
        ["good"] * 3,
        ["Zebra-words-1", "Zebra-words-2", "Zebra-words-3"],
    )
    web, _ = mother_web
    for url in ("/feedback/", GIVE, "/feedback/sent"):
        page = web.client.get(url).get_data(as_text=True)
        assert "Zebra-words" not in page
