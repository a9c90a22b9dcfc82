"""The booking rules, each checked against the service and, where it matters, the database."""

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import AuditEvent, Booking, BookingCell, Notification
from app.services import bookings
from app.services.errors import DomainError
from tests.factories import BookingFactory
from tests.sessions_support import booked, leave, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
LINK = "/me/sessions"  # the page a notification opens
TUESDAY_10 = datetime(2027, 5, 4, 9, tzinfo=UTC)  # 10:00 London


@pytest.fixture
def world(app, factory, unit, other_unit, frozen_now):
    frozen_now(NOW)
    peer = factory.user("peer_worker", unit, display_name="Priya", contracted_minutes=120)
    other_peer = factory.user("peer_worker", unit, display_name="Grace")
    weekly(peer, 1, "10:00", "13:00")
    return {
        "mother": factory.user("mother", unit, admitted_on=date(2027, 4, 20)),
        "peer": peer,
        "other_peer": other_peer,
        "stranger": factory.user("mother", other_unit, admitted_on=date(2027, 4, 20)),
    }


def session_link(booking):
    return f"/peer/sessions/{booking.id}"


def count(model, *criteria):
    return db.session.scalar(select(func.count()).select_from(model).where(*criteria))


def test_booking_a_free_slot_holds_cells_and_writes_outbox_and_audit(world):
    booking = bookings.book_session(
        world["mother"],
        TUESDAY_10,
        world["peer"],
        "sleep",
        link_for=session_link,
        baby_care="with_me",
    )
    db.session.commit()
    assert (booking.peer_worker_id, booking.place, booking.topic) == (
        world["peer"].id,
        "ward",
        "sleep",
    )
    assert booking.ends_at - booking.starts_at == timedelta(minutes=60)
    assert count(BookingCell, BookingCell.booking_id == booking.id) == 8
    note = db.session.scalar(select(Notification))
    assert (note.user_id, note.kind) == (world["peer"].id, "booking.created")
    assert "sleep" not in note.title + note.body and world["mother"].display_name not in note.body
    assert note.body == "A session at 10:00 on Tuesday 4 May"
    assert count(AuditEvent, AuditEvent.action == "booking.created") == 1


def test_a_discharged_mother_books_by_phone(world):
    mother = world["mother"]
    mother.discharged_on, mother.support_until = date(2027, 5, 1), date(2027, 6, 1)
    booking = bookings.book_session(
        mother, TUESDAY_10, None, link_for=session_link, phone="07700 900123", baby_care="with_me"
    )
    assert booking.place == "phone" and not booking.mother_rings_unit
    assert mother.callback_phone == "07700 900123"  # kept for next time


def refused(world, starts_at=TUESDAY_10, peer="peer", mother="mother", topic=""):
    before = count(Booking), count(Notification), count(AuditEvent)
    with pytest.raises(DomainError) as caught:
        bookings.book_session(
            world[mother],
            starts_at,
            world[peer] if peer else None,
            topic,
            link_for=session_link,
            baby_care="with_me",
        )
    db.session.rollback()
    assert (count(Booking), count(Notification), count(AuditEvent)) == before
    return caught.value.message


def test_no_booking_in_the_past(world, frozen_now):
    frozen_now(TUESDAY_10 + timedelta(minutes=1))
    assert refused(world) == "That time has passed. Choose another time."


@pytest.mark.parametrize(
    "starts_at",
    [
        TUESDAY_10 + timedelta(minutes=5),  # off the grid
        TUESDAY_10 + timedelta(hours=3),  # 13:00, the window has ended
        TUESDAY_10 + timedelta(days=1),  # Wednesday, no window
        TUESDAY_10 + timedelta(days=14),  # beyond the next 14 days
    ],
)
def test_no_booking_outside_availability(world, starts_at):
    assert refused(world, starts_at) == bookings.NOT_OFFERED


def test_no_booking_on_leave(world):
    leave(world["peer"], date(2027, 5, 3), date(2027, 5, 5))
    assert refused(world) == bookings.NOT_OFFERED


def test_no_booking_past_the_workload_limit(world, factory, unit):
    other_mother = factory.user("mother", unit)
    booked(other_mother, world["peer"], TUESDAY_10 + timedelta(hours=1))
    booked(other_mother, world["peer"], datetime(2027, 5, 3, 12, tzinfo=UTC), status="happened")
    assert refused(world) == bookings.NOT_OFFERED  # 2 of 2 contracted hours this week
    next_week = TUESDAY_10 + timedelta(days=7)
    assert bookings.book_session(
        world["mother"], next_week, world["peer"], link_for=session_link, baby_care="with_me"
    ).id


def test_no_booking_for_a_mother_of_another_unit(world):
    assert refused(world, mother="stranger") == "Choose who you would like to talk to."
    assert refused(world, mother="stranger", peer=None) == bookings.NOT_OFFERED


def test_no_booking_for_a_deactivated_account(world):
    world["mother"].active = False
    assert "cannot book" in refused(world)


def test_no_booking_once_support_has_ended(world):
    world["mother"].discharged_on = date(2027, 4, 1)
    world["mother"].support_until = date(2027, 5, 1)
    assert "support has ended" in refused(world)


def test_no_booking_after_support_ends_within_the_fortnight(world):
    world["mother"].discharged_on = date(2027, 4, 1)
    world["mother"].support_until = date(2027, 5, 3)
    assert refused(world) == bookings.NOT_OFFERED


def test_no_booking_with_a_peer_worker_who_has_left(world):
    world["peer"].active = False
    assert "not taking bookings" in refused(world)


def test_a_taken_slot_is_just_taken_and_her_own_twice_is_already_booked(world, factory, unit):
    bookings.book_session(
        world["mother"], TUESDAY_10, world["peer"], link_for=session_link, baby_care="with_me"
    )
    db.session.commit()
    assert refused(world) == bookings.ALREADY_BOOKED
    world["second"] = factory.user("mother", unit)
    assert refused(world, mother="second") == bookings.SLOT_TAKEN


def test_whoever_is_free_finds_the_other_worker(world, factory, unit):
    weekly(world["other_peer"], 1, "10:00", "11:00")
    bookings.book_session(
        factory.user("mother", unit),
        TUESDAY_10,
        world["peer"],
        link_for=session_link,
        baby_care="with_me",
    )
    booking = bookings.book_session(
        world["mother"], TUESDAY_10, None, link_for=session_link, baby_care="with_me"
    )
    assert booking.peer_worker_id == world["other_peer"].id


def test_the_database_refuses_a_second_live_booking_at_one_start(world, factory, unit):
    booked(world["mother"], world["peer"], TUESDAY_10)
    db.session.add(
        BookingFactory.build(
            mother=factory.user("mother", unit),
            peer_worker=world["peer"],
            starts_at=TUESDAY_10,
            minutes=30,
        )
    )
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_the_database_refuses_an_overlap_at_another_start(world, factory, unit):
    booked(world["mother"], world["peer"], TUESDAY_10)  # 10:00 to 11:00
    with pytest.raises(IntegrityError):
        booked(factory.user("mother", unit), world["peer"], TUESDAY_10 + timedelta(minutes=30))
    db.session.rollback()
    with pytest.raises(IntegrityError):  # the same mother, another peer worker, 10:45
        booked(world["mother"], world["other_peer"], TUESDAY_10 + timedelta(minutes=45), 30)
    db.session.rollback()


def test_a_mother_cancels_with_no_notice_and_the_slot_is_free_again(
    world, factory, unit, frozen_now
):
    booking = bookings.book_session(
        world["mother"], TUESDAY_10, world["peer"], link_for=session_link, baby_care="with_me"
    )
    db.session.commit()
    frozen_now(TUESDAY_10 - timedelta(minutes=1))
    bookings.cancel_by_mother(world["mother"], booking, link=LINK)
    db.session.commit()
    assert booking.status == "cancelled" and count(BookingCell) == 0
    kinds = set(db.session.scalars(select(Notification.kind)))
    assert "booking.cancelled_by_mother" in kinds
    assert count(AuditEvent, AuditEvent.action == "booking.cancelled_by_mother") == 1
    again = bookings.book_session(
        factory.user("mother", unit),
        TUESDAY_10,
        world["peer"],
        link_for=session_link,
        baby_care="with_me",
    )
    assert again.starts_at == TUESDAY_10


def test_a_mother_cannot_cancel_someone_elses_or_a_past_session(world, factory, unit, frozen_now):
    booking = bookings.book_session(
        world["mother"], TUESDAY_10, world["peer"], link_for=session_link, baby_care="with_me"
    )
    with pytest.raises(DomainError):
        bookings.cancel_by_mother(factory.user("mother", unit), booking, link=LINK)
    frozen_now(TUESDAY_10)
    with pytest.raises(DomainError):
        bookings.cancel_by_mother(world["mother"], booking, link=LINK)


def test_a_peer_worker_cancels_with_a_reason_the_mother_is_told(world):
    booking = bookings.book_session(
        world["mother"], TUESDAY_10, world["peer"], link_for=session_link, baby_care="with_me"
    )
    with pytest.raises(DomainError):
        bookings.cancel_by_peer(world["other_peer"], booking, "  ", link=LINK)
    bookings.cancel_by_peer(world["other_peer"], booking, "Priya is unwell today", link=LINK)
    assert booking.cancel_reason == "Priya is unwell today" and count(BookingCell) == 0
    note = db.session.scalar(
        select(Notification).where(Notification.kind == "booking.cancelled_by_peer")
    )
    assert note.user_id == world["mother"].id and "unwell" not in note.body


def test_outcome_only_once_the_session_has_started(world, frozen_now):
    booking = bookings.book_session(
        world["mother"], TUESDAY_10, world["peer"], link_for=session_link, baby_care="with_me"
    )
    with pytest.raises(DomainError):
        bookings.record_outcome(world["peer"], booking, True)
    frozen_now(TUESDAY_10 + timedelta(minutes=50))
    bookings.record_outcome(world["peer"], booking, False)
    assert booking.status == "did_not_happen"
    bookings.record_outcome(world["peer"], booking, True)
    assert booking.status == "happened"
