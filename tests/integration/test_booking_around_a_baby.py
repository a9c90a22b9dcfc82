"""Booking around a baby: on the ward she says whether her baby will be with her or a
nursery nurse should mind the baby; the peer worker and staff see it on the day's lists,
never a notification's text."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Booking, Notification
from app.services import reminders
from app.services.notifications import payload_for
from tests.sessions_support import booked, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
TUESDAY = "2027-05-04"
URL = f"/me/sessions/book/{TUESDAY}"
TEN = "2027-05-04T09:00:00+00:00"  # 10:00 in London
CHOOSE = "Select whether your baby will be with you or you would like a nursery nurse"


@pytest.fixture
def setup(app, factory, unit, as_role, frozen_now):
    frozen_now(NOW)
    priya = factory.user("peer_worker", unit, display_name="Priya")
    weekly(priya, 1, "10:00", "12:00")
    web, mother = as_role("mother", admitted_on=date(2027, 4, 20), display_name="Amy")
    return {"web": web, "mother": mother, "priya": priya}


def page(response):
    return response.get_data(as_text=True)


def book(web, **data):
    return web.post(URL, {"with_whom": "any", "starts_at": TEN, **data}, token_page=URL)


def bookings():
    return db.session.scalar(select(func.count()).select_from(Booking))


def test_the_booking_page_asks_about_her_baby(setup):
    html = page(setup["web"].client.get(URL))
    assert "Will your baby be with you?" in html
    assert "Yes, my baby will be with me" in html
    assert "I would like a nursery nurse to mind my baby" in html


@pytest.mark.parametrize("answer", [None, "", "crèche", "with_me\x00", "x" * 500])
def test_without_a_clear_answer_nothing_is_booked(setup, answer):
    data = {"topic": "Sleep"} | ({} if answer is None else {"baby_care": answer})
    response = book(setup["web"], **data)
    assert response.status_code == 400 and CHOOSE in page(response)
    assert 'value="Sleep"' in page(response)  # what she typed stays
    assert bookings() == 0
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 0


@pytest.mark.parametrize(
    ("answer", "mother_sees"),
    [
        ("with_me", "Your baby will be with you."),
        ("nursery", "You asked for a nursery nurse to mind your baby."),
    ],
)
def test_her_answer_is_kept_and_she_sees_it(setup, answer, mother_sees):
    assert book(setup["web"], baby_care=answer).status_code == 302
    assert db.session.scalar(select(Booking.baby_care)) == answer
    html = page(setup["web"].client.get("/me/sessions"))
    assert mother_sees in html and "Change who minds your baby" in html


def test_she_changes_who_minds_her_baby_until_the_session_starts(setup, frozen_now):
    web = setup["web"]
    assert book(web, baby_care="with_me").status_code == 302
    booking_id = db.session.scalar(select(Booking.id))
    url = f"/me/sessions/{booking_id}/baby"
    form = page(web.client.get(url))
    assert 'value="with_me" checked' in form
    response = web.post(url, {"baby_care": "nursery"}, token_page=url)
    assert response.status_code == 302
    assert db.session.scalar(select(Booking.baby_care)) == "nursery"
    assert "The peer worker and the nursery staff will see your answer." in page(
        web.client.get("/me/sessions")
    )
    for bad in ("", "creche", "nursery\x00", "x" * 5000):
        refused = web.post(url, {"baby_care": bad}, token_page=url)
        assert refused.status_code == 400 and CHOOSE in page(refused)
    assert db.session.scalar(select(Booking.baby_care)) == "nursery"
    assert db.session.scalar(select(func.count()).select_from(Notification)) == 1  # the booking


def test_nobody_else_changes_her_answer(setup, factory, unit, app):
    from tests.conftest import Browserless, signed_in_client

    booking = booked(
        setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC), baby_care="with_me"
    )
    beth = Browserless(signed_in_client(app, factory.user("mother", unit)))
    url = f"/me/sessions/{booking.id}/baby"
    assert beth.client.get(url).status_code == 404
    assert beth.post(url, {"baby_care": "nursery"}, token_page="/me/sessions").status_code == 404
    db.session.expire_all()
    assert db.session.get(Booking, booking.id).baby_care == "with_me"


def test_a_phone_session_after_discharge_does_not_ask(setup):
    mother = setup["mother"]
    mother.discharged_on, mother.support_until = date(2027, 5, 1), date(2027, 7, 1)
    db.session.commit()
    assert "Will your baby be with you?" not in page(setup["web"].client.get(URL))
    response = book(setup["web"], baby_care="nursery", phone="07700 900123")
    assert response.status_code == 302
    assert db.session.scalar(select(Booking.baby_care)) is None


def test_the_peer_worker_sees_it_on_her_day_list_and_session_page(
    app, factory, unit, frozen_now, setup
):
    from tests.conftest import Browserless, signed_in_client

    frozen_now(datetime(2027, 5, 4, 8, tzinfo=UTC))  # Tuesday 09:00
    start = datetime(2027, 5, 4, 9, tzinfo=UTC)
    booking = booked(setup["mother"], setup["priya"], start, baby_care="nursery", topic="Sleep")
    peer = Browserless(signed_in_client(app, setup["priya"]))
    assert "Nursery nurse needed" in page(peer.client.get("/peer/today"))
    assert "Nursery nurse needed" in page(peer.client.get("/peer/"))
    assert "Nursery nurse needed" in page(peer.client.get(f"/peer/sessions/{booking.id}"))
    assert "Nursery nurse needed" in page(peer.client.get("/peer/week"))


def test_staff_see_today_s_sessions_without_the_topic(app, factory, unit, frozen_now, setup):
    from tests.conftest import Browserless, signed_in_client

    frozen_now(datetime(2027, 5, 4, 8, tzinfo=UTC))
    mother, priya = setup["mother"], setup["priya"]
    booked(mother, priya, datetime(2027, 5, 4, 9, tzinfo=UTC), baby_care="nursery", topic="Sad")
    other = factory.user("mother", unit, display_name="Beth")
    booked(other, priya, datetime(2027, 5, 4, 10, tzinfo=UTC), baby_care="with_me")
    booked(other, priya, datetime(2027, 5, 5, 10, tzinfo=UTC), baby_care="nursery")  # tomorrow
    staff = Browserless(signed_in_client(app, factory.user("staff", unit)))
    assert "Today&#39;s 1:1 sessions" in page(staff.client.get("/staff/"))
    html = page(staff.client.get("/staff/sessions/today"))
    today, tomorrow = html.split("Tomorrow: Wednesday 5 May")
    assert "Today: Tuesday 4 May" in today
    assert "10:00 to 11:00" in today and "11:00 to 12:00" in today
    assert today.count("Nursery nurse needed") == 1 and "With her" in today
    assert "Priya" in today and "Amy" in today
    assert "A nursery nurse is needed for 1 session." in today
    assert "Sad" not in html
    # so the nursery can plan ahead, the next day too
    assert tomorrow.count("Nursery nurse needed") == 1 and "Beth" in tomorrow


def test_staff_see_the_next_day_with_sessions_after_a_weekend(app, factory, frozen_now, setup):
    from tests.conftest import Browserless, signed_in_client

    frozen_now(datetime(2027, 5, 7, 17, tzinfo=UTC))  # Friday evening
    booked(
        setup["mother"], setup["priya"], datetime(2027, 5, 10, 9, tzinfo=UTC), baby_care="nursery"
    )
    saturday = datetime(2027, 5, 8, 9, tzinfo=UTC)
    booked(setup["mother"], setup["priya"], saturday, status="cancelled", baby_care="nursery")
    phone = booked(setup["mother"], setup["priya"], saturday + timedelta(hours=2))
    phone.place = "phone"  # a discharged mother's call needs no nursery nurse
    db.session.commit()
    staff = Browserless(signed_in_client(app, factory.user("staff", setup["mother"].unit)))
    html = page(staff.client.get("/staff/sessions/today"))
    assert "No 1:1 sessions are booked today." in html
    assert "Next: Monday 10 May" in html and "Saturday" not in html
    assert "A nursery nurse is needed for 1 session." in html


def test_staff_of_another_unit_never_see_these_sessions(
    app, factory, unit, other_unit, frozen_now, setup
):
    from tests.conftest import Browserless, signed_in_client

    frozen_now(datetime(2027, 5, 4, 8, tzinfo=UTC))
    booked(
        setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC), baby_care="nursery"
    )
    staff = Browserless(signed_in_client(app, factory.user("staff", other_unit)))
    html = page(staff.client.get("/staff/sessions/today"))
    assert "No 1:1 sessions are booked today." in html and "Amy" not in html


def test_no_notification_or_push_payload_mentions_her_baby(setup, frozen_now):
    assert book(setup["web"], baby_care="nursery", topic="Feeds").status_code == 302
    frozen_now(datetime(2027, 5, 4, 8, 40, tzinfo=UTC))  # 20 minutes before
    assert reminders.queue_session_reminders(datetime(2027, 5, 4, 8, 40, tzinfo=UTC)) == 1
    rows = db.session.scalars(select(Notification)).all()
    assert {row.kind for row in rows} == {"booking.created", "session.reminder"}
    for row in rows:
        lock_screen = (row.title + row.body + payload_for(row)).lower()
        for word in ("baby", "nursery", "nurse", "feeds", "amy"):
            assert word not in lock_screen


def test_the_database_refuses_an_unknown_answer(setup):
    booking = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    booking.baby_care = "creche"
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()
