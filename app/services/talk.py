""" "I'd like to talk today": a one-tap request the peer workers on shift see first."""

from flask import url_for
from sqlalchemy import select

from app.extensions import db
from app.models import TalkRequest, User
from app.services import clock
from app.services.audit import record_audit
from app.services.bookings import ensure_can_book
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.slots import bookable_peer_workers, offered_slots

ALREADY_ASKED = "You have already asked today. A peer worker will get in touch with you."


def open_request_today(mother: User) -> TalkRequest | None:
    return db.session.scalar(
        select(TalkRequest).where(
            TalkRequest.mother_id == mother.id,
            TalkRequest.on_day == clock.local_today(mother.unit),
            TalkRequest.answered_at.is_(None),
        )
    )


def on_shift_today(unit) -> list[User]:
    """Peer workers who offer sessions today and are not on leave."""
    workers = bookable_peer_workers(unit)
    today = clock.local_today(unit)
    working = {s.peer_worker_id for s in offered_slots(workers, today, unit.tz)}
    return [w for w in workers if w.id in working]


def request_talk(mother: User) -> TalkRequest:
    today = clock.local_today(mother.unit)
    ensure_can_book(mother, today)
    if open_request_today(mother) is not None:
        raise DomainError(ALREADY_ASKED)
    request = TalkRequest(unit_id=mother.unit_id, mother_id=mother.id, on_day=today)
    db.session.add(request)
    db.session.flush()
    # Off-shift workers are not pinged; with nobody on shift, everyone sees it next shift.
    for worker in on_shift_today(mother.unit) or bookable_peer_workers(mother.unit):
        queue_notification(worker, "talk.requested", url_for("caseload.caseload"))
    record_audit(mother, "talk.requested", request)
    return request


def answer_talk(peer_worker: User, request: TalkRequest) -> TalkRequest:
    if request.unit_id != peer_worker.unit_id or not peer_worker.is_peer_worker:
        raise DomainError("We could not find that request.")
    if request.answered_at is not None:
        raise DomainError("This request has already been answered.")
    request.answered_at = clock.now()
    request.answered_by_id = peer_worker.id
    record_audit(peer_worker, "talk.answered", request)
    return request
