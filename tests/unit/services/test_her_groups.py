"""A peer worker's own groups take her time: no session is offered or booked over a group
she leads (with the gap she keeps), and no group she leads is put over a booked session."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from app.services import activities
from app.services.activities import find_occurrence
from app.services.bookings import NOT_OFFERED, book_session
from app.services.errors import DomainError
from app.services.hours import week_hours_for, weeks_over
from app.services.slots import plan_day
from tests.factories import ActivityChangeFactory, ActivityFactory
from tests.sessions_support import booked, leave, weekly
from tests.unit.services.test_activities import details

LONDON = ZoneInfo("Europe/London")
NOW = datetime(2027, 3, 1, 9, tzinfo=UTC)
TUESDAY = date(2027, 3, 9)


@pytest.fixture
def people(app, factory, unit, frozen_now):
    frozen_now(NOW)
    return {
        "staff": factory.user("staff", unit),
        "mother": factory.user("mother", unit),
        "peer": factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=1800),
    }


def group(peer, starts: str, ends: str, on: date = TUESDAY, **kwargs):
    return ActivityFactory(
        unit=peer.unit,
        leader=peer,
        weekdays=str(on.weekday()),
        start_time=time.fromisoformat(starts),
        end_time=time.fromisoformat(ends),
        starts_on=on,
        ends_on=on + timedelta(days=60),
        **kwargs,
    )


def offered(people, day=TUESDAY) -> list[str]:
    plan = plan_day(people["mother"], [people["peer"]], day, NOW)
    return [s.starts_at.astimezone(LONDON).strftime("%H:%M") for s in plan.free + plan.taken]


@pytest.mark.parametrize(
    ("starts", "ends", "expected"),
    [
        ("10:00", "11:00", ["09:00", "11:00", "12:00"]),  # the same hour as a slot
        ("10:30", "11:30", ["09:00", "12:00"]),  # across two slots
        ("10:15", "10:45", ["09:00", "11:00", "12:00"]),  # inside one slot
        ("09:45", "10:15", ["11:00", "12:00"]),  # across the end of one and start of the next
        ("08:00", "14:00", []),  # over her whole window
        ("11:00", "12:00", ["09:00", "10:00", "12:00"]),  # touching ends leave both sides
        ("13:00", "14:00", ["09:00", "10:00", "11:00", "12:00"]),  # after her window
    ],
)
def test_no_slot_overlaps_a_group_she_leads(people, starts, ends, expected):
    weekly(people["peer"], TUESDAY.weekday(), "09:00", "13:00", session=60)
    group(people["peer"], starts, ends)
    assert offered(people) == expected


def test_the_gap_she_keeps_around_sessions_is_kept_around_her_groups(people):
    # 45-minute sessions with 15 minutes between: 09:00, 10:00, 11:00 and 12:00
    weekly(people["peer"], TUESDAY.weekday(), "09:00", "13:00", session=45, gap=15)
    group(people["peer"], "11:00", "11:55")
    # 10:00 ends 15 minutes before the group; 12:00 would start only 5 minutes after it
    assert offered(people) == ["09:00", "10:00"]


@pytest.mark.parametrize(
    "day",
    [
        date(2027, 3, 23),  # GMT, before the clocks go forward on 28 March
        date(2027, 3, 30),  # BST, after
        date(2027, 10, 26),  # BST, before the clocks go back on 31 October
        date(2027, 11, 2),  # GMT, after
    ],
)
def test_a_group_at_ten_takes_her_ten_oclock_slot_either_side_of_a_clock_change(people, day):
    weekly(people["peer"], day.weekday(), "09:00", "12:00", session=60)
    group(people["peer"], "10:00", "11:00", on=day)
    assert offered(people, day) == ["09:00", "11:00"]


def test_a_cancelled_date_frees_her_and_a_moved_one_takes_its_new_time(people):
    peer = people["peer"]
    weekly(peer, TUESDAY.weekday(), "09:00", "13:00", session=60)
    cancelled = group(peer, "10:00", "11:00")
    ActivityChangeFactory(activity=cancelled, on_date=TUESDAY, status="cancelled")
    moved = group(peer, "15:00", "16:00", on=TUESDAY - timedelta(days=7))
    ActivityChangeFactory(
        activity=moved,
        on_date=TUESDAY - timedelta(days=7),
        status="moved",
        new_date=TUESDAY,
        new_start_time=time(12),
        new_end_time=time(13),
    )
    assert offered(people) == ["09:00", "10:00", "11:00"]


def test_a_time_she_leads_a_group_cannot_be_booked(people):
    weekly(people["peer"], TUESDAY.weekday(), "09:00", "13:00", session=60)
    group(people["peer"], "11:30", "13:00")
    eleven = datetime(2027, 3, 9, 11, tzinfo=UTC)  # 11:00 in London: until 12:00
    with pytest.raises(DomainError) as refused:
        book_session(
            people["mother"],
            eleven,
            people["peer"],
            link_for=lambda b: "/peer/",
            baby_care="with_me",
        )
    assert refused.value.message == NOT_OFFERED


def test_a_group_she_leads_is_not_put_over_her_booked_session(people):
    staff, peer = people["staff"], people["peer"]
    booked(people["mother"], peer, datetime(2027, 3, 11, 11, tzinfo=UTC))  # Thursday 11:00
    over = details(peer, starts_on=TUESDAY, ends_on=TUESDAY + timedelta(days=30))
    over.start_time, over.end_time = time(11, 30), time(13)  # Tuesdays and Thursdays
    with pytest.raises(DomainError) as refused:
        activities.create_activity(staff, over)
    assert refused.value.message.startswith("Priya has a session booked on Thursday 11 March")
    assert refused.value.field == "start_time"
    over.start_time = time(12)  # after the session: fine
    assert activities.create_activity(staff, over).id


def test_a_group_she_leads_leaves_her_time_to_write_up_a_short_session(people):
    staff, peer = people["staff"], people["peer"]
    booked(people["mother"], peer, datetime(2027, 3, 11, 11, tzinfo=UTC), minutes=20)
    over = details(peer, starts_on=TUESDAY, ends_on=TUESDAY + timedelta(days=30))
    over.start_time, over.end_time = time(11, 20), time(12)  # as the session ends
    with pytest.raises(DomainError, match="Priya has a session booked on Thursday 11 March"):
        activities.create_activity(staff, over)
    over.start_time = time(11, 30)  # after her 10 minutes of writing up: fine
    assert activities.create_activity(staff, over).id


def test_a_date_of_her_group_cannot_move_onto_her_booked_session(people):
    staff, peer = people["staff"], people["peer"]
    activity = group(peer, "14:00", "15:00")
    booked(people["mother"], peer, datetime(2027, 3, 10, 10, tzinfo=UTC))  # Wednesday 10:00
    occurrence = find_occurrence(staff, activity.id, TUESDAY)
    with pytest.raises(DomainError):
        activities.move_occurrence(
            staff, occurrence, date(2027, 3, 10), time(10, 30), time(11, 30), link="/timetable/"
        )
    activities.move_occurrence(
        staff, occurrence, date(2027, 3, 10), time(11), time(12), link="/timetable/"
    )


def test_a_cancelled_date_is_not_restored_over_a_session_booked_since(people):
    staff, peer = people["staff"], people["peer"]
    activity = group(peer, "10:00", "11:00")
    activities.cancel_occurrence(
        staff, find_occurrence(staff, activity.id, TUESDAY), "Priya is on a course", link="/"
    )
    booked(people["mother"], peer, datetime(2027, 3, 9, 10, tzinfo=UTC))  # 10:00 that day
    with pytest.raises(DomainError):
        activities.restore_occurrence(staff, find_occurrence(staff, activity.id, TUESDAY))


def test_the_groups_she_leads_count_toward_her_hours(people):
    peer = people["peer"]
    peer.contracted_minutes = 3 * 60
    weekly(peer, TUESDAY.weekday(), "09:00", "12:00", session=60)
    group(peer, "14:00", "15:30")  # Tuesday, 90 minutes
    group(peer, "10:00", "11:00", on=TUESDAY + timedelta(days=1))  # Wednesday, 60
    skipped = group(peer, "16:00", "17:00", on=TUESDAY + timedelta(days=2))
    ActivityChangeFactory(activity=skipped, on_date=TUESDAY + timedelta(days=2))  # cancelled
    booked(people["mother"], peer, datetime(2027, 3, 8, 9, tzinfo=UTC))  # Monday, 60
    week = week_hours_for(peer, TUESDAY)
    assert (week.sessions, week.groups, week.total, week.over) == (60, 150, 210, True)
    plan = plan_day(people["mother"], [peer], TUESDAY, NOW)
    assert plan.free == [] and len(plan.over_limit) == 3  # no slot would fit in her hours


def test_staff_see_how_many_recent_weeks_went_over_and_nothing_else(people, frozen_now):
    peer = people["peer"]
    peer.contracted_minutes = 60
    group(peer, "14:00", "15:30", on=date(2027, 3, 2))  # 90 minutes every Tuesday
    frozen_now(datetime(2027, 3, 17, 12, tzinfo=UTC))
    assert weeks_over(peer.unit, [peer], date(2027, 3, 17)) == {peer.id: 3}


def test_a_date_of_her_group_cannot_move_onto_her_leave(people):
    staff, peer = people["staff"], people["peer"]
    activity = group(peer, "14:00", "15:00")
    leave(peer, date(2027, 3, 10))
    occurrence = find_occurrence(staff, activity.id, TUESDAY)
    with pytest.raises(DomainError) as refused:
        activities.move_occurrence(
            staff, occurrence, date(2027, 3, 10), time(14), time(15), link="/timetable/"
        )
    assert refused.value.message.startswith("Priya is on leave on Wednesday 10 March")
    assert refused.value.field == "new_date"
