"""A mother on her phone reads this week and next, sees today marked, finds nothing to book
for a group open to all, and gives up a place only after saying yes once."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from tests.factories import ActivityFactory

NOW = datetime(2026, 6, 3, 7, tzinfo=UTC)  # Wednesday 3 June 2026, 08:00 in London
TODAY = date(2026, 6, 3)


@pytest.fixture
def groups(factory, unit, frozen_now):
    frozen_now(NOW)
    leader = factory.user("peer_worker", unit, display_name="Priya")
    ActivityFactory(unit=unit, leader=leader, title="Baby massage", starts_on=TODAY)
    ActivityFactory(
        unit=unit, leader=leader, title="Walk", capacity=None, weekdays="2", starts_on=TODAY
    )
    return factory.user("mother", unit, display_name="Amy", admitted_on=date(2026, 5, 20))


@pytest.mark.parametrize("width", [390, 320])
def test_two_weeks_today_marked_and_withdrawing_asks_once(
    new_context, groups, sign_in_as, assert_accessible, width
):
    page = new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in_as(page, groups)
    page.goto("/timetable/")
    assert_accessible(page, best_practice=("region", "heading-order"))
    expect(page.get_by_role("heading", name="This week", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Next week", exact=True)).to_be_visible()
    today = page.locator(".app-day--today")
    expect(today.get_by_role("heading", level=3)).to_have_text("Today, Wednesday 3 June 2026")
    assert today.evaluate("e => getComputedStyle(e).borderLeftWidth") == "8px"
    assert page.evaluate("document.documentElement.scrollWidth") <= width

    walk = page.locator(f"li[id$='-{TODAY.isoformat()}']", has_text="Walk")
    expect(walk).to_contain_text("Open to all, no need to book")
    expect(walk.get_by_role("button")).to_have_count(0)

    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    card = page.locator(f"li[id$='-{tomorrow}']", has_text="Baby massage")
    card.get_by_role("button", name=re.compile("^Sign up")).click()
    expect(page.locator("main")).to_contain_text("You have a place at Baby massage.")
    card.get_by_role("button", name=re.compile("^Cancel my place")).click()
    expect(page.get_by_role("heading", name="Are you sure?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="No, keep my place").click()
    expect(card).to_contain_text("You have a place.")

    card.get_by_role("button", name=re.compile("^Cancel my place")).click()
    page.get_by_role("button", name="Yes, cancel my place").click()
    expect(page.locator("main")).to_contain_text("You are no longer signed up for Baby massage.")
    expect(card.get_by_role("button", name=re.compile("^Sign up"))).to_be_visible()
