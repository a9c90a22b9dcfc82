"""A peer worker offers short sessions through her availability page; mothers see their
length on the slot they choose, and her week counts the real minutes."""

from datetime import UTC, date, datetime

from sqlalchemy import select

from app.extensions import db
from app.models import AvailabilityWindow, Booking
from tests.conftest import Browserless, signed_in_client
from tests.integration.test_availability import prefixed

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
URL = "/peer/availability/"
DAY = "/me/sessions/book/2027-05-04"


def page(response):
    return response.get_data(as_text=True)


def test_a_twenty_minute_window_is_offered_and_booked_as_twenty_minutes(
    app, factory, unit, frozen_now
):
    frozen_now(NOW)
    peer = factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=600)
    peer_web = Browserless(signed_in_client(app, peer))
    form = page(peer_web.client.get(URL))
    assert "20 minutes" in form and "the last 10 minutes are yours to write up" in form
    weekly = {
        "weekdays": ["1"],
        "starts": "10:00",
        "ends": "11:00",
        "session_minutes": "20",
        "gap_minutes": "0",
    }
    assert (
        peer_web.post(URL + "weekly", prefixed("weekly", weekly), token_page=URL).status_code == 302
    )
    assert db.session.scalar(select(AvailabilityWindow.session_minutes)) == 20

    mother = factory.user("mother", unit, admitted_on=date(2027, 4, 20))
    mother_web = Browserless(signed_in_client(app, mother))
    html = page(mother_web.client.get(DAY))
    assert "10:00 to 10:20, 20 minutes" in html and "10:30 to 10:50, 20 minutes" in html
    assert "10:20 to" not in html
    data = {"with_whom": "any", "starts_at": "2027-05-04T09:30:00+00:00", "baby_care": "nursery"}
    assert mother_web.post(DAY, data, token_page=DAY).status_code == 302
    assert db.session.scalar(select(Booking.ends_at)) == datetime(2027, 5, 4, 9, 50, tzinfo=UTC)
    assert "20 minutes" in page(mother_web.client.get("/me/sessions"))

    frozen_now(datetime(2027, 5, 4, 8, tzinfo=UTC))  # the next morning: she signs in again
    today = page(Browserless(signed_in_client(app, peer)).client.get("/peer/today"))
    assert "10:30 to 10:50" in today and "0.5 of your 10 contracted hours" in today  # write-up too


def test_a_fifteen_minute_length_is_refused_in_a_window_too_short(app, as_role, frozen_now):
    frozen_now(NOW)
    web = as_role("peer_worker")[0]
    weekly = {
        "weekdays": ["1"],
        "starts": "10:00",
        "ends": "10:00",
        "session_minutes": "15",
        "gap_minutes": "0",
    }
    response = web.post(URL + "weekly", prefixed("weekly", weekly), token_page=URL)
    assert response.status_code == 400 and "The end time must be after the start time" in page(
        response
    )
    assert db.session.scalar(select(AvailabilityWindow.id)) is None
