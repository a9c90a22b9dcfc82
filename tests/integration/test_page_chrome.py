"""The cached header shows each person her own name, escaped, with her own CSRF token."""

import re

import pytest

from tests.conftest import csrf_token_from


def test_each_person_sees_her_own_escaped_name_in_the_header(as_role):
    first, _ = as_role("mother", display_name="<b>Ann</b>")
    second, _ = as_role("mother", display_name="Bea")
    page = first.client.get("/me/").get_data(as_text=True)
    assert "&lt;b&gt;Ann&lt;/b&gt;" in page and "<b>Ann</b>" not in page and "Bea" not in page
    other = second.client.get("/me/").get_data(as_text=True)
    assert "Bea" in other and "Ann" not in other
    assert csrf_token_from(page) != csrf_token_from(other)
    assert "\x00" not in page


def test_sign_out_from_the_cached_header_works(as_role):
    web, _ = as_role("peer_worker")
    token = csrf_token_from(web.client.get("/peer/").get_data(as_text=True))
    response = web.client.post("/sign-out", data={"csrf_token": token})
    assert response.status_code == 302
    assert web.client.get("/peer/").status_code == 302


NAV_LINK = re.compile(
    r'class="nhsuk-header__navigation-link" href="([^"]+)"(?: aria-current="(\w+)")?>'
    r"(?:<strong[^>]*>)?([^<]+)"
)
MOTHER = [("/me/", "Home"), ("/timetable/", "Groups"), ("/me/sessions", "Sessions")]
MOTHER += [("/feedback/", "Feedback"), ("/notifications", "Notifications")]
PEER = [("/peer/", "Home"), ("/timetable/", "Groups"), ("/peer/caseload", "Caseload")]
PEER += [("/peer/availability/", "Availability"), ("/notifications", "Notifications")]
STAFF = [("/staff/", "Home"), ("/staff/people", "People"), ("/timetable/", "Groups")]
STAFF += [("/staff/feedback/", "Feedback"), ("/notifications", "Notifications")]


@pytest.mark.parametrize(
    ("role", "path", "links", "marked"),
    [
        ("mother", "/me/", MOTHER, {"Home": "page"}),
        ("mother", "/me/talk", MOTHER, {"Sessions": "true"}),
        ("mother", "/timetable/suggest", MOTHER, {"Groups": "true"}),
        ("peer_worker", "/peer/", PEER, {"Home": "page"}),
        ("peer_worker", "/peer/today", PEER, {"Caseload": "true"}),
        ("peer_worker", "/peer/availability/", PEER, {"Availability": "page"}),
        ("staff", "/staff/", STAFF, {"Home": "page"}),
        ("staff", "/staff/people", STAFF, {"People": "page"}),
        ("staff", "/staff/audit", STAFF, {"People": "true"}),
        ("staff", "/staff/feedback/comments", STAFF, {"Feedback": "true"}),
    ],
)
def test_the_header_links_each_role_to_its_sections_marking_where_she_is(
    as_role, role, path, links, marked
):
    web, _ = as_role(role)
    page = web.client.get(path).get_data(as_text=True)
    found = NAV_LINK.findall(page)
    assert [(href, text) for href, _, text in found] == links
    assert {text: mark for _, mark, text in found if mark} == marked
