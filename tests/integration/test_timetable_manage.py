"""Staff and peer workers run the timetable: set up and change groups, change one date,
see who is coming; staff keep the visitors' page and print its QR code."""

import re
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Activity, ActivityChange, AuditEvent, Notification, Unit
from tests.conftest import Browserless, signed_in_client
from tests.factories import ActivityFactory, SignUpFactory
from tests.support.forms import date_boxes

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
TODAY = date(2026, 6, 1)


@pytest.fixture
def staff(app, frozen_now, as_role):
    frozen_now(NOW)
    return as_role("staff")


def form(leader, **changes):
    data = {
        "title": "Walk in the park",
        "description": "A gentle walk; prams welcome.",
        "room": "Meet at reception",
        "leader_id": str(leader.id),
        "repeats": "weekly",
        "weekdays": ["1", "3"],
        "start_time": "14:00",
        "end_time": "15:00",
        "starts_on": "2026-06-01",
        "ends_on": "2026-08-31",
        "capacity": "6",
        "visitor_friendly": "y",
        "baby_welcome": "y",
    }
    data.update(changes)
    return date_boxes({k: v for k, v in data.items() if v is not None}, "starts_on", "ends_on")


def count(model):
    return db.session.scalar(select(func.count()).select_from(model))


def test_staff_set_up_a_weekly_group(staff):
    web, user = staff
    page = web.client.get("/timetable/groups/new").get_data(as_text=True)
    assert "Set up a group" in page and user.display_name in page
    assert "shown only if she has agreed to it on her account" in page  # the public name hint
    response = web.post("/timetable/groups/new", form(user))
    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    assert (activity.weekdays, activity.capacity, activity.visitor_friendly) == ("13", 6, True)
    assert not activity.leader_name_public
    listing = web.client.get("/timetable/groups").get_data(as_text=True)
    assert "Walk in the park" in listing and "Every Tuesday and Thursday" in listing


def test_a_peer_worker_sets_up_a_one_off_group_she_leads(app, frozen_now, as_role):
    frozen_now(NOW)
    web, peer = as_role("peer_worker")
    response = web.post(
        "/timetable/groups/new",
        form(
            peer, repeats="once", weekdays=None, ends_on=None, starts_on="2026-06-05", capacity=""
        ),
    )
    assert response.status_code == 302
    activity = db.session.scalar(select(Activity))
    assert (activity.starts_on, activity.ends_on, activity.weekdays) == (
        date(2026, 6, 5),
        date(2026, 6, 5),
        "4",
    )
    assert activity.capacity is None and activity.leader_id == peer.id


@pytest.mark.parametrize(
    "changes, message",
    [
        ({"end_time": "13:00"}, "The end time must be after the start time"),
        ({"ends_on": "2026-05-01"}, "The last date must be on or after the first date"),
        ({"ends_on": "2076-06-01"}, "A group can run for up to 2 years"),
        ({"capacity": "0"}, "Places must be between 1 and 100"),
        ({"capacity": "-2"}, "Places must be between 1 and 100"),
        ({"capacity": "lots"}, "Places must be a whole number"),
        ({"weekdays": ["7"]}, "Select days from Monday to Sunday"),
        ({"weekdays": ["x"]}, "Select days from Monday to Sunday"),
        ({"weekdays": None}, "Select at least one day of the week"),
        ({"title": "x" * 81}, "The name must be 80 characters or fewer"),
        ({"title": ""}, "Enter the name of the group"),
        ({"room": "Room\u202e1"}, "must only include letters"),
        ({"start_time": "25:00"}, "Start time must be a time like 10:30"),
        ({"starts_on": "2026-02-30"}, "First date must be a real date"),
        ({"leader_id": "0"}, "Select who leads the group"),
        ({"leader_id": "100000000000000000000000"}, "Select who leads the group"),
        ({"leader_id": "-1"}, "Select who leads the group"),
        ({"ends_on": ""}, "Enter the last date"),
        ({"ends_on": None}, "Enter the last date"),
    ],
)
def test_bad_input_gets_a_clear_message_on_the_same_page_and_changes_nothing(
    staff, changes, message
):
    web, user = staff
    response = web.post("/timetable/groups/new", form(user, **changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "There is a problem" in page and message in page
    assert 'value="Meet at reception"' in page or changes.get("room")  # input kept
    assert count(Activity) == 0


def test_a_leader_from_another_unit_or_a_mother_is_refused(staff, factory, other_unit, unit):
    web, user = staff
    for leader in (
        factory.user(role="staff", unit=other_unit),
        factory.user(role="mother", unit=unit),
    ):
        response = web.post("/timetable/groups/new", form(user, leader_id=str(leader.id)))
        assert response.status_code == 400 and "Select who leads the group" in response.get_data(
            as_text=True
        )
    assert count(Activity) == 0


def test_edit_a_group_and_bad_edits_change_nothing(staff):
    web, user = staff
    activity = ActivityFactory(unit=user.unit, leader=user, starts_on=TODAY)
    page = web.client.get(f"/timetable/groups/{activity.id}/edit").get_data(as_text=True)
    assert 'value="Baby massage"' in page
    response = web.post(
        f"/timetable/groups/{activity.id}/edit", form(user, title="Baby yoga", capacity="0")
    )
    assert response.status_code == 400
    db.session.refresh(activity)
    assert activity.title == "Baby massage"
    response = web.post(f"/timetable/groups/{activity.id}/edit", form(user, title="Baby yoga"))
    assert response.status_code == 302
    db.session.refresh(activity)
    assert activity.title == "Baby yoga"
    assert (
        db.session.scalar(select(AuditEvent.action).order_by(AuditEvent.id.desc()))
        == "activity.updated"
    )


def test_a_group_can_be_opened_to_mothers_after_discharge(staff):
    web, user = staff
    web.post("/timetable/groups/new", form(user, open_to_discharged="y"))
    activity = db.session.scalar(select(Activity))
    assert activity.open_to_discharged
    page = web.client.get(f"/timetable/groups/{activity.id}/edit").get_data(as_text=True)
    assert re.search(r'id="open_to_discharged"[^>]*checked', page)
    assert "Open after discharge" in web.client.get("/timetable/").get_data(as_text=True)
    web.post(f"/timetable/groups/{activity.id}/edit", form(user))
    db.session.refresh(activity)
    assert not activity.open_to_discharged


def test_another_units_group_is_not_found(staff, factory, other_unit):
    web, _ = staff
    theirs = ActivityFactory(unit=other_unit, leader=factory.user(role="staff", unit=other_unit))
    day = (TODAY + timedelta(days=1)).isoformat()
    assert web.client.get(f"/timetable/groups/{theirs.id}/edit").status_code == 404
    assert web.client.get(f"/timetable/groups/{theirs.id}").status_code == 404
    assert web.client.get(f"/timetable/groups/{theirs.id}/{day}").status_code == 404
    assert (
        web.post(f"/timetable/groups/{theirs.id}/{day}/cancel", {"reason": "x"}).status_code == 404
    )
    assert count(ActivityChange) == 0


def test_cancel_one_date_tells_mothers_and_leaves_the_series(staff, factory, unit):
    web, user = staff
    activity = ActivityFactory(unit=unit, leader=user, starts_on=TODAY, title="Yoga")
    day = TODAY + timedelta(days=2)
    mother = factory.user(role="mother", unit=unit)
    SignUpFactory(activity=activity, on_date=day, mother=mother, seat=1)
    base = f"/timetable/groups/{activity.id}/{day.isoformat()}"
    response = web.post(base + "/cancel", {"reason": ""})
    assert response.status_code == 400 and "Enter a reason" in response.get_data(as_text=True)
    response = web.post(base + "/cancel", {"reason": "Leader <b>unwell</b>"}, follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "This date is cancelled. The mother with a place has been told." in page
    assert "Cancelled: Leader &lt;b&gt;unwell&lt;/b&gt;" in page
    note = db.session.scalar(select(Notification))
    assert (note.user_id, note.kind, note.url) == (mother.id, "activity.cancelled", "/timetable/")
    dates = web.client.get(f"/timetable/groups/{activity.id}").get_data(as_text=True)
    assert dates.count("Cancelled") == 1
    response = web.post(base + "/restore", follow_redirects=True)
    assert "back to its usual time" in response.get_data(as_text=True)
    assert count(ActivityChange) == 0


def test_move_one_date(staff, factory, unit):
    web, user = staff
    activity = ActivityFactory(unit=unit, leader=user, starts_on=TODAY)
    day = TODAY + timedelta(days=2)
    base = f"/timetable/groups/{activity.id}/{day.isoformat()}"
    response = web.post(
        base + "/move",
        date_boxes(
            {"new_date": "2026-06-04", "start_time": "15:00", "end_time": "14:00"}, "new_date"
        ),
    )
    assert response.status_code == 400 and "end time must be after" in response.get_data(
        as_text=True
    )
    response = web.post(
        base + "/move",
        date_boxes(
            {"new_date": "2026-06-04", "start_time": "15:00", "end_time": "16:00"}, "new_date"
        ),
        follow_redirects=True,
    )
    assert "This date has moved." in response.get_data(as_text=True)
    change = db.session.scalar(select(ActivityChange))
    assert (change.status, change.new_date) == ("moved", date(2026, 6, 4))


def test_who_signed_up_is_for_staff_and_the_leader_only(app, frozen_now, factory, unit):
    frozen_now(NOW)
    leader = factory.user(role="peer_worker", unit=unit)
    other_peer = factory.user(role="peer_worker", unit=unit)
    activity = ActivityFactory(unit=unit, leader=leader, starts_on=TODAY)
    day = TODAY + timedelta(days=1)
    mother = factory.user(role="mother", unit=unit, display_name="Zoe")
    SignUpFactory(activity=activity, on_date=day, mother=mother, seat=1)
    url = f"/timetable/groups/{activity.id}/{day.isoformat()}"
    for viewer, sees in [
        (factory.user(role="staff", unit=unit), True),
        (leader, True),
        (other_peer, False),
    ]:
        page = Browserless(signed_in_client(app, viewer)).client.get(url).get_data(as_text=True)
        assert ("<li>Zoe</li>" in page) is sees
        assert "5 places left" in page


def test_suggestions_are_hidden_from_mothers(app, as_role):
    web, _ = as_role("mother")
    assert web.client.get("/timetable/suggestions").status_code == 403


def test_staff_edit_the_visitors_information(staff, client):
    web, user = staff
    response = web.post(
        "/timetable/visitors", {"visiting_hours": "", "public_info": "x", "phone": "abc"}
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Enter the visiting hours" in page and "Enter a phone number" in page
    unit = db.session.get(Unit, user.unit_id)
    db.session.refresh(unit)
    assert unit.visiting_hours == "Every day: 2pm to 8pm"
    response = web.post(
        "/timetable/visitors",
        {
            "visiting_hours": "Daily 2pm to 7pm\nPartners any time",
            "address": "Elm Building\n  Hospital Road & <i>Lane</i>\n\nReading RG1 5AN",
            "public_info": "<b>Lift</b> to floor 2",
            "phone": "0118 496 0999",
        },
    )
    assert response.status_code == 302
    public = client.get(f"/units/{unit.slug}").get_data(as_text=True)
    assert "Partners any time" in public and "&lt;b&gt;Lift&lt;/b&gt;" in public
    assert (
        '<address class="app-address">Elm Building<br>Hospital Road &amp; &lt;i&gt;Lane&lt;/i&gt;'
        "<br>Reading RG1 5AN</address>"
    ) in public
    assert (
        'href="https://www.openstreetmap.org/search?query=Elm%20Building%2C%20Hospital%20Road'
        '%20%26%20%3Ci%3ELane%3C/i%3E%2C%20Reading%20RG1%205AN"'
    ) in public
    assert 'href="tel:01184960999"' in public


def test_staff_print_a_qr_code_for_the_visitors_room(staff):
    web, user = staff
    page = web.client.get("/timetable/visitors/poster").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    assert f"http://localhost/units/{user.unit.slug}" in page


def test_the_leader_sees_the_waiting_list_in_order(app, frozen_now, factory, unit):
    frozen_now(NOW)
    leader = factory.user(role="peer_worker", unit=unit)
    activity = ActivityFactory(unit=unit, leader=leader, starts_on=TODAY, capacity=1)
    day = TODAY + timedelta(days=1)
    SignUpFactory(
        activity=activity,
        on_date=day,
        mother=factory.user(role="mother", unit=unit, display_name="Amy"),
        seat=1,
    )
    for position, name in [(2, "Cat"), (1, "Bea")]:
        SignUpFactory(
            activity=activity,
            on_date=day,
            mother=factory.user(role="mother", unit=unit, display_name=name),
            status="waiting",
            position=position,
        )
    page = (
        Browserless(signed_in_client(app, leader))
        .client.get(f"/timetable/groups/{activity.id}/{day.isoformat()}")
        .get_data(as_text=True)
    )
    assert (
        page.index("<li>Amy</li>")
        < page.index("Bea (waiting list, number 1)")
        < page.index("Cat (waiting list, number 2)")
    )
    assert "Full, 2 waiting" in page


def test_a_group_date_page_states_its_date_in_its_heading(staff, unit):
    web, user = staff
    activity = ActivityFactory(unit=unit, leader=user, starts_on=TODAY, title="Baby massage")
    day = TODAY + timedelta(days=2)
    page = web.client.get(f"/timetable/groups/{activity.id}/{day.isoformat()}").get_data(
        as_text=True
    )
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S).group(1)
    assert "Baby massage" in heading and f"{day:%A %-d %B %Y}" in heading
