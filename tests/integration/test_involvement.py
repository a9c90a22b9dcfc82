"""The involvement opt-in: her own page, withdrawable, audited, never linked to feedback."""

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, InvolvementInterest

URL = "/get-involved"


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_mother_opts_in_changes_her_contact_and_withdraws(as_role):
    web, mother = as_role("mother")
    page = web.client.get(URL).get_data(as_text=True)
    assert "not linked to any feedback" in page
    assert web.post(URL, {"contact": "07700 900123"}, token_page=URL).status_code == 302
    interest = db.session.scalars(select(InvolvementInterest)).one()
    assert (interest.user_id, interest.contact) == (mother.id, "07700 900123")
    assert web.post(URL, {"contact": "aisling@example.org"}, token_page=URL).status_code == 302
    db.session.expire_all()
    assert db.session.scalars(select(InvolvementInterest.contact)).one() == "aisling@example.org"
    assert "Take my name off the list" in web.client.get(URL).get_data(as_text=True)
    assert web.post(URL + "/withdraw", token_page=URL).status_code == 302
    assert db.session.scalars(select(InvolvementInterest)).all() == []
    assert actions()[-3:] == [
        "involvement.opted_in",
        "involvement.contact_changed",
        "involvement.withdrawn",
    ]
    assert all(
        "aisling@example.org" not in e.detail for e in db.session.scalars(select(AuditEvent))
    )


def test_bad_contact_is_refused(as_role):
    web, _ = as_role("mother")
    for contact, message in (
        ("", "Enter how we can contact you"),
        ("x" * 201, "Contact must be 200 characters or fewer"),
        ("call\nme", "Contact must only include letters"),
    ):
        response = web.post(URL, {"contact": contact}, token_page=URL)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    assert db.session.scalars(select(InvolvementInterest)).all() == []


def test_staff_see_the_list_and_each_view_is_audited(as_role, factory, unit, other_unit):
    from app.services.involvement import save_interest

    mother = factory.user(role="mother", unit=unit, display_name="Bronagh")
    save_interest(mother, "07700 900456")
    stranger = factory.user(role="mother", unit=other_unit, display_name="Oakmother")
    save_interest(stranger, "07700 900789")
    db.session.commit()
    web, staff = as_role("staff")
    page = web.client.get("/staff/involvement").get_data(as_text=True)
    assert "Bronagh" in page and "07700 900456" in page
    assert "Oakmother" not in page and "07700 900789" not in page
    assert "Viewed this list" in page and "Opted in" in page
    viewed = db.session.scalars(
        select(AuditEvent).where(AuditEvent.action == "involvement.list_viewed")
    ).one()
    assert viewed.actor_id == staff.id


def test_involvement_pages_never_touch_feedback(as_role):
    from app.models import FeedbackResponse, FeedbackToken

    web, _ = as_role("mother")
    web.post(URL, {"contact": "07700 900123"}, token_page=URL)
    assert db.session.scalars(select(FeedbackResponse)).all() == []
    assert db.session.scalars(select(FeedbackToken)).all() == []
