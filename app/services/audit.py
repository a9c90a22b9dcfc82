from app.extensions import db
from app.models import AuditEvent


def record_audit(actor, action: str, subject=None, detail: str = "", unit_id: int | None = None):
    """Append an audit event in the caller's transaction. Never used for feedback."""
    event = AuditEvent(
        unit_id=unit_id if unit_id is not None else actor.unit_id,
        actor_id=actor.id if actor is not None else None,
        action=action,
        # __class__, not type(): a subject may be flask-login's current_user, a proxy
        # that answers __class__ with the account's own class.
        subject_type=subject.__class__.__name__ if subject is not None else "",
        subject_id=getattr(subject, "id", None),
        detail=detail[:200],
    )
    db.session.add(event)
    return event
