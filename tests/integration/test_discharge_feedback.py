"""After staff record her discharge, her home asks once, kindly, "How was your stay?":
either answer puts it away, and nothing it keeps says whether she gave feedback."""

from datetime import date

import pytest
from sqlalchemy import func, inspect, select

from app.extensions import db
from app.models import AuditEvent, FeedbackResponse, User
from tests.support.forms import date_boxes

ASK = "How was your stay?"
TODAY = date(2027, 3, 10)


def page(response):
    return response.get_data(as_text=True)


def discharge(staff, mother, on="2027-03-10", until="2027-06-10"):
    dates = date_boxes(
        {"discharged_on": on, "support_until": until}, "discharged_on", "support_until"
    )
    response = staff.post(
        f"/staff/people/{mother.id}/discharge", {**dates, "confirmed": "yes"}, token_page="/staff/"
    )
    assert response.status_code == 302
    db.session.expire_all()


def answer_card(web, choice):
    return web.post("/feedback/stay", {"choice": choice}, token_page="/me/")


@pytest.fixture
def staff(as_role):
    return as_role("staff")[0]


def test_the_ask_appears_after_her_discharge_never_before_and_only_once(as_role, staff):
    web, mother = as_role("mother", display_name="Erin")
    assert ASK not in page(web.client.get("/me/"))
    discharge(staff, mother)
    home = page(web.client.get("/me/"))
    assert ASK in home and "anonymous" in home
    assert ASK in page(web.client.get("/me/"))  # until she answers the card
    response = answer_card(web, "not_now")
    assert response.status_code == 303 and response.headers["Location"] == "/me/"
    assert ASK not in page(web.client.get("/me/"))
    assert db.session.get(User, mother.id).discharge_feedback_asked_for == TODAY


def test_following_it_opens_the_discharge_topic_and_puts_the_card_away(as_role, staff):
    web, mother = as_role("mother")
    discharge(staff, mother)
    response = answer_card(web, "give")
    assert response.status_code == 303
    assert response.headers["Location"] == "/feedback/give?topic=discharge"
    give = page(web.client.get(response.headers["Location"]))
    assert 'value="discharge" checked' in give
    assert ASK not in page(web.client.get("/me/"))


def test_the_discharge_topic_is_open_to_her_after_discharge(as_role, staff):
    web, mother = as_role("mother")
    discharge(staff, mother)
    sent = web.post(
        "/feedback/give",
        {"topic": "discharge", "answer": "very_good", "comment": "Thank you all."},
        token_page="/feedback/give?topic=discharge",
    )
    assert sent.status_code == 302 and sent.headers["Location"] == "/feedback/sent"
    assert db.session.scalar(select(FeedbackResponse.topic)) == "discharge"


def _account_columns(user_id):
    """Her account row as stored, without what differs between any two mothers anyway."""
    user = db.session.get(User, user_id)
    db.session.refresh(user)
    skip = {"id", "username", "display_name", "password_hash", "created_at", "about_seen_at"}
    return {c.key: getattr(user, c.key) for c in inspect(User).column_attrs if c.key not in skip}


def test_it_leaves_nothing_that_says_whether_she_answered(as_role, staff):
    """Two mothers discharged the same day: one follows the card and answers, the other
    says no thank you. What the app keeps about each of them is the same."""
    answered_web, answered = as_role("mother")
    declined_web, declined = as_role("mother")
    for mother in (answered, declined):
        discharge(staff, mother)
    audit_before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    answer_card(answered_web, "give")
    answered_web.post(
        "/feedback/give",
        {"topic": "discharge", "answer": "good"},
        token_page="/feedback/give?topic=discharge",
    )
    answer_card(declined_web, "not_now")
    assert _account_columns(answered.id) == _account_columns(declined.id)
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == audit_before
    # Her home shows neither the card nor any sign of an answer, for either of them.
    first, second = (page(w.client.get("/me/")) for w in (answered_web, declined_web))
    assert ASK not in first and ASK not in second
    assert first.replace(answered.display_name, "X").count("feedback") == second.replace(
        declined.display_name, "X"
    ).count("feedback")


def test_a_new_stay_after_readmission_is_asked_about_again(as_role, staff):
    web, mother = as_role("mother", admitted_on=date(2027, 1, 4))
    discharge(staff, mother, on="2027-02-01", until="2027-05-01")
    answer_card(web, "not_now")
    mother = db.session.get(User, mother.id)
    mother.admitted_on, mother.discharged_on, mother.support_until = date(2027, 2, 20), None, None
    db.session.commit()
    assert ASK not in page(web.client.get("/me/"))  # on the unit again: not asked
    discharge(staff, mother, on="2027-03-09", until="2027-06-09")
    assert ASK in page(web.client.get("/me/"))


def test_without_a_valid_token_nothing_is_marked(as_role, staff):
    web, mother = as_role("mother")
    discharge(staff, mother)
    response = web.client.post("/feedback/stay", data={"choice": "not_now"})
    assert response.status_code in (302, 303, 400)
    assert db.session.get(User, mother.id).discharge_feedback_asked_for is None
    assert ASK in page(web.client.get("/me/"))
