"""A mother's daily rest time: the rules for setting it, and reminders that wait until
it ends (or are not sent when what they remind her of starts before then)."""

from datetime import UTC, date, datetime, time

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Notification, SignUp
from app.services import reminders
from app.services.errors import DomainError
from app.services.rest_time import (
    REST_IN_ORDER,
    overlaps_rest,
    rest_ends_after,
    save_rest_time,
)
from tests.factories import ActivityFactory, SignUpFactory
from tests.sessions_support import booked

TUESDAY = date(2027, 5, 4)  # British Summer Time: 14:00 in London is 13:00 UTC


def utc(hour, minute=0):
    return datetime(2027, 5, 4, hour, minute, tzinfo=UTC)


@pytest.fixture
def mother(app, factory, unit, frozen_now):
    frozen_now(utc(8))
    found = factory.user("mother", unit, admitted_on=date(2027, 4, 20), display_name="Amy")
    save_rest_time(found, time(14), time(15))
    db.session.commit()
    return found


@pytest.mark.parametrize(
    ("starts", "ends", "message"),
    [
        (time(15), time(14), REST_IN_ORDER),
        (time(14), time(14), REST_IN_ORDER),
        (time(14), None, "Choose when your rest time starts and ends"),
        (None, time(14), "Choose when your rest time starts and ends"),
        (time(14, 10), time(15), "15, 30 or 45 minutes past"),
    ],
)
def test_a_rest_time_out_of_order_or_half_given_is_refused(mother, starts, ends, message):
    with pytest.raises(DomainError, match=message):
        save_rest_time(mother, starts, ends)
    db.session.rollback()
    assert (mother.rest_from, mother.rest_until) == (time(14), time(15))


def test_only_a_mother_sets_one(factory, unit, app):
    with pytest.raises(DomainError):
        save_rest_time(factory.user("peer_worker", unit), time(14), time(15))


def test_it_is_cleared_with_neither_time(mother):
    save_rest_time(mother, None, None)
    assert (
        mother.rest_from is None
        and overlaps_rest(mother, utc(13), utc(14), mother.unit.tz) is False
    )


def test_the_database_refuses_one_that_ends_first(mother):
    mother.rest_from, mother.rest_until = time(15), time(14)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_it_is_local_time_and_blocks_only_what_overlaps(mother):
    tz = mother.unit.tz
    assert overlaps_rest(mother, utc(12, 30), utc(13, 15), tz)  # 13:30 to 14:15 local
    assert not overlaps_rest(mother, utc(12), utc(13), tz)  # ends as her rest starts
    assert not overlaps_rest(mother, utc(14), utc(15), tz)  # starts as it ends
    assert rest_ends_after(mother, utc(13, 20), tz) == utc(14)
    assert rest_ends_after(mother, utc(14), tz) is None


def group_at(mother, hour, minute=0):
    """A group today at this local time, with her place."""
    activity = ActivityFactory(
        unit=mother.unit, start_time=time(hour, minute), end_time=time(16, 30)
    )
    return SignUpFactory(activity=activity, mother=mother, on_date=TUESDAY)


def reminders_of(mother):
    return db.session.scalars(select(Notification).where(Notification.user_id == mother.id)).all()


def test_a_group_reminder_due_in_her_rest_waits_until_it_ends(mother, frozen_now):
    signup = group_at(mother, 15, 10)  # 15:10 local; reminded 30 minutes before, 14:40
    frozen_now(utc(13, 40))
    assert reminders.queue_group_reminders(utc(13, 40)) == 1
    (row,) = reminders_of(mother)
    assert row.kind == "activity.reminder" and row.body == "Group at 15:10"
    assert row.not_before == utc(14)  # 15:00 local, when her rest ends
    assert db.session.get(SignUp, signup.id).reminded_at is not None


def test_a_group_that_starts_before_her_rest_ends_is_not_reminded(mother, frozen_now):
    signup = group_at(mother, 14, 30)  # in her rest: reminder due at 14:00
    frozen_now(utc(13))
    assert reminders.queue_group_reminders(utc(13)) == 0
    assert reminders_of(mother) == []
    assert db.session.get(SignUp, signup.id).reminded_at is not None  # once only: not later


def test_outside_her_rest_a_reminder_goes_at_once(mother, factory, unit, frozen_now):
    group_at(mother, 11)
    beth = factory.user("mother", unit, admitted_on=date(2027, 4, 20))
    group_at(beth, 14, 30)  # Beth has no rest time: her 14:30 group is reminded at 14:00
    frozen_now(utc(9, 40))
    assert reminders.queue_group_reminders(utc(9, 40)) == 1
    assert reminders_of(mother)[0].not_before == utc(9, 40)
    frozen_now(utc(13))
    assert reminders.queue_group_reminders(utc(13)) == 1
    assert reminders_of(beth)[0].not_before == utc(13)


def test_a_session_reminder_waits_too_but_one_booked_inside_her_rest_still_goes(
    mother, factory, unit, frozen_now
):
    peer = factory.user("peer_worker", unit)
    after = booked(mother, peer, utc(14), minutes=30)  # 15:00 local, just after her rest
    inside = booked(mother, peer, utc(13, 45), minutes=15)  # booked before she set her rest
    frozen_now(utc(13, 30))
    assert reminders.queue_session_reminders(utc(13, 30)) == 2
    rows = sorted(reminders_of(mother), key=lambda row: row.not_before)
    assert [(row.kind, row.not_before) for row in rows] == [
        ("session.reminder", utc(13, 30)),  # she meant to be there: at once
        ("session.reminder", utc(14)),  # held until her rest ends at 15:00 local
    ]
    db.session.refresh(inside)
    db.session.refresh(after)
    assert inside.reminded_at is not None and after.reminded_at is not None
