"""Staff set up a weekly group, a mother signs up, staff cancel one date, the mother sees
it cancelled, and the visitors' page shows the cancellation without any names. Every new
page is checked with axe."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services import clock
from tests.browser.conftest import type_date

pytestmark = pytest.mark.browser


def sign_out(page):
    page.click("button:has-text('Sign out')")
    page.wait_for_url("**/sign-in")  # the page clears its saved pages first, then posts


def test_weekly_group_sign_up_cancel_and_visitors(
    app, factory, unit, live_server, page, sign_in_as, assert_accessible
):
    staff = factory.user(role="staff", unit=unit, display_name="Helen")
    mother = factory.user(role="mother", unit=unit, display_name="Zoe")
    slug = unit.slug
    for user in (staff, mother):
        db.session.refresh(user)
    # Keep what the test needs, then let go of the database: the server must not wait
    # on a lock held by the test's own connection.
    today = clock.local_today(unit)
    db.session.expunge_all()
    db.session.close()
    tomorrow = today + timedelta(days=1)
    card = None

    # Staff set up a weekly group that families may join.
    sign_in_as(page, staff)
    page.goto("/timetable/groups/new")
    assert_accessible(page)
    page.click("button:has-text('Save group')")  # empty: errors on the same page
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(page)
    page.fill("#title", "Baby massage")
    page.fill("#room", "Day room")
    # by value, not id: the NHS.UK macro gives the first box (Monday) no numbered id
    page.check(f"input[name='weekdays'][value='{tomorrow.weekday()}']")
    page.fill("#start_time", "10:00")
    page.fill("#end_time", "11:00")
    type_date(page, "First date", today)
    type_date(page, "Last date", today + timedelta(weeks=8))
    page.fill("#capacity", "6")
    page.check("#visitor_friendly")
    page.check("#baby_welcome")
    page.click("button:has-text('Save group')")
    page.wait_for_url("**/timetable/groups")
    expect(page.get_by_text("Baby massage is saved.")).to_be_visible()
    assert_accessible(page)
    page.click("a:has-text('Dates')")
    assert_accessible(page)
    for path in (
        "/timetable/",
        "/timetable/suggestions",
        "/timetable/visitors",
        "/timetable/visitors/poster",
    ):
        page.goto(path)
        assert_accessible(page)
    page.goto("/timetable/groups")
    page.click("a:has-text('Change')")
    assert_accessible(page)
    sign_out(page)

    # The mother signs up for tomorrow.
    sign_in_as(page, mother)
    page.goto("/timetable/")
    assert_accessible(page)
    card = page.locator(f"li[id$='-{tomorrow.isoformat()}']")
    assert "6 places left" in card.inner_text()
    card.locator("button:has-text('Sign up')").click()
    card = page.locator(f"li[id$='-{tomorrow.isoformat()}']")
    expect(card).to_contain_text("You have a place.")
    expect(card).to_contain_text("5 places left")
    assert_accessible(page)
    page.goto("/timetable/suggest")
    assert_accessible(page)
    page.goto("/timetable/calendar")
    page.click("button:has-text('Make my calendar link')")
    expect(page.get_by_test_id("feed-url")).to_contain_text("/timetable/feed/")
    assert_accessible(page)
    sign_out(page)

    # Staff cancel that one date, and see who had a place.
    sign_in_as(page, staff)
    page.goto("/timetable/")
    page.locator(f"li[id$='-{tomorrow.isoformat()}'] a").click()
    expect(page.get_by_text("Zoe")).to_be_visible()
    assert_accessible(page)
    page.fill("#reason", "Leader unwell")
    page.click("button:has-text('Cancel this date')")
    expect(page.locator(".app-flash")).to_contain_text(
        "This date is cancelled. The mother with a place has been told."
    )
    assert_accessible(page)
    sign_out(page)

    # The mother sees it cancelled, not hidden.
    sign_in_as(page, mother)
    page.goto("/timetable/")
    card = page.locator(f"li[id$='-{tomorrow.isoformat()}']")
    expect(card).to_contain_text("Cancelled: Leader unwell")
    assert card.locator("button:has-text('Sign up')").count() == 0
    sign_out(page)

    # A family visitor, with no account, sees the cancellation and no names.
    page.goto(f"/units/{slug}")
    expect(page.get_by_text("Cancelled: Leader unwell")).to_be_visible()
    text = page.locator("main").inner_text()
    assert "Baby massage" in text
    for name in ("Zoe", "Helen"):
        assert name not in text
    assert_accessible(page)
