""" "I'd like to talk today": a one-tap request the peer workers on shift see first."""

from datetime import datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import TalkRequest, User
from app.services import clock
from app.services.audit import record_audit
from app.services.bookings import ensure_can_book
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.slots import BOOKING_DAYS, bookable_peer_workers, offered_slots_by_day

ALREADY_ASKED = "You have already asked today. A peer worker will get in touch with you."


def open_request_today(mother: User) -> TalkRequest | None:
    return db.session.scalar(
        select(TalkRequest).where(
            TalkRequest.mother_id == mother.id,
            TalkRequest.on_day == clock.local_today(mother.unit),
            TalkRequest.answered_at.is_(None),
        )
    )


def next_on_shift(worker: User, now: datetime) -> datetime | None:
    """When she is next on shift: now if she is, else the start of her next shift.

    A shift is the span from her first to her last slot of a day; None when she has no
    shift in the next fortnight (on leave, or no availability).
    """
    unit = worker.unit
    today = clock.local_today(unit)
    days = [today + timedelta(days=offset) for offset in range(BOOKING_DAYS)]
    for slots in offered_slots_by_day([worker], days, unit.tz).values():
        if slots and slots[-1].ends_at > now:
            return max(slots[0].starts_at, now)
    return None


def someone_working_today(unit) -> bool:
    """Whether any peer worker is on shift now or later today."""
    now, today = clock.now(), clock.local_today(unit)
    return any(
        (moment := next_on_shift(worker, now)) is not None
        and moment.astimezone(unit.tz).date() == today
        for worker in bookable_peer_workers(unit)
    )


def request_talk(mother: User, *, link: str) -> TalkRequest:
    today = clock.local_today(mother.unit)
    ensure_can_book(mother, today)
    if open_request_today(mother) is not None:
        raise DomainError(ALREADY_ASKED)
    request = TalkRequest(
        unit_id=mother.unit_id, mother_id=mother.id, on_day=today, created_at=clock.now()
    )
    db.session.add(request)
    db.session.flush()
    # Off shift she is not pinged: her notification waits for her next shift. When nobody
    # has a shift in the fortnight, every peer worker is told at once.
    now = clock.now()
    workers = bookable_peer_workers(mother.unit)
    due = {w: next_on_shift(w, now) for w in workers}
    if all(moment is None for moment in due.values()):
        due = dict.fromkeys(workers, now)
    for worker, moment in due.items():
        if moment is not None:
            row = queue_notification(worker, "talk.requested", link)
            row.not_before = moment
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
