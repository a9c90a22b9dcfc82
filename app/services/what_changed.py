"""What a mother's home tells her until she has seen it.

Sessions a peer worker cancelled or handed to her job-share partner, and group dates she
has a place at that were cancelled or moved, stay on her home until she says she has seen
them (``User.changes_seen_at``) or their time has passed; so do the team's answers to
her points for its meeting ("You asked ... The team said ..."). A freed group place held for her
shows until the hold ends, with one tap to take it: it needs an answer, not a glance.
"""

from dataclasses import dataclass

from sqlalchemy import and_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import (
    Activity,
    ActivityChange,
    Booking,
    BookingStatus,
    SignUp,
    User,
    VoicePoint,
)
from app.services import clock
from app.services.recurrence import MAX_MOVE, Occurrence, occurrence_on

PLACE_HOLDERS = ("booked", "offered")  # who is told when a date changes
# A place and a change of the same date of a group.
SAME_DATE = and_(
    SignUp.activity_id == ActivityChange.activity_id, SignUp.on_date == ActivityChange.on_date
)


@dataclass(frozen=True)
class GroupChange:
    occurrence: Occurrence  # as it stands now: cancelled, or at its new time
    was_moved: bool


def _unseen(column, mother: User):
    seen = mother.changes_seen_at
    return column.is_not(None) if seen is None else column > seen


@dataclass(frozen=True)
class SessionsToCome:
    next: Booking | None  # her next session booked
    changed: list[Booking]  # still to come, cancelled or handed over by someone else, unseen


def sessions_to_come(mother: User) -> SessionsToCome:
    """Her next session, and her sessions still to come that someone else cancelled or
    handed over since she last looked: one query (she books a fortnight ahead at most)."""
    now, seen = clock.now(), mother.changes_seen_at
    ahead = list(
        db.session.scalars(
            select(Booking)
            .options(
                joinedload(Booking.peer_worker),
                joinedload(Booking.previous_peer_worker),
                joinedload(Booking.cancelled_by),
            )
            .where(
                Booking.mother_id == mother.id,
                Booking.ends_at > now,
                Booking.status.in_((BookingStatus.BOOKED.value, BookingStatus.CANCELLED.value)),
            )
            .order_by(Booking.starts_at, Booking.id)
        )
    )
    booked = [b for b in ahead if b.status == BookingStatus.BOOKED]

    def changed_by_someone_else(b: Booking) -> bool:
        if b.starts_at <= now or b.changed_at is None or (seen and b.changed_at <= seen):
            return False
        if b.status == BookingStatus.CANCELLED:
            return b.cancelled_by_id is not None and b.cancelled_by_id != mother.id
        return b.previous_peer_worker_id is not None

    return SessionsToCome(
        next=booked[0] if booked else None,
        changed=[b for b in ahead if changed_by_someone_else(b)],
    )


def changed_groups(mother: User) -> list[GroupChange]:
    """Group dates she holds a place at that were cancelled or moved since she last looked,
    and that have not happened yet. One query, whatever the timetable holds."""
    now, tz = clock.now(), mother.unit.tz
    rows = db.session.execute(
        select(ActivityChange, Activity)
        .join(Activity, Activity.id == ActivityChange.activity_id)
        .join(SignUp, SAME_DATE)
        .where(
            SignUp.mother_id == mother.id,
            SignUp.status.in_(PLACE_HOLDERS),
            SignUp.on_date >= clock.local_today(mother.unit) - MAX_MOVE,
            ActivityChange.status.in_(("cancelled", "moved")),
            _unseen(ActivityChange.changed_at, mother),
        )
    ).tuples()
    found = []
    for change, activity in rows:
        occurrence = occurrence_on(activity, change.on_date, change, tz)
        if occurrence.starts_at > now:
            found.append(GroupChange(occurrence, was_moved=change.status == "moved"))
    return sorted(found, key=lambda c: c.occurrence.starts_at)


def answered_points(mother: User) -> list[VoicePoint]:
    """Her points the team answered since she last looked, latest first."""
    return list(
        db.session.scalars(
            select(VoicePoint)
            .where(
                VoicePoint.mother_id == mother.id,
                VoicePoint.state == "raised",
                _unseen(VoicePoint.answered_at, mother),
            )
            .order_by(VoicePoint.answered_at.desc(), VoicePoint.id.desc())
        )
    )


def offered_places(mother: User) -> list[tuple[Occurrence, SignUp]]:
    """Freed places held for her that she can still take, soonest first. One query."""
    now, tz = clock.now(), mother.unit.tz
    rows = db.session.execute(
        select(SignUp, Activity, ActivityChange)
        .join(Activity, Activity.id == SignUp.activity_id)
        .outerjoin(ActivityChange, SAME_DATE)
        .where(
            SignUp.mother_id == mother.id,
            SignUp.status == "offered",
            SignUp.offer_expires_at > now,
        )
    ).tuples()
    found = [(occurrence_on(a, row.on_date, change, tz), row) for row, a, change in rows]
    return sorted(
        ((o, row) for o, row in found if not o.is_cancelled and o.starts_at > now),
        key=lambda pair: pair[0].starts_at,
    )


def mark_seen(mother: User) -> None:
    mother.changes_seen_at = clock.now()
