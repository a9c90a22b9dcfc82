"""A peer worker leaves the ward PC: a minute before the idle time-out a dialog warns her,
"Stay signed in" keeps her signed in, and when the time runs out the page goes to the
sign-in page, which says why. The page's clock and the server's are both moved."""

import re
from datetime import timedelta

from playwright.sync_api import expect

from tests.conftest import TEST_NOW

TIMED_OUT = "You were signed out after 30 minutes without activity, to keep people's details safe."


def test_the_warning_before_the_idle_time_out(
    page, factory, unit, sign_in_as, assert_accessible, frozen_now
):
    priya = factory.user("peer_worker", unit, display_name="Priya")
    page.clock.install(time=TEST_NOW)
    sign_in_as(page, priya)
    dialog = page.get_by_role("dialog", name="You're about to be signed out")
    expect(dialog).to_be_hidden()

    frozen_now(TEST_NOW + timedelta(minutes=29))
    page.clock.fast_forward("29:00")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Stay signed in")).to_be_focused()
    time_left = dialog.locator("strong")  # real time passes too: a second or two
    expect(time_left).to_have_text(re.compile(r"^(1\sminute|5\d\sseconds)$"))
    assert_accessible(page, best_practice=("region", "heading-order"))

    page.clock.run_for("00:25")
    expect(time_left).to_have_text(re.compile(r"^[1-3]\d\sseconds$"))
    frozen_now(TEST_NOW + timedelta(minutes=29, seconds=25))
    dialog.get_by_role("button", name="Stay signed in").click()
    expect(dialog).to_be_hidden()

    later = frozen_now(TEST_NOW + timedelta(minutes=45))  # 45 minutes after her last page
    page.reload()
    assert "Priya" in page.content()

    frozen_now(later + timedelta(minutes=30, seconds=1))
    page.clock.fast_forward("29:00")
    expect(dialog).to_be_visible()
    page.clock.run_for("01:01")
    page.wait_for_url("**/sign-in")
    expect(page.get_by_role("status")).to_contain_text(TIMED_OUT)
    assert "Priya" not in page.content()
