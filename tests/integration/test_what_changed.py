"""What changed reaches her home: sessions and groups someone else cancelled or moved (with
the reason) until she says she has seen them, a freed place held for her with one tap to
take it, and her request to talk with its state."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, SignUp, TalkRequest
from app.services import activities, bookings, signups
from app.services.activities import find_occurrence
from tests.factories import ActivityFactory, SignUpFactory, TalkRequestFactory
from tests.sessions_support import booked, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
TUESDAY = date(2027, 5, 4)
LINK = "/me/"


@pytest.fixture
def setup(app, factory, unit, as_role, frozen_now):
    frozen_now(NOW)
    staff = factory.user("staff", unit, display_name="Helen")
    priya = factory.user("peer_worker", unit, display_name="Priya")
    web, mother = as_role("mother", admitted_on=date(2027, 4, 20), display_name="Amy")
    group = ActivityFactory(unit=unit, leader=priya, title="Cooking together")
    return {"web": web, "mother": mother, "priya": priya, "staff": staff, "group": group}


def home(setup) -> str:
    return setup["web"].client.get("/me/").get_data(as_text=True)


def seen(setup):
    web = setup["web"]
    assert web.post("/me/changes/seen", token_page="/me/").status_code == 302


def test_a_session_cancelled_by_her_peer_worker_shows_with_the_reason_until_she_has_seen_it(
    setup,
):
    booking = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    bookings.cancel_by_peer(setup["priya"], booking, "I am unwell today", link=LINK)
    db.session.commit()
    html = home(setup)
    assert "What has changed" in html
    assert (
        'Your session on Tuesday 4 May 2027 at 10:00 is cancelled. Priya said: "I am unwell today"'
        in html
    )
    assert "I have seen this" in html
    seen(setup)
    assert "What has changed" not in home(setup)


def test_a_change_made_after_she_looked_shows_again(setup, frozen_now):
    first = booked(setup["mother"], setup["priya"], datetime(2027, 5, 4, 9, tzinfo=UTC))
    second = booked(setup["mother"], setup["priya"], datetime(2027, 5, 5, 9, tzinfo=UTC))
    bookings.cancel_by_peer(setup["priya"], first, "Unwell", link=LINK)
    db.session.commit()
    seen(setup)
    frozen_now(NOW + timedelta(minutes=5))
    bookings.cancel_by_peer(setup["priya"], second, "Still unwell", link=LINK)
    db.session.commit()
    html = home(setup)
    assert "Still unwell" in html and '"Unwell"' not in html


def test_a_cancelled_group_date_she_has_a_place_at_shows_with_its_reason(setup):
    group = setup["group"]
    SignUpFactory(activity=group, mother=setup["mother"], on_date=TUESDAY)
    occurrence = find_occurrence(setup["staff"], group.id, TUESDAY)
    activities.cancel_occurrence(setup["staff"], occurrence, "The kitchen is closed", link=LINK)
    db.session.commit()
    html = home(setup)
    assert (
        'Cooking together on Tuesday 4 May 2027 at 10:00 is cancelled: "The kitchen is closed"'
        in html
    )
    seen(setup)
    assert "Cooking together" not in home(setup)


def test_a_moved_group_date_says_where_it_went_and_that_her_place_is_kept(setup):
    group = setup["group"]
    SignUpFactory(activity=group, mother=setup["mother"], on_date=TUESDAY)
    occurrence = find_occurrence(setup["staff"], group.id, TUESDAY)
    activities.move_occurrence(
        setup["staff"],
        occurrence,
        TUESDAY + timedelta(days=1),
        occurrence.activity.start_time.replace(hour=14),
        occurrence.activity.end_time.replace(hour=15),
        "Room booked",
        link=LINK,
    )
    db.session.commit()
    html = home(setup)
    assert (
        "Cooking together on Tuesday 4 May 2027 has moved to Wednesday 5 May 2027 at 14:00" in html
    )
    assert "You still have your place" in html


def test_changes_to_groups_she_has_no_place_at_are_not_hers(setup, factory, unit):
    group = setup["group"]
    SignUpFactory(activity=group, mother=factory.user("mother", unit), on_date=TUESDAY)
    occurrence = find_occurrence(setup["staff"], group.id, TUESDAY)
    activities.cancel_occurrence(setup["staff"], occurrence, "Closed", link=LINK)
    db.session.commit()
    assert "What has changed" not in home(setup)


def test_a_freed_place_held_for_her_shows_until_when_with_one_tap_to_take_it(setup, factory, unit):
    group = setup["group"]
    group.capacity = 1
    other = factory.user("mother", unit)
    SignUpFactory(activity=group, mother=other, on_date=TUESDAY, seat=1)
    SignUpFactory(
        activity=group, mother=setup["mother"], on_date=TUESDAY, status="waiting", position=1
    )
    signups.withdraw(other, find_occurrence(other, group.id, TUESDAY), link=LINK)
    db.session.commit()
    html = home(setup)
    assert "A place is free for you" in html
    assert "Cooking together, Tuesday 4 May 2027 at 10:00" in html
    assert "We are holding it for you until 21:00 on Monday 3 May 2027" in html
    web = setup["web"]
    url = f"/timetable/{group.id}/{TUESDAY.isoformat()}/sign-up"
    assert f'action="{url}"' in html
    assert web.post(url, token_page="/me/").status_code == 302
    assert (
        db.session.scalar(select(SignUp.status).where(SignUp.mother_id == setup["mother"].id))
        == "booked"
    )
    assert "A place is free for you" not in home(setup)


def test_her_request_to_talk_shows_waiting_then_answered(setup):
    request = TalkRequestFactory(mother=setup["mother"], created_at=NOW)
    db.session.commit()
    html = home(setup)
    assert "Your request to talk" in html and "Waiting" in html and "You asked at 09:00" in html
    assert "I no longer need to talk" in html
    request.answered_at, request.answered_by_id = NOW + timedelta(minutes=20), setup["priya"].id
    db.session.commit()
    html = home(setup)
    assert "Answered" in html and "Priya answered it at 09:20" in html
    assert "I no longer need to talk" not in html


def test_a_request_made_at_night_is_still_on_her_home_the_next_morning(setup, frozen_now):
    TalkRequestFactory(
        mother=setup["mother"], created_at=NOW - timedelta(hours=12), on_day=date(2027, 5, 2)
    )
    db.session.commit()
    html = home(setup)
    assert "Waiting" in html and "on Sunday 2 May 2027" in html


def test_withdrawing_her_request_removes_it_and_the_pings_still_waiting(setup, frozen_now):
    web = setup["web"]
    frozen_now(datetime(2027, 5, 3, 20, 35, tzinfo=UTC))  # 21:35: nobody is working
    web.sign_in(setup["mother"].username)
    weekly(setup["priya"], 1, "10:00", "12:00")
    assert web.post("/me/talk", token_page="/me/talk").status_code == 302
    request = db.session.scalar(select(TalkRequest))
    waiting = db.session.scalar(select(Notification).where(Notification.kind == "talk.requested"))
    assert waiting.status == "pending"
    response = web.post(f"/me/talk/{request.id}/withdraw", token_page="/me/")
    assert response.status_code == 302
    assert db.session.scalar(select(TalkRequest)) is None
    db.session.refresh(waiting)
    assert waiting.status == "withdrawn"
    assert "Your request to talk" not in home(setup)


def test_another_mothers_waiting_request_keeps_the_pings(setup, factory, unit):
    TalkRequestFactory(mother=factory.user("mother", unit))
    mine = TalkRequestFactory(mother=setup["mother"])
    ping = Notification(
        unit_id=unit.id,
        user_id=setup["priya"].id,
        kind="talk.requested",
        title="t",
        body="b",
        url="/",
    )
    db.session.add(ping)
    db.session.commit()
    assert setup["web"].post(f"/me/talk/{mine.id}/withdraw", token_page="/me/").status_code == 302
    db.session.refresh(ping)
    assert ping.status == "pending"


def test_she_cannot_withdraw_another_mothers_request(setup, factory, unit):
    theirs = TalkRequestFactory(mother=factory.user("mother", unit))
    db.session.commit()
    assert setup["web"].post(f"/me/talk/{theirs.id}/withdraw", token_page="/me/").status_code == 404
    assert db.session.get(TalkRequest, theirs.id) is not None
