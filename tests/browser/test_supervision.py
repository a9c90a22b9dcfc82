"""On her phone Priya records a supervision date and asks for a debrief; Helen, her line
manager, sees both on staff home and marks the debrief answered; Priya sees the answer.
axe finds nothing on the way."""

from datetime import UTC, date, datetime, timedelta

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.browser.conftest import type_date
from tests.factories import SupervisionMeetingFactory

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday 4 May 2027, 09:00 in London


@pytest.fixture
def people(factory, unit, frozen_now):
    frozen_now(NOW - timedelta(days=100))
    priya = factory.user("peer_worker", unit, display_name="Priya")
    helen = factory.user("staff", unit, display_name="Helen")
    priya.line_manager_id = helen.id
    SupervisionMeetingFactory(peer=priya, kind="clinical", met_on=date(2027, 3, 2))
    SupervisionMeetingFactory(peer=priya, kind="line_management", met_on=date(2027, 4, 20))
    db.session.commit()
    frozen_now(NOW)
    return {"priya": priya, "helen": helen}


def test_she_records_supervision_asks_for_a_debrief_and_her_line_manager_answers(
    page, new_context, people, sign_in_as, assert_accessible
):
    sign_in_as(page, people["priya"])
    page.goto("/peer/")
    due = page.locator(".nhsuk-warning-callout", has_text="Supervision due")
    expect(due).to_contain_text("Clinical supervision. Last on 2 March 2027")
    assert_accessible(page)
    due.get_by_role("link", name="Record a date").click()
    page.get_by_label("Clinical supervision").check()
    type_date(page, "Date", date(2027, 5, 3))
    page.get_by_role("button", name="Save date").click()
    expect(page.locator("body")).to_contain_text("Saved: clinical supervision on 3 May 2027.")
    expect(page.locator("body")).to_contain_text("Last on 3 May 2027, next due 31 May 2027")
    assert_accessible(page)

    page.get_by_role("link", name="Back to home").click()
    expect(page.locator(".nhsuk-warning-callout", has_text="Supervision due")).to_have_count(0)
    page.get_by_role("button", name="I'd like a debrief").click()
    expect(page.locator("body")).to_contain_text("Your line manager knows you would like a debrief")
    expect(page.locator("body")).to_contain_text("You asked for a debrief on Tuesday 4 May 2027")
    assert_accessible(page)

    desk = new_context().new_page()
    sign_in_as(desk, people["helen"])
    desk.goto("/staff/")
    waiting = desk.locator(".nhsuk-warning-callout", has_text="Would like a debrief")
    expect(waiting).to_contain_text("Priya, asked Tuesday 4 May 2027 at 09:00")
    expect(desk.locator("body")).to_contain_text("Last on 3 May 2027, next due 31 May 2027")
    assert_accessible(desk)
    waiting.get_by_role("button", name="Mark as answered").click()
    expect(desk.locator("body")).to_contain_text("Marked as answered: Priya's debrief.")
    expect(desk.locator(".nhsuk-warning-callout", has_text="Would like a debrief")).to_have_count(0)

    page.reload()
    expect(page.locator("body")).to_contain_text(
        "Helen answered your request for a debrief on Tuesday 4 May 2027"
    )
