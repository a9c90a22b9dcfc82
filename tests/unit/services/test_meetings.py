"""The team's weekly meeting: local times across both clock changes, and one-date changes."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import MeetingChange
from app.services import meetings
from app.services.errors import DomainError, NotFoundInUnit

TUESDAY = 1


@pytest.fixture
def staff(factory, unit):
    return factory.user("staff", unit)


@pytest.fixture
def tuesdays(staff):
    """Tuesdays at 14:00 from 2 March 2027 (the clock says Wednesday 10 March, 10:00)."""
    meetings.set_schedule(staff, TUESDAY, time(14), date(2027, 3, 2))
    db.session.commit()
    return staff.unit


def test_no_schedule_means_no_meeting(unit):
    assert meetings.next_meeting(unit) is None
    assert meetings.meetings_between(unit, date(2027, 3, 1), date(2027, 4, 1)) == []


def test_the_next_meeting_is_the_first_that_has_not_started(tuesdays):
    found = meetings.next_meeting(tuesdays)
    assert (found.on_date, found.starts_at) == (
        date(2027, 3, 16),
        datetime(2027, 3, 16, 14, tzinfo=UTC),
    )


def test_a_schedule_does_not_meet_before_its_first_date(staff):
    meetings.set_schedule(staff, TUESDAY, time(14), date(2027, 3, 20))
    assert meetings.next_meeting(staff.unit).on_date == date(2027, 3, 23)


@pytest.mark.parametrize(
    "first, last, utc_hours",
    [
        (date(2027, 3, 23), date(2027, 3, 30), [14, 13]),  # clocks go forward on 28 March
        (date(2027, 10, 26), date(2027, 11, 2), [13, 14]),  # and back on 31 October
    ],
)
def test_the_meeting_keeps_its_local_time_across_a_clock_change(tuesdays, first, last, utc_hours):
    found = meetings.meetings_between(tuesdays, first, last)
    assert [m.starts_at.hour for m in found] == utc_hours
    assert {m.starts_at.astimezone(tuesdays.tz).time() for m in found} == {time(14)}


def test_a_cancelled_date_is_skipped_and_its_points_go_to_the_next(tuesdays, staff):
    march_16 = meetings.meeting_on(tuesdays, date(2027, 3, 16))
    meetings.cancel_meeting(staff, march_16, "Ward round instead")
    assert meetings.next_meeting(tuesdays).on_date == date(2027, 3, 23)
    assert meetings.meeting_held_for(tuesdays, date(2027, 3, 16)).on_date == date(2027, 3, 23)
    assert meetings.meeting_on(tuesdays, date(2027, 3, 16)).reason == "Ward round instead"


def test_a_moved_date_meets_at_its_new_time(tuesdays, staff):
    march_16 = meetings.meeting_on(tuesdays, date(2027, 3, 16))
    meetings.move_meeting(staff, march_16, date(2027, 3, 17), time(9, 30), "")
    found = meetings.next_meeting(tuesdays)
    assert (found.on_date, found.status) == (date(2027, 3, 16), "moved")
    assert found.starts_at == datetime(2027, 3, 17, 9, 30, tzinfo=UTC)


def test_restoring_puts_the_date_back(tuesdays, staff):
    march_16 = meetings.meeting_on(tuesdays, date(2027, 3, 16))
    meetings.cancel_meeting(staff, march_16, "Away day")
    meetings.restore_meeting(staff, meetings.meeting_on(tuesdays, date(2027, 3, 16)))
    assert db.session.scalars(select(MeetingChange)).all() == []
    assert meetings.next_meeting(tuesdays).on_date == date(2027, 3, 16)


@pytest.mark.parametrize(
    "new_date, at",
    [
        (date(2027, 3, 23), time(14)),  # a week later: into the next meeting's place
        (date(2027, 3, 10), time(9)),  # today, but already past
    ],
)
def test_a_move_too_far_or_into_the_past_is_refused(tuesdays, staff, new_date, at):
    march_16 = meetings.meeting_on(tuesdays, date(2027, 3, 16))
    with pytest.raises(DomainError):
        meetings.move_meeting(staff, march_16, new_date, at, "")
    assert db.session.scalars(select(MeetingChange)).all() == []


def test_a_meeting_that_has_started_cannot_be_changed(tuesdays, staff):
    march_9 = meetings.meeting_on(tuesdays, date(2027, 3, 9))
    with pytest.raises(DomainError):
        meetings.cancel_meeting(staff, march_9, "Too late")
    with pytest.raises(DomainError):
        meetings.restore_meeting(staff, march_9)


def test_a_date_off_the_schedule_is_not_found(tuesdays, other_unit):
    with pytest.raises(NotFoundInUnit):
        meetings.meeting_on(tuesdays, date(2027, 3, 17))  # a Wednesday
    with pytest.raises(NotFoundInUnit):
        meetings.meeting_on(other_unit, date(2027, 3, 16))  # another unit's schedule
