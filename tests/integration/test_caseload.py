"""A peer worker's routes: caseload, today, one session, handover notes, home."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Booking, HandoverNote, Notification, User
from tests.factories import ActivityFactory, HandoverNoteFactory, TalkRequestFactory
from tests.sessions_support import booked, leave, queries_for, weekly

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday 4 May 2027, 09:00 in London


@pytest.fixture
def setup(app, factory, unit, as_role, frozen_now):
    frozen_now(NOW)
    web, peer = as_role("peer_worker", display_name="Priya")
    amy = factory.user("mother", unit, display_name="Amy", admitted_on=date(2027, 4, 1))
    beth = factory.user("mother", unit, display_name="Beth", admitted_on=date(2027, 4, 1))
    return {"web": web, "peer": peer, "amy": amy, "beth": beth}


def page(response):
    return response.get_data(as_text=True)


def test_caseload_puts_a_talk_request_first_and_it_can_be_answered(setup):
    web, beth = setup["web"], setup["beth"]
    booked(setup["amy"], setup["peer"], NOW + timedelta(hours=2))
    request = TalkRequestFactory(mother=beth)
    html = page(web.client.get("/peer/caseload"))
    assert html.index("Beth") < html.index("Amy") and "Would like to talk" in html
    assert "Tuesday 4 May 2027 at 11:00" in html
    assert "1 mother would like to talk" in page(web.client.get("/peer/today"))
    assert "1 mother would like to talk" in page(web.client.get("/peer/"))
    response = web.post(f"/peer/talk/{request.id}/answered", token_page="/peer/caseload")
    assert response.status_code == 302
    db.session.refresh(request)
    assert request.answered_by_id == setup["peer"].id
    assert "Marked as answered: Beth" in page(web.client.get("/peer/caseload"))


def test_today_lists_sessions_in_order_with_place_and_topic(setup):
    booked(setup["amy"], setup["peer"], NOW + timedelta(hours=5), topic="Going home")
    booked(setup["beth"], setup["peer"], NOW + timedelta(hours=1))
    html = page(setup["web"].client.get("/peer/today"))
    assert html.index("10:00 to 11:00: Beth") < html.index("14:00 to 15:00: Amy")
    assert "On the ward. Topic: Going home" in html
    assert "2 of your 18 contracted hours: 2 in sessions and 0 in groups you lead" in html
    home = page(setup["web"].client.get("/peer/"))
    assert "10:00 to 11:00: Beth" in home


def test_cancel_needs_a_reason_and_tells_the_mother(setup):
    web = setup["web"]
    booking = booked(setup["amy"], setup["peer"], NOW + timedelta(hours=2))
    url = f"/peer/sessions/{booking.id}"
    response = web.post(f"{url}/cancel", {"reason": ""}, token_page=url)
    assert response.status_code == 400 and "Tell her why the session is cancelled" in page(response)
    response = web.post(f"{url}/cancel", {"reason": "x" * 10_000}, token_page=url)
    assert response.status_code == 400 and "200 characters or fewer" in page(response)
    db.session.refresh(booking)
    assert booking.status == "booked"
    response = web.post(f"{url}/cancel", {"reason": "I am unwell"}, token_page=url)
    assert response.status_code == 302
    db.session.refresh(booking)
    assert (booking.status, booking.cancel_reason) == ("cancelled", "I am unwell")
    note = db.session.scalar(select(Notification))
    assert (note.user_id, note.kind, note.url) == (
        setup["amy"].id,
        "booking.cancelled_by_peer",
        "/me/sessions",
    )


def test_outcome_after_the_session_started(setup, frozen_now):
    web = setup["web"]
    booking = booked(setup["amy"], setup["peer"], NOW + timedelta(hours=1))
    url = f"/peer/sessions/{booking.id}"
    early = web.post(f"{url}/outcome", {"outcome": "happened"}, token_page=url)
    assert early.status_code == 400 and "once the session has started" in page(early)
    frozen_now(NOW + timedelta(hours=2))
    web.sign_in(setup["peer"].username)  # idle for two hours: signed out
    bad = web.post(f"{url}/outcome", {"outcome": "maybe"}, token_page=url)
    assert bad.status_code == 400
    assert web.post(f"{url}/outcome", {"outcome": "happened"}, token_page=url).status_code == 302
    assert db.session.scalar(select(Booking.status)) == "happened"


def test_handover_note_is_saved_and_checked(setup, factory, other_unit):
    web, amy = setup["web"], setup["amy"]
    url = f"/peer/mothers/{amy.id}/note"
    bad = web.post(url, {"text": "a\x07b"}, token_page=url)
    assert bad.status_code == 400 and "letters, numbers and punctuation" in page(bad)
    long = web.post(url, {"text": "x" * 10_000}, token_page=url)
    assert long.status_code == 400 and "500 characters or fewer" in page(long)
    assert db.session.scalar(select(HandoverNote)) is None
    assert (
        web.post(url, {"text": "Likes mornings.\nAsk about sleep."}, token_page=url).status_code
        == 302
    )
    assert "Likes mornings." in page(web.client.get("/peer/caseload"))
    stranger = factory.user("mother", other_unit)
    assert web.client.get(f"/peer/mothers/{stranger.id}/note").status_code == 404
    assert web.client.get(f"/peer/mothers/{setup['peer'].id}/note").status_code == 404


def test_a_handover_note_says_who_last_changed_it_and_when(setup, as_role, frozen_now):
    amy, url = setup["amy"], f"/peer/mothers/{setup['amy'].id}/note"
    assert "Last changed" not in page(setup["web"].client.get(url))
    setup["web"].post(url, {"text": "Ask about sleep."}, token_page=url)
    frozen_now(NOW + timedelta(days=1))
    grace, _ = as_role("peer_worker", display_name="Grace")
    changed = "Last changed by Priya on Tuesday 4 May 2027 at 09:00"  # 08:00 UTC, London summer
    assert f"{changed}." in page(grace.client.get(url))
    caseload = page(grace.client.get("/peer/caseload"))
    assert changed in caseload and caseload.index("Ask about sleep.") < caseload.index(changed)
    assert f'<a href="/peer/mothers/{amy.id}/note">Amy</a>' in caseload


def test_another_units_session_is_not_found(setup, factory, other_unit):
    mother = factory.user("mother", other_unit)
    peer = factory.user("peer_worker", other_unit)
    booking = booked(mother, peer, NOW + timedelta(hours=2))
    web = setup["web"]
    assert web.client.get(f"/peer/sessions/{booking.id}").status_code == 404
    response = web.post(
        f"/peer/sessions/{booking.id}/cancel", {"reason": "x"}, token_page="/peer/today"
    )
    assert response.status_code == 404


def test_the_peer_pages_make_the_same_number_of_queries_whatever_the_data(setup, factory, unit):
    pages = ["/peer/", "/peer/caseload", "/peer/today", "/peer/week", "/peer/availability/"]
    client, peer_id = setup["web"].client, setup["peer"].id
    before = [queries_for(client, p) for p in pages]
    peer = db.session.get(User, peer_id)
    colleague = factory.user("peer_worker", unit)
    for n in range(6):
        mother = factory.user("mother", unit)
        booked(mother, peer if n % 2 else colleague, NOW + timedelta(hours=1 + n))
        booked(mother, colleague, NOW - timedelta(days=n + 1), status="happened")
        TalkRequestFactory(mother=mother)
        HandoverNoteFactory(mother=mother, updated_by=factory.user("peer_worker", unit))
        ActivityFactory(unit=unit, leader=peer if n % 2 else colleague, weekdays=str(n))
        leave(colleague, date(2027, 5, 5 + n))
    assert [queries_for(client, p) for p in pages] == before


def test_cancelling_a_session_she_already_cancelled_is_a_clear_message(setup):
    web = setup["web"]
    booking = booked(setup["amy"], setup["peer"], NOW + timedelta(hours=2))
    url = f"/peer/sessions/{booking.id}"
    token = web.token(url)  # the page as it was before the mother cancelled
    booking.status = "cancelled"
    db.session.commit()
    response = web.client.post(f"{url}/cancel", data={"csrf_token": token, "reason": "Unwell"})
    assert response.status_code == 400
    assert "already been cancelled or closed" in page(response)
    db.session.refresh(booking)
    assert booking.cancel_reason == ""


def test_a_week_over_her_hours_gets_a_gentle_note_and_staff_see_only_a_count(setup, as_role):
    peer = setup["peer"]
    peer.contracted_minutes = 60
    ActivityFactory(unit=peer.unit, leader=peer, weekdays="1")  # Tuesdays 10:00 to 11:00
    booked(setup["amy"], peer, NOW + timedelta(hours=5))
    db.session.commit()
    home = page(setup["web"].client.get("/peer/"))
    assert "2 of your 1 contracted hours: 1 in sessions and 1 in groups you lead" in home
    assert "This week comes to 1 hour more than your contract" in home
    assert '<meter class="app-hours"' in home
    staff, _ = as_role("staff")
    staff_home = page(staff.client.get("/staff/"))
    assert "Priya: " in staff_home and "1 week over" in staff_home
    assert "Amy" not in staff_home


def test_her_next_two_weeks_show_sessions_groups_leave_and_her_partners_days(setup, factory, unit):
    peer = setup["peer"]
    grace = factory.user("peer_worker", unit, display_name="Grace")
    weekly(peer, 1, "09:30", "16:00")  # Tuesdays
    weekly(grace, 2, "13:00", "16:30")  # Wednesdays
    leave(peer, date(2027, 5, 11))  # next Tuesday
    booked(setup["amy"], peer, NOW + timedelta(hours=2), topic="Sleep")  # today 11:00
    ActivityFactory(unit=unit, leader=peer, title="Cooking together", weekdays="2")
    ActivityFactory(unit=unit, leader=grace, title="Baby massage", weekdays="2")
    html = page(setup["web"].client.get("/peer/week"))
    today = html[html.index("Today, Tuesday 4 May") : html.index("Wednesday 5 May")]
    assert "You are in 09:30 to 16:00" in today and "Grace is not in" in today
    assert "11:00 to 12:00: session with Amy</a>, on the ward. Topic: Sleep" in today
    wednesday = html[html.index("Wednesday 5 May") : html.index("Thursday 6 May")]
    assert "You are not in" in wednesday and "Grace is in 13:00 to 16:30" in wednesday
    assert "10:00 to 11:00: Cooking together, a group you lead" in wednesday
    assert "Baby massage" not in html  # Grace's group, not hers
    assert "You are on annual leave" in html[html.index("Tuesday 11 May") :]
    assert html.count('class="app-day"') == 14


def test_her_home_names_her_job_share_and_the_mothers_she_supports_not_closed_accounts(
    setup, factory, unit
):
    factory.user("peer_worker", unit, display_name="Grace")
    factory.user("peer_worker", unit, display_name="Hannah", active=False)  # left the unit
    factory.user("mother", unit, display_name="Cara", active=False)
    home = page(setup["web"].client.get("/peer/"))
    assert "<h2>Your job share</h2>\n<p>Grace</p>" in home
    assert "Hannah" not in home and "Cara" not in home
    assert "Amy, on the unit since" in home and "Beth, on the unit since" in home


def test_each_entry_shows_her_last_session_and_her_next(setup):
    web, peer, amy, beth = setup["web"], setup["peer"], setup["amy"], setup["beth"]
    booked(amy, peer, NOW - timedelta(days=20), status="happened")
    booked(amy, peer, NOW - timedelta(days=3), status="did_not_happen")
    booked(amy, peer, NOW - timedelta(days=1), status="cancelled")
    booked(amy, peer, NOW + timedelta(days=2))
    booked(amy, peer, NOW + timedelta(days=5))
    booked(beth, peer, NOW - timedelta(days=10), status="happened")
    booked(beth, peer, NOW + timedelta(days=1), status="cancelled")
    html = page(web.client.get("/peer/caseload"))
    amy_entry, beth_entry = html[html.index(">Amy<") :], html[html.index(">Beth<") :]
    amy_entry = amy_entry[: amy_entry.index("</li>")]
    beth_entry = beth_entry[: beth_entry.index("</li>")]
    assert "Saturday 1 May 2027 (did not happen)" in amy_entry  # not the cancelled one
    assert "Thursday 6 May 2027 at 09:00</a> with Priya" in amy_entry  # the sooner of two
    assert "Sunday 24 April 2027" not in amy_entry
    assert "Saturday 24 April 2027" in beth_entry and "None booked" in beth_entry
    assert "No session in the last week" in beth_entry
    assert "No session in the last week" not in amy_entry
