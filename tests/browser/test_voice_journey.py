"""Amy adds a point for the team's meeting without her name on her phone; Priya prints the
agenda (the point is there, her name is not), marks it raised with the team's answer, and
Amy reads the answer on her home. axe finds nothing on the way."""

from datetime import date, time

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.services import meetings

POINT = "Could the corridor lights be dimmer at night?"
ANSWER = "Yes. The night staff will dim them from 10pm."


@pytest.fixture
def people(factory, unit):
    staff = factory.user("staff", unit)
    meetings.set_schedule(staff, 1, time(14), date(2027, 3, 2))  # Tuesdays 14:00
    db.session.commit()
    return {
        "priya": factory.user("peer_worker", unit, display_name="Priya"),
        "amy": factory.user("mother", unit, display_name="Amy"),
    }


def test_a_point_without_her_name_reaches_the_agenda_and_its_answer_reaches_her_home(
    page, new_context, people, sign_in_as, assert_accessible
):
    sign_in_as(page, people["amy"])
    page.get_by_role("link", name="Your voice at the team meeting").click()
    expect(
        page.get_by_text("The next meeting is on Tuesday 16 March 2027 at 14:00")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_label("What would you like the team to hear?").fill(POINT)
    page.get_by_label("Raise it without my name").check()
    page.get_by_role("button", name="Add my point").click()
    expect(page.get_by_text("Your point is on the list")).to_be_visible()
    expect(page.get_by_text("For the next meeting")).to_be_visible()
    assert_accessible(page)

    peer = new_context().new_page()
    sign_in_as(peer, people["priya"])
    expect(peer.get_by_text("1 point from mothers for the next meeting.")).to_be_visible()
    peer.get_by_role("link", name="See the points and the agenda").click()
    assert_accessible(peer)
    peer.get_by_role("button", name="Open the agenda to print").click()
    peer.emulate_media(media="print")
    expect(peer.get_by_role("heading", name="Mothers' points for the team meeting")).to_be_visible()
    expect(peer.get_by_text(f'"{POINT}"')).to_be_visible()
    expect(peer.get_by_text("From: A mother on the unit")).to_be_visible()
    expect(peer.locator("header")).to_be_hidden()
    assert "Amy" not in peer.locator("main").inner_text()
    assert_accessible(peer)
    peer.emulate_media(media="screen")

    peer.get_by_role("link", name="Back to the points").click()
    peer.get_by_role("link", name="Mark after the meeting").click()
    assert_accessible(peer)
    peer.get_by_label("Raised, with the team's answer").check()
    peer.get_by_label("The team's answer, in plain words (she will see this)").fill(ANSWER)
    peer.get_by_role("button", name="Save what happened").click()
    expect(peer.get_by_text("Marked as raised.")).to_be_visible()
    expect(peer.get_by_text("No points for the next meeting yet.")).to_be_visible()

    page.goto("/me/")
    expect(page.get_by_text(f'You asked: "{POINT}" The team said: "{ANSWER}"')).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Reply with a new point").click()
    expect(page.get_by_text("This is a reply to the team's answer.")).to_be_visible()
