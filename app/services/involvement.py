"""Mothers who would like to hear about ways to get involved (volunteering, peer work).

Kept apart from feedback on purpose: nothing here reads or writes feedback tables. It is
personal data she chose to give, so every change she makes and every time staff open the
list is written to the audit log, and withdrawing deletes her contact.
"""

from sqlalchemy import select

from app.extensions import db
from app.models import AuditEvent, InvolvementInterest, User
from app.services import clock
from app.services.audit import record_audit

AUDIT_PREFIX = "involvement."


def interest_of(mother) -> InvolvementInterest | None:
    return db.session.scalar(
        select(InvolvementInterest).where(InvolvementInterest.user_id == mother.id)
    )


def save_interest(mother, contact: str) -> InvolvementInterest:
    interest = interest_of(mother)
    if interest is None:
        interest = InvolvementInterest(unit_id=mother.unit_id, user_id=mother.id, contact=contact)
        db.session.add(interest)
        action = "involvement.opted_in"
    else:
        interest.contact = contact
        interest.updated_at = clock.now()
        action = "involvement.contact_changed"
    db.session.flush()
    record_audit(mother, action, interest)
    return interest


def withdraw_interest(mother) -> bool:
    interest = interest_of(mother)
    if interest is None:
        return False
    record_audit(mother, "involvement.withdrawn", interest)
    db.session.delete(interest)
    db.session.flush()
    return True


def interests_for_staff(staff) -> list[InvolvementInterest]:
    """The unit's opt-ins; opening the list is itself recorded."""
    record_audit(staff, "involvement.list_viewed")
    return list(
        db.session.scalars(
            select(InvolvementInterest)
            .join(User, User.id == InvolvementInterest.user_id)
            .where(InvolvementInterest.unit_id == staff.unit_id)
            .order_by(User.display_name)
        )
    )


def involvement_audit_trail(unit_id: int, limit: int = 100):
    return db.session.execute(
        select(AuditEvent, User.display_name)
        .outerjoin(User, User.id == AuditEvent.actor_id)
        .where(AuditEvent.unit_id == unit_id, AuditEvent.action.startswith(AUDIT_PREFIX))
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(limit)
    ).all()
