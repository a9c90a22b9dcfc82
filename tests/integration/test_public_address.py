"""The public address comes from PUBLIC_BASE_URL, never from the request's Host header:
another host is refused, and every link that leaves the app names the configured one.

The tests' address is http://localhost. Flask's trusted-host check ignores the port, so
``Host: localhost:5000`` is let in: the links must still say http://localhost.
"""

import re

import pytest
import segno
from icalendar import Calendar

from app import UnsafeConfiguration, create_app
from tests.conftest import _test_config
from tests.factories import ActivityFactory, BookingFactory, SignUpFactory
from tests.integration.test_security import _assert_security_headers

EVIL = {"Host": "evil.test"}
OTHER_PORT = {"Host": "localhost:5000"}


def _qr_of(url: str, scale: int) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=scale, border=2)


@pytest.mark.parametrize(
    "path", ["/sign-in", "/activate", "/units/willow-house", "/units/willow-house/calendar.ics"]
)
def test_a_request_for_another_host_is_refused(client, unit, path):
    response = client.get(path, headers=EVIL)
    assert response.status_code == 400
    _assert_security_headers(response)
    assert b"evil.test" not in response.data


def test_signed_in_pages_refuse_another_host(as_role):
    web, _ = as_role("staff")
    for path in ["/staff/people/new", "/timetable/visitors/poster"]:
        response = web.client.get(path, headers=EVIL)
        assert response.status_code == 400 and b"evil.test" not in response.data


def test_the_activation_page_and_its_qr_code_name_the_public_address(as_role):
    web, _ = as_role("staff")
    data = {
        "role": "mother",
        "display_name": "Nadia",
        "username": "nadia",
        "admitted_on-day": "9",
        "admitted_on-month": "3",
        "admitted_on-year": "2027",
    }
    page = web.post("/staff/people/new", data, headers=OTHER_PORT).get_data(as_text=True)
    code = re.search(r'data-testid="activation-code">([A-Z0-9-]+)<', page).group(1)
    assert "http://localhost/activate" in page and "localhost:5000" not in page
    assert _qr_of(f"http://localhost/activate?code={code.replace('-', '')}", 5) in page


def test_the_visitors_poster_names_the_public_address(as_role, unit):
    web, _ = as_role("staff")
    page = web.client.get("/timetable/visitors/poster", headers=OTHER_PORT).get_data(as_text=True)
    assert "http://localhost/units/willow-house" in page and "localhost:5000" not in page
    assert _qr_of("http://localhost/units/willow-house", 8) in page


def test_calendar_feeds_name_the_public_address(as_role, client, factory, unit):
    web, mother = as_role("mother")
    peer = factory.user(role="peer_worker", unit=unit)
    activity = ActivityFactory(unit=unit, leader=peer, visitor_friendly=True)
    SignUpFactory(activity=activity, mother=mother)
    BookingFactory(mother=mother, peer_worker=peer)
    page = web.post("/timetable/calendar/new", headers=OTHER_PORT).get_data(as_text=True)
    feed = page.split('data-testid="feed-url">')[1].split("<")[0]
    assert feed.startswith("http://localhost/timetable/feed/")
    assert "webcal://localhost/timetable/feed/" in page and "localhost:5000" not in page
    feeds = [
        web.client.get(feed.removeprefix("http://localhost"), headers=OTHER_PORT),
        client.get(f"/units/{unit.slug}/calendar.ics", headers=OTHER_PORT),
    ]
    uids = [str(e["uid"]) for f in feeds for e in Calendar.from_ical(f.data).walk("VEVENT")]
    assert any(uid.startswith("session-") for uid in uids)
    assert any(uid.endswith("-public@localhost") for uid in uids)
    assert uids and all(uid.endswith("@localhost") for uid in uids)


def test_the_push_origin_check_compares_with_the_public_address(as_role):
    web, _ = as_role("mother")
    response = web.client.post(
        "/push/subscriptions/replace",
        json={},
        headers={**OTHER_PORT, "Origin": "http://localhost:5000"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    "address", ["mbu.example.nhs.uk", "https://mbu.example.nhs.uk/mbu", "ftp://mbu.example"]
)
def test_an_address_that_is_not_an_origin_is_refused(address):
    with pytest.raises(UnsafeConfiguration, match="PUBLIC_BASE_URL"):
        create_app({**_test_config(), "PUBLIC_BASE_URL": address})
