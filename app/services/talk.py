""" "I'd like to talk": a one-tap request the peer workers on shift see first.

Asked outside working hours, it waits for the next shift: the peer workers' list shows
every open request whatever its day, and so does her home, until it is answered or she
withdraws it.
"""

from datetime import datetime, timedelta

from sqlalchemy import select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Notification, TalkRequest, User
from app.services import clock
from app.services.audit import record_audit
from app.services.bookings import ensure_can_book
from app.services.clock import day_bounds
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.slots import BOOKING_DAYS, bookable_peer_workers, offered_slots_by_day

ALREADY_ASKED = "You have already asked today. A peer worker will get in touch with you."


def _still_open(mother: User):
    """Not yet answered, and made in the last fortnight."""
    return (
        TalkRequest.on_day > clock.local_today(mother.unit) - timedelta(days=BOOKING_DAYS)
    ) & TalkRequest.answered_at.is_(None)


def open_request(mother: User) -> TalkRequest | None:
    """Her request not yet answered, made in the last fortnight."""
    return db.session.scalar(
        select(TalkRequest)
        .where(TalkRequest.mother_id == mother.id, _still_open(mother))
        .order_by(TalkRequest.created_at.desc())
        .limit(1)
    )


def request_to_show(mother: User) -> TalkRequest | None:
    """What her home shows: her open request, or one a peer worker answered today. One
    query: she asks at most once a day, so this reads a fortnight's requests at most."""
    answered_today = (
        TalkRequest.answered_at >= (day_bounds(clock.local_today(mother.unit), mother.unit.tz)[0])
    )
    found = list(
        db.session.scalars(
            select(TalkRequest)
            .options(joinedload(TalkRequest.answered_by))
            .where(TalkRequest.mother_id == mother.id, _still_open(mother) | answered_today)
            .order_by(TalkRequest.created_at.desc())
        )
    )
    still_open = [r for r in found if r.answered_at is None]
    if still_open:
        return still_open[0]
    return max(found, key=lambda r: r.answered_at, default=None)


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


def next_shift(unit) -> datetime | None:
    """When a peer worker is next on shift: now if one is, or None in the next fortnight."""
    now = clock.now()
    moments = [next_on_shift(worker, now) for worker in bookable_peer_workers(unit)]
    return min((m for m in moments if m is not None), default=None)


def is_working_today(unit, moment: datetime | None) -> bool:
    return moment is not None and moment.astimezone(unit.tz).date() == clock.local_today(unit)


def request_talk(mother: User, *, link: str) -> TalkRequest:
    today = clock.local_today(mother.unit)
    ensure_can_book(mother, today)
    if open_request(mother) is not None:
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


def withdraw_talk(mother: User, request: TalkRequest) -> None:
    """She no longer needs to talk: the request goes, and so do the peer workers'
    notifications still waiting for a shift, unless another mother is waiting too."""
    if request.mother_id != mother.id or request.answered_at is not None:
        raise DomainError("We could not find that request.")
    db.session.delete(request)
    db.session.flush()
    others = db.session.scalar(
        select(TalkRequest.id).where(
            TalkRequest.unit_id == mother.unit_id, TalkRequest.answered_at.is_(None)
        )
    )
    if others is None:
        db.session.execute(
            update(Notification)
            .where(
                Notification.unit_id == mother.unit_id,
                Notification.kind == "talk.requested",
                Notification.status.in_(("pending", "held")),
            )
            .values(status="withdrawn")
        )
    record_audit(mother, "talk.withdrawn", mother)
