"""The plan's rules in the service itself: who may use it, what it refuses, what it
audits, and the contacts and sessions it builds."""

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent
from app.services import discharge_feedback, going_home
from app.services.errors import DomainError
from tests.factories import BookingFactory


@pytest.fixture
def people(factory, unit, other_unit):
    return {
        "mother": factory.user("mother", unit),
        "sister": factory.user("mother", unit),
        "peer": factory.user("peer_worker", unit),
        "staff": factory.user("staff", unit),
        "other_peer": factory.user("peer_worker", other_unit),
    }


def test_only_she_and_her_units_peer_workers_may_use_her_plan(people):
    mother = people["mother"]
    assert going_home.may_use(mother, mother) and going_home.may_use(people["peer"], mother)
    for someone in ("sister", "staff", "other_peer"):
        assert not going_home.may_use(people[someone], mother), someone
        with pytest.raises(DomainError):
            going_home.save_plan(people[someone], mother, what_helped="x")
    assert not going_home.may_use(people["peer"], people["peer"])  # not a mother


def test_peer_workers_read_it_only_while_the_unit_supports_her(people, frozen_now):
    frozen_now(datetime(2027, 3, 10, 10, tzinfo=UTC))
    mother, peer = people["mother"], people["peer"]
    mother.discharged_on, mother.support_until = date(2027, 2, 1), date(2027, 3, 10)
    assert going_home.may_use(peer, mother)  # her last day of support
    mother.support_until = date(2027, 3, 9)
    assert not going_home.may_use(peer, mother)
    assert going_home.may_use(mother, mother)  # hers still, while she can sign in
    mother.support_until, mother.active = None, False
    mother.discharged_on = None
    assert not going_home.may_use(peer, mother)  # a closed account


@pytest.mark.parametrize(
    ("name", "value"),
    [("what_helped", "x" * 1001), ("warning_signs", "a\x07b"), ("health_visitor_name", "n" * 61)],
)
def test_the_service_refuses_what_a_form_might_miss(people, name, value):
    with pytest.raises(DomainError) as refused:
        going_home.save_plan(people["mother"], people["mother"], **{name: value})
    assert refused.value.field == name
    assert going_home.plan_of(people["mother"]) is None


def test_an_unknown_part_is_refused(people):
    with pytest.raises(DomainError):
        going_home.save_plan(people["mother"], people["mother"], unit_id="2")


def test_a_change_is_audited_by_role_and_part_never_by_words(people):
    mother, peer = people["mother"], people["peer"]
    going_home.save_plan(mother, mother, what_helped="The garden", warning_signs="")
    going_home.save_plan(peer, mother, what_helped="The garden", warning_signs="No sleep")
    details = db.session.scalars(
        select(AuditEvent.detail).where(AuditEvent.action == "going_home_plan.changed")
    ).all()
    assert details == ["by=her parts=what_helped", "by=peer_worker parts=warning_signs"]


def test_contacts_for_a_mother_on_the_unit(people, unit):
    groups = going_home.plan_contacts(people["mother"], None, date(2027, 3, 10))
    headings = [g.heading for g in groups]
    assert headings == [
        "The unit",
        "Your community perinatal team",
        "Your health visitor",
        "If you need help now, day or night",
    ]
    assert groups[0].contacts[0].number == unit.phone
    assert groups[1].contacts == [] and groups[2].contacts == []
    assert [c.number for c in groups[3].contacts] == ["111", "116 123"]


def test_no_unit_number_once_her_support_has_ended(people):
    mother = people["mother"]
    mother.discharged_on, mother.support_until = date(2027, 1, 1), date(2027, 3, 1)
    headings = [g.heading for g in going_home.plan_contacts(mother, None, date(2027, 3, 10))]
    assert "The unit" not in headings


def test_phone_sessions_end_with_her_support_until_day_in_the_units_time(people):
    mother, peer = people["mother"], people["peer"]
    mother.discharged_on, mother.support_until = date(2027, 3, 3), date(2027, 3, 31)
    late = BookingFactory(
        mother=mother,
        peer_worker=peer,
        place="phone",
        starts_at=datetime(2027, 3, 31, 22, tzinfo=UTC),
    )  # 23:00 in London (BST from 28 March): still her last day
    BookingFactory(
        mother=mother,
        peer_worker=peer,
        place="phone",
        starts_at=datetime(2027, 3, 31, 23, tzinfo=UTC),
    )  # midnight: the day after
    BookingFactory(mother=mother, peer_worker=peer, place="ward")
    assert going_home.phone_sessions(mother) == [late]


def test_the_stay_ask_follows_her_discharge_date(people):
    mother = people["mother"]
    assert not discharge_feedback.should_ask(mother)
    mother.discharged_on = date(2027, 3, 9)
    assert discharge_feedback.should_ask(mother)
    discharge_feedback.mark_asked(mother)
    assert mother.discharge_feedback_asked_for == date(2027, 3, 9)
    assert not discharge_feedback.should_ask(mother)
    discharge_feedback.mark_asked(people["sister"])  # on the unit: nothing to mark
    assert people["sister"].discharge_feedback_asked_for is None
