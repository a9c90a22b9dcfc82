"""Setting up groups and changing one date: rules, audit and notifications."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.models import Activity, ActivityChange, AuditEvent, Notification
from app.services import activities, signups
from app.services.activities import ActivityDetails, find_occurrence
from app.services.errors import DomainError, NotFoundInUnit
from app.services.recurrence import changes_between
from tests.sessions_support import a_break

NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)
LINK = "/timetable/"  # the page a notification opens


@pytest.fixture
def people(app, factory, unit, frozen_now):
    frozen_now(NOW)
    return (
        factory.user(role="staff", unit=unit),
        factory.user(role="peer_worker", unit=unit),
        [factory.user(role="mother", unit=unit) for _ in range(3)],
    )


def details(leader, **kwargs) -> ActivityDetails:
    values = dict(
        title="Walk in the park",
        description="",
        room="Front door",
        leader_id=leader.id,
        weekdays=[1, 3],
        start_time=time(14, 0),
        end_time=time(15, 0),
        starts_on=date(2026, 6, 1),
        ends_on=date(2026, 9, 1),
        capacity=2,
        visitor_friendly=True,
        baby_welcome=True,
        leader_name_public=False,
    )
    values.update(kwargs)
    return ActivityDetails(**values)


def test_create_stores_the_pattern_and_audits(people):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer, weekdays=[3, 1, 3]))
    assert activity.weekdays == "13"
    assert activity.pattern_text() == "Every Tuesday and Thursday"
    assert db.session.scalar(select(AuditEvent.action)) == "activity.created"


@pytest.mark.parametrize(
    "change, field, message",
    [
        (dict(end_time=time(13, 0)), "end_time", "end time must be after"),
        (dict(end_time=time(14, 0)), "end_time", "end time must be after"),
        (dict(ends_on=date(2026, 5, 1)), "ends_on", "on or after the first date"),
        (dict(ends_on=date(2076, 6, 1)), "ends_on", "up to 2 years"),
        (dict(weekdays=[7]), "weekdays", "Monday to Sunday"),
        (dict(weekdays=[-1]), "weekdays", "Monday to Sunday"),
        (dict(weekdays=[]), "weekdays", "at least one day"),
        (dict(capacity=0), "capacity", "between 1 and"),
        (dict(capacity=-3), "capacity", "between 1 and"),
    ],
)
def test_bad_details_are_refused_and_nothing_is_stored(people, change, field, message):
    staff, peer, _ = people
    with pytest.raises(DomainError, match=message) as refused:
        activities.create_activity(staff, details(peer, **change))
    assert refused.value.field == field
    assert db.session.scalar(select(func.count()).select_from(Activity)) == 0


def test_the_leader_must_be_a_peer_worker_or_staff_of_the_same_unit(people, factory, other_unit):
    staff, _, (mother, *_) = people
    for leader in (mother, factory.user(role="peer_worker", unit=other_unit)):
        with pytest.raises(DomainError, match="who leads"):
            activities.create_activity(staff, details(leader))


def test_capacity_cannot_drop_below_places_already_taken(people):
    staff, peer, mothers = people
    activity = activities.create_activity(staff, details(peer))
    day = date(2026, 6, 2)
    for m in mothers[:2]:
        signups.sign_up(m, find_occurrence(m, activity.id, day), link=LINK)
    with pytest.raises(DomainError, match="2 mothers already have a place"):
        activities.update_activity(staff, activity, details(peer, capacity=1), link=LINK)
    activities.update_activity(staff, activity, details(peer, capacity=3), link=LINK)
    assert activity.capacity == 3


def test_another_units_activity_is_not_found(people, factory, other_unit):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer))
    outsider = factory.user(role="staff", unit=other_unit)
    with pytest.raises(NotFoundInUnit):
        find_occurrence(outsider, activity.id, date(2026, 6, 2))
    with pytest.raises(NotFoundInUnit):
        find_occurrence(staff, activity.id, date(2026, 6, 3))  # a Wednesday: not in the series


def test_cancelling_one_date_tells_mothers_with_a_place_or_an_offer_only(people):
    staff, peer, (a, b, c) = people
    activity = activities.create_activity(staff, details(peer))
    day = date(2026, 6, 2)
    for m in (a, b):
        signups.sign_up(m, find_occurrence(m, activity.id, day), link=LINK)
    signups.join_waiting_list(c, find_occurrence(c, activity.id, day), link=LINK)
    told = activities.cancel_occurrence(
        staff, find_occurrence(staff, activity.id, day), "Staff training", link=LINK
    )
    assert told == 2
    notes = db.session.scalars(select(Notification)).all()
    assert {n.user_id for n in notes} == {a.id, b.id}
    assert {(n.kind, n.title, n.body) for n in notes} == {
        ("activity.cancelled", "A group was cancelled", "The group on Tuesday 2 June at 14:00")
    }
    # The next Tuesday is untouched.
    assert find_occurrence(staff, activity.id, date(2026, 6, 9)).status == "scheduled"
    with pytest.raises(DomainError, match="already cancelled"):
        activities.cancel_occurrence(
            staff, find_occurrence(staff, activity.id, day), "Again", link=LINK
        )


def test_a_cancellation_needs_a_reason(people):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer))
    with pytest.raises(DomainError, match="reason"):
        activities.cancel_occurrence(
            staff, find_occurrence(staff, activity.id, date(2026, 6, 2)), " ", link=LINK
        )


def test_moving_one_date_keeps_the_places_and_tells_mothers(people):
    staff, peer, (a, *_) = people
    activity = activities.create_activity(staff, details(peer))
    day = date(2026, 6, 2)
    signups.sign_up(a, find_occurrence(a, activity.id, day), link=LINK)
    told = activities.move_occurrence(
        peer,
        find_occurrence(peer, activity.id, day),
        date(2026, 6, 3),
        time(10, 0),
        time(11, 0),
        link=LINK,
    )
    assert told == 1
    moved = find_occurrence(a, activity.id, day)
    assert moved.is_moved and moved.starts_at == datetime(2026, 6, 3, 9, 0, tzinfo=UTC)
    assert signups.own_row(a, moved).status == "booked"
    assert db.session.scalar(select(Notification.kind)) == "activity.moved"


@pytest.mark.parametrize(
    "new_date, start, end, message",
    [
        (date(2026, 6, 3), time(11, 0), time(10, 0), "end time must be after"),
        (date(2026, 5, 30), time(10, 0), time(11, 0), "in the future"),
        (date(2026, 12, 1), time(10, 0), time(11, 0), "less than 3 months"),
    ],
)
def test_bad_moves_are_refused(people, new_date, start, end, message):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer))
    with pytest.raises(DomainError, match=message):
        activities.move_occurrence(
            staff,
            find_occurrence(staff, activity.id, date(2026, 6, 2)),
            new_date,
            start,
            end,
            link=LINK,
        )


def test_past_dates_cannot_be_changed(people, frozen_now):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer))
    frozen_now(datetime(2026, 6, 3, 8, 0, tzinfo=UTC))
    with pytest.raises(DomainError, match="has passed"):
        activities.cancel_occurrence(
            staff, find_occurrence(staff, activity.id, date(2026, 6, 2)), "x", link=LINK
        )


def test_restore_undoes_a_change(people):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer))
    day = date(2026, 6, 2)
    activities.cancel_occurrence(staff, find_occurrence(staff, activity.id, day), "Ill", link=LINK)
    activities.restore_occurrence(staff, find_occurrence(staff, activity.id, day))
    assert find_occurrence(staff, activity.id, day).status == "scheduled"
    assert db.session.scalar(select(func.count()).select_from(ActivityChange)) == 0
    with pytest.raises(DomainError, match="not been changed"):
        activities.restore_occurrence(staff, find_occurrence(staff, activity.id, day))


def test_changes_between_finds_moves_into_the_range(people):
    staff, peer, _ = people
    activity = activities.create_activity(staff, details(peer))
    activities.move_occurrence(
        staff,
        find_occurrence(staff, activity.id, date(2026, 6, 2)),
        date(2026, 6, 20),
        time(10, 0),
        time(11, 0),
        link=LINK,
    )
    found = changes_between(staff.unit, date(2026, 6, 15), date(2026, 6, 21))
    assert [c.on_date for c in found] == [date(2026, 6, 2)]
    assert timedelta(days=18) == found[0].new_date - found[0].on_date


def test_an_edit_cannot_take_away_a_date_mothers_hold_unless_it_is_cancelled(people):
    staff, peer, (a, *_) = people
    activity = activities.create_activity(staff, details(peer))
    day = date(2026, 6, 4)  # a Thursday
    signups.sign_up(a, find_occurrence(a, activity.id, day), link=LINK)
    with pytest.raises(DomainError, match="places on 4 June 2026") as refused:
        activities.update_activity(staff, activity, details(peer, weekdays=[1]), link=LINK)
    assert refused.value.field == "weekdays"
    with pytest.raises(DomainError, match="places on 4 June 2026"):
        activities.update_activity(
            staff, activity, details(peer, ends_on=date(2026, 6, 3)), link=LINK
        )
    activities.cancel_occurrence(
        staff, find_occurrence(staff, activity.id, day), "Moving rooms", link=LINK
    )
    activities.update_activity(staff, activity, details(peer, weekdays=[1]), link=LINK)
    assert activity.weekdays == "1"


def test_more_places_are_offered_to_the_waiting_list_first_in_line_first(people, factory, unit):
    staff, peer, (a, b, c) = people
    activity = activities.create_activity(staff, details(peer, capacity=1))
    day = date(2026, 6, 2)
    signups.sign_up(a, find_occurrence(a, activity.id, day), link=LINK)
    for m in (b, c):
        signups.join_waiting_list(m, find_occurrence(m, activity.id, day), link=LINK)
    activities.update_activity(staff, activity, details(peer, capacity=2), link=LINK)
    occurrence = find_occurrence(a, activity.id, day)
    assert (signups.own_row(b, occurrence).status, signups.own_row(b, occurrence).seat) == (
        "offered",
        2,
    )
    assert signups.own_row(c, occurrence).status == "waiting"
    activities.update_activity(staff, activity, details(peer, capacity=None), link=LINK)
    assert signups.own_row(c, occurrence).status == "offered"
    kinds = db.session.scalars(select(Notification.kind)).all()
    assert kinds == ["waitlist.offered", "waitlist.offered"]


@pytest.mark.parametrize(
    ("start", "refused"),
    [(time(12, 30), True), (time(11, 0), False), (time(13, 0), False)],
)
def test_a_date_is_not_moved_into_its_leaders_break_but_may_sit_beside_it(people, start, refused):
    staff, peer, _ = people
    a_break(peer, date(2026, 6, 4), "12:00", "13:00")
    activity = activities.create_activity(staff, details(peer))
    occurrence = find_occurrence(staff, activity.id, date(2026, 6, 2))
    end = time(start.hour + 1, start.minute)
    if refused:
        with pytest.raises(DomainError, match="on a break from 12:00 to 13:00"):
            activities.move_occurrence(staff, occurrence, date(2026, 6, 4), start, end, link=LINK)
    else:
        activities.move_occurrence(staff, occurrence, date(2026, 6, 4), start, end, link=LINK)
