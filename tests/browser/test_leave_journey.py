"""Priya books leave over a session and a group on her phone, hands the session to Grace and
cancels the group date; Amy sees the change on her home. axe finds nothing on the way."""

from datetime import UTC, date, datetime, time

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import type_date
from tests.factories import ActivityFactory, SignUpFactory
from tests.sessions_support import booked, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London


@pytest.fixture
def people(factory, unit, frozen_now):
    frozen_now(NOW)
    priya = factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=18 * 60)
    grace = factory.user("peer_worker", unit, display_name="Grace", contracted_minutes=18 * 60)
    amy = factory.user("mother", unit, display_name="Amy", admitted_on=date(2027, 4, 20))
    weekly(priya, 2, "09:00", "17:00")  # Wednesdays
    weekly(grace, 2, "09:00", "13:00")
    booked(amy, priya, datetime(2027, 5, 5, 9, tzinfo=UTC))  # Wednesday 10:00
    cooking = ActivityFactory(
        unit=unit,
        leader=priya,
        title="Cooking together",
        weekdays="2",
        start_time=time(14),
        end_time=time(15),
        starts_on=date(2027, 4, 1),
        ends_on=date(2027, 7, 1),
    )
    SignUpFactory(activity=cooking, mother=amy, on_date=date(2027, 5, 5))  # she has a place
    return {"priya": priya, "amy": amy}


def test_leave_over_a_session_and_a_group_is_handed_over_and_she_sees_it(
    page, new_context, people, sign_in_as, assert_accessible
):
    sign_in_as(page, people["priya"])
    page.goto("/peer/week")
    assert "10:00 to 11:00: session with Amy" in page.content()
    assert_accessible(page)

    page.goto("/peer/availability/")
    type_date(page, "First day", date(2027, 5, 5))
    type_date(page, "Last day (leave empty for one day)", date(2027, 5, 5))
    page.get_by_role("button", name="Save time off").click()
    page.wait_for_url("**/peer/availability/pauses/*")
    assert "Still booked then: 1 session and 1 group you lead" in page.content()
    assert_accessible(page)

    session = page.locator("section", has_text="session with Amy")
    session.get_by_label("Grace takes it").check()
    session.get_by_role("button", name="Save").click()
    page.wait_for_url("**/peer/availability/pauses/*")
    assert "Done. She has been told." in page.content()
    assert "session with Amy" not in page.content()

    group = page.locator("section", has_text="Cooking together")
    group.get_by_label("Cancel this date").check()
    group.get_by_role("button", name="Save").click()  # no reason yet
    page.locator(".nhsuk-error-summary").wait_for()
    assert "Enter a reason, so that mothers know why" in page.content()
    assert_accessible(page)
    group = page.locator("section", has_text="Cooking together")
    group.get_by_label("Cancel this date").check()
    group.get_by_label("Reason, if you cancel it (mothers will see it)").fill("Priya is away")
    group.get_by_role("button", name="Save").click()
    page.wait_for_url("**/peer/availability/pauses/*")
    assert "Nothing is left booked with you on those days" in page.content()
    assert_accessible(page)

    phone = new_context().new_page()
    sign_in_as(phone, people["amy"])
    changes = phone.locator(".app-changes")
    expect(changes).to_contain_text(
        "Your session on Wednesday 5 May 2027 at 10:00 is now with Grace, as Priya is away"
    )
    expect(changes).to_contain_text(
        'Cooking together on Wednesday 5 May 2027 at 14:00 is cancelled: "Priya is away"'
    )
    assert "with Grace, on the ward" in phone.content()  # her next session
    assert_accessible(phone)
    phone.get_by_role("button", name="I have seen this").click()
    phone.wait_for_url("**/me/")
    expect(phone.locator(".app-changes")).to_have_count(0)
