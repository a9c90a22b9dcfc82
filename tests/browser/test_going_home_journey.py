"""Erin, discharged last week, puts away the "How was your stay?" card, writes her plan
for going home on her phone, reads it back (offline too), prints it; Grace, a peer worker,
opens it from her caseload and her phone keeps no copy. At 390 and 320 px; axe finds
nothing on the way. Screenshots go to /tmp/shots-home19/."""

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.service_worker import installed
from tests.factories import BookingFactory

SHOTS = Path("/tmp/shots-home19")
SIGNS = "I stop sleeping even when the baby sleeps, and I stop texting my sister back."
PAGE_CACHE_SIZES = """() => caches.keys().then(keys => Promise.all(
  keys.filter(k => k.startsWith('pages-')).map(k => caches.open(k)
    .then(c => c.keys()).then(entries => entries.length))))"""


@pytest.fixture
def people(factory, unit):
    erin = factory.user(
        "mother",
        unit,
        display_name="Erin",
        admitted_on=date(2027, 1, 4),
        discharged_on=date(2027, 3, 3),
        support_until=date(2027, 4, 30),
        community_team_name="Reading perinatal team",
        community_team_phone="0118 496 0123",
        callback_phone="07700 900123",
    )
    grace = factory.user("peer_worker", unit, display_name="Grace")
    BookingFactory(
        mother=erin,
        peer_worker=grace,
        starts_at=datetime(2027, 3, 17, 14, tzinfo=UTC),
        place="phone",
    )
    return {"erin": erin, "grace": grace}


def shot(page, name):
    SHOTS.mkdir(exist_ok=True)
    width = page.viewport_size["width"]
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def no_sideways_scroll(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("width", [390, 320])
def test_she_writes_and_prints_her_plan_and_her_peer_worker_opens_it(
    new_context, people, sign_in_as, assert_accessible, width
):
    page = new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in_as(page, people["erin"])
    installed(page)
    page.goto("/me/")
    expect(page.get_by_role("heading", name="How was your stay?")).to_be_visible()
    assert_accessible(page, best_practice=("region", "heading-order"))
    shot(page, "home-ask")
    page.get_by_role("button", name="No, thank you").click()
    expect(page.get_by_role("heading", name="How was your stay?")).to_have_count(0)

    page.get_by_role("link", name="My plan for going home").click()
    expect(page.get_by_role("heading", level=1, name="My plan for going home")).to_be_visible()
    page.get_by_role("button", name="Write my plan").click()
    expect(page.get_by_label("What helped me on the unit")).to_be_visible()
    assert_accessible(page, best_practice=("region", "heading-order"))
    page.get_by_label("What helped me on the unit").fill("Baby massage on Thursdays.")
    page.get_by_label("My early warning signs").fill(SIGNS)
    left = f"You have {1000 - len(SIGNS)} characters remaining"
    expect(page.locator(".nhsuk-character-count__status", has_text=left)).to_be_visible()
    page.get_by_label("What I would like people to do").fill(
        "Ask me how I am sleeping. After two bad nights I call the team."
    )
    page.get_by_label("Health visitor's name (optional)").fill("Sam Patel")
    page.get_by_label("Health visitor's phone number (optional)").fill("01632 960001")
    shot(page, "plan-edit")
    no_sideways_scroll(page)
    page.get_by_role("button", name="Save plan").click()

    expect(page.get_by_text("Your plan is saved.")).to_be_visible()
    expect(page.get_by_text(SIGNS)).to_be_visible()
    expect(page.get_by_text("While we support you, until 30 April 2027.")).to_be_visible()
    expect(page.get_by_text("Wednesday 17 March 2027 at 14:00")).to_be_visible()
    expect(page.get_by_role("link", name="0118 496 0123")).to_be_visible()
    assert_accessible(page, best_practice=("region", "heading-order"))
    no_sideways_scroll(page)
    shot(page, "plan")

    # Print or save as PDF: her plan alone, numbers written out.
    printing = page.get_by_role("button", name="Print or save as PDF")
    expect(printing).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    expect(printing).to_be_hidden()
    expect(page.get_by_role("button", name="Change my plan")).to_be_hidden()
    expect(page.get_by_text("Your plan is saved.")).to_be_hidden()
    expect(page.get_by_text(SIGNS)).to_be_visible()
    number = page.get_by_role("link", name="01632 960001")
    expect(number).to_be_visible()
    assert page.evaluate(
        "e => getComputedStyle(e, '::after').content", number.element_handle()
    ) in (
        "none",
        "normal",
    )
    size = page.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.app-note')).fontSize)"
    )
    assert size >= 15  # 12pt: readable on paper
    shot(page, "plan-print")
    if width == 390:
        page.pdf(path=str(SHOTS / "plan-a4.pdf"), format="A4")
        # A4 less its 15 mm margins, at 96 dpi: what the PDF's page holds.
        page.set_viewport_size({"width": 680, "height": 1010})
        shot(page, "plan-print-a4")
        page.set_viewport_size({"width": width, "height": 844})
    page.emulate_media(media="screen")

    # Offline, her phone shows the last copy of her plan.
    page.reload()
    page.context.set_offline(True)
    response = page.reload()
    assert response.from_service_worker
    expect(page.get_by_text(SIGNS)).to_be_visible()
    expect(page.get_by_text("You are offline. This page was updated at")).to_be_visible()
    page.context.set_offline(False)

    peer = new_context(viewport={"width": width, "height": 844}).new_page()
    sign_in_as(peer, people["grace"])
    installed(peer)
    peer.goto("/peer/caseload")
    shot(peer, "caseload")
    peer.get_by_role("link", name="Her plan for going home").click()
    expect(peer.get_by_role("heading", level=1, name="Erin's plan for going home")).to_be_visible()
    expect(peer.get_by_text(SIGNS)).to_be_visible()
    expect(peer.get_by_text("Last changed on")).to_contain_text("by Erin")
    assert_accessible(peer, best_practice=("region", "heading-order"))
    no_sideways_scroll(peer)
    shot(peer, "peer-plan")
    peer.reload()
    assert sum(peer.evaluate(PAGE_CACHE_SIZES)) == 0
    peer.context.set_offline(True)
    peer.reload()
    assert SIGNS not in peer.content()
