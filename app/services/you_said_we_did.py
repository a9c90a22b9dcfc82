"""'You said, we did': what staff changed in answer to feedback, shown to mothers."""

from sqlalchemy import select

from app.extensions import db
from app.models import YouSaidWeDid
from app.models.feedback import TOPICS
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError


def preview_response(staff, topic: str, you_said: str, we_did: str) -> YouSaidWeDid:
    """The response as it would be published today, not saved."""
    if topic not in TOPICS:
        raise DomainError("Select one of the topics shown", "topic")
    return YouSaidWeDid(
        unit_id=staff.unit_id,
        topic=topic,
        you_said=you_said,
        we_did=we_did,
        published_on=clock.local_today(staff.unit),
        published_by_id=staff.id,
    )


def publish_response(staff, topic: str, you_said: str, we_did: str) -> YouSaidWeDid:
    response = preview_response(staff, topic, you_said, we_did)
    db.session.add(response)
    db.session.flush()
    record_audit(staff, "you_said_we_did.published", response)
    return response


def remove_response(staff, response: YouSaidWeDid) -> None:
    """Take a published response down (a mistake, or out of date)."""
    record_audit(staff, "you_said_we_did.removed", response)
    db.session.delete(response)
    db.session.flush()


def published_responses(unit_id: int, limit: int = 50) -> list[YouSaidWeDid]:
    return list(
        db.session.scalars(
            select(YouSaidWeDid)
            .where(YouSaidWeDid.unit_id == unit_id)
            .order_by(YouSaidWeDid.published_on.desc(), YouSaidWeDid.id.desc())
            .limit(limit)
        )
    )
