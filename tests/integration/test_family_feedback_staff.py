"""Staff run family feedback: the poster's code, and families' answers read apart from
mothers', with the same suppression, batches and moderation."""

from datetime import date, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, FamilyFeedbackCode, FeedbackResponse
from app.services.family_feedback import change_code
from tests.feedback_helpers import add_responses

WEDNESDAY = datetime(2027, 3, 10, 12)
LAST_WEEK = date(2027, 3, 1)
FEBRUARY_WEEK = date(2027, 2, 15)


@pytest.fixture
def staff_web(as_role, frozen_now):
    frozen_now(WEDNESDAY)
    web, _ = as_role("staff")
    return web


def codes(unit) -> list[FamilyFeedbackCode]:
    return list(
        db.session.scalars(select(FamilyFeedbackCode).where(FamilyFeedbackCode.unit_id == unit.id))
    )


def test_staff_home_reminds_when_there_is_no_code_for_this_month(staff_web, unit):
    page = staff_web.client.get("/staff/").get_data(as_text=True)
    assert "Make this month's code for family feedback" in page
    change_code(None, unit)
    db.session.commit()
    page = staff_web.client.get("/staff/").get_data(as_text=True)
    assert "Make this month's code for family feedback" not in page
    assert 'href="/staff/family-feedback"' in page


def test_the_reminder_comes_back_when_the_month_turns(staff_web, unit):
    code = change_code(None, unit)
    code.month = date(2027, 2, 1)
    db.session.commit()
    page = staff_web.client.get("/staff/").get_data(as_text=True)
    assert "Make this month's code for family feedback" in page
    page = staff_web.client.get("/staff/family-feedback").get_data(as_text=True)
    assert "Last month's code no longer works" in page


def test_making_a_new_code_asks_first_then_replaces_the_old_one(staff_web, unit):
    old = change_code(None, unit).code
    db.session.commit()
    asked = staff_web.client.get("/staff/family-feedback/new-code")
    assert asked.status_code == 200
    assert "Are you sure you want to make a new code?" in asked.get_data(as_text=True)
    assert len(codes(unit)) == 1
    done = staff_web.post("/staff/family-feedback/new-code", token_page="/staff/family-feedback")
    assert done.status_code == 302
    db.session.expire_all()
    newest = max(codes(unit), key=lambda c: c.id)
    assert newest.code != old and newest.month == date(2027, 3, 1)
    page = staff_web.client.get("/staff/family-feedback").get_data(as_text=True)
    assert f"{newest.code[:3]} {newest.code[3:]}" in page and "March 2027" in page
    audit = db.session.scalars(select(AuditEvent.action)).all()
    assert "family_feedback.code_changed" in audit


def test_the_poster_shows_the_code_its_month_the_address_and_a_qr_code(staff_web, unit):
    code = change_code(None, unit).code
    db.session.commit()
    response = staff_web.client.get("/staff/family-feedback/poster")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"{code[:3]} {code[3:]}" in page
    assert "This code is for March 2027" in page
    assert "localhost/units/willow-house/feedback" in page
    assert 'src="data:image/svg+xml' in page


def test_there_is_no_poster_without_this_months_code(staff_web, unit):
    response = staff_web.client.get("/staff/family-feedback/poster")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/staff/family-feedback")


def test_staff_of_another_unit_never_see_this_units_code(as_role, unit, other_unit):
    code = change_code(None, unit).code
    db.session.commit()
    web, _ = as_role("staff", target_unit=other_unit)
    assert code not in web.client.get("/staff/family-feedback").get_data(as_text=True)
    web.post("/staff/family-feedback/new-code", token_page="/staff/family-feedback")
    db.session.expire_all()
    assert [c.code for c in codes(unit)] == [code]


def section(page: str, label: str) -> str:
    return page.split(f'<h2 class="nhsuk-heading-m">{label}</h2>')[1].split("<h2")[0]


def test_families_answers_are_not_in_the_mothers_figures(staff_web, unit):
    add_responses(unit, "family", FEBRUARY_WEEK, ["poor"] * 9)
    add_responses(unit, "unit", FEBRUARY_WEEK, ["very_good"] * 6)
    mothers = staff_web.client.get("/staff/feedback/").get_data(as_text=True)
    assert "Family and friends who visit" not in mothers
    overall = section(mothers, "The unit overall")
    assert '<td class="nhsuk-table__cell">6</td>' in overall
    assert ">9<" not in mothers and ">15<" not in mothers
    families = staff_web.client.get("/staff/feedback/families").get_data(as_text=True)
    family = section(families, "Family and friends who visit")
    assert '<td class="nhsuk-table__cell">9</td>' in family
    assert "The unit overall" not in families


def test_families_figures_under_5_are_hidden(staff_web, unit):
    add_responses(unit, "family", FEBRUARY_WEEK, ["very_good"] * 4)
    page = staff_web.client.get("/staff/feedback/families").get_data(as_text=True)
    family = section(page, "Family and friends who visit")
    assert "Fewer than 5 responses" in family and ">4<" not in family and "%" not in family


def test_families_export_leaves_them_out_of_the_mothers_return(staff_web, unit):
    add_responses(unit, "family", FEBRUARY_WEEK, ["poor"] * 9)
    csv = staff_web.client.get("/staff/feedback/export.csv?month=2027-02").get_data(as_text=True)
    assert "Family" not in csv and ",9," not in csv


def test_family_comments_come_in_batches_apart_from_mothers(staff_web, unit):
    add_responses(unit, "family", LAST_WEEK, ["good"] * 3, ["Warm welcome", "Parking", "Tea"])
    add_responses(unit, "unit", LAST_WEEK, ["good"] * 3, ["Mum one", "Mum two", "Mum three"])
    add_responses(unit, "family", date(2027, 3, 8), ["good"] * 3, ["Not yet", "Nor", "This"])
    families = staff_web.client.get("/staff/feedback/families").get_data(as_text=True)
    assert "Warm welcome" in families and "Mum one" not in families
    assert "Not yet" not in families  # this week's wait for the batch
    mothers = staff_web.client.get("/staff/feedback/comments").get_data(as_text=True)
    assert "Mum one" in mothers and "Warm welcome" not in mothers


def test_two_family_comments_wait_for_a_third(staff_web, unit):
    add_responses(unit, "family", LAST_WEEK, ["good"] * 2, ["One", "Two"])
    page = staff_web.client.get("/staff/feedback/families").get_data(as_text=True)
    assert "One" not in page and "No comments to show yet" in page


def test_a_family_comment_is_hidden_and_restored_as_a_mothers_is(staff_web, unit):
    rows = add_responses(unit, "family", LAST_WEEK, ["good"] * 3, ["Jo on nights", "b", "c"])
    asked = staff_web.client.get(f"/staff/feedback/comments/{rows[0].id}/hide")
    assert 'href="/staff/feedback/families"' in asked.get_data(as_text=True)
    hidden = staff_web.post(
        f"/staff/feedback/comments/{rows[0].id}/hide", token_page="/staff/feedback/families"
    )
    assert hidden.headers["Location"].endswith("/staff/feedback/families")
    page = staff_web.client.get("/staff/feedback/families").get_data(as_text=True)
    assert "Jo on nights" not in page and "hidden because it could identify someone" in page
    staff_web.post(
        f"/staff/feedback/comments/{rows[0].id}/restore",
        token_page="/staff/feedback/comments/hidden",
    )
    db.session.expire_all()
    assert not db.session.get(FeedbackResponse, rows[0].id).is_hidden


def test_family_answers_write_no_audit_event(client, unit):
    from tests.integration.test_family_feedback import send

    code = change_code(None, unit).code
    db.session.commit()
    before = db.session.scalar(select(func.count()).select_from(AuditEvent))
    assert send(client, code).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_the_demo_has_a_code_and_families_answers(client, unit):
    from app.demo.family import DEMO_CODE, seed_demo_family
    from tests.integration.test_family_feedback import send

    seed_demo_family(unit)
    db.session.commit()
    assert db.session.scalar(select(func.count()).select_from(FeedbackResponse)) > 20
    assert send(client, DEMO_CODE).status_code == 302
