"""Two-step sign-in for staff and peer workers: an authenticator app (TOTP) plus
one-time recovery codes. Mothers keep password-only sign-in (see the README)."""

import hashlib
import secrets

import pyotp
from sqlalchemy import select, update

from app.extensions import db
from app.models import RecoveryCode, User
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.sign_in_sessions import end_other_sessions

ISSUER = "NHS MBU Peer support"
RECOVERY_CODE_COUNT = 10


def _hash(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").replace(" ", "").lower().encode()).hexdigest()


def begin_enrolment(user: User) -> str:
    """Give the user a new, not yet active, secret; returns the otpauth:// address for a QR."""
    if not user.may_use_mfa:
        raise DomainError("Two-step sign-in is for staff and peer support workers")
    if user.mfa_enabled:
        raise DomainError("Two-step sign-in is already on")
    user.totp_secret = pyotp.random_base32()
    return provisioning_uri(user)


def provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name=ISSUER)


WRONG_CODE = "That code is not right. Enter the 6 numbers your app shows now"
JUST_USED = "That code was just used. Wait for the next one."


def _accept_totp(user: User, code: str) -> bool:
    """A current code (30 seconds either side), never the same time step twice: a code
    of the step last accepted for her account, or of an earlier one, is refused with
    ``JUST_USED``, so that she knows to wait rather than to retype it."""
    code = code.replace(" ", "")
    if not (user.totp_secret and code.isdigit() and len(code) == 6):
        return False
    totp = pyotp.TOTP(user.totp_secret)
    now = clock.now()
    for offset in (0, -30, 30):
        step = totp.timecode(now) + offset // 30
        if secrets.compare_digest(totp.generate_otp(step), code):
            if user.totp_last_step is not None and step <= user.totp_last_step:
                raise DomainError(JUST_USED, "code")
            user.totp_last_step = step
            return True
    return False


def confirm_enrolment(user: User, code: str) -> list[str]:
    """Turn two-step sign-in on once the app shows a right code; returns recovery codes."""
    if user.mfa_enabled or not user.totp_secret:
        raise DomainError("Start setting up two-step sign-in again", "code")
    if not _accept_totp(user, code):
        raise DomainError(WRONG_CODE, "code")
    user.mfa_enabled_at = clock.now()
    end_other_sessions(user)  # signed in elsewhere with the password alone: sign in again
    record_audit(user, "mfa.enabled", user)
    return _new_recovery_codes(user)


def _new_recovery_codes(user: User) -> list[str]:
    db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .values(used_at=clock.now())
    )
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    db.session.add_all(
        RecoveryCode(unit_id=user.unit_id, user_id=user.id, code_hash=_hash(c)) for c in codes
    )
    return codes


def verify_second_step(user: User, code: str) -> bool:
    """True for a current authenticator code or an unused recovery code (then spent);
    a code just used raises DomainError."""
    if _accept_totp(user, code):
        return True
    found = db.session.scalar(
        select(RecoveryCode).where(
            RecoveryCode.user_id == user.id,
            RecoveryCode.code_hash == _hash(code),
            RecoveryCode.used_at.is_(None),
        )
    )
    if found is None:
        return False
    found.used_at = clock.now()
    record_audit(user, "mfa.recovery_code_used", user)
    return True


def reset_mfa(actor: User, user: User) -> None:
    """Staff turn it off for someone who lost her phone; she sets it up again."""
    user.totp_secret = None
    user.mfa_enabled_at = None
    db.session.execute(
        update(RecoveryCode)
        .where(RecoveryCode.user_id == user.id, RecoveryCode.used_at.is_(None))
        .values(used_at=clock.now())
    )
    record_audit(actor, "mfa.reset", user)


def set_unit_requirement(actor: User, required: bool) -> None:
    actor.unit.require_staff_mfa = required
    record_audit(actor, "unit.mfa_required" if required else "unit.mfa_optional", actor.unit)


def must_enrol(user: User) -> bool:
    return user.may_use_mfa and user.unit.require_staff_mfa and not user.mfa_enabled
