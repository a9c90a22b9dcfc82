"""Staff on a phone: irreversible actions ask first, the add-person form shows each role's
own question, and the audit log reads as sentences."""

from sqlalchemy import select

from app.extensions import db
from app.models import User


def test_closing_an_account_asks_first_and_no_goes_back(
    page, factory, unit, sign_in_as, assert_accessible
):
    helen = factory.user(role="staff", unit=unit, display_name="Helen")
    priya = factory.user(role="peer_worker", unit=unit, display_name="Priya")
    sign_in_as(page, helen)
    page.goto(f"/staff/people/{priya.id}")
    page.get_by_role("button", name="Close account").click()
    page.get_by_role("heading", name="Are you sure you want to close Priya's account?").wait_for()
    assert_accessible(page, best_practice=("region", "heading-order"))
    box = page.get_by_role("link", name="No, go back").bounding_box()
    assert box["height"] >= 44
    page.get_by_role("link", name="No, go back").click()
    page.wait_for_url(f"**/staff/people/{priya.id}")
    db.session.commit()  # a fresh read of what the server wrote
    assert db.session.get(User, priya.id).active
    page.get_by_role("button", name="Close account").click()
    page.get_by_role("button", name="Yes, close the account").click()
    page.get_by_text("Priya's account is closed.").wait_for()
    db.session.commit()  # a fresh read of what the server wrote
    assert not db.session.scalar(select(User.active).where(User.id == priya.id))

    page.goto("/staff/audit")
    log = page.locator("main").inner_text()
    assert "Helen closed Priya's account" in log and "Helen viewed Priya's record" in log
    assert_accessible(page, best_practice=("region", "heading-order"))


def test_add_person_reveals_only_the_chosen_roles_question(page, factory, unit, sign_in_as):
    sign_in_as(page, factory.user(role="staff", unit=unit))
    page.goto("/staff/people/new")
    admission, hours = (
        page.get_by_role("group", name="Date of admission"),
        page.get_by_label("Contracted hours a week"),
    )
    assert not admission.is_visible() and not hours.is_visible()
    page.get_by_label("A mother").check()
    assert admission.is_visible() and not hours.is_visible()
    page.get_by_label("A peer support worker").check()
    assert hours.is_visible() and not admission.is_visible()


def test_add_person_without_javascript_shows_every_question_with_whom_it_is_for(
    new_context, factory, unit, sign_in_as
):
    page = new_context(java_script_enabled=False).new_page()
    sign_in_as(page, factory.user(role="staff", unit=unit))
    page.goto("/staff/people/new")
    assert page.get_by_role("group", name="Date of admission").is_visible()
    assert page.get_by_label("Contracted hours a week").is_visible()
    assert page.get_by_text("For mothers only").is_visible()
