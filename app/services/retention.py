"""Retention: remove what a unit no longer needs once a mother's support has ended.

Each unit keeps a mother's records for ``unit.retention_months`` after her support ended
(her support-until date, or her discharge date when none was set). After that the purge
deletes her bookings (and their time cells), talk requests, handover note, plan for going
home, activation and recovery codes, her notifications and the sign-in failures that name
her username, her
group places and waiting-list entries, her points for the team's meeting, her calendar
feed, her devices subscribed to push notifications and her notification settings. It
also deletes any of the unit's delivered notifications older than the same period, the
feedback signing keys of weeks closed for answers, and the words of feedback comments
hidden longer ago than staff may restore them (services/feedback_moderation.py). Her
"get involved" opt-in stays: she gave that contact to be asked about volunteering after
her recovery, and she can withdraw it.

Her account is anonymised rather than deleted. The audit log is append-only by design
(``AuditEvent`` refuses updates and deletes) and its events point at her account as actor
or subject; deleting the row would mean rewriting the audit history the unit must keep.
Audit events never carry names or topics, so once the account row holds no name,
username, password, phone number or dates, nothing left identifies her, while the unit can still
show that records existed and when they were removed.

Mothers whose account was closed without a recorded discharge have no end date, so the
purge leaves them alone until staff record one. Services flush and never commit: the
``flask retention purge`` command commits once, or rolls back for ``--dry-run``.
"""

import calendar
from datetime import UTC, date, datetime, time

from sqlalchemy import delete, func, select

from app.extensions import db
from app.models import (
    ActivationCode,
    Booking,
    BookingCell,
    CalendarFeed,
    FeedbackKey,
    GoingHomePlan,
    HandoverNote,
    LoginFailure,
    Notification,
    NotificationPreference,
    PushSubscription,
    RecoveryCode,
    Role,
    SignUp,
    TalkRequest,
    Unit,
    User,
    VoicePoint,
)
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.feedback_moderation import erase_hidden_comments
from app.services.feedback_report import answers_close
from app.services.sign_in import username_failure_keys
from app.services.sign_in_sessions import end_sessions

SHORTEST, LONGEST = 1, 120
ANONYMISED_NAME = "Former mother"


def months_before(day: date, months: int) -> date:
    """The same day ``months`` earlier (the month's last day when it is shorter)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def mothers_past_retention(unit: Unit, today: date) -> list[User]:
    cutoff = months_before(today, unit.retention_months)
    support_ended_on = func.coalesce(User.support_until, User.discharged_on)
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.unit_id == unit.id,
                User.role == Role.MOTHER.value,
                User.anonymised_at.is_(None),
                User.discharged_on.is_not(None),
                support_ended_on < cutoff,
            )
            .order_by(User.id)
        )
    )


def _remove(model, condition, dry_run: bool) -> int:
    if dry_run:
        return db.session.scalar(select(func.count()).select_from(model).where(condition))
    result = db.session.execute(
        delete(model).where(condition).execution_options(synchronize_session=False)
    )
    return result.rowcount


def _anonymise(mother: User) -> None:
    mother.display_name = ANONYMISED_NAME
    mother.username = f"removed-{mother.id}"
    mother.password_hash = None
    mother.active = False
    end_sessions(mother)  # ends any session still open
    mother.admitted_on = mother.discharged_on = mother.support_until = None
    mother.callback_phone = None
    mother.changes_seen_at = mother.about_seen_at = None
    mother.discharge_feedback_asked_for = None
    mother.rest_from = mother.rest_until = None
    mother.community_team_name = mother.community_team_phone = ""
    mother.totp_secret = mother.mfa_enabled_at = mother.totp_last_step = None
    mother.anonymised_at = clock.now()


def purge_unit(unit: Unit, dry_run: bool = False) -> dict[str, int]:
    """Remove (or, with ``dry_run``, count) what is past the unit's retention period."""
    today = clock.local_today(unit)
    mothers = mothers_past_retention(unit, today)
    ids = [m.id for m in mothers]
    their_bookings = select(Booking.id).where(Booking.mother_id.in_(ids))
    keys = [key for m in mothers for key in username_failure_keys(m.username)]
    cutoff = datetime.combine(months_before(today, unit.retention_months), time(), tzinfo=UTC)
    counts = {"mothers": len(mothers)}
    counts["booking cells"] = _remove(
        BookingCell, BookingCell.booking_id.in_(their_bookings), dry_run
    )
    counts["bookings"] = _remove(Booking, Booking.mother_id.in_(ids), dry_run)
    counts["talk requests"] = _remove(TalkRequest, TalkRequest.mother_id.in_(ids), dry_run)
    counts["handover notes"] = _remove(HandoverNote, HandoverNote.mother_id.in_(ids), dry_run)
    counts["plans for going home"] = _remove(
        GoingHomePlan, GoingHomePlan.mother_id.in_(ids), dry_run
    )
    counts["activation codes"] = _remove(ActivationCode, ActivationCode.user_id.in_(ids), dry_run)
    counts["recovery codes"] = _remove(RecoveryCode, RecoveryCode.user_id.in_(ids), dry_run)
    counts["sign-in failures"] = _remove(LoginFailure, LoginFailure.key.in_(keys), dry_run)
    counts["group places"] = _remove(SignUp, SignUp.mother_id.in_(ids), dry_run)
    counts["voice points"] = _remove(VoicePoint, VoicePoint.mother_id.in_(ids), dry_run)
    counts["calendar feeds"] = _remove(CalendarFeed, CalendarFeed.user_id.in_(ids), dry_run)
    counts["push devices"] = _remove(PushSubscription, PushSubscription.user_id.in_(ids), dry_run)
    counts["notification settings"] = _remove(
        NotificationPreference, NotificationPreference.user_id.in_(ids), dry_run
    )
    counts["notifications"] = _remove(
        Notification,
        (Notification.unit_id == unit.id)
        & (Notification.user_id.in_(ids) | (Notification.sent_at < cutoff)),
        dry_run,
    )
    # A week is closed once answers_close(week) <= today: its key signs nothing that counts.
    open_for = answers_close(today) - today
    counts["feedback keys"] = _remove(
        FeedbackKey,
        (FeedbackKey.unit_id == unit.id) & (FeedbackKey.week <= today - open_for),
        dry_run,
    )
    if not dry_run:
        for mother in mothers:
            _anonymise(mother)
        record_audit(None, "retention.purged", unit, describe(counts), unit_id=unit.id)
        db.session.flush()
    # After the audit event, which never tells anything about feedback.
    counts["hidden comments"] = erase_hidden_comments(unit, today, dry_run)
    return counts


def purge_all(dry_run: bool = False) -> dict[Unit, dict[str, int]]:
    """Every unit in turn: one audit event per unit (none for a dry run)."""
    units = db.session.scalars(select(Unit).order_by(Unit.id)).all()
    return {unit: purge_unit(unit, dry_run) for unit in units}


def describe(counts: dict[str, int]) -> str:
    return ", ".join(f"{name} {number}" for name, number in counts.items())


def set_retention_months(actor: User, months: int) -> None:
    if not SHORTEST <= months <= LONGEST:
        raise DomainError(
            f"Enter a number of months between {SHORTEST} and {LONGEST}", "retention_months"
        )
    actor.unit.retention_months = months
    record_audit(actor, "unit.retention_changed", actor.unit, f"months={months}")
