"""Who rings whom for a phone session, and who is shown her number."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.services import bookings, phone_calls
from app.services.errors import DomainError
from tests.sessions_support import booked, weekly

NOW = datetime(2027, 5, 3, 8, tzinfo=UTC)  # Monday 3 May 2027, 09:00 in London
TUESDAY_10 = datetime(2027, 5, 4, 9, tzinfo=UTC)


@pytest.fixture
def people(app, factory, unit, frozen_now):
    frozen_now(NOW)
    unit.phone = "0118 496 0000"
    peer = factory.user("peer_worker", unit, display_name="Priya")
    weekly(peer, 1, "10:00", "13:00")
    mother = factory.user(
        "mother", unit, admitted_on=date(2027, 3, 1), discharged_on=date(2027, 5, 1)
    )
    mother.support_until = date(2027, 7, 1)
    return {"peer": peer, "mother": mother, "unit": unit}


def book(people, **call):
    return bookings.book_session(
        people["mother"],
        TUESDAY_10,
        people["peer"],
        link_for=lambda b: "/peer/",
        **call,
        baby_care="with_me",
    )


def actions():
    return [e.action for e in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def test_she_gives_a_number_or_rings_the_unit(people):
    assert book(people, mother_rings_unit=True).mother_rings_unit
    assert people["mother"].callback_phone is None  # nothing asked, nothing kept


@pytest.mark.parametrize(
    ("call", "field"),
    [
        ({}, "phone"),
        ({"phone": ""}, "phone"),
        ({"mother_rings_unit": True, "unit_phone": ""}, "call"),
    ],
)
def test_a_phone_session_needs_to_know_who_rings(people, call, field):
    people["unit"].phone = call.pop("unit_phone", people["unit"].phone)
    with pytest.raises(DomainError) as refused:
        book(people, **call)
    assert refused.value.field == field


def test_a_ward_session_asks_nothing_about_phones(people):
    people["mother"].discharged_on = None
    assert book(people).place == "ward"


def test_a_peer_worker_shown_her_number_is_recorded_once_per_session(people):
    mother, peer = people["mother"], people["peer"]
    ringing_her = booked(mother, peer, TUESDAY_10)
    ringing_her.place = "phone"
    she_rings = booked(mother, peer, datetime(2027, 5, 4, 11, tzinfo=UTC))
    she_rings.place, she_rings.mother_rings_unit = "phone", True
    phone_calls.numbers_shown(peer, [ringing_her, she_rings])
    assert actions() == []  # no number kept yet: nothing was shown
    phone_calls.save_number(mother, "07700 900123")
    phone_calls.numbers_shown(peer, [ringing_her, she_rings])
    assert actions() == ["account.phone_changed", "booking.phone_number_viewed"]
    phone_calls.save_number(mother, "07700 900123")  # unchanged: not recorded again
    phone_calls.save_number(mother, "")
    assert mother.callback_phone is None and actions()[-1] == "account.phone_changed"
