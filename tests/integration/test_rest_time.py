"""A mother sets her daily rest time on a page of her own; she is not offered sessions
then (other mothers are), a posted time inside it is refused, and the peer workers see
it on her caseload entry."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Booking, User
from tests.conftest import Browserless, signed_in_client
from tests.sessions_support import booked, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
URL = "/me/rest"
DAY = "/me/sessions/book/2027-05-04"


def page(response):
    return response.get_data(as_text=True)


@pytest.fixture
def setup(app, factory, unit, as_role, frozen_now):
    frozen_now(NOW)
    priya = factory.user("peer_worker", unit, display_name="Priya")
    weekly(priya, 1, "10:00", "12:00", session=30)
    web, mother = as_role("mother", admitted_on=date(2027, 4, 20), display_name="Amy")
    return {"web": web, "mother": mother, "priya": priya}


def rest_of(mother):
    db.session.expire_all()
    found = db.session.get(User, mother.id)
    return found.rest_from, found.rest_until


def test_she_sets_and_clears_her_rest_time(setup):
    web, mother = setup["web"], setup["mother"]
    account = page(web.client.get("/account"))
    assert "Choose a rest time" in account and 'href="/me/rest"' in account
    assert 'href="/me/rest"' in page(web.client.get("/notifications/settings"))
    form = page(web.client.get(URL))
    assert "Rest from" in form and ">14:15<" in form and "No rest time" in form
    response = web.post(URL, {"rest_from": "14:00", "rest_until": "15:00"}, token_page=URL)
    assert response.status_code == 302
    assert rest_of(mother) == (time(14), time(15))
    account = page(web.client.get("/account"))
    assert "Your rest time is saved: 14:00 to 15:00." in account
    assert "You rest each day from 14:00 to 15:00" in account
    assert 'value="14:00" selected' in page(web.client.get(URL))
    web.post(URL, {"rest_from": "", "rest_until": ""}, token_page=URL)
    assert rest_of(mother) == (None, None)
    assert "Your rest time is removed." in page(web.client.get("/account"))


def test_she_is_told_of_a_session_already_booked_in_her_new_rest_time(setup):
    web, mother = setup["web"], setup["mother"]
    booked(mother, setup["priya"], datetime(2027, 5, 4, 13, 30, tzinfo=UTC), minutes=30)
    booked(mother, setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC), minutes=30)
    web.post(URL, {"rest_from": "14:00", "rest_until": "15:00"}, token_page=URL)
    account = page(web.client.get("/account"))
    assert "Your session on Tuesday 4 May 2027 at 14:30 is during your rest time." in account
    assert "at 10:00" not in account  # outside her rest: nothing to say
    assert db.session.scalar(select(func.count()).select_from(Booking)) == 2  # still booked


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"rest_from": "15:00", "rest_until": "14:00"}, "Rest time must end after it starts"),
        ({"rest_from": "14:00", "rest_until": "14:00"}, "Rest time must end after it starts"),
        ({"rest_from": "23:00", "rest_until": "01:00"}, "Rest time must end after it starts"),
        ({"rest_from": "14:00", "rest_until": ""}, "Choose when your rest time starts and ends"),
        ({"rest_from": "14:00\x00", "rest_until": "15:00"}, "Choose a time from the list"),
        ({"rest_from": "14:05", "rest_until": "15:00"}, "Choose a time from the list"),
        ({"rest_from": "14:00", "rest_until": "x" * 5000}, "Choose a time from the list"),
    ],
)
def test_bad_rest_times_are_refused_and_change_nothing(setup, data, message):
    web, mother = setup["web"], setup["mother"]
    web.post(URL, {"rest_from": "13:00", "rest_until": "13:30"}, token_page=URL)
    events = db.session.scalar(select(func.count()).select_from(AuditEvent))
    response = web.post(URL, data, token_page=URL)
    assert response.status_code == 400 and message in page(response)
    assert page(response).count("nhsuk-error-summary") >= 1
    assert rest_of(mother) == (time(13), time(13, 30))
    assert db.session.scalar(select(func.count()).select_from(AuditEvent)) == events


def test_slots_in_her_rest_are_not_offered_to_her_but_are_to_others(setup, app, factory, unit):
    web = setup["web"]
    web.post(URL, {"rest_from": "10:15", "rest_until": "11:00"}, token_page=URL)
    html = page(web.client.get(DAY))
    assert "Times in your rest time, 10:15 to 11:00, are not shown." in html
    assert "10:00 to 10:30" not in html and "10:30 to 11:00" not in html
    assert "11:00 to 11:30" in html and "11:30 to 12:00" in html
    assert "2 free times" in page(web.client.get("/me/sessions/book"))
    beth = Browserless(signed_in_client(app, factory.user("mother", unit)))
    assert "10:00 to 10:30" in page(beth.client.get(DAY))


def test_a_time_in_her_rest_posted_anyway_is_refused(setup):
    web = setup["web"]
    web.post(URL, {"rest_from": "10:15", "rest_until": "11:00"}, token_page=URL)
    data = {"with_whom": "any", "starts_at": "2027-05-04T09:30:00+00:00", "baby_care": "with_me"}
    response = web.post(DAY, data, token_page=DAY)
    assert response.status_code == 400
    assert "That time is during your rest time. Choose another time." in page(response)
    assert db.session.scalar(select(func.count()).select_from(Booking)) == 0


def test_the_peer_worker_sees_her_rest_time_on_the_caseload(setup, app):
    setup["web"].post(URL, {"rest_from": "14:00", "rest_until": "15:00"}, token_page=URL)
    peer = Browserless(signed_in_client(app, setup["priya"]))
    assert "Resting 14:00 to 15:00" in page(peer.client.get("/peer/caseload"))
