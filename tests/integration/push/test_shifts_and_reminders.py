"""The push worker with the real availability rules, and the reminders it queues."""

from datetime import UTC, date, datetime, time

from sqlalchemy import select

from app.extensions import db
from app.models import Booking, Notification
from app.push.worker import queue_reminders
from app.services.availability import is_working
from app.services.notifications import queue_notification
from app.services.quiet_hours import save_preferences
from tests.factories import ActivityChangeFactory, ActivityFactory, SignUpFactory
from tests.sessions_support import booked, leave, weekly

# January 2027: Europe/London is UTC. 4 January is a Monday.
SATURDAY_11 = datetime(2027, 1, 2, 11, 0, tzinfo=UTC)
MONDAY_0929 = datetime(2027, 1, 4, 9, 29, tzinfo=UTC)
MONDAY_0930 = datetime(2027, 1, 4, 9, 30, tzinfo=UTC)


def test_working_time_comes_from_her_windows_and_leave(factory, unit):
    peer = factory.user(role="peer_worker", unit=unit)
    assert is_working(peer, SATURDAY_11)  # nothing set yet: nothing to hold back for
    weekly(peer, 0, starts="09:30", ends="16:30")
    assert not is_working(peer, SATURDAY_11)
    assert not is_working(peer, MONDAY_0929)
    assert is_working(peer, MONDAY_0930)
    assert not is_working(peer, datetime(2027, 1, 4, 16, 30, tzinfo=UTC))
    leave(peer, date(2027, 1, 4))
    assert not is_working(peer, MONDAY_0930)


def test_a_booking_on_her_day_off_reaches_her_when_her_shift_starts(
    factory, unit, receiver, pass_at, subscribe
):
    peer = factory.user(role="peer_worker", unit=unit)
    weekly(peer, 0, starts="09:30", ends="16:30")
    subscribe(peer, "phone")
    row = queue_notification(peer, "booking.created", url="/peer/today", when=MONDAY_0930)
    row.created_at = row.not_before = SATURDAY_11
    db.session.commit()

    pass_at(SATURDAY_11)
    pass_at(MONDAY_0929)
    assert receiver.received == []
    pass_at(MONDAY_0930)
    pass_at(MONDAY_0930)
    assert [r.message["title"] for r in receiver.accepted()] == ["You have a new booking"]


def test_a_session_reminder_is_queued_once_at_her_lead_time(factory, unit, frozen_now):
    peer = factory.user(role="peer_worker", unit=unit)
    mother = factory.user(role="mother", unit=unit, display_name="Zelda Testname")
    session = booked(
        mother, peer, datetime(2027, 1, 4, 14, 30, tzinfo=UTC), topic="Zelda's private topic"
    )

    assert queue_reminders(datetime(2027, 1, 4, 13, 59, tzinfo=UTC)) == 0
    assert queue_reminders(datetime(2027, 1, 4, 14, 0, tzinfo=UTC)) == 1
    assert queue_reminders(datetime(2027, 1, 4, 14, 5, tzinfo=UTC)) == 0
    reminder = db.session.scalar(select(Notification).where(Notification.user_id == mother.id))
    assert (reminder.title, reminder.body) == ("Reminder", "Session at 14:30")
    assert "Zelda" not in reminder.title + reminder.body
    assert db.session.get(Booking, session.id).reminded_at is not None


def test_her_choice_of_lead_time_or_none_is_respected(factory, unit):
    peer = factory.user(role="peer_worker", unit=unit)
    early = factory.user(role="mother", unit=unit)
    none = factory.user(role="mother", unit=unit)
    save_preferences(early, None, None, reminders_on=True, reminder_minutes=60)
    save_preferences(none, None, None, reminders_on=False, reminder_minutes=30)
    db.session.commit()
    booked(early, peer, datetime(2027, 1, 4, 14, 30, tzinfo=UTC))
    booked(
        none, factory.user(role="peer_worker", unit=unit), datetime(2027, 1, 4, 14, 30, tzinfo=UTC)
    )
    assert queue_reminders(datetime(2027, 1, 4, 13, 30, tzinfo=UTC)) == 1
    assert queue_reminders(datetime(2027, 1, 4, 14, 10, tzinfo=UTC)) == 0
    recipients = db.session.scalars(select(Notification.user_id)).all()
    assert recipients == [early.id]


def test_cancelled_sessions_get_no_reminder(factory, unit):
    peer = factory.user(role="peer_worker", unit=unit)
    mother = factory.user(role="mother", unit=unit)
    booked(mother, peer, datetime(2027, 1, 4, 14, 30, tzinfo=UTC), status="cancelled")
    assert queue_reminders(datetime(2027, 1, 4, 14, 10, tzinfo=UTC)) == 0


def _group(factory, unit, **kwargs):
    leader = factory.user(role="peer_worker", unit=unit)
    return ActivityFactory(
        unit=unit,
        leader=leader,
        weekdays="0",
        start_time=time(10, 0),
        end_time=time(11, 0),
        starts_on=date(2027, 1, 4),
        ends_on=date(2027, 3, 29),
        **kwargs,
    )


def test_a_group_place_is_reminded_once_before_it_starts(factory, unit):
    group = _group(factory, unit)
    mother = factory.user(role="mother", unit=unit)
    SignUpFactory(activity=group, on_date=date(2027, 1, 4), mother=mother, seat=1)
    assert queue_reminders(datetime(2027, 1, 4, 9, 29, tzinfo=UTC)) == 0
    assert queue_reminders(datetime(2027, 1, 4, 9, 30, tzinfo=UTC)) == 1
    assert queue_reminders(datetime(2027, 1, 4, 9, 45, tzinfo=UTC)) == 0
    reminder = db.session.scalar(select(Notification).where(Notification.user_id == mother.id))
    assert (reminder.title, reminder.body, reminder.url) == (
        "Reminder",
        "Group at 10:00",
        "/timetable/",
    )


def test_a_cancelled_group_date_gets_no_reminder_and_a_moved_one_moves_it(factory, unit):
    group = _group(factory, unit)
    stays_home, moved = (
        factory.user(role="mother", unit=unit),
        factory.user(role="mother", unit=unit),
    )
    SignUpFactory(activity=group, on_date=date(2027, 1, 4), mother=stays_home, seat=1)
    SignUpFactory(activity=group, on_date=date(2027, 1, 11), mother=moved, seat=1)
    ActivityChangeFactory(activity=group, on_date=date(2027, 1, 4), reason="Room closed")
    ActivityChangeFactory(
        activity=group,
        on_date=date(2027, 1, 11),
        status="moved",
        new_date=date(2027, 1, 12),
        new_start_time=time(14, 0),
        new_end_time=time(15, 0),
    )
    assert queue_reminders(datetime(2027, 1, 4, 9, 30, tzinfo=UTC)) == 0
    assert queue_reminders(datetime(2027, 1, 11, 9, 30, tzinfo=UTC)) == 0
    assert queue_reminders(datetime(2027, 1, 12, 13, 30, tzinfo=UTC)) == 1
    assert db.session.scalars(select(Notification.user_id)).all() == [moved.id]
