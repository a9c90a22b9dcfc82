"""Slot computation: wall-clock windows in the unit's time zone, leave, workload, cells."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.models import AvailabilityWindow
from app.services.clock import day_bounds
from app.services.slots import (
    booking_days,
    cells,
    local_moment,
    offered_slots,
    plan_day,
    window_slots,
)
from tests.factories import AvailabilityWindowFactory
from tests.sessions_support import booked, leave, weekly

LONDON = ZoneInfo("Europe/London")


def window(**kwargs):
    values = {
        "peer_worker_id": 1,
        "starts": time(10),
        "ends": time(12),
        "session_minutes": 60,
        "gap_minutes": 0,
    }
    return AvailabilityWindow(**{**values, **kwargs})


def utc(*args):
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("tuesday", "expected_utc"),
    [
        (date(2027, 3, 23), utc(2027, 3, 23, 10)),  # GMT, before 28 March
        (date(2027, 3, 30), utc(2027, 3, 30, 9)),  # BST, after 28 March
        (date(2027, 10, 26), utc(2027, 10, 26, 9)),  # BST, before 31 October
        (date(2027, 11, 2), utc(2027, 11, 2, 10)),  # GMT, after 31 October
    ],
)
def test_a_tuesday_ten_oclock_window_stays_ten_local_across_clock_changes(tuesday, expected_utc):
    slots = window_slots(window(weekday=1), tuesday, LONDON)
    assert slots[0].starts_at == expected_utc
    assert slots[0].starts_at.astimezone(LONDON).time() == time(10)
    assert [s.minutes for s in slots] == [60, 60]


def test_the_skipped_hour_in_spring_gives_no_slot():
    slots = window_slots(
        window(starts=time(0, 30), ends=time(3), session_minutes=30), date(2027, 3, 28), LONDON
    )
    local = [s.starts_at.astimezone(LONDON).strftime("%H:%M") for s in slots]
    assert local == ["00:30", "02:00", "02:30"]  # 01:00 and 01:30 do not exist that night
    assert local_moment(date(2027, 3, 28), time(1, 30), LONDON) is None


def test_days_of_a_clock_change_are_23_and_25_hours_long():
    first, last = day_bounds(date(2027, 3, 28), LONDON)
    assert last - first == timedelta(hours=23)
    first, last = day_bounds(date(2027, 10, 31), LONDON)
    assert last - first == timedelta(hours=25)


def test_sessions_are_spaced_by_length_and_gap():
    slots = window_slots(
        window(starts=time(9, 30), ends=time(12), session_minutes=45, gap_minutes=15),
        date(2027, 5, 4),
        LONDON,
    )
    assert [s.starts_at.astimezone(LONDON).strftime("%H:%M") for s in slots] == [
        "09:30",
        "10:30",
        "11:30",
    ][: len(slots)]
    assert all(s.ends_at.astimezone(LONDON).time() <= time(12) for s in slots)
    assert len(slots) == 2  # 11:30 + 45 minutes would pass 12:00


def test_cells_cover_the_session_in_quarter_hours():
    assert cells(utc(2027, 5, 4, 9, 30), utc(2027, 5, 4, 10, 15)) == [
        utc(2027, 5, 4, 9, 30),
        utc(2027, 5, 4, 9, 45),
        utc(2027, 5, 4, 10),
    ]


@pytest.fixture
def people(factory, unit):
    return {
        "mother": factory.user("mother", unit),
        "peer": factory.user("peer_worker", unit, contracted_minutes=3 * 60),
        "other_peer": factory.user("peer_worker", unit),
    }


NOW = utc(2027, 5, 3, 8)  # Monday 3 May 2027, 09:00 in London
TUESDAY = date(2027, 5, 4)


def test_offered_slots_include_one_off_windows_and_skip_leave(app, people):
    peer = people["peer"]
    weekly(peer, 1, "10:00", "12:00")
    AvailabilityWindowFactory(
        peer=peer, weekday=None, on_date=TUESDAY, starts=time(14), ends=time(15)
    )
    assert len(offered_slots([peer], TUESDAY, LONDON)) == 3
    leave(peer, TUESDAY)
    assert offered_slots([peer], TUESDAY, LONDON) == []


def test_overlapping_windows_do_not_offer_overlapping_slots(app, people):
    peer = people["peer"]
    weekly(peer, 1, "10:00", "12:00", session=60)
    weekly(peer, 1, "10:30", "12:00", session=30)
    slots = offered_slots([peer], TUESDAY, LONDON)
    assert slots[0].starts_at == utc(2027, 5, 4, 9)
    assert all(a.ends_at <= b.starts_at for a, b in zip(slots, slots[1:], strict=False))
    assert slots[-1].ends_at == utc(2027, 5, 4, 11)


def test_plan_excludes_past_taken_and_over_the_workload(app, people, frozen_now):
    frozen_now(NOW)
    mother, peer = people["mother"], people["peer"]
    weekly(peer, 0, "08:00", "12:00")  # Monday: 08:00 and 09:00 have passed at 09:00
    weekly(peer, 1, "09:00", "13:00")
    monday = booked(mother, peer, utc(2027, 5, 3, 10))  # 11:00 Monday, holds an hour
    plan = plan_day(mother, [peer], TUESDAY, NOW)
    assert len(plan.free) == 4
    booked(people["mother"], peer, utc(2027, 5, 4, 8))  # Tuesday 09:00: 2 of 3 hours used
    plan = plan_day(mother, [peer], TUESDAY, NOW)
    assert [s.starts_at for s in plan.taken] == [utc(2027, 5, 4, 8)]
    assert len(plan.free) == 3 and plan.over_limit == []  # one more hour still fits
    assert monday.minutes == 60
    third = booked(people["mother"], peer, utc(2027, 5, 4, 10))
    plan = plan_day(mother, [peer], TUESDAY, NOW)
    assert plan.free == [] and len(plan.over_limit) == 2  # 3 of 3 contracted hours
    assert third.minutes == 60
    monday_plan = plan_day(mother, [peer], date(2027, 5, 3), NOW)
    assert all(s.starts_at > NOW for s in monday_plan.free + monday_plan.taken)


def test_a_mother_never_sees_times_that_overlap_her_own_sessions(app, people, frozen_now):
    frozen_now(NOW)
    mother, peer, other = people["mother"], people["peer"], people["other_peer"]
    weekly(peer, 1, "10:00", "12:00", session=60)
    weekly(other, 1, "10:30", "12:00", session=30)
    booked(mother, peer, utc(2027, 5, 4, 9))  # 10:00 to 11:00 with peer
    plan = plan_day(mother, [other], TUESDAY, NOW)
    local = [s.starts_at.astimezone(LONDON).strftime("%H:%M") for s in plan.free]
    assert local == ["11:00", "11:30"]


def test_booking_days_are_the_next_14_and_end_with_support(app, people):
    mother = people["mother"]
    today = date(2027, 5, 3)
    assert len(booking_days(mother, today)) == 14
    mother.discharged_on, mother.support_until = today, today + timedelta(days=4)
    assert booking_days(mother, today)[-1] == today + timedelta(days=4)
