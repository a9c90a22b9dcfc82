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
