"""Phone sessions after discharge say who rings whom, on both sides; her number is seen
by the unit's peer workers only, each time recorded, and never leaves in a notification
or a calendar."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Booking, Notification
from app.services.calendar_feeds import mother_calendar
from tests.conftest import Browserless, signed_in_client
from tests.integration.test_bookings import NOW, TEN, TUESDAY, page
from tests.integration.test_valid_html import checker_errors
from tests.sessions_support import booked, weekly

NUMBER = "07700 900123"


@pytest.fixture
def setup(app, factory, unit, as_role, frozen_now):
    frozen_now(NOW)
    unit.phone = "0118 496 0000"
    priya = factory.user("peer_worker", unit, display_name="Priya")
    weekly(priya, 1, "10:00", "12:00")
    web, amy = as_role(
        "mother",
        display_name="Amy",
        admitted_on=date(2027, 3, 1),
        discharged_on=date(2027, 5, 1),
        support_until=date(2027, 7, 1),
    )
    return {"web": web, "amy": amy, "priya": priya, "unit": unit}


def book(web, **data):
    url = f"/me/sessions/book/{TUESDAY}"
    form = {"with_whom": "any", "starts_at": TEN, "call": "ring_me", **data}
    return web.post(url, form, token_page=url)


def viewed():
    action = AuditEvent.action == "booking.phone_number_viewed"
    return db.session.scalar(select(func.count()).select_from(AuditEvent).where(action))


def test_she_gives_her_number_and_it_is_there_next_time(setup):
    web = setup["web"]
    html = page(web.client.get(f"/me/sessions/book/{TUESDAY}"))
    assert "How would you like to talk?" in html and "I will ring the unit on 0118 496 0000" in html
    assert book(web, phone="07700  900123").status_code == 302
    assert setup["amy"].callback_phone == NUMBER
    assert f"Priya will ring you on {NUMBER}." in page(web.client.get("/me/sessions"))
    again = page(web.client.get("/me/sessions/book/2027-05-11"))
    assert f'value="{NUMBER}"' in again


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"phone": "0770 090"}, "Enter a UK phone number, like 07700 900123"),
        ({"phone": ""}, "Enter the number to ring you on, or choose to ring the unit"),
    ],
)
def test_a_bad_or_missing_number_is_answered_on_the_same_page(setup, data, message):
    response = book(setup["web"], **data)
    html = page(response)
    assert response.status_code == 400 and message in html and 'href="#phone"' in html
    assert db.session.scalar(select(func.count()).select_from(Booking)) == 0
    assert setup["amy"].callback_phone is None


def test_she_rings_the_unit(setup):
    web = setup["web"]
    assert book(web, call="i_ring").status_code == 302
    assert db.session.scalar(select(Booking.mother_rings_unit))
    html = page(web.client.get("/me/sessions"))
    assert 'Ring the unit on <a href="tel:01184960000">0118 496 0000</a> at 10:00.' in html


def test_the_peer_worker_sees_who_rings_and_her_reading_is_recorded(
    setup, app, as_role, frozen_now
):
    amy, priya = setup["amy"], setup["priya"]
    amy.callback_phone = NUMBER
    ringing = booked(amy, priya, datetime(2027, 5, 4, 9, tzinfo=UTC))
    ringing.place = "phone"
    she_rings = booked(amy, priya, datetime(2027, 5, 4, 10, tzinfo=UTC))
    she_rings.place, she_rings.mother_rings_unit = "phone", True
    db.session.commit()
    colleague = as_role("peer_worker", display_name="Grace")[0]
    html = page(colleague.client.get(f"/peer/sessions/{ringing.id}"))
    assert 'Ring Amy on <a href="tel:07700900123">07700 900123</a>.' in html
    assert viewed() == 1
    assert "Amy will ring the unit." in page(colleague.client.get(f"/peer/sessions/{she_rings.id}"))
    assert viewed() == 1  # no number shown

    frozen_now(datetime(2027, 5, 4, 7, tzinfo=UTC))  # Tuesday 08:00: the day of both
    own = Browserless(signed_in_client(app, priya))
    today = page(own.client.get("/peer/today"))
    assert "Ring Amy on" in today and NUMBER in today and "Amy will ring the unit." in today
    assert viewed() == 2
    home = page(own.client.get("/peer/"))
    assert "Ring Amy: her number is on the session page." in home and NUMBER not in home
    week = page(own.client.get("/peer/week"))
    assert "Ring Amy: her number is on the session page." in week and NUMBER not in week
    assert "Amy will ring the unit." in week
    assert viewed() == 2


def test_her_number_stays_out_of_staff_pages_notifications_and_calendars(setup, as_role):
    web, amy = setup["web"], setup["amy"]
    book(web, phone=NUMBER)
    staff = as_role("staff")[0]
    for path in ("/staff/people", f"/staff/people/{amy.id}"):
        response = staff.client.get(path)
        assert response.status_code == 200 and "900123" not in page(response), path
    notes = db.session.scalars(select(Notification)).all()
    assert notes and all("900123" not in n.title + n.body + n.url for n in notes)
    booking = db.session.scalar(select(Booking))
    assert b"900123" not in mother_calendar(amy, "localhost")
    ics = page(web.client.get(f"/me/sessions/{booking.id}/calendar.ics"))
    assert "900123" not in ics and "0118" not in ics


def test_she_changes_or_removes_her_number_on_her_account(setup):
    web, amy = setup["web"], setup["amy"]
    account = page(web.client.get("/account"))
    assert "You have not given a number" in account and 'href="/me/phone"' in account
    refused = web.post("/me/phone", {"phone": "12345"}, token_page="/me/phone")
    assert refused.status_code == 400 and "Enter a UK phone number" in page(refused)
    assert (
        web.post("/me/phone", {"phone": "+44 7700 900456"}, token_page="/me/phone").status_code
        == 302
    )
    assert "Peer workers ring you on +44 7700 900456" in page(web.client.get("/account"))
    assert 'value="+44 7700 900456"' in page(web.client.get("/me/phone"))
    web.post("/me/phone", {"phone": ""}, token_page="/me/phone")
    db.session.refresh(amy)
    assert amy.callback_phone is None


def test_the_phone_session_pages_are_valid_html(setup, as_role, tmp_path):
    web = setup["web"]
    pages = {"book": page(web.client.get(f"/me/sessions/book/{TUESDAY}"))}
    pages["refused"] = page(book(web, phone="0770 090"))
    book(web, phone=NUMBER)
    pages["sessions"] = page(web.client.get("/me/sessions"))
    pages["account"] = page(web.client.get("/account"))
    booking = db.session.scalar(select(Booking))
    colleague = as_role("peer_worker")[0]
    pages["peer session"] = page(colleague.client.get(f"/peer/sessions/{booking.id}"))
    assert checker_errors(pages, tmp_path) == []
