"""A mother books time with a peer worker on her phone, the peer worker sees it, the mother
cancels, and the time is offered again. axe finds nothing on any page of the journey."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.sessions_support import weekly

NOW = datetime(2027, 5, 4, 7, tzinfo=UTC)  # Tuesday 4 May 2027, 08:00 in London


@pytest.fixture
def people(factory, unit, frozen_now):
    frozen_now(NOW)
    priya = factory.user("peer_worker", unit, display_name="Priya")
    weekly(priya, 1, "10:00", "12:00")
    amy = factory.user("mother", unit, display_name="Amy", admitted_on=date(2027, 4, 20))
    return {"priya": priya, "amy": amy}


def test_book_see_cancel_and_see_the_time_again(
    page, new_context, people, sign_in_as, assert_accessible
):
    sign_in_as(page, people["amy"])
    assert "You have no session booked" in page.content()
    assert_accessible(page)

    page.get_by_role("button", name="Book time with a peer worker").click()
    page.wait_for_url("**/me/sessions/book")
    assert_accessible(page)
    page.get_by_role("link", name=re.compile("^Today")).click()
    page.wait_for_url(re.compile(r"/me/sessions/book/2027-05-04"))
    assert_accessible(page)

    page.get_by_role("button", name="Confirm booking").click()  # forgot to choose a time
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Choose a time from the list")
    assert page.title().startswith("Error:")
    assert_accessible(page)

    page.get_by_label("10:00 to 11:00").check()
    page.get_by_label("Yes, my baby will be with me").check()
    page.get_by_label("What would you like to talk about?").fill("Sleep")
    page.get_by_role("button", name="Confirm booking").click()
    page.wait_for_url("**/me/sessions")
    assert "Booked: Tuesday 4 May at 10:00 with Priya." in page.content()
    assert_accessible(page)
    page.goto("/me/")
    assert "Tuesday 4 May 2027 at 10:00 with Priya, on the ward" in page.content()

    peer = new_context().new_page()
    sign_in_as(peer, people["priya"])
    assert "10:00 to 11:00: Amy" in peer.content()  # her home shows today
    assert_accessible(peer)
    for path in ("/peer/caseload", "/peer/today"):
        peer.goto(path)
        assert "Amy" in peer.content()
        assert_accessible(peer)
    assert "Topic: Sleep" in peer.content()
    peer.get_by_role("link", name=re.compile("10:00 to 11:00: Amy")).click()
    expect(peer.get_by_role("heading", name="Cancel this session")).to_be_visible()
    assert_accessible(peer)

    page.goto("/me/sessions")
    for name in ("Add to my calendar", "Cancel this session"):
        box = page.get_by_role("button", name=re.compile(name)).bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, name
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Add to my calendar")).click()
    ics = Path(download.value.path()).read_text()
    assert (
        "SUMMARY:One-to-one session" in ics and "DTSTART;TZID=Europe/London:20270504T100000" in ics
    )
    page.get_by_role("button", name=re.compile("Cancel this session")).click()
    expect(page.get_by_role("heading", name="Cancel this session?")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Cancel session").click()
    page.wait_for_url("**/me/sessions")
    assert "Your session is cancelled" in page.content()
    page.goto("/me/sessions/book/2027-05-04")
    assert page.get_by_label("10:00 to 11:00").is_visible()

    peer.goto("/peer/today")
    assert "No sessions booked with you today" in peer.content()


def test_the_other_new_pages_are_accessible(
    page, new_context, people, factory, unit, sign_in_as, assert_accessible
):
    sign_in_as(page, people["amy"])
    page.goto("/me/talk")
    assert_accessible(page)
    page.get_by_role("button", name="I would like to talk today").click()
    page.wait_for_url("**/me/")
    assert "The peer workers will see that you would like to talk" in page.content()

    peer = new_context().new_page()
    sign_in_as(peer, people["priya"])
    peer.goto("/peer/caseload")
    assert "Would like to talk" in peer.content()
    assert_accessible(peer)
    peer.get_by_role("button", name="Mark as answered for Amy").click()
    expect(peer.locator("main")).to_contain_text("Marked as answered: Amy")
    peer.get_by_role("link", name="Edit note for Amy").click()
    assert_accessible(peer)
    peer.get_by_label("Handover note").fill("Prefers the afternoon.")
    peer.get_by_role("button", name="Save note").click()
    expect(peer.locator("main")).to_contain_text("Handover note saved for Amy")
    expect(peer.locator("main")).to_contain_text("Prefers the afternoon.")

    peer.goto("/peer/availability/")
    assert_accessible(peer)
    peer.get_by_role("button", name="Add weekly times").click()  # nothing filled in
    expect(peer.locator(".nhsuk-error-summary")).to_be_visible()
    assert_accessible(peer)
    peer.get_by_label("Wednesday").check()
    peer.locator("#weekly-starts").fill("09:30")
    peer.locator("#weekly-ends").fill("12:00")
    peer.get_by_label("45 minutes").first.check()
    peer.get_by_role("button", name="Add weekly times").click()
    expect(peer.locator("main")).to_contain_text("Wednesday 09:30 to 12:00, 45 minute sessions")
    assert_accessible(peer)


def test_a_phone_session_says_who_rings_whom_on_both_phones(
    new_context, people, sign_in_as, assert_accessible
):
    amy = people["amy"]
    amy.discharged_on, amy.support_until = date(2027, 5, 1), date(2027, 7, 1)
    db.session.commit()
    page = new_context(viewport={"width": 320, "height": 844}).new_page()
    sign_in_as(page, amy)
    page.goto("/me/sessions/book/2027-05-04")
    page.get_by_label("10:00 to 11:00").check()
    page.get_by_label("Your phone number").fill("0770 090")
    page.get_by_role("button", name="Confirm booking").click()
    expect(page.locator(".nhsuk-error-summary")).to_contain_text("Enter a UK phone number")
    assert_accessible(page)
    page.get_by_label("10:00 to 11:00").check()
    page.get_by_label("Your phone number").fill("07700 900123")
    page.get_by_role("button", name="Confirm booking").click()
    page.wait_for_url("**/me/sessions")
    expect(page.locator("main")).to_contain_text("Priya will ring you on 07700 900123.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320

    peer = new_context().new_page()
    sign_in_as(peer, people["priya"])
    peer.goto("/peer/today")
    expect(peer.locator("main")).to_contain_text("Ring Amy on 07700 900123.")
    peer.get_by_role("link", name=re.compile("10:00 to 11:00: Amy")).click()
    expect(peer.get_by_role("link", name="07700 900123")).to_have_attribute(
        "href", "tel:07700900123"
    )
    assert_accessible(peer)
