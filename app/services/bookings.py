"""Booking, cancelling and closing peer sessions.

The rules are checked here, and the database has the last word: a booking holds its
15-minute cells for the peer worker and the mother under a unique constraint, and the
booking table has partial unique indexes on live starts. When two people race for one
slot, the loser's flush or commit raises IntegrityError, which the view answers with
``SLOT_TAKEN``. On PostgreSQL the peer worker's row is locked first, so bookings of one
peer worker queue and the workload guard sees every committed minute.
"""

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import BabyCare, Booking, BookingCell, BookingStatus, Place, User
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.phone_calls import arrange_call
from app.services.rest_time import DURING_REST
from app.services.slots import (
    bookable_peer_workers,
    booking_days,
    cells,
    is_free,
    lock_peer_workers,
    plan_day,
)

SLOT_TAKEN = "That time was just taken. Choose another time."
ALREADY_BOOKED = "You have already booked this time. It is in your sessions."
NOT_OFFERED = "That time is not available. Choose another time."
CHOOSE_BABY_CARE = (
    "Select whether your baby will be with you or you would like a nursery nurse to mind your baby"
)


def baby_care_for(mother: User, answer: str | None) -> str | None:
    """Her answer to "Will your baby be with you?", required for a session on the ward.
    A phone session (after discharge) does not ask: her baby is at home with her."""
    if mother.is_discharged():
        return None
    if answer not in {choice.value for choice in BabyCare}:
        raise DomainError(CHOOSE_BABY_CARE, "baby_care")
    return answer


def ensure_can_book(mother: User, today) -> None:
    """A mother books only while her account is open and her support has not ended."""
    if not mother.is_mother or not mother.active:
        raise DomainError("This account cannot book sessions. Ask a member of staff.")
    if mother.support_ended(today):
        raise DomainError(
            "Your peer support has ended, so you cannot book sessions. "
            "Ask the unit if you would like more support."
        )


def book_session(
    mother: User,
    starts_at: datetime,
    peer_worker: User | None,
    topic: str = "",
    *,
    link_for: Callable[[Booking], str],
    mother_rings_unit: bool = False,
    phone: str = "",
    baby_care: str | None = None,
) -> Booking:
    """Book ``starts_at`` with ``peer_worker``, or with whoever is free when None. A phone
    session (after discharge) also says who rings whom: see ``phone_calls``. On the ward
    she says who minds her baby (``baby_care_for``)."""
    now = clock.now()
    unit = mother.unit
    today = clock.local_today(unit)
    ensure_can_book(mother, today)
    if starts_at <= now:
        raise DomainError("That time has passed. Choose another time.", "starts_at")
    day = starts_at.astimezone(unit.tz).date()
    if day not in booking_days(mother, today):
        raise DomainError(NOT_OFFERED, "starts_at")
    workers = bookable_peer_workers(unit)
    if peer_worker is not None:
        if peer_worker.unit_id != mother.unit_id or not peer_worker.is_peer_worker:
            raise DomainError("Choose who you would like to talk to.", "with_whom")
        if not peer_worker.active:
            raise DomainError(
                "That peer worker is not taking bookings. Choose another.", "with_whom"
            )
        workers = [peer_worker]
    if not workers:
        raise DomainError(NOT_OFFERED, "starts_at")
    lock_peer_workers([p.id for p in workers])
    if _already_booked(mother, starts_at):
        raise DomainError(ALREADY_BOOKED, "starts_at")
    plan = plan_day(mother, workers, day, now)
    free = [s for s in plan.free if s.starts_at == starts_at]
    if not free:
        if any(s.starts_at == starts_at for s in plan.taken):
            raise DomainError(SLOT_TAKEN, "starts_at")
        if any(s.starts_at == starts_at for s in plan.resting):
            raise DomainError(DURING_REST, "starts_at")
        raise DomainError(NOT_OFFERED, "starts_at")
    baby_care = baby_care_for(mother, baby_care)  # after the time: "just taken" comes first
    slot = free[0]
    chosen = next(p for p in workers if p.id == slot.peer_worker_id)
    booking = Booking(
        unit_id=unit.id,
        mother_id=mother.id,
        peer_worker_id=chosen.id,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        place=(Place.PHONE if mother.is_discharged() else Place.WARD).value,
        topic=topic,
        baby_care=baby_care,
        created_at=now,
    )
    booking.mother = mother
    if booking.place == Place.PHONE:
        arrange_call(booking, mother_rings_unit=mother_rings_unit, number=phone)
    db.session.add(booking)
    db.session.flush()
    hold_cells(booking)
    queue_notification(
        chosen,
        "booking.created",
        link_for(booking),
        when=booking.starts_at,
    )
    record_audit(mother, "booking.created", booking, f"peer worker {chosen.id}")
    return booking


def change_baby_care(mother: User, booking: Booking, answer: str | None) -> Booking:
    """She changes who minds her baby during a session on the ward, until it starts. The
    peer worker and staff see the new answer on their lists; nobody is notified."""
    if booking.mother_id != mother.id:
        raise DomainError("We could not find that session.")
    if booking.place != Place.WARD:
        raise DomainError("This is a phone session, so there is nothing to change.")
    _ensure_live_and_ahead(booking)
    booking.baby_care = baby_care_for(mother, answer)
    record_audit(mother, "booking.baby_care_changed", booking)
    return booking


def _already_booked(mother: User, starts_at: datetime) -> bool:
    return (
        db.session.scalar(
            select(Booking.id).where(
                Booking.mother_id == mother.id,
                Booking.starts_at == starts_at,
                Booking.status == BookingStatus.BOOKED.value,
            )
        )
        is not None
    )


def hold_cells(booking: Booking) -> None:
    for user_id in (booking.peer_worker_id, booking.mother_id):
        for cell in cells(booking.starts_at, booking.ends_at):
            db.session.add(
                BookingCell(
                    unit_id=booking.unit_id,
                    booking_id=booking.id,
                    user_id=user_id,
                    starts_at=cell,
                )
            )
    db.session.flush()


def _release_cells(booking: Booking) -> None:
    for cell in db.session.scalars(select(BookingCell).where(BookingCell.booking_id == booking.id)):
        db.session.delete(cell)
    db.session.flush()


def _ensure_live_and_ahead(booking: Booking) -> None:
    if booking.status != BookingStatus.BOOKED:
        raise DomainError("This session has already been cancelled or closed.")
    if booking.starts_at <= clock.now():
        raise DomainError("This session has already started, so it cannot be cancelled.")


def cancel_by_mother(mother: User, booking: Booking, *, link: str) -> Booking:
    """No minimum notice and no penalty: the time is free again at once."""
    if booking.mother_id != mother.id:
        raise DomainError("We could not find that session.")
    _ensure_live_and_ahead(booking)
    booking.status = BookingStatus.CANCELLED.value
    booking.cancelled_by_id = mother.id
    _release_cells(booking)
    queue_notification(
        booking.peer_worker,
        "booking.cancelled_by_mother",
        link,
        when=booking.starts_at,
    )
    record_audit(mother, "booking.cancelled_by_mother", booking)
    return booking


def cancel_by_peer(peer_worker: User, booking: Booking, reason: str, *, link: str) -> Booking:
    """A peer worker of the unit (or staff, for a closed account) cancels; the mother sees
    the reason."""
    if not (peer_worker.is_peer_worker or peer_worker.is_staff):
        raise DomainError("We could not find that session.")
    if booking.unit_id != peer_worker.unit_id:
        raise DomainError("We could not find that session.")
    if not reason.strip():
        raise DomainError("Tell her why the session is cancelled", "reason")
    _ensure_live_and_ahead(booking)
    booking.status = BookingStatus.CANCELLED.value
    booking.cancelled_by_id = peer_worker.id
    booking.cancel_reason = reason.strip()
    booking.changed_at = clock.now()
    _release_cells(booking)
    queue_notification(booking.mother, "booking.cancelled_by_peer", link)
    record_audit(peer_worker, "booking.cancelled_by_peer", booking)
    return booking


def hand_over(peer_worker: User, booking: Booking, partner: User, *, link: str) -> Booking:
    """Move a session to the peer worker's job-share partner, who must be free then (her
    windows, leave, sessions, groups and hours all count). The peer worker herself does
    this for her leave, or staff for a closed account. The mother is told."""
    staff_of_unit = peer_worker.is_staff and peer_worker.unit_id == booking.unit_id
    if booking.peer_worker_id != peer_worker.id and not staff_of_unit:
        raise DomainError("We could not find that session.")
    if partner.unit_id != booking.unit_id or partner.id == booking.peer_worker_id:
        raise DomainError("Choose who takes the session.", "choice")
    _ensure_live_and_ahead(booking)
    lock_peer_workers([booking.peer_worker_id, partner.id])
    if not is_free(partner, booking.starts_at, booking.ends_at):
        raise DomainError(
            f"{partner.display_name} is not free then any more. Choose again.", "choice"
        )
    _release_cells(booking)
    booking.previous_peer_worker_id, booking.peer_worker_id = booking.peer_worker_id, partner.id
    booking.changed_at = clock.now()
    db.session.flush()
    hold_cells(booking)
    queue_notification(booking.mother, "booking.handed_over", link)
    queue_notification(partner, "booking.created", link, when=booking.starts_at)
    record_audit(peer_worker, "booking.handed_over", booking, f"to peer worker {partner.id}")
    return booking


def record_outcome(peer_worker: User, booking: Booking, happened: bool) -> Booking:
    """Mark a session that has started as happened or did not happen (and correct it)."""
    if not peer_worker.is_peer_worker or booking.unit_id != peer_worker.unit_id:
        raise DomainError("We could not find that session.")
    if booking.status == BookingStatus.CANCELLED:
        raise DomainError("This session was cancelled.")
    if booking.starts_at > clock.now():
        raise DomainError("You can record what happened once the session has started.")
    booking.status = (BookingStatus.HAPPENED if happened else BookingStatus.DID_NOT_HAPPEN).value
    record_audit(peer_worker, f"booking.{booking.status}", booking)
    return booking


def booked_with(peer_worker: User, since: datetime, until: datetime) -> list[Booking]:
    """Her sessions still booked that start from ``since`` to before ``until``, in order."""
    return list(
        db.session.scalars(
            select(Booking)
            .options(joinedload(Booking.mother))
            .where(
                Booking.peer_worker_id == peer_worker.id,
                Booking.status == BookingStatus.BOOKED.value,
                Booking.starts_at >= since,
                Booking.starts_at < until,
            )
            .order_by(Booking.starts_at)
        )
    )


def mothers_sessions(mother: User) -> tuple[list[Booking], list[Booking]]:
    """Her upcoming live sessions, and her recent past or cancelled ones (latest first).

    A time she cancelled and booked again is one session to her: a cancelled copy is left
    out when another booking of the same time is listed (the latest copy stays)."""
    now = clock.now()
    rows = list(
        db.session.scalars(
            select(Booking)
            .options(joinedload(Booking.peer_worker))
            .where(Booking.mother_id == mother.id, Booking.unit_id == mother.unit_id)
            .order_by(Booking.starts_at, Booking.id)
        )
    )
    upcoming = [b for b in rows if b.status == BookingStatus.BOOKED and b.ends_at > now]
    listed = {b.starts_at for b in upcoming}
    others = []
    for booking in reversed(rows):
        if booking in upcoming:
            continue
        if booking.status == BookingStatus.CANCELLED and booking.starts_at in listed:
            continue
        listed.add(booking.starts_at)
        others.append(booking)
    return upcoming, others[:20]
