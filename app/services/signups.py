"""Places at a group: sign up within capacity, withdraw, and a short waiting list.

Capacity is held by the database, not only by this code: a place is a seat number from 1
to the capacity, unique per occurrence (see SignUp). Two requests that read the same free
seat both try to insert it; the second one fails on the unique constraint inside a
savepoint and tries the next free seat, until none is left. The waiting list is first
come, first served by a position that only grows; a freed place is offered to the first
in line, held for her for a while, then passed on.
"""

from collections import Counter
from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.extensions import db
from app.models import Activity, SignUp, User
from app.services import clock
from app.services.errors import DomainError
from app.services.notifications import queue_notification
from app.services.recurrence import MAX_MOVE, Occurrence, occurrences_between

WAITING_LIST_LENGTH = 5
OFFER_HELD_FOR = timedelta(hours=12)


class GroupFull(DomainError):
    def __init__(self):
        super().__init__("Sorry, this group is full. You can join the waiting list.")


def _rows(occurrence: Occurrence):
    return select(SignUp).where(
        SignUp.activity_id == occurrence.activity.id, SignUp.on_date == occurrence.on_date
    )


def own_row(mother: User, occurrence: Occurrence) -> SignUp | None:
    return db.session.scalar(_rows(occurrence).where(SignUp.mother_id == mother.id))


def _refuse_unjoinable(mother: User, occurrence: Occurrence) -> None:
    if mother.is_discharged() and not occurrence.activity.open_to_discharged:
        raise DomainError(
            "This group is for mothers on the unit. Groups open to mothers after discharge "
            "are shown on your timetable."
        )
    if occurrence.is_cancelled:
        raise DomainError("This group is cancelled on that date")
    if occurrence.starts_at <= clock.now():
        raise DomainError("This group has already started")


def _insert(row_values: dict) -> SignUp | None:
    """Insert in a savepoint; None when a unique constraint said no."""
    row = SignUp(**row_values)
    try:
        with db.session.begin_nested():
            db.session.add(row)
    except IntegrityError:
        return None
    return row


def sign_up(mother: User, occurrence: Occurrence, *, link: str) -> SignUp:
    """Take a place, or accept the place offered to her."""
    _refuse_unjoinable(mother, occurrence)
    release_expired_offers(occurrence, link=link)
    existing = own_row(mother, occurrence)
    if existing is not None:
        if existing.status == "offered":
            existing.status, existing.offer_expires_at = "booked", None
            db.session.flush()
            return existing
        if existing.status == "booked":
            raise DomainError("You already have a place")
        raise DomainError("You are on the waiting list. We will tell you if a place frees up")
    capacity = occurrence.activity.capacity
    values = dict(
        unit_id=mother.unit_id,
        activity_id=occurrence.activity.id,
        on_date=occurrence.on_date,
        mother_id=mother.id,
        status="booked",
    )
    if capacity is None:
        row = _insert(values)
        if row is None:
            raise DomainError("You already have a place")
        return row
    for _attempt in range(capacity + 1):
        taken = set(
            db.session.scalars(
                select(SignUp.seat).where(
                    SignUp.activity_id == occurrence.activity.id,
                    SignUp.on_date == occurrence.on_date,
                    SignUp.seat.is_not(None),
                )
            )
        )
        free = next((s for s in range(1, capacity + 1) if s not in taken), None)
        if free is None:
            raise GroupFull()
        row = _insert({**values, "seat": free})
        if row is not None:
            return row
        if own_row(mother, occurrence) is not None:  # a second press of the same button
            raise DomainError("You already have a place")
    raise GroupFull()


def join_waiting_list(mother: User, occurrence: Occurrence, *, link: str) -> SignUp:
    _refuse_unjoinable(mother, occurrence)
    release_expired_offers(occurrence, link=link)
    if own_row(mother, occurrence) is not None:
        raise DomainError("You already have a place or are on the waiting list")
    capacity = occurrence.activity.capacity
    held = _count(occurrence, SignUp.seat.is_not(None))
    if capacity is None or held < capacity:
        raise DomainError("There is a place free: sign up instead")
    for _attempt in range(WAITING_LIST_LENGTH + 1):
        waiting = _count(occurrence, SignUp.status == "waiting")
        if waiting >= WAITING_LIST_LENGTH:
            raise DomainError("Sorry, the waiting list is full")
        last = db.session.scalar(
            select(func.max(SignUp.position)).where(
                SignUp.activity_id == occurrence.activity.id,
                SignUp.on_date == occurrence.on_date,
            )
        )
        row = _insert(
            dict(
                unit_id=mother.unit_id,
                activity_id=occurrence.activity.id,
                on_date=occurrence.on_date,
                mother_id=mother.id,
                status="waiting",
                position=(last or 0) + 1,
            )
        )
        if row is not None:
            return row
        if own_row(mother, occurrence) is not None:
            raise DomainError("You already have a place or are on the waiting list")
    raise DomainError("Sorry, the waiting list is full")


def _count(occurrence: Occurrence, *criteria) -> int:
    return db.session.scalar(
        select(func.count())
        .select_from(SignUp)
        .where(
            SignUp.activity_id == occurrence.activity.id,
            SignUp.on_date == occurrence.on_date,
            *criteria,
        )
    )


def withdraw(mother: User, occurrence: Occurrence, *, link: str) -> SignUp | None:
    """Give up a place, an offer or a place in line. A freed place goes to the first in
    line. Returns the offer made, if any."""
    row = own_row(mother, occurrence)
    if row is None:
        raise DomainError("You are not signed up for this")
    if occurrence.starts_at <= clock.now():
        raise DomainError("This group has already started")
    seat = row.seat
    db.session.delete(row)
    db.session.flush()
    if seat is None or occurrence.is_cancelled:
        return None
    return offer_next(occurrence, seat, link=link)


def release_places(mother: User, *criteria, link: str) -> int:
    """Give up her places, offers and places in line at groups still to come (those
    matching ``criteria``), each as if she had withdrawn, so a freed place goes to the
    first in line. Past ones stay as history. Returns how many were given up."""
    today = clock.local_today(mother.unit)
    mine = set(
        db.session.execute(
            select(SignUp.activity_id, SignUp.on_date).where(
                SignUp.mother_id == mother.id, SignUp.on_date >= today - MAX_MOVE
            )
        ).tuples()
    )
    if not mine:
        return 0
    last = max(on_date for _, on_date in mine) + MAX_MOVE
    ids = {activity_id for activity_id, _ in mine}
    to_come = [
        o
        for o in occurrences_between(mother.unit, today, last, Activity.id.in_(ids), *criteria)
        if o.key in mine and o.starts_at > clock.now()
    ]
    for occurrence in to_come:
        withdraw(mother, occurrence, link=link)
    return len(to_come)


def offer_next(occurrence: Occurrence, seat: int, *, link: str) -> SignUp | None:
    first = db.session.scalar(
        _rows(occurrence).where(SignUp.status == "waiting").order_by(SignUp.position).limit(1)
    )
    if first is None:
        return None
    first.status, first.seat, first.position = "offered", seat, None
    first.offer_expires_at = min(clock.now() + OFFER_HELD_FOR, occurrence.starts_at)
    db.session.flush()
    queue_notification(first.mother, "waitlist.offered", link)
    return first


def release_expired_offers(occurrence: Occurrence, *, link: str) -> None:
    """An offer not taken in time passes to the next in line."""
    expired = db.session.scalars(
        _rows(occurrence)
        .where(SignUp.status == "offered", SignUp.offer_expires_at <= clock.now())
        .order_by(SignUp.offer_expires_at)
    ).all()
    for row in expired:
        seat = row.seat
        db.session.delete(row)
        db.session.flush()
        offer_next(occurrence, seat, link=link)


def held_counts(unit, on_dates) -> Counter:
    """Places held (booked or offered) and people waiting on these series dates, per
    occurrence key, in one query: {(activity_id, on_date, "held"|"waiting"): n}."""
    held = SignUp.status != "waiting"
    rows = db.session.execute(
        select(SignUp.activity_id, SignUp.on_date, held.label("held"), func.count())
        .where(SignUp.unit_id == unit.id, SignUp.on_date.in_(sorted(set(on_dates))))
        .group_by(SignUp.activity_id, SignUp.on_date, held)
    )
    return Counter({(a, d, "held" if is_held else "waiting"): n for a, d, is_held, n in rows})


def rows_of_mother(mother: User, on_dates) -> dict:
    """Her places and waiting-list rows on these series dates, by occurrence key."""
    rows = db.session.scalars(
        select(SignUp).where(
            SignUp.mother_id == mother.id, SignUp.on_date.in_(sorted(set(on_dates)))
        )
    )
    return {(r.activity_id, r.on_date): r for r in rows}


def attendees(occurrence: Occurrence) -> list[SignUp]:
    return list(
        db.session.scalars(
            _rows(occurrence)
            .join(User, User.id == SignUp.mother_id)
            .order_by(SignUp.status, SignUp.position, User.display_name)
        )
    )


def offer_new_places(occurrence: Occurrence, *, link: str) -> list[SignUp]:
    """After the group grows, offer its new places to the waiting list, first in line
    first; with no limit any more, everyone waiting is offered a place."""
    if occurrence.is_cancelled or occurrence.starts_at <= clock.now():
        return []
    capacity = occurrence.activity.capacity
    if capacity is None:
        free = [None] * _count(occurrence, SignUp.status == "waiting")
    else:
        taken = set(
            db.session.scalars(
                select(SignUp.seat).where(
                    SignUp.activity_id == occurrence.activity.id,
                    SignUp.on_date == occurrence.on_date,
                    SignUp.seat.is_not(None),
                )
            )
        )
        free = [s for s in range(1, capacity + 1) if s not in taken]
    offers = []
    for seat in free:
        offer = offer_next(occurrence, seat, link=link)
        if offer is None:
            break
        offers.append(offer)
    return offers
