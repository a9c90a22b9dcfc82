"""A peer worker sets her weekly windows, extra windows and leave."""

from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import AvailabilityPause, AvailabilityWindow
from tests.support.forms import date_boxes

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)
URL = "/peer/availability/"


@pytest.fixture
def web(app, as_role, frozen_now):
    frozen_now(NOW)
    return as_role("peer_worker")[0]


def windows():
    return db.session.scalar(select(func.count()).select_from(AvailabilityWindow))


def prefixed(prefix, data):
    typed = {f"{prefix}-{key}": value for key, value in data.items()}
    return date_boxes(typed, *(f"{prefix}-{key}" for key in ("on_date", "first_day", "last_day")))


WEEKLY = {
    "weekdays": ["0", "1"],
    "starts": "09:30",
    "ends": "16:30",
    "session_minutes": "45",
    "gap_minutes": "15",
}


def test_add_and_remove_weekly_windows(web):
    response = web.post(URL + "weekly", prefixed("weekly", WEEKLY), token_page=URL)
    assert response.status_code == 302 and windows() == 2
    html = web.client.get(URL).get_data(as_text=True)
    assert "Monday 09:30 to 16:30, 45 minute sessions with 15 minutes between" in html
    window_id = db.session.scalar(
        select(AvailabilityWindow.id).where(AvailabilityWindow.weekday == 0)
    )
    remove = f"{URL}windows/{window_id}/remove"
    assert f'href="{remove}"' in html and f'action="{remove}"' not in html
    asked = web.client.get(remove).get_data(as_text=True)
    assert "Are you sure you want to remove your weekly time, Monday 09:30 to 16:30?" in asked
    assert "Sessions already booked in it stay booked" in asked and "No, go back" in asked
    assert f'method="post" action="{remove}"' in asked and windows() == 2
    assert web.post(remove, token_page=URL).status_code == 302
    assert windows() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"weekdays": []}, "Choose at least one day"),
        ({"weekdays": ["9"]}, "Choose days of the week from the list"),
        ({"weekdays": ["x"]}, "Choose days of the week from the list"),
        ({"starts": "9am"}, "From must be a time like 09:30"),
        ({"starts": "09:10"}, "on the hour or at 15, 30 or 45 minutes past"),
        ({"ends": "09:00"}, "The end time must be after the start time"),
        ({"session_minutes": "50"}, "Choose a session length of 15, 20, 30, 45 or 60 minutes"),
        ({"gap_minutes": "x"}, "Choose a gap of none, 15 or 30 minutes"),
    ],
)
def test_bad_weekly_windows_are_refused_on_the_page(web, change, message):
    response = web.post(URL + "weekly", prefixed("weekly", {**WEEKLY, **change}), token_page=URL)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert windows() == 0


def test_extra_window_and_leave(web):
    extra = {
        "on_date": "2027-05-08",
        "starts": "10:00",
        "ends": "12:00",
        "session_minutes": "60",
        "gap_minutes": "0",
    }
    assert web.post(URL + "extra", prefixed("extra", extra), token_page=URL).status_code == 302
    past = web.post(
        URL + "extra", prefixed("extra", {**extra, "on_date": "2027-05-01"}), token_page=URL
    )
    assert past.status_code == 400 and "today or later" in past.get_data(as_text=True)
    leave = {"kind": "leave", "first_day": "2027-05-10", "last_day": "2027-05-14"}
    assert web.post(URL + "pauses", prefixed("leave", leave), token_page=URL).status_code == 302
    backwards = web.post(
        URL + "pauses", prefixed("leave", {**leave, "last_day": "2027-05-09"}), token_page=URL
    )
    assert backwards.status_code == 400
    nonsense = web.post(
        URL + "pauses", prefixed("leave", {**leave, "first_day": "2027-02-30"}), token_page=URL
    )
    assert nonsense.status_code == 400 and "must be a real date" in nonsense.get_data(as_text=True)
    html = web.client.get(URL).get_data(as_text=True)
    assert (
        "Saturday 8 May 10:00 to 12:00" in html
        and "Annual leave: 10 May 2027 to 14 May 2027" in html
    )
    pause_id = db.session.scalar(select(AvailabilityPause.id))
    asked = web.client.get(f"{URL}pauses/{pause_id}/remove").get_data(as_text=True)
    assert "Are you sure you want to remove your leave, 10 May 2027 to 14 May 2027?" in asked
    assert web.post(f"{URL}pauses/{pause_id}/remove", token_page=URL).status_code == 302
    assert db.session.scalar(select(func.count()).select_from(AvailabilityPause)) == 0


def test_a_colleagues_window_is_not_hers_to_remove(web, factory, unit):
    colleague = factory.user("peer_worker", unit)
    from tests.sessions_support import weekly

    window = weekly(colleague, 1)
    assert web.post(f"{URL}windows/{window.id}/remove", token_page=URL).status_code == 404
    assert web.client.get(f"{URL}windows/{window.id}/remove").status_code == 404
    assert windows() == 1


def test_leave_taken_on_the_page_hides_her_times_from_mothers(web, as_role):
    web.post(URL + "weekly", prefixed("weekly", {**WEEKLY, "weekdays": ["2"]}), token_page=URL)
    mother_web, _mother = as_role("mother")
    day = "/me/sessions/book/2027-05-05"  # Wednesday
    assert "09:30 to 10:15" in mother_web.client.get(day).get_data(as_text=True)
    leave = {"kind": "leave", "first_day": "2027-05-05"}
    assert web.post(URL + "pauses", prefixed("leave", leave), token_page=URL).status_code == 302
    assert "There are no free times" in mother_web.client.get(day).get_data(as_text=True)
