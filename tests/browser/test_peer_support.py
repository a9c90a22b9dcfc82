"""About peer support on a phone: at her first sign-in a mother reads it and carries on
with one tap, then reaches it from her home; a peer worker changes its text and who may
see her name."""

from datetime import UTC, datetime

import pytest

from tests.sessions_support import weekly

TUESDAY = datetime(2027, 5, 4, 8, tzinfo=UTC)  # 09:00 in London


@pytest.fixture
def people(factory, unit, frozen_now):
    frozen_now(TUESDAY)
    priya = factory.user("peer_worker", unit, display_name="Priya")
    weekly(priya, 1)  # Tuesdays
    weekly(priya, 3)  # and Thursdays
    amy = factory.user("mother", unit, display_name="Amy", about_seen_at=None)
    return {"priya": priya, "amy": amy}


def test_first_sign_in_shows_about_peer_support_once(page, people, sign_in_as, assert_accessible):
    sign_in_as(page, people["amy"])
    page.wait_for_url("**/peer-support/")
    assert page.get_by_role("heading", level=1).inner_text() == "About peer support"
    assert page.get_by_role("heading", name="What stays between you").is_visible()
    assert "In today: Priya" in page.locator("main").inner_text()
    assert_accessible(page, best_practice=("region", "heading-order"))
    carry_on = page.get_by_role("button", name="Carry on").first
    box = carry_on.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    assert box["y"] + box["height"] <= 844  # on the first screen: no scrolling to go on
    carry_on.tap()
    page.wait_for_url("**/me/")
    assert "In today: Priya" in page.locator("main").inner_text()

    page.get_by_role("link", name="About peer support").first.tap()
    page.wait_for_url("**/peer-support/")
    assert page.get_by_role("button", name="Carry on").count() == 0
    assert "Priya: usually Tuesday and Thursday" in page.locator("main").inner_text()

    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You have signed out.").wait_for()
    sign_in_as(page, people["amy"])
    page.wait_for_url("**/me/")  # never again at sign-in


def test_a_peer_worker_changes_the_text_and_hides_her_name(
    page, new_context, people, sign_in_as, assert_accessible
):
    sign_in_as(page, people["priya"])
    page.goto("/peer/")
    page.get_by_role("link", name="Working with peer workers").tap()
    page.wait_for_url("**/peer-support/team")
    assert_accessible(page, best_practice=("region", "heading-order"))
    page.get_by_role("link", name="Change what mothers read").tap()
    page.wait_for_url("**/peer-support/edit/mothers")
    page.get_by_label("The text").fill("## Hello from us\nWe have been there too.")
    page.get_by_role("button", name="Save").tap()
    page.locator(".app-flash").wait_for()
    assert "Saved" in page.locator(".app-flash").inner_text()
    assert_accessible(page, best_practice=("region", "heading-order"))

    page.goto("/account")
    page.get_by_label("Mothers on the unit can see my first name").uncheck()
    page.get_by_role("button", name="Save").tap()
    page.locator(".app-flash").wait_for()
    assert "Saved who can see your name" in page.locator(".app-flash").inner_text()

    mother = new_context().new_page()
    sign_in_as(mother, people["amy"])
    mother.wait_for_url("**/peer-support/")
    main = mother.locator("main").inner_text()
    assert "Hello from us" in main and "We have been there too." in main
    assert "Priya" not in main
