"""Support for the peer workers through the pages: her supervision dates, her line manager
and who sees what, "I'd like a debrief", and the leave kinds with a break within a day."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AvailabilityPause, DebriefRequest, Notification, SupervisionMeeting
from app.push.worker import run_once
from tests.conftest import Browserless, signed_in_client
from tests.factories import DebriefRequestFactory, SupervisionMeetingFactory
from tests.support.forms import date_boxes

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)  # Tuesday 4 May 2027, 09:00 in London
TODAY = date(2027, 5, 4)
PAGE = "/peer/supervision"


@pytest.fixture
def team(app, factory, unit, frozen_now):
    """Priya (peer worker), Helen her line manager, Sam other staff, each signed in."""
    frozen_now(NOW - timedelta(days=100))  # their accounts were opened long ago
    priya = factory.user("peer_worker", unit, display_name="Priya")
    helen = factory.user("staff", unit, display_name="Helen")
    sam = factory.user("staff", unit, display_name="Sam")
    priya.line_manager_id = helen.id
    SupervisionMeetingFactory(peer=priya, kind="clinical", met_on=date(2027, 3, 2))
    db.session.commit()
    frozen_now(NOW)
    return {
        "priya": priya,
        "priya_web": Browserless(signed_in_client(app, priya)),
        "helen": helen,
        "helen_web": Browserless(signed_in_client(app, helen)),
        "sam_web": Browserless(signed_in_client(app, sam)),
    }


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def text(response) -> str:
    return response.get_data(as_text=True)


def test_she_records_a_date_and_sees_when_the_next_is_due(team):
    web = team["priya_web"]
    assert "Overdue" in text(web.client.get(PAGE))  # clinical: last on 2 March

    data = date_boxes({"kind": "clinical", "met_on": "2027-05-03"}, "met_on")
    response = web.post(PAGE, data, token_page=PAGE)
    assert response.status_code == 302
    page = text(web.client.get(PAGE))
    assert "Saved: clinical supervision on 3 May 2027." in page
    assert "Last on 3 May 2027, next due 31 May 2027" in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"kind": "clinical", "met_on": "2027-05-05"}, "The date must be today or earlier"),
        ({"kind": "clinical", "met_on": "2027-02-30"}, "Date must be a real date"),
        ({"kind": "clinical", "met_on": ""}, "Enter the date"),
        (
            {"kind": "chat", "met_on": "2027-05-03"},
            "Choose clinical supervision or line management",
        ),
        ({"met_on": "2027-05-03"}, "Choose clinical supervision or line management"),
    ],
)
def test_a_wrong_date_or_kind_is_refused_plainly_and_nothing_saved(team, data, message):
    before = count(SupervisionMeeting)
    response = team["priya_web"].post(PAGE, date_boxes(data, "met_on"), token_page=PAGE)
    assert response.status_code == 400 and message in text(response)
    assert count(SupervisionMeeting) == before


def test_she_removes_only_her_own_dates(team, factory, unit):
    other = SupervisionMeetingFactory(peer=factory.user("peer_worker", unit))
    web = team["priya_web"]
    assert web.post(f"{PAGE}/{other.id}/remove", token_page=PAGE).status_code == 404
    mine = db.session.scalar(select(SupervisionMeeting.id).where(SupervisionMeeting.id != other.id))
    assert web.post(f"{PAGE}/{mine}/remove", token_page=PAGE).status_code == 302
    assert count(SupervisionMeeting) == 1


def test_her_line_manager_sees_her_dates_other_staff_the_flags_only(team):
    priya = team["priya"]
    helen_home = text(team["helen_web"].client.get("/staff/"))
    assert "Supervision of the peer workers you line-manage" in helen_home
    assert "Last on 2 March 2027" in helen_home and "Overdue" in helen_home
    helen_sees = text(team["helen_web"].client.get(f"/staff/people/{priya.id}"))
    assert "Last on 2 March 2027" in helen_sees

    assert "line-manage" not in text(team["sam_web"].client.get("/staff/"))
    sam_sees = text(team["sam_web"].client.get(f"/staff/people/{priya.id}"))
    assert "Overdue" in sam_sees and "Helen" in sam_sees
    assert "2 March" not in sam_sees and "next due" not in sam_sees


def test_staff_choose_her_line_manager_from_the_unit_staff_only(team, factory, other_unit):
    priya, web = team["priya"], team["sam_web"]
    url = f"/staff/people/{priya.id}/line-manager"
    page = f"/staff/people/{priya.id}"
    elsewhere = factory.user("staff", other_unit)
    for wrong in (str(elsewhere.id), "abc", "99999999999"):
        response = web.post(url, {"line_manager": wrong}, token_page=page)
        assert response.status_code == 400
        assert "Choose a member of staff from the list" in text(response)
    db.session.refresh(priya)
    assert priya.line_manager_id == team["helen"].id

    response = web.post(url, {"line_manager": "none"}, token_page=page)
    assert response.status_code == 302
    assert "debriefs go to all staff" in text(web.client.get(page))
    db.session.refresh(priya)
    assert priya.line_manager_id is None
    mother = factory.user("mother", priya.unit)
    url_of_mother = f"/staff/people/{mother.id}/line-manager"
    assert web.post(url_of_mother, {"line_manager": "none"}, token_page=page).status_code == 404


def test_a_debrief_reaches_her_line_manager_and_waits_on_staff_home(team):
    priya_web, helen_web = team["priya_web"], team["helen_web"]
    response = priya_web.post("/peer/debrief", token_page="/peer/")
    assert response.status_code == 302
    assert "Your line manager knows" in text(priya_web.client.get("/peer/"))
    priya_web.post("/peer/debrief", token_page="/peer/")  # a second tap tells nobody twice
    assert [(n.user_id, n.title) for n in db.session.scalars(select(Notification))] == [
        (team["helen"].id, "A colleague would like a debrief")
    ]

    home = text(team["sam_web"].client.get("/staff/"))  # every member of staff sees it
    assert "Would like a debrief" in home and "Priya, asked" in home
    request_id = db.session.scalar(select(DebriefRequest.id))
    answered = helen_web.post(f"/staff/debriefs/{request_id}/answered", token_page="/staff/")
    assert answered.status_code == 302
    assert "Would like a debrief" not in text(helen_web.client.get("/staff/"))
    assert "Helen answered your request for a debrief" in text(priya_web.client.get("/peer/"))


def test_another_units_debrief_is_not_found(team, factory, other_unit):
    theirs = DebriefRequestFactory(peer=factory.user("peer_worker", other_unit))
    url = f"/staff/debriefs/{theirs.id}/answered"
    assert team["helen_web"].post(url, token_page="/staff/").status_code == 404
    db.session.refresh(theirs)
    assert theirs.answered_at is None


LEAVE = "/peer/availability/"


def save(web, **fields):
    data = {f"leave-{name}": value for name, value in fields.items()}
    data = date_boxes(data, "leave-first_day", "leave-last_day")
    return web.post(LEAVE + "pauses", data, token_page=LEAVE)


@pytest.mark.parametrize(
    ("kind", "shown"),
    [("leave", "Annual leave"), ("wellbeing", "Wellbeing day"), ("unpaid", "Unpaid leave")],
)
def test_each_kind_of_leave_is_listed_by_its_kind(team, kind, shown):
    web = team["priya_web"]
    assert save(web, kind=kind, first_day="2027-05-10").status_code == 302
    assert f"{shown}: 10 May 2027" in text(web.client.get(LEAVE))


def test_a_break_within_a_day_is_saved_with_its_hours_and_shown_in_her_week(team):
    web = team["priya_web"]
    response = save(web, kind="break", first_day="2027-05-05", starts="12:00", ends="13:00")
    assert response.status_code == 302
    assert "Break: 5 May 2027, 12:00 to 13:00" in text(web.client.get(LEAVE))
    week = text(web.client.get("/peer/week"))
    assert "a break 12:00 to 13:00" in week[week.index("Wednesday 5 May") :]


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"first_day": "2027-05-05", "ends": "13:00"}, "Enter when your break starts"),
        ({"first_day": "2027-05-05", "starts": "12:00"}, "Enter when your break ends"),
        ({"first_day": "2027-05-05", "starts": "13:00", "ends": "12:00"}, "after its start"),
        (
            {
                "first_day": "2027-05-05",
                "last_day": "2027-05-06",
                "starts": "12:00",
                "ends": "13:00",
            },
            "A break is within one day",
        ),
        ({"first_day": "2028-03-26", "starts": "01:30", "ends": "03:00"}, "does not exist"),
        ({"first_day": "2027-05-05", "starts": "25:00", "ends": "13:00"}, "must be a time"),
    ],
)
def test_a_break_without_sensible_hours_is_refused_plainly(team, fields, message):
    response = save(team["priya_web"], kind="break", **fields)
    assert response.status_code == 400 and message in text(response)
    assert count(AvailabilityPause) == 0


def test_a_kind_not_on_the_list_is_refused(team):
    response = save(team["priya_web"], kind="holiday", first_day="2027-05-05")
    assert response.status_code == 400 and "Choose what kind of time off" in text(response)


def test_the_push_worker_queues_supervision_reminders_once(team):
    # Both kinds overdue for Priya (clinical last on 2 March, no line management yet):
    # each to her and to Helen, then nothing more in the same due periods.
    assert run_once(None, NOW).generated == 4
    assert run_once(None, NOW + timedelta(days=1)).generated == 0
    kinds = {(n.user_id, n.kind, n.url) for n in db.session.scalars(select(Notification))}
    priya, helen = team["priya"].id, team["helen"].id
    assert kinds == {
        (priya, "supervision.due", "/peer/supervision"),
        (priya, "line_management.due", "/peer/supervision"),
        (helen, "supervision.due", "/staff/"),
        (helen, "line_management.due", "/staff/"),
    }
