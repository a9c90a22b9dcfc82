"""A family member on her phone, with no account: today's groups first, the way to the
unit on a map, and a calendar subscription that keeps itself up to date."""

from datetime import UTC, date, datetime

from playwright.sync_api import expect

from tests.factories import ActivityFactory

MONDAY = datetime(2026, 6, 1, 8, tzinfo=UTC)


def test_a_visitor_sees_today_first_finds_the_unit_and_subscribes(
    page, factory, unit, frozen_now, assert_accessible
):
    frozen_now(MONDAY)
    leader = factory.user("peer_worker", unit)
    for title, weekday in (("Family picnic", "2"), ("Baby singing", "0")):
        ActivityFactory(unit=unit, leader=leader, title=title, weekdays=weekday,
                        starts_on=date(2026, 6, 1), visitor_friendly=True)  # fmt: skip
    page.goto(f"/units/{unit.slug}")

    days = page.locator("h3.app-day")
    expect(days.first).to_have_text("Today, Monday 1 June 2026")
    expect(page.locator(".app-entries").first).to_contain_text("Baby singing")
    expect(days.nth(1)).to_have_text("Wednesday 3 June 2026")

    expect(page.locator("address")).to_contain_text("Hospital Road")
    map_link = page.get_by_role("link", name="See the unit on a map (OpenStreetMap)")
    expect(map_link).to_have_attribute(
        "href",
        "https://www.openstreetmap.org/search?query=Elm%20Building%2C%20Hospital%20Road%2C%20Reading%20RG1%205AN",
    )

    subscribe = page.get_by_role("link", name="Subscribe in your phone's calendar")
    expect(subscribe).to_have_attribute(
        "href", f"webcal://localhost/units/{unit.slug}/calendar.ics"
    )
    address = page.get_by_label("Or copy this calendar address")
    expect(address).to_have_value(f"http://localhost/units/{unit.slug}/calendar.ics")
    expect(address).not_to_be_editable()
    expect(page.get_by_text("Add Subscribed Calendar")).to_be_hidden()
    page.get_by_text("How to subscribe on your phone").click()
    expect(page.get_by_text("Add Subscribed Calendar")).to_be_visible()
    assert_accessible(page, best_practice=("region", "heading-order"))
