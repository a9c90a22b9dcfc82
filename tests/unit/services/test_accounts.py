from datetime import date

import pytest

from app.models import Role, User
from app.services import accounts, sign_in_sessions
from app.services.errors import DomainError


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
    accounts.deactivate_account(staff, mother)
    assert not mother.active and sign_in_sessions.sessions_of(mother) == []
    with pytest.raises(DomainError):
        accounts.deactivate_account(staff, staff)
