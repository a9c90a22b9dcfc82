"""Sign-in for each role, and a new mother's activation from staff's screen to her phone."""

import re
from datetime import date

import pyotp
import pytest

from app.services import clock
from tests.browser.conftest import type_date

PAGES_BY_ROLE = {
    "mother": ["/me/", "/account", "/help"],
    "peer_worker": ["/peer/", "/account"],
    "staff": [
        "/staff/",
        "/staff/people",
        "/staff/people/new",
        "/staff/audit",
        "/staff/security",
        "/account/two-step",
    ],
}


@pytest.mark.parametrize("role", ["mother", "peer_worker", "staff"])
def test_each_role_signs_in_to_its_home(page, factory, unit, sign_in_as, role):
    user = factory.user(role=role, unit=unit, display_name="Robin")
    sign_in_as(page, user)
    assert page.get_by_role("heading", level=1).is_visible()
    assert "Robin" in page.content()
    assert unit.name in page.content()


def test_wrong_password_shows_the_error_summary(page, factory, unit, assert_accessible):
    user = factory.user(role="mother", unit=unit)
    page.goto("/sign-in")
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password", exact=True).fill("not-the-password")
    page.get_by_role("button", name="Sign in").click()
    summary = page.locator(".nhsuk-error-summary")
    summary.wait_for()
    assert "not right" in summary.inner_text()
    assert page.get_by_label("Username").input_value() == user.username
    assert page.title().startswith("Error:")
    assert_accessible(page)


def test_staff_creates_a_mother_who_activates_on_her_phone(
    page, new_context, factory, unit, sign_in_as
):
    staff = factory.user(role="staff", unit=unit)
    sign_in_as(page, staff)
    page.goto("/staff/people/new")
    page.get_by_label("A mother").check()
    page.get_by_label("First name").fill("Nadia")
    page.get_by_label("Username").fill("nadia.k")
    type_date(page, "Date of admission", date(2026, 11, 20))
    page.get_by_role("button", name="Add and create a code").click()
    code = page.get_by_test_id("activation-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code)
    qr_src = page.locator("img.app-qr").get_attribute("src")
    assert qr_src.startswith("data:image/svg+xml")

    phone = new_context().new_page()
    phone.goto("/activate")
    phone.get_by_label("Activation code").fill(code.lower())
    phone.get_by_label("Choose a password").fill("sunny garden teapot")
    phone.get_by_label("Type your password again").fill("sunny garden teapot")
    phone.get_by_role("button", name="Save and continue").click()
    phone.wait_for_url("**/peer-support/")  # first, once: what peer support is
    assert "Your username is nadia.k" in phone.content()
    phone.get_by_role("button", name="Carry on").first.click()
    phone.wait_for_url("**/me/")
    assert "Hello, Nadia" in phone.content()

    # The code works once only.
    other = new_context().new_page()
    other.goto("/activate")
    other.get_by_label("Activation code").fill(code)
    other.get_by_label("Choose a password").fill("another lovely phrase")
    other.get_by_label("Type your password again").fill("another lovely phrase")
    other.get_by_role("button", name="Save and continue").click()
    assert "already been used" in other.locator(".nhsuk-error-summary").inner_text()


def test_every_page_is_accessible(page, new_context, factory, unit, sign_in_as, assert_accessible):
    for path in ["/sign-in", "/activate", "/units", f"/units/{unit.slug}", "/help", "/nowhere"]:
        page.goto(path)
        assert_accessible(page)
    mother = factory.user(role="mother", unit=unit)
    for role, paths in PAGES_BY_ROLE.items():
        user = factory.user(role=role, unit=unit)
        role_page = new_context().new_page()
        sign_in_as(role_page, user)
        for path in paths + ([f"/staff/people/{mother.id}"] if role == "staff" else []):
            role_page.goto(path)
            assert_accessible(role_page)


def test_peer_worker_sets_up_two_step_sign_in(
    page, new_context, factory, unit, sign_in_as, assert_accessible
):
    peer = factory.user(role="peer_worker", unit=unit)
    sign_in_as(page, peer)
    page.goto("/account/two-step")
    page.get_by_role("button", name="Set up two-step sign-in").click()
    page.get_by_test_id("totp-secret").wait_for()
    assert_accessible(page)
    secret = page.get_by_test_id("totp-secret").inner_text().replace(" ", "")
    page.get_by_label("Code").fill(pyotp.TOTP(secret).at(clock.now()))
    page.get_by_role("button", name="Turn on two-step sign-in").click()
    page.get_by_test_id("recovery-codes").wait_for()
    assert_accessible(page)

    phone = new_context().new_page()
    phone.goto("/sign-in")
    phone.get_by_label("Username").fill(peer.username)
    phone.get_by_label("Password", exact=True).fill("correct-horse-battery")
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url("**/sign-in/two-step")
    assert_accessible(phone)


def test_the_password_show_button_shows_and_hides_what_she_typed(page):
    page.goto("/sign-in")
    password = page.get_by_label("Password", exact=True)
    password.fill("willow-tree-2026")
    show = page.get_by_role("button", name="Show password")
    show.click()
    assert password.get_attribute("type") == "text"
    hide = page.get_by_role("button", name="Hide password")
    hide.click()
    assert password.get_attribute("type") == "password"
    assert page.get_by_role("button", name="Show password").is_visible()
