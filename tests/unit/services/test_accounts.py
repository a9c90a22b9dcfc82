from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, Notification, Role, SignUp, User
from app.services import accounts, sign_in_sessions
from app.services.errors import DomainError
from tests.factories import ActivityFactory, SignUpFactory


def test_support_ends_the_day_after_support_until():
    mother = User(role="mother", discharged_on=date(2027, 1, 1), support_until=date(2027, 3, 1))
    assert not mother.support_ended(date(2027, 3, 1))
    assert mother.support_ended(date(2027, 3, 2))


def test_admitted_mothers_and_other_roles_never_expire():
    assert not User(role="mother", discharged_on=None).support_ended(date(2099, 1, 1))
    assert not User(role="staff").support_ended(date(2099, 1, 1))


def test_codes_are_typeable_and_normalised():
    assert accounts.normalise_code(" abcd-efgh jk23 ") == "ABCDEFGHJK23"
    assert accounts.format_code("ABCDEFGHJK23") == "ABCD-EFGH-JK23"
    assert not set(accounts.CODE_ALPHABET) & set("01OIL")


def test_usernames_are_checked_and_unique(app, factory, unit):
    staff = factory.user(role="staff", unit=unit)
    with pytest.raises(DomainError, match="lower case"):
        accounts.create_account(staff, role=Role.MOTHER, display_name="A", username="A B")
    user = accounts.create_account(staff, role=Role.MOTHER, display_name="Amy", username=" Amy.W ")
    assert user.username == "amy.w" and user.unit_id == unit.id
    with pytest.raises(DomainError, match="already taken"):
        accounts.create_account(staff, role=Role.STAFF, display_name="B", username="amy.w")


def test_only_the_role_fields_that_apply_are_kept(app, factory, unit):
    staff = factory.user(role="staff", unit=unit)
    peer = accounts.create_account(
        staff,
        role=Role.PEER_WORKER,
        display_name="P",
        username="peer.p",
        admitted_on=date(2026, 1, 1),
        contracted_minutes=600,
    )
    assert peer.admitted_on is None and peer.contracted_minutes == 600


def test_deactivation_ends_every_sign_in_session(app, factory, unit):
    staff = factory.user(role="staff", unit=unit)
    mother = factory.user(role="mother", unit=unit)
    for _ in range(2):
        sign_in_sessions.open_session(mother)
    accounts.deactivate_account(staff, mother, link="/timetable/")
    assert not mother.active and sign_in_sessions.sessions_of(mother) == []
    with pytest.raises(DomainError):
        accounts.deactivate_account(staff, staff, link="/timetable/")


NOW = datetime(2026, 6, 1, 8, 0, tzinfo=UTC)  # a Monday, 09:00 in London
LINK = "/timetable/"
SOON = date(2026, 6, 3)


@pytest.fixture
def full_group(app, factory, unit, frozen_now):
    """A group with both places taken on SOON, two mothers waiting, and the first mother's
    place of last week kept as history."""
    frozen_now(NOW)
    staff = factory.user(role="staff", unit=unit)
    group = ActivityFactory(unit=unit, capacity=2, starts_on=date(2026, 5, 1))
    holder, other, first, second = (factory.user(role="mother", unit=unit) for _ in range(4))
    SignUpFactory(activity=group, on_date=SOON, mother=holder, seat=1)
    SignUpFactory(activity=group, on_date=SOON, mother=other, seat=2)
    SignUpFactory(activity=group, on_date=SOON, mother=first, status="waiting", position=1)
    SignUpFactory(activity=group, on_date=SOON, mother=second, status="waiting", position=2)
    SignUpFactory(activity=group, on_date=date(2026, 5, 25), mother=holder, seat=1)
    return staff, group, holder, first


def places(group, day=SOON):
    rows = db.session.scalars(
        select(SignUp).where(SignUp.activity_id == group.id, SignUp.on_date == day)
    )
    return {r.mother_id: (r.status, r.seat) for r in rows}


def offers_to(mother):
    return db.session.scalars(
        select(Notification.url).where(
            Notification.user_id == mother.id, Notification.kind == "waitlist.offered"
        )
    ).all()


def last_audit_detail(action):
    return db.session.scalar(
        select(AuditEvent.detail).where(AuditEvent.action == action).order_by(AuditEvent.id.desc())
    )


def test_closing_an_account_offers_her_place_to_the_first_in_line(full_group):
    staff, group, holder, first = full_group
    accounts.deactivate_account(staff, holder, link=LINK)
    assert holder.id not in places(group)
    assert places(group)[first.id] == ("offered", 1)
    assert offers_to(first) == [LINK]
    assert places(group, date(2026, 5, 25)) == {holder.id: ("booked", 1)}  # history stays
    assert last_audit_detail("account.deactivated") == "places_released=1"


def test_closing_an_account_passes_on_the_place_she_was_offered(full_group, unit):
    staff, group, holder, first = full_group
    accounts.deactivate_account(staff, holder, link=LINK)
    accounts.deactivate_account(staff, first, link=LINK)
    assert first.id not in places(group)
    assert sorted(places(group).values()) == [("booked", 2), ("offered", 1)]


def test_discharge_gives_up_places_and_waiting_rows_on_the_unit(full_group, unit):
    staff, group, holder, first = full_group
    phone_group = ActivityFactory(unit=unit, title="Phone group", open_to_discharged=True)
    SignUpFactory(activity=phone_group, on_date=SOON, mother=first, seat=1)
    SignUpFactory(activity=group, on_date=date(2026, 6, 5), mother=first, seat=1)
    accounts.record_discharge(staff, first, date(2026, 6, 1), date(2026, 8, 1), link=LINK)
    assert first.id not in places(group)
    assert first.id not in places(group, date(2026, 6, 5))
    assert places(phone_group) == {first.id: ("booked", 1)}  # open to her after discharge
    accounts.record_discharge(staff, holder, date(2026, 6, 1), date(2026, 8, 1), link=LINK)
    assert holder.id not in places(group)
    assert places(group, date(2026, 5, 25)) == {holder.id: ("booked", 1)}
    assert sorted(places(group).values()) == [("booked", 2), ("offered", 1)]
    assert "places_released=1" in last_audit_detail("mother.discharged")


def test_a_place_at_a_group_already_started_stays(full_group, frozen_now):
    staff, group, holder, first = full_group
    frozen_now(datetime(2026, 6, 3, 9, 30, tzinfo=UTC))  # 10:30 in London, during the group
    accounts.deactivate_account(staff, holder, link=LINK)
    assert places(group)[holder.id] == ("booked", 1)
    assert offers_to(first) == []
