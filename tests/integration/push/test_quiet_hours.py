"""Quiet hours: nothing reaches a peer worker off shift, or a mother in her quiet hours;
what waited is summarised once when she may be notified again."""

from datetime import UTC, datetime, time

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import Notification, PushSubscription
from app.services import quiet_hours
from app.services.notifications import queue_notification
from app.services.push_subscriptions import send_test
from tests.sessions_support import weekly

# Times in January 2027, when Europe/London is UTC; each pass moves the app's clock there.
SATURDAY_11 = datetime(2027, 1, 2, 11, 0, tzinfo=UTC)
MONDAY_0859 = datetime(2027, 1, 4, 8, 59, tzinfo=UTC)
MONDAY_0900 = datetime(2027, 1, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def off_shift_peer(factory, unit, subscribe):
    """A peer worker whose shifts are Monday to Friday, 9 to 5, with her phone subscribed."""
    peer = factory.user(role="peer_worker", unit=unit)
    for weekday in range(5):
        weekly(peer, weekday, starts="09:00", ends="17:00")
    subscribe(peer, "phone")
    return peer


def booking_for(peer, at: datetime):
    row = queue_notification(peer, "booking.created", url="/peer/", when=at)
    row.created_at = row.not_before = at
    db.session.commit()
    return row


def statuses() -> list[str]:
    db.session.expire_all()
    return list(db.session.scalars(select(Notification.status).order_by(Notification.id)))


def test_a_booking_on_her_day_off_waits_for_her_next_shift(receiver, pass_at, off_shift_peer):
    row = booking_for(off_shift_peer, SATURDAY_11)

    pass_at(SATURDAY_11)
    pass_at(MONDAY_0859)
    assert receiver.received == []
    assert statuses() == ["held"]
    assert row.attempts == 0  # held is not a try: it keeps all its retries for later

    pass_at(MONDAY_0900)
    pass_at(MONDAY_0900)
    assert [r.message["title"] for r in receiver.accepted()] == ["You have a new booking"]
    assert statuses() == ["sent"]
    assert row.attempts == 1


def test_several_while_away_become_one_summary(receiver, pass_at, off_shift_peer):
    for _ in range(3):
        booking_for(off_shift_peer, SATURDAY_11)
    pass_at(SATURDAY_11)

    pass_at(MONDAY_0900)
    pass_at(MONDAY_0900)

    got = receiver.accepted()
    assert len(got) == 1
    assert got[0].message["title"] == "While you were away"
    assert got[0].message["body"] == "3 updates are waiting for you"
    assert got[0].message["url"] == "/notifications"
    assert statuses() == ["summarised", "summarised", "summarised", "sent"]


def test_mothers_quiet_hours_run_past_midnight(factory, unit, receiver, pass_at, subscribe):
    mother = factory.user(role="mother", unit=unit)
    subscribe(mother, "phone")
    quiet_hours.save_preferences(mother, time(22, 0), time(7, 0))
    db.session.commit()
    late = datetime(2027, 1, 5, 23, 15, tzinfo=UTC)
    row = queue_notification(mother, "booking.cancelled_by_peer", url="/me/")
    row.created_at = row.not_before = late
    db.session.commit()

    pass_at(late)
    pass_at(datetime(2027, 1, 6, 6, 59, tzinfo=UTC))
    assert receiver.received == []
    pass_at(datetime(2027, 1, 6, 7, 0, tzinfo=UTC))
    pass_at(datetime(2027, 1, 6, 7, 0, tzinfo=UTC))
    assert len(receiver.accepted()) == 1


def test_a_test_notification_she_asked_for_is_not_held(receiver, pass_at, off_shift_peer):
    device = db.session.scalar(select(PushSubscription))
    row = send_test(off_shift_peer, device)
    row.created_at = row.not_before = SATURDAY_11
    db.session.commit()
    pass_at(SATURDAY_11)
    assert [r.message["title"] for r in receiver.accepted()] == ["Test notification"]


def test_a_peer_worker_who_set_no_shifts_counts_as_working(factory, unit):
    peer = factory.user(role="peer_worker", unit=unit)
    assert quiet_hours.may_notify_now(peer, SATURDAY_11)
