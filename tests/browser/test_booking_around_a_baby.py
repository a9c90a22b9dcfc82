"""On her phone a mother sets a rest time, books a 20-minute session between feeds and
asks for a nursery nurse to mind her baby; the peer worker sees it on her day list, and
staff on today's 1:1 sessions. At 390 px and 320 px, with axe finding nothing."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.sessions_support import weekly

NOW = datetime(2027, 5, 4, 7, tzinfo=UTC)  # Tuesday 4 May 2027, 08:00 in London
SHOTS = Path("/tmp/shots-baby19")


@pytest.fixture
def people(factory, unit, frozen_now):
    frozen_now(NOW)
    priya = factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=600)
    weekly(priya, 1, "10:00", "12:00", session=20)
    amy = factory.user("mother", unit, display_name="Amy", admitted_on=date(2027, 4, 20))
    return {"priya": priya, "amy": amy, "staff": factory.user("staff", unit)}


def shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SHOTS / f"{name}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 320])
def test_rest_time_a_short_session_and_a_nursery_nurse(
    new_context, people, sign_in_as, assert_accessible, width
):
    page = new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in_as(page, people["amy"])
    page.goto("/account")
    page.get_by_role("link", name="Choose a rest time").click()
    page.wait_for_url("**/me/rest")
    page.get_by_label("Rest from").select_option("11:00")
    page.get_by_label("Rest until").select_option("10:00")
    page.get_by_role("button", name="Save rest time").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Rest time must end after it starts"
    )
    assert_accessible(page)
    shot(page, f"rest-error-{width}")
    page.get_by_label("Rest until").select_option("12:00")
    page.get_by_role("button", name="Save rest time").click()
    page.wait_for_url("**/account")
    expect(page.locator("main")).to_contain_text("You rest each day from 11:00 to 12:00")

    page.goto("/me/sessions/book/2027-05-04")
    expect(page.get_by_label(re.compile("10:00 to 10:20, 20 minutes"))).to_be_visible()
    assert "11:00 to 11:20" not in page.content()  # her rest time
    page.get_by_label(re.compile("10:30 to 10:50")).check()
    page.get_by_role("button", name="Confirm booking").click()  # forgot her baby
    expect(page.locator(".nhsuk-error-summary")).to_contain_text(
        "Select whether your baby will be with you"
    )
    assert_accessible(page)
    page.get_by_label(re.compile("10:30 to 10:50")).check()
    page.get_by_label("I would like a nursery nurse to mind my baby").check()
    shot(page, f"book-day-{width}")
    page.get_by_role("button", name="Confirm booking").click()
    page.wait_for_url("**/me/sessions")
    expect(page.locator("main")).to_contain_text("20 minutes")
    expect(page.locator("main")).to_contain_text("You asked for a nursery nurse to mind your baby.")
    assert_accessible(page)
    shot(page, f"sessions-{width}")
    page.get_by_role("button", name=re.compile("Change who minds your baby")).click()
    expect(page.get_by_label("I would like a nursery nurse to mind my baby")).to_be_checked()
    assert_accessible(page)
    shot(page, f"baby-care-{width}")
    page.get_by_label("Yes, my baby will be with me").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/me/sessions")
    expect(page.locator("main")).to_contain_text("Your baby will be with you.")
    page.get_by_role("button", name=re.compile("Change who minds your baby")).click()
    page.get_by_label("I would like a nursery nurse to mind my baby").check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_url("**/me/sessions")

    peer = new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in_as(peer, people["priya"])
    peer.goto("/peer/today")
    expect(peer.locator("main")).to_contain_text("10:30 to 10:50: Amy")
    expect(peer.locator("main")).to_contain_text("Nursery nurse needed")
    assert_accessible(peer)
    shot(peer, f"peer-today-{width}")
    peer.goto("/peer/caseload")
    expect(peer.locator("main")).to_contain_text("Resting 11:00 to 12:00")
    shot(peer, f"caseload-{width}")

    staff = new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in_as(staff, people["staff"])
    staff.get_by_role("link", name="Today's 1:1 sessions").click()
    expect(staff.locator("main")).to_contain_text("Nursery nurse needed")
    assert_accessible(staff)
    shot(staff, f"staff-today-{width}")
