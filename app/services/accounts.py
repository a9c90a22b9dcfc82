"""Accounts of a unit: creation by staff, activation codes, admission and discharge."""

import hashlib
import re
import secrets
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import select

from app.extensions import db
from app.models import ActivationCode, Activity, Role, User
from app.services import clock, signups
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.passwords import check_password_policy, hash_password
from app.services.sign_in_sessions import end_sessions

USERNAME_PATTERN = re.compile(r"^[a-z0-9][a-z0-9.\-]{2,39}$")
# No 0/O, 1/I/L: the code is typed from paper by someone who is tired.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 12
SUPPORT_AT_MOST = timedelta(days=365)  # after today: a later date is most likely a typing slip


def normalise_username(username: str) -> str:
    return username.strip().lower()


def normalise_code(code: str) -> str:
    return re.sub(r"[\s\-]", "", code).upper()


def _hash_code(code: str) -> str:
    return hashlib.sha256(normalise_code(code).encode()).hexdigest()


def format_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def create_account(
    actor: User,
    *,
    role: Role,
    display_name: str,
    username: str,
    admitted_on: date | None = None,
    contracted_minutes: int | None = None,
) -> User:
    username = normalise_username(username)
    if not USERNAME_PATTERN.match(username):
        raise DomainError(
            "Username must be 3 to 40 lower case letters, numbers, dots or hyphens",
            "username",
        )
    if db.session.scalar(select(User.id).where(User.username == username)) is not None:
        raise DomainError("That username is already taken. Choose another", "username")
    user = User(
        unit_id=actor.unit_id,
        role=role.value,
        display_name=display_name.strip(),
        username=username,
        admitted_on=admitted_on if role == Role.MOTHER else None,
        contracted_minutes=contracted_minutes if role == Role.PEER_WORKER else None,
    )
    db.session.add(user)
    db.session.flush()
    record_audit(actor, "account.created", user, f"role={role.value}")
    return user


def issue_activation_code(actor: User, user: User) -> str:
    """Make a new one-time code for ``user``; earlier unused codes stop working."""
    for old in db.session.scalars(
        select(ActivationCode).where(
            ActivationCode.user_id == user.id, ActivationCode.used_at.is_(None)
        )
    ):
        old.used_at = clock.now()
    code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
    now = clock.now()
    db.session.add(
        ActivationCode(
            unit_id=user.unit_id,
            user_id=user.id,
            code_hash=_hash_code(code),
            created_at=now,
            expires_at=now + timedelta(days=current_app.config["ACTIVATION_CODE_DAYS"]),
            created_by_id=actor.id,
        )
    )
    record_audit(actor, "account.activation_code_issued", user)
    return code


def find_usable_code(code: str) -> ActivationCode:
    if len(normalise_code(code)) != CODE_LENGTH:
        raise DomainError("Enter the 12 character code you were given", "code")
    found = db.session.scalar(
        select(ActivationCode).where(ActivationCode.code_hash == _hash_code(code))
    )
    if found is None:
        raise DomainError("That code is not right. Check it, or ask staff for a new one", "code")
    if found.used_at is not None:
        raise DomainError("That code has already been used. Ask staff for a new one", "code")
    if found.expires_at < clock.now():
        raise DomainError("That code has expired. Ask staff for a new one", "code")
    if not found.user.active:
        raise DomainError("This account is closed. Ask staff if you need help", "code")
    return found


def activate_account(code: str, password: str) -> User:
    """Use a one-time code to set a password. Ends any session the account had."""
    activation = find_usable_code(code)
    user = activation.user
    if user.support_ended(clock.local_today(user.unit)):
        raise DomainError("Your support from this unit has ended, so this code no longer works")
    check_password_policy(password, user.username)
    activation.used_at = clock.now()
    user.password_hash = hash_password(password)
    end_sessions(user)
    record_audit(user, "account.activated", user)
    return user


def record_discharge(
    actor: User, mother: User, discharged_on: date, support_until: date, *, link: str
):
    """Her places at groups for mothers on the unit are given up at once (see
    signups.release_places); those open to mothers after discharge she keeps."""
    check_discharge(mother, discharged_on, support_until)
    mother.discharged_on = discharged_on
    mother.support_until = support_until
    released = signups.release_places(mother, Activity.open_to_discharged.is_(False), link=link)
    record_audit(
        actor,
        "mother.discharged",
        mother,
        f"support_until={support_until} places_released={released}",
    )


def check_discharge(mother: User, discharged_on: date, support_until: date):
    """Raise DomainError if this discharge would be refused; changes nothing."""
    if not mother.is_mother:
        raise DomainError("Only a mother can be discharged")
    if mother.admitted_on and discharged_on < mother.admitted_on:
        raise DomainError("Discharge date must be on or after the admission date", "discharged_on")
    _check_support_until(mother, discharged_on, support_until)


def change_support_until(actor: User, mother: User, support_until: date):
    if not mother.is_discharged():
        raise DomainError(
            "Only a mother who has been discharged has a support until date", "support_until"
        )
    _check_support_until(mother, mother.discharged_on, support_until)
    mother.support_until = support_until
    record_audit(actor, "mother.support_until_changed", mother, f"support_until={support_until}")


def set_community_team(actor: User, mother: User, name: str, phone: str):
    """Who she can call after discharge beside the unit (her help page shows it)."""
    if not mother.is_discharged():
        raise DomainError("Record her discharge first", "community_team_name")
    if name and not phone:
        raise DomainError("Enter their phone number", "community_team_phone")
    mother.community_team_name, mother.community_team_phone = name, phone
    record_audit(actor, "mother.community_team_changed", mother)


def _check_support_until(mother: User, discharged_on: date, support_until: date):
    if support_until < discharged_on:
        raise DomainError("Support until must be on or after the discharge date", "support_until")
    latest = clock.local_today(mother.unit) + SUPPORT_AT_MOST
    if support_until > latest:
        raise DomainError(
            f"Support until must be no later than {latest:%-d %B %Y}, a year from today",
            "support_until",
        )


def change_contracted_minutes(actor: User, peer_worker: User, minutes: int):
    if not peer_worker.is_peer_worker:
        raise DomainError("Only a peer support worker has contracted hours", "contracted_hours")
    peer_worker.contracted_minutes = minutes
    record_audit(actor, "peer_worker.hours_changed", peer_worker, f"contracted_minutes={minutes}")


def record_readmission(actor: User, mother: User, admitted_on: date):
    if not mother.is_mother:
        raise DomainError("Only a mother can be admitted")
    mother.admitted_on = admitted_on
    mother.discharged_on = None
    mother.support_until = None
    record_audit(actor, "mother.admitted", mother)


def deactivate_account(actor: User, user: User, *, link: str):
    """Her sessions end and her places at groups still to come are given up at once."""
    if user.id == actor.id:
        raise DomainError("You cannot close your own account")
    user.active = False
    end_sessions(user)
    released = signups.release_places(user, link=link)
    record_audit(actor, "account.deactivated", user, f"places_released={released}")


def reactivate_account(actor: User, user: User):
    user.active = True
    record_audit(actor, "account.reactivated", user)
