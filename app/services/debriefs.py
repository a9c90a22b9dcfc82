""" "I'd like a debrief": after a hard session a peer worker asks with one tap. Her line
manager is told (or, with none set, every member of staff of her unit), on the lock
screen only "A colleague would like a debrief". It waits on staff home until a member
of staff marks it answered; she sees where it stands on her home.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import DebriefRequest, User
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.supervision import MeetingStatus, line_manager_of, statuses_of, unit_staff

ANSWERED_SHOWN_FOR = timedelta(days=7)  # how long her home shows an answered request


def open_debrief_of(peer_worker: User) -> DebriefRequest | None:
    return db.session.scalar(
        select(DebriefRequest).where(
            DebriefRequest.peer_worker_id == peer_worker.id, DebriefRequest.answered_at.is_(None)
        )
    )


def ask_for_debrief(peer_worker: User, link: str) -> tuple[DebriefRequest, bool]:
    """Her open request, and whether it is new (asking again tells nobody twice)."""
    found = open_debrief_of(peer_worker)
    if found is not None:
        return found, False
    request = DebriefRequest(unit_id=peer_worker.unit_id, peer_worker_id=peer_worker.id)
    db.session.add(request)
    db.session.flush()
    manager = line_manager_of(peer_worker)
    for person in [manager] if manager else unit_staff(peer_worker.unit):
        queue_notification(person, "debrief.requested", link)
    record_audit(peer_worker, "debrief.requested", request)
    return request, True


def answer_debrief(staff: User, request: DebriefRequest) -> None:
    if request.answered_at is not None:
        raise DomainError(f"{request.answered_by.display_name} has answered this already.")
    request.answered_at = clock.now()
    request.answered_by = staff
    db.session.flush()
    record_audit(staff, "debrief.answered", request)


def open_debriefs(unit) -> list[DebriefRequest]:
    """Every request of the unit not yet answered, oldest first (staff home)."""
    return list(
        db.session.scalars(
            select(DebriefRequest)
            .options(joinedload(DebriefRequest.peer_worker))
            .where(DebriefRequest.unit_id == unit.id, DebriefRequest.answered_at.is_(None))
            .order_by(DebriefRequest.asked_at)
        )
    )


def debrief_to_show(peer_worker: User) -> DebriefRequest | None:
    """What her home shows: her open request, or one answered in the last week."""
    return db.session.scalar(
        select(DebriefRequest)
        .options(joinedload(DebriefRequest.answered_by))
        .where(
            DebriefRequest.peer_worker_id == peer_worker.id,
            DebriefRequest.answered_at.is_(None)
            | (DebriefRequest.answered_at >= clock.now() - ANSWERED_SHOWN_FOR),
        )
        .order_by(DebriefRequest.answered_at.is_(None).desc(), DebriefRequest.asked_at.desc())
        .limit(1)
    )


@dataclass
class PeerSupport:
    """What her home shows about her support: both meeting statuses, her last debrief
    request, and her line manager."""

    today: date
    statuses: list[MeetingStatus]
    debrief: DebriefRequest | None
    line_manager: User | None


def peer_support(peer_worker: User) -> PeerSupport:
    return PeerSupport(
        clock.local_today(peer_worker.unit),
        statuses_of([peer_worker])[peer_worker.id],
        debrief_to_show(peer_worker),
        line_manager_of(peer_worker),
    )
