"""A mother's routes: home, book in three taps, her sessions, cancel, talk today."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AuditEvent, Booking, Notification, TalkRequest, User
from tests.sessions_support import booked, queries_for, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
TUESDAY = "2027-05-04"
TEN = "2027-05-04T09:00:00+00:00"  # 10:00 in London
TAKEN = "That time was just taken. Choose another time."


@pytest.fixture
def setup(app, factory, unit, as_role, frozen_now):
    frozen_now(NOW)
    priya = factory.user("peer_worker", unit, display_name="Priya")
    grace = factory.user("peer_worker", unit, display_name="Grace")
    weekly(priya, 1, "10:00", "12:00")
    weekly(grace, 1, "10:00", "11:00", session=30)
    web, mother = as_role("mother", admitted_on=date(2027, 4, 20), display_name="Amy")
    return {"web": web, "mother": mother, "priya": priya, "grace": grace}


def counts():
    return tuple(
        db.session.scalar(select(func.count()).select_from(m))
        for m in (Booking, Notification, AuditEvent, TalkRequest)
    )


def page(response):
    return response.get_data(as_text=True)


def book(web, data, day=TUESDAY):
    url = f"/me/sessions/book/{day}"
    form = {"with_whom": "any", "starts_at": TEN, "baby_care": "with_me", **data}
    return web.post(url, form, token_page=url)


def test_home_shows_the_next_session_and_the_booking_button(setup):
    web = setup["web"]
    html = page(web.client.get("/me/"))
    assert "Book time with a peer worker" in html and "You have no session booked" in html
    booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    html = page(web.client.get("/me/"))
    assert "Tuesday 4 May 2027 at 10:00 with Priya, on the ward" in html


def test_choose_day_lists_fourteen_days_with_free_times(setup):
    html = page(setup["web"].client.get("/me/sessions/book"))
    assert html.count("app-day-link__day") == 14
    assert "/me/sessions/book/2027-05-04" in html and "4 free times" in html


def test_the_day_shows_local_times_and_filters_by_worker(setup):
    web = setup["web"]
    html = page(web.client.get(f"/me/sessions/book/{TUESDAY}"))
    assert "10:00 to 11:00" in html and "10:30 to 11:00" in html and "11:00 to 12:00" in html
    html = page(web.client.get(f"/me/sessions/book/{TUESDAY}?with={setup['grace'].id}"))
    assert "10:00 to 10:30" in html and "11:00 to 12:00" not in html and "With Grace" in html


def test_booking_in_three_taps(setup):
    web = setup["web"]
    response = book(web, {"with_whom": str(setup["priya"].id), "topic": "Sleep and feeds"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/me/sessions")
    html = page(web.client.get("/me/sessions"))
    assert "Booked: Tuesday 4 May at 10:00 with Priya." in html
    assert "Sleep and feeds" in html
    booking = db.session.scalar(select(Booking))
    assert booking.peer_worker_id == setup["priya"].id and booking.topic == "Sleep and feeds"
    assert counts()[:3] == (1, 1, 1)
    assert db.session.scalar(select(Notification.url)) == f"/peer/sessions/{booking.id}"


def test_whoever_is_free(setup):
    assert book(setup["web"], {}).status_code == 302
    assert db.session.scalar(select(Booking.peer_worker_id)) in {
        setup["priya"].id,
        setup["grace"].id,
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"starts_at": "2027-05-04T09:05:00+00:00"}, "That time is not available"),
        ({"starts_at": "2027-05-04T09:00:00"}, "Choose a time from the list"),
        ({"starts_at": "tomorrow at ten"}, "Choose a time from the list"),
        ({"starts_at": ""}, "Choose a time from the list"),
        ({"starts_at": "2027-05-03T07:00:00+00:00"}, "That time has passed"),
        ({"starts_at": "2027-05-25T09:00:00+00:00"}, "That time is not available"),
        ({"with_whom": "99999"}, "Choose who you would like to talk to"),
        ({"topic": "x" * 10_000}, "must be 200 characters or fewer"),
        ({"topic": "hello\x00there"}, "must only include letters, numbers and punctuation"),
        ({"topic": "line\nbreak"}, "must only include letters, numbers and punctuation"),
    ],
)
def test_bad_input_is_answered_on_the_same_page_and_changes_nothing(setup, data, message):
    before = counts()
    response = book(setup["web"], data)
    assert response.status_code == 400
    html = page(response)
    assert message in html and "There is a problem" in html and "Choose a time" in html
    assert counts() == before


def test_another_units_peer_worker_is_refused(setup, factory, other_unit):
    stranger = factory.user("peer_worker", other_unit)
    weekly(stranger, 1, "10:00", "12:00")
    response = book(setup["web"], {"with_whom": str(stranger.id)})
    assert response.status_code == 400 and "Choose who you would like to talk to" in page(response)
    assert counts()[0] == 0


def test_double_submission_books_once(setup):
    web = setup["web"]
    token = web.token(f"/me/sessions/book/{TUESDAY}")
    data = {"csrf_token": token, "with_whom": "any", "starts_at": TEN, "baby_care": "nursery"}
    assert web.client.post(f"/me/sessions/book/{TUESDAY}", data=data).status_code == 302
    second = web.client.post(f"/me/sessions/book/{TUESDAY}", data=data)
    assert second.status_code == 400 and "You have already booked this time" in page(second)
    assert counts()[0] == 1


def test_a_stale_page_after_someone_else_booked_says_just_taken(setup, factory, unit):
    web = setup["web"]
    token = web.token(f"/me/sessions/book/{TUESDAY}")
    booked(factory.user("mother", unit), setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    response = web.client.post(
        f"/me/sessions/book/{TUESDAY}",
        data={"csrf_token": token, "with_whom": str(setup["priya"].id), "starts_at": TEN},
    )
    assert response.status_code == 400 and TAKEN in page(response)
    assert counts()[0] == 1


def test_days_outside_the_fortnight_and_nonsense_days(setup):
    web = setup["web"]
    html = page(web.client.get("/me/sessions/book/2027-06-30"))
    assert "You can book a day in the next 14 days" in html
    assert web.client.get("/me/sessions/book/not-a-day").status_code == 404


def test_a_discharged_mother_books_by_phone(setup):
    mother = setup["mother"]
    mother.discharged_on, mother.support_until = date(2027, 5, 1), date(2027, 7, 1)
    db.session.commit()
    assert "By phone" in page(setup["web"].client.get(f"/me/sessions/book/{TUESDAY}"))
    book(setup["web"], {"call": "i_ring"})
    assert db.session.scalar(select(Booking.place)) == "phone"


def test_cancel_and_rebook_with_no_penalty(setup):
    web = setup["web"]
    booking = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    html = page(web.client.get(f"/me/sessions/{booking.id}/cancel"))
    assert "you do not need to give a reason" in html
    response = web.post(f"/me/sessions/{booking.id}/cancel", token_page="/me/sessions")
    assert response.status_code == 302
    db.session.refresh(booking)
    assert booking.status == "cancelled"
    notes = set(db.session.execute(select(Notification.kind, Notification.url)))
    assert notes == {("booking.cancelled_by_mother", "/peer/today")}
    again = book(web, {"with_whom": str(setup["priya"].id)})
    assert again.status_code == 302


def test_cancelling_twice_is_a_clear_message(setup):
    web = setup["web"]
    booking = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    token = web.token("/me/sessions")
    web.client.post(f"/me/sessions/{booking.id}/cancel", data={"csrf_token": token})
    second = web.client.post(f"/me/sessions/{booking.id}/cancel", data={"csrf_token": token})
    assert second.status_code == 400 and "already been cancelled" in page(second)


def test_another_mothers_session_is_not_found(setup, factory, unit):
    other = booked(
        factory.user("mother", unit), setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC)
    )
    assert setup["web"].client.get(f"/me/sessions/{other.id}/cancel").status_code == 404


def test_her_sessions_show_a_peer_workers_reason(setup):
    booking = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    booking.status, booking.cancel_reason = "cancelled", "I am unwell today"
    booking.cancelled_by_id = setup["priya"].id
    db.session.commit()
    assert "Priya cancelled it: I am unwell today" in page(setup["web"].client.get("/me/sessions"))


def test_talk_today_in_one_tap(setup, frozen_now):
    frozen_now(datetime(2027, 5, 4, 8, tzinfo=UTC))  # Tuesday 09:00
    web = setup["web"]
    web.sign_in(setup["mother"].username)  # a day later: her session has ended
    html = page(web.client.get("/me/talk"))
    assert "A peer worker is working today" in html  # Priya and Grace work on Tuesdays
    assert "I would like to talk today" in html
    response = web.post("/me/talk", token_page="/me/talk")
    assert response.status_code == 302
    assert counts()[3] == 1
    assert set(db.session.scalars(select(Notification.url))) == {"/peer/caseload"}
    asked = page(web.client.get("/me/talk"))
    assert "You have asked to talk" in asked and "will get in touch with you today" in asked
    again = web.post("/me/talk", token_page="/me/sessions")
    assert again.status_code == 400 and "You have already asked today" in page(again)
    assert counts()[3] == 1


def test_when_the_check_misses_a_race_the_database_refuses_and_she_is_told(
    setup, factory, unit, monkeypatch
):
    """Blind the Python check, as a concurrent commit would: the unique cells still refuse."""
    from app.services import bookings, slots

    def blind(mother, workers, day, now):
        plan = slots.plan_day(mother, workers, day, now)
        return slots.DayPlan(plan.free + plan.taken, [], plan.over_limit)

    booked(factory.user("mother", unit), setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    monkeypatch.setattr(bookings, "plan_day", blind)
    before = counts()
    response = book(setup["web"], {"with_whom": str(setup["priya"].id)})
    assert response.status_code == 400 and TAKEN in page(response)
    assert counts() == before


def test_the_booking_pages_make_the_same_number_of_queries_whatever_the_data(setup, factory, unit):
    pages = ["/me/sessions/book", f"/me/sessions/book/{TUESDAY}", "/me/sessions", "/me/"]
    client = setup["web"].client
    ids = (setup["priya"].id, setup["grace"].id, setup["mother"].id)
    before = [queries_for(client, p) for p in pages]
    priya, grace, her = (db.session.get(User, i) for i in ids)
    for week in range(1, 6):
        for hour in (9, 10):
            tuesday = datetime(2027, 5, 4, hour, tzinfo=UTC) + timedelta(weeks=week)
            booked(factory.user("mother", unit), priya, tuesday)
            booked(her, grace, tuesday + timedelta(days=1))
    assert [queries_for(client, p) for p in pages] == before
    assert before[0] < 15


def test_talk_today_says_when_nobody_is_working(setup, frozen_now):
    frozen_now(datetime(2027, 5, 4, 17, tzinfo=UTC))  # Tuesday 18:00, after every shift
    setup["web"].sign_in(setup["mother"].username)  # her session of Monday has ended
    html = page(setup["web"].client.get("/me/talk"))
    assert "No peer worker is working for the rest of today" in html
    assert "The next peer worker is in on Tuesday 11 May 2027 from 10:00" in html
    assert "Ask for the next shift" in html and "I would like to talk today" not in html
    # Help now comes first: the unit, NHS 111 and Samaritans as call buttons
    calls = ['href="tel:01184960000"', 'href="tel:111"', 'href="tel:116123"']
    assert all(call in html for call in calls)
    assert html.index(calls[0]) < html.index("<h2>Ask for the next shift</h2>")


def test_who_to_talk_to_is_a_radio_group_sent_by_get(setup):
    html = page(setup["web"].client.get(f"/me/sessions/book/{TUESDAY}"))
    start = html.index('<form method="get"')
    form = html[start : html.index("</form>", start)]
    assert 'type="radio"' in form and 'name="with"' in form and 'value="any" checked' in form
    assert f'value="{setup["grace"].id}"' in form and "Show free times" in form
    chosen = page(setup["web"].client.get(f"/me/sessions/book/{TUESDAY}?with={setup['grace'].id}"))
    assert f'value="{setup["grace"].id}" checked' in chosen


def test_the_day_says_how_long_sessions_are(setup):
    web = setup["web"]
    priya_only = page(web.client.get(f"/me/sessions/book/{TUESDAY}?with={setup['priya'].id}"))
    assert "Sessions are 60 minutes." in priya_only
    both = page(web.client.get(f"/me/sessions/book/{TUESDAY}"))
    assert "10:30 to 11:00, 30 minutes" in both and "11:00 to 12:00, 60 minutes" in both
    assert "Sessions are" not in both


def test_a_session_downloads_for_her_calendar_without_names(setup, factory, unit):
    booking = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    html = page(setup["web"].client.get("/me/sessions"))
    assert f'href="/me/sessions/{booking.id}/calendar.ics"' in html
    assert "Cancel this session" in html and "Cancel or change" not in html
    response = setup["web"].client.get(f"/me/sessions/{booking.id}/calendar.ics")
    assert response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    ics = response.get_data(as_text=True)
    assert ics.count("BEGIN:VEVENT") == 1 and "SUMMARY:One-to-one session" in ics
    assert "DTSTART;TZID=Europe/London:20270504T100000" in ics
    assert "Amy" not in ics
    other = booked(
        factory.user("mother", unit), setup["priya"], datetime(2027, 5, 5, 9, tzinfo=UTC)
    )
    assert setup["web"].client.get(f"/me/sessions/{other.id}/calendar.ics").status_code == 404


def test_a_time_she_cancelled_and_booked_again_is_listed_once(setup):
    web, mother, priya = setup["web"], setup["mother"], setup["priya"]
    for _ in range(2):
        booked(mother, priya, datetime(2027, 5, 4, 9, tzinfo=UTC), status="cancelled")
    booked(mother, priya, datetime(2027, 5, 4, 9, tzinfo=UTC))
    booked(mother, priya, datetime(2027, 5, 5, 9, tzinfo=UTC), status="cancelled")
    booked(mother, priya, datetime(2027, 5, 5, 9, tzinfo=UTC), status="cancelled")
    html = page(web.client.get("/me/sessions"))
    earlier = html[html.index("Earlier and cancelled") :]
    assert "Tuesday 4 May 2027" not in earlier
    assert earlier.count("Wednesday 5 May 2027") == 1
