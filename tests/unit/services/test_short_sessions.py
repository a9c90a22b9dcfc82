"""Short sessions of 15 and 20 minutes, for a mother between feeds: where they sit on the
15-minute grid, the cells they hold and the hours they count."""

from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AvailabilityWindow, BookingCell
from app.services import bookings
from app.services.availability import WindowTimes
from app.services.errors import DomainError
from app.services.hours import week_hours_for
from app.services.slots import cells, cells_taken, plan_day, window_slots
from tests.factories import ActivityFactory, AvailabilityWindowFactory
from tests.sessions_support import weekly

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
TUESDAY = date(2027, 5, 4)


def utc(hour, minute=0):
    return datetime(2027, 5, 4, hour, minute, tzinfo=UTC)


def local_starts(minutes, gap=0, starts=time(10), ends=time(11)):
    window = AvailabilityWindow(
        peer_worker_id=1,
        weekday=1,
        starts=starts,
        ends=ends,
        session_minutes=minutes,
        gap_minutes=gap,
    )
    return [
        (f"{s.starts_at.astimezone(LONDON):%H:%M}", s.minutes)
        for s in window_slots(window, TUESDAY, LONDON)
    ]


def test_fifteen_minute_sessions_fill_every_cell():
    assert local_starts(15) == [("10:00", 15), ("10:15", 15), ("10:30", 15), ("10:45", 15)]
    assert cells_taken(15) == 1


def test_a_twenty_minute_session_holds_two_cells_and_the_next_starts_on_the_half_hour():
    assert local_starts(20) == [("10:00", 20), ("10:30", 20)]
    assert cells_taken(20) == 2
    assert cells(utc(9), utc(9, 20)) == [utc(9), utc(9, 15)]


def test_a_gap_comes_after_the_whole_cells():
    assert local_starts(20, gap=15, ends=time(12)) == [("10:00", 20), ("10:45", 20), ("11:30", 20)]
    assert local_starts(15, gap=15) == [("10:00", 15), ("10:30", 15)]


def test_longer_sessions_are_cut_as_before():
    assert local_starts(30, ends=time(12)) == [
        ("10:00", 30),
        ("10:30", 30),
        ("11:00", 30),
        ("11:30", 30),
    ]
    assert local_starts(45, gap=15, ends=time(12)) == [("10:00", 45), ("11:00", 45)]


@pytest.mark.parametrize("minutes", [15, 20])
def test_windows_of_short_sessions_are_accepted(minutes):
    WindowTimes(time(10), time(11), minutes, 0).check()


@pytest.mark.parametrize("minutes", [10, 25, 90])
def test_other_lengths_are_refused(minutes):
    with pytest.raises(DomainError, match="15, 20, 30, 45 or 60 minutes"):
        WindowTimes(time(10), time(12), minutes, 0).check()


def test_the_database_refuses_other_lengths(app, factory, unit):
    peer = factory.user("peer_worker", unit)
    AvailabilityWindowFactory(peer=peer, session_minutes=20)
    with pytest.raises(IntegrityError):
        AvailabilityWindowFactory(peer=peer, session_minutes=25)
    db.session.rollback()


@pytest.fixture
def world(app, factory, unit, frozen_now):
    frozen_now(NOW)
    peer = factory.user("peer_worker", unit, contracted_minutes=600)
    weekly(peer, 1, "10:00", "11:00", session=20)
    mother = factory.user("mother", unit, admitted_on=date(2027, 4, 20))
    return {"peer": peer, "mother": mother, "other": factory.user("mother", unit)}


def book(mother, peer, starts_at):
    return bookings.book_session(
        mother, starts_at, peer, link_for=lambda b: "/peer/", baby_care="with_me"
    )


def test_a_twenty_minute_booking_holds_two_cells_each_and_leaves_the_half_hour_free(world):
    booking = book(world["mother"], world["peer"], utc(9))
    db.session.commit()
    assert booking.minutes == 20 and booking.ends_at == utc(9, 20)
    held = db.session.scalars(
        select(BookingCell.starts_at).where(BookingCell.user_id == world["peer"].id)
    ).all()
    assert sorted(held) == [utc(9), utc(9, 15)]
    assert db.session.scalar(select(func.count()).select_from(BookingCell)) == 4
    free = plan_day(world["other"], [world["peer"]], TUESDAY, NOW).free
    assert [s.starts_at for s in free] == [utc(9, 30)]
    assert book(world["other"], world["peer"], utc(9, 30)).ends_at == utc(9, 50)


def test_the_week_counts_her_writing_up_as_well_as_the_session(world):
    book(world["mother"], world["peer"], utc(9))
    book(world["other"], world["peer"], utc(9, 30))
    db.session.commit()
    week = week_hours_for(world["peer"], TUESDAY)
    assert week.sessions == 60  # two 20-minute sessions, each with 10 minutes to write up


def test_a_group_she_leads_keeps_clear_of_her_writing_up(world, unit):
    # A group she leads from 10:20 to 10:30 local: a 20-minute session at 10:00 would
    # leave her no time to write it up, so it is not offered; 10:30 still is.
    ActivityFactory(
        unit=unit,
        leader=world["peer"],
        weekdays="1",
        start_time=time(10, 20),
        end_time=time(10, 30),
        starts_on=TUESDAY,
        ends_on=TUESDAY,
    )
    free = plan_day(world["other"], [world["peer"]], TUESDAY, NOW).free
    assert [s.starts_at for s in free] == [utc(9, 30)]  # 10:30 local, after the group


def test_a_start_off_the_grid_is_not_offered(world):
    with pytest.raises(DomainError, match="not available"):
        book(world["mother"], world["peer"], utc(9, 20))
