"""Help now, on a 320 px phone: the unit, NHS 111 and Samaritans are call buttons at
least 44 by 44 px, on the help page and first on the talk page at night; a discharged
mother is shown the contacts that fit her now."""

from datetime import UTC, date, datetime, timedelta

import pytest

from tests.sessions_support import weekly

NIGHT = datetime(2027, 5, 3, 20, 35, tzinfo=UTC)  # Monday 3 May 2027, 21:35 in London


@pytest.fixture
def people(factory, unit, frozen_now):
    frozen_now(NIGHT)
    weekly(factory.user("peer_worker", unit, display_name="Priya"), 1, "10:00", "12:00")
    return {
        "amy": factory.user("mother", unit, display_name="Amy", admitted_on=date(2027, 4, 20)),
        "erin": factory.user(
            "mother",
            unit,
            display_name="Erin",
            admitted_on=date(2027, 2, 1),
            discharged_on=date(2027, 4, 1),
            support_until=date(2027, 6, 1),
            community_team_name="Berkshire perinatal team",
            community_team_phone="0118 496 0111",
        ),
    }


def call_buttons(page) -> dict[str, dict]:
    """Each tel: link's number and its size on screen."""
    return {
        link.get_attribute("href"): link.bounding_box()
        for link in page.locator('main a[href^="tel:"]').all()
    }


def assert_large(buttons):
    assert buttons
    for number, box in buttons.items():
        assert box["width"] >= 44 and box["height"] >= 44, (number, box)


def test_call_buttons_are_large_on_the_help_page_and_first_at_night(
    new_context, people, sign_in_as, assert_accessible
):
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in_as(page, people["amy"])
    page.goto("/help")
    buttons = call_buttons(page)
    assert set(buttons) == {"tel:01184960000", "tel:111", "tel:116123"}
    assert_large(buttons)
    assert "Tell a member of staff straight away" in page.content()
    assert_accessible(page)

    page.goto("/me/talk")
    assert page.locator("h1").inner_text() == "Talk to a peer worker on the next shift"
    assert_large(call_buttons(page))
    ask = page.get_by_role("button", name="Ask for the next shift").bounding_box()
    assert all(box["y"] < ask["y"] for box in call_buttons(page).values())
    assert "The next peer worker is in on Tuesday 4 May 2027 from 10:00" in page.content()
    assert_accessible(page)
    page.get_by_role("button", name="Ask for the next shift").click()
    page.wait_for_url("**/me/")
    assert "Your request to talk" in page.content()


def test_a_discharged_mother_sees_the_contacts_that_fit_her_now(
    new_context, people, sign_in_as, assert_accessible, frozen_now
):
    frozen_now(NIGHT - timedelta(hours=10))
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in_as(page, people["erin"])
    page.goto("/help")
    buttons = call_buttons(page)
    assert list(buttons) == ["tel:01184960000", "tel:01184960111", "tel:111", "tel:116123"]
    assert_large(buttons)
    html = page.content()
    assert "You can call the unit until 1 June 2027" in html
    assert "Berkshire perinatal team" in html
    assert "Tell a member of staff" not in html and "Call 999 or go to A&amp;E" in html
    assert_accessible(page)
