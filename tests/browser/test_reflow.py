"""At a phone's width nothing makes the page scroll sideways (WCAG 2.2 1.4.10 Reflow)."""

import pytest

PAGES = {
    "mother": ["/me/", "/me/sessions/book", "/timetable/", "/feedback/give", "/notifications"],
    "peer_worker": ["/peer/", "/peer/caseload", "/peer/availability/"],
    "staff": ["/staff/", "/staff/people", "/staff/feedback/"],
}
SIDEWAYS = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("role", sorted(PAGES))
def test_no_page_scrolls_sideways_on_a_phone(page, factory, unit, sign_in_as, role):
    sign_in_as(page, factory.user(role=role, unit=unit))
    for path in [*PAGES[role], f"/units/{unit.slug}"]:
        page.goto(path)
        assert page.evaluate(SIDEWAYS) <= 0, path


def test_the_feedback_report_with_hidden_figures_fits_the_narrowest_phone(
    new_context, factory, unit, sign_in_as, frozen_now
):
    from datetime import date, datetime

    from tests.feedback_helpers import add_responses

    frozen_now(datetime(2027, 4, 2, 12))
    add_responses(unit, "unit", date(2027, 2, 15), ["very_good"] * 5 + ["good"] * 7 + ["poor"])
    page = new_context(viewport={"width": 320, "height": 640}).new_page()
    sign_in_as(page, factory.user(role="staff", unit=unit))
    page.goto("/staff/feedback/")
    assert page.get_by_text("not shown", exact=True).count() == 4
    assert page.evaluate(SIDEWAYS) <= 0
