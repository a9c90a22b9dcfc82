"""Leave leaves nothing silently booked: saving it lists every session and group date it
touches, and for each she hands it to her job-share partner or cancels it with a reason;
mothers are told."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import ActivityChange, AvailabilityPause, Booking, BookingCell, Notification
from app.services.hours import led_group_times
from tests.conftest import Browserless, signed_in_client
from tests.factories import ActivityFactory, SignUpFactory
from tests.sessions_support import booked, leave, weekly
from tests.support.forms import date_boxes

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
WEDNESDAY = date(2027, 5, 5)
URL = "/peer/availability/"


@pytest.fixture
def week(app, as_role, factory, unit, frozen_now):
    """Priya has a session with Amy on Wednesday at 10:00 and leads a group on Wednesdays
    at 14:00 with Beth signed up; Grace, her job-share partner, works Wednesdays."""
    frozen_now(NOW)
    web, priya = as_role("peer_worker", display_name="Priya", contracted_minutes=18 * 60)
    grace = factory.user("peer_worker", unit, display_name="Grace", contracted_minutes=18 * 60)
    amy = factory.user("mother", unit, display_name="Amy")
    beth = factory.user("mother", unit, display_name="Beth")
    weekly(priya, WEDNESDAY.weekday(), "09:00", "17:00")
    weekly(grace, WEDNESDAY.weekday(), "09:00", "13:00")
    session = booked(amy, priya, datetime(2027, 5, 5, 9, tzinfo=UTC))
    group = ActivityFactory(
        unit=unit,
        leader=priya,
        title="Cooking together",
        weekdays=str(WEDNESDAY.weekday()),
        start_time=time(14),
        end_time=time(15),
        starts_on=date(2027, 4, 1),
        ends_on=date(2027, 7, 1),
    )
    SignUpFactory(activity=group, mother=beth, on_date=WEDNESDAY)
    db.session.commit()
    return {"web": web, "priya": priya, "grace": grace, "amy": amy, "beth": beth,
            "session": session, "group": group}  # fmt: skip


def save_leave(web, first="2027-05-05", last="2027-05-07"):
    data = {"leave-kind": "leave", "leave-first_day": first, "leave-last_day": last}
    return web.post(
        URL + "pauses", date_boxes(data, "leave-first_day", "leave-last_day"), token_page=URL
    )


def page(response):
    return response.get_data(as_text=True)


def the_pause_page(week):
    response = save_leave(week["web"])
    assert response.status_code == 302 and "/pauses/" in response.headers["Location"]
    return response.headers["Location"]


def test_saving_leave_lists_what_it_touches_with_who_could_take_it(week):
    url = the_pause_page(week)
    html = page(week["web"].client.get(url))
    assert "10:00 to 11:00: session with Amy" in html
    assert "Grace takes it" in html  # free on Wednesday morning, with hours left
    assert "15:00: Cooking together, a group you lead" in html
    assert "Grace leads it" in html


def test_she_hands_a_session_to_her_partner_and_the_mother_is_told(week):
    url = the_pause_page(week)
    session, grace = week["session"], week["grace"]
    key = f"session-{session.id}"
    response = week["web"].post(
        f"{url}/sessions/{session.id}", {f"{key}-choice": f"to-{grace.id}"}, token_page=url
    )
    assert response.status_code == 302
    db.session.refresh(session)
    assert (session.peer_worker_id, session.status) == (grace.id, "booked")
    holders = set(db.session.scalars(select(BookingCell.user_id)))
    assert holders == {grace.id, week["amy"].id}
    told = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification))}
    assert (week["amy"].id, "booking.handed_over") in told
    assert (grace.id, "booking.created") in told
    assert "session with Amy" not in page(week["web"].client.get(url))


def test_a_partner_who_is_not_free_is_not_offered_and_cannot_be_chosen(week):
    leave(week["grace"], WEDNESDAY)
    url = the_pause_page(week)
    session, grace = week["session"], week["grace"]
    assert "Grace takes it" not in page(week["web"].client.get(url))
    key = f"session-{session.id}"
    response = week["web"].post(
        f"{url}/sessions/{session.id}", {f"{key}-choice": f"to-{grace.id}"}, token_page=url
    )
    assert response.status_code == 400
    assert "That person is not free then. Choose again." in page(response)
    db.session.refresh(session)
    assert session.peer_worker_id == week["priya"].id


def test_cancelling_needs_a_reason_that_the_mother_then_sees(week):
    url = the_pause_page(week)
    session = week["session"]
    key = f"session-{session.id}"
    target = f"{url}/sessions/{session.id}"
    refused = week["web"].post(target, {f"{key}-choice": "cancel"}, token_page=url)
    assert refused.status_code == 400 and "Tell her why the session is cancelled" in page(refused)
    assert db.session.get(Booking, session.id).status == "booked"
    done = week["web"].post(
        target, {f"{key}-choice": "cancel", f"{key}-reason": "I am on leave"}, token_page=url
    )
    assert done.status_code == 302
    db.session.refresh(session)
    assert (session.status, session.cancel_reason) == ("cancelled", "I am on leave")


def test_a_group_date_gets_a_new_leader_whose_time_it_then_takes(week):
    url = the_pause_page(week)
    group, grace, priya = week["group"], week["grace"], week["priya"]
    key = f"group-{group.id}-{WEDNESDAY.isoformat()}"
    response = week["web"].post(
        f"{url}/groups/{group.id}/{WEDNESDAY.isoformat()}",
        {f"{key}-choice": f"to-{grace.id}"},
        token_page=url,
    )
    assert response.status_code == 302
    change = db.session.scalar(select(ActivityChange))
    assert (change.status, change.leader_id) == ("covered", grace.id)
    times = led_group_times(priya.unit, [priya.id, grace.id], [WEDNESDAY])
    assert priya.id not in times and len(times[grace.id]) == 1
    timetable = page(week["web"].client.get("/timetable/?week=2027-05-03"))
    assert "Led by Grace" in timetable


def test_cancelling_a_group_date_tells_the_mothers_with_a_place(week):
    url = the_pause_page(week)
    group = week["group"]
    key = f"group-{group.id}-{WEDNESDAY.isoformat()}"
    response = week["web"].post(
        f"{url}/groups/{group.id}/{WEDNESDAY.isoformat()}",
        {f"{key}-choice": "cancel", f"{key}-reason": "Priya is on leave"},
        token_page=url,
    )
    assert response.status_code == 302
    told = {(n.user_id, n.kind) for n in db.session.scalars(select(Notification))}
    assert (week["beth"].id, "activity.cancelled") in told
    html = page(week["web"].client.get(url))
    assert "Cooking together" not in html and "session with Amy" in html


def test_leave_with_nothing_booked_goes_back_to_availability(week):
    response = save_leave(week["web"], "2027-05-10", "2027-05-11")
    assert response.headers["Location"].endswith(URL)


@pytest.mark.parametrize(
    ("first", "last", "message"),
    [
        ("2027-05-01", "2027-05-02", "The first day must be today or later"),
        ("2027-05-10", "2027-05-09", "The last day must be on or after the first day"),
        ("2027-05-10", "2028-05-11", "Leave can be up to a year at a time"),
    ],
)
def test_impossible_leave_is_refused_on_the_same_page(week, first, last, message):
    response = save_leave(week["web"], first, last)
    assert response.status_code == 400 and message in page(response)


def test_a_choice_that_is_neither_a_person_nor_cancel_is_refused(week):
    url = the_pause_page(week)
    session = week["session"]
    key = f"session-{session.id}"
    for choice in ("to-", "to-99999999999999999999", "someone", ""):
        response = week["web"].post(
            f"{url}/sessions/{session.id}", {f"{key}-choice": choice}, token_page=url
        )
        assert response.status_code == 400
    assert db.session.get(Booking, session.id).status == "booked"
    assert timedelta(0) < session.ends_at - session.starts_at


def test_the_mother_sees_on_her_home_that_her_session_moved_or_was_cancelled(week, as_role):
    url = the_pause_page(week)
    session, grace = week["session"], week["grace"]
    key = f"session-{session.id}"
    week["web"].post(
        f"{url}/sessions/{session.id}", {f"{key}-choice": f"to-{grace.id}"}, token_page=url
    )
    amy = Browserless(signed_in_client(week["web"].client.application, week["amy"]))
    home = page(amy.client.get("/me/"))
    assert "What has changed" in home
    assert (
        "Your session on Wednesday 5 May 2027 at 10:00 is now with Grace, as Priya is away" in home
    )
    booked(week["beth"], week["priya"], datetime(2027, 5, 6, 9, tzinfo=UTC))  # Thursday
    url = the_pause_page(week)
    thursday = db.session.scalar(select(Booking).where(Booking.mother_id == week["beth"].id))
    key = f"session-{thursday.id}"
    week["web"].post(
        f"{url}/sessions/{thursday.id}",
        {f"{key}-choice": "cancel", f"{key}-reason": "I am on leave"},
        token_page=url,
    )
    beth = Browserless(signed_in_client(week["web"].client.application, week["beth"]))
    assert 'is cancelled. Priya said: "I am on leave"' in page(beth.client.get("/me/"))


def test_closing_her_account_lists_what_is_left_with_the_same_choices(week, as_role):
    staff, _ = as_role("staff")
    priya, grace, session = week["priya"], week["grace"], week["session"]
    page_url = f"/staff/people/{priya.id}"
    closed = staff.post(f"{page_url}/deactivate", {}, token_page=page_url)
    assert closed.status_code == 302
    html = page(staff.client.get(page_url))
    assert "Still booked with Priya" in html
    assert "10:00 to 11:00: session with Amy" in html and "Grace takes it" in html
    assert "Cooking together, a group she leads" in html
    key = f"session-{session.id}"
    moved = staff.post(
        f"{page_url}/sessions/{session.id}",
        {f"{key}-choice": f"to-{grace.id}"},
        token_page=page_url,
    )
    assert moved.status_code == 302
    db.session.refresh(session)
    assert session.peer_worker_id == grace.id
    group = week["group"]
    key = f"group-{group.id}-{WEDNESDAY.isoformat()}"
    refused = staff.post(
        f"{page_url}/groups/{group.id}/{WEDNESDAY.isoformat()}",
        {f"{key}-choice": "cancel"},
        token_page=page_url,
    )
    assert refused.status_code == 400 and "Enter a reason, so that mothers know why" in page(
        refused
    )


@pytest.mark.parametrize(
    ("starts", "ends", "session", "group"),
    [
        ("09:30", "10:30", True, False),
        ("14:30", "15:30", False, True),
        ("12:00", "13:00", False, False),
    ],
)
def test_a_break_lists_only_what_its_hours_touch(week, starts, ends, session, group):
    """Amy's session is at 10:00 and the group at 14:00, on Wednesday."""
    data = {"leave-kind": "break", "leave-first_day": "2027-05-05"}
    data.update({"leave-starts": starts, "leave-ends": ends})
    data = date_boxes(data, "leave-first_day")
    assert week["web"].post(URL + "pauses", data, token_page=URL).status_code == 302
    pause_id = db.session.scalar(select(AvailabilityPause.id))
    html = page(week["web"].client.get(f"{URL}pauses/{pause_id}"))
    assert f"Break, Wednesday 5 May, {starts} to {ends}" in html
    assert ("session with Amy" in html) is session
    assert ("Cooking together" in html) is group
