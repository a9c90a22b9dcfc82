"""The peer worker's caseload and today view, in a fixed number of queries.

Who needs attention comes first: mothers with an open "I'd like to talk" request (oldest
first), then mothers with nothing booked and no session in the last week, then everyone
else by her next session.
"""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Booking, BookingStatus, GoingHomePlan, HandoverNote, Place, TalkRequest, User
from app.services import clock
from app.services.audit import record_audit
from app.services.clock import day_bounds
from app.services.errors import DomainError
from app.services.hours import WeekHours, week_hours_for
from app.services.people import supported_mothers
from app.services.slots import BOOKING_DAYS

QUIET_DAYS = 7
NEVER = datetime.min.replace(tzinfo=UTC)  # sorts first: never had a session
NOTE_LENGTH = 500


@dataclass
class CaseloadEntry:
    mother: User
    next_session: Booking | None = None
    last_session: Booking | None = None
    open_requests: list[TalkRequest] = field(default_factory=list)
    note: HandoverNote | None = None
    plan_changed_at: datetime | None = None  # her plan for going home, if she has one

    def quiet(self, now: datetime) -> bool:
        recent = self.last_session and self.last_session.starts_at > now - timedelta(QUIET_DAYS)
        return self.next_session is None and not recent

    def attention_key(self, now: datetime):
        if self.open_requests:
            return (0, self.open_requests[0].created_at)
        if self.quiet(now):
            return (1, self.last_session.starts_at if self.last_session else NEVER)
        far = self.next_session.starts_at if self.next_session else now + timedelta(days=3650)
        return (2, far)


def caseload(peer_worker: User) -> list[CaseloadEntry]:
    unit, now = peer_worker.unit, clock.now()
    mothers = supported_mothers(unit, clock.local_today(unit))
    entries = {m.id: CaseloadEntry(m) for m in mothers}
    ids = list(entries)
    bookings = db.session.scalars(
        select(Booking)
        .options(joinedload(Booking.peer_worker))
        .where(
            Booking.unit_id == unit.id,
            Booking.mother_id.in_(ids),
            Booking.status != BookingStatus.CANCELLED.value,
        )
        .order_by(Booking.starts_at)
    )
    for booking in bookings:
        entry = entries[booking.mother_id]
        if booking.starts_at > now and booking.status == BookingStatus.BOOKED:
            entry.next_session = entry.next_session or booking
        elif booking.starts_at <= now:
            entry.last_session = booking
    requests = db.session.scalars(
        select(TalkRequest)
        .where(
            TalkRequest.unit_id == unit.id,
            TalkRequest.mother_id.in_(ids),
            TalkRequest.answered_at.is_(None),
        )
        .order_by(TalkRequest.created_at)
    )
    for request in requests:
        entries[request.mother_id].open_requests.append(request)
    notes = db.session.scalars(
        _notes().where(HandoverNote.unit_id == unit.id, HandoverNote.mother_id.in_(ids))
    )
    for note in notes:
        entries[note.mother_id].note = note
    plans = db.session.execute(
        select(GoingHomePlan.mother_id, GoingHomePlan.updated_at).where(
            GoingHomePlan.unit_id == unit.id, GoingHomePlan.mother_id.in_(ids)
        )
    )
    for mother_id, changed_at in plans:
        entries[mother_id].plan_changed_at = changed_at
    return sorted(entries.values(), key=lambda e: e.attention_key(now))


def save_handover_note(peer_worker: User, mother: User, text: str) -> HandoverNote:
    if mother.unit_id != peer_worker.unit_id or not mother.is_mother:
        raise DomainError("We could not find her.")
    if len(text) > NOTE_LENGTH:
        raise DomainError(f"The note must be {NOTE_LENGTH} characters or fewer", "text")
    note = db.session.scalar(select(HandoverNote).where(HandoverNote.mother_id == mother.id))
    if note is None:
        note = HandoverNote(unit_id=mother.unit_id, mother_id=mother.id)
        db.session.add(note)
    note.text = text.strip()
    note.updated_by_id = peer_worker.id
    note.updated_at = clock.now()
    db.session.flush()
    record_audit(peer_worker, "handover_note.saved", note)
    return note


def _notes():
    """Handover notes with who last changed them, which every page showing a note names."""
    return select(HandoverNote).options(joinedload(HandoverNote.updated_by))


def note_for(mother: User) -> HandoverNote | None:
    return db.session.scalar(_notes().where(HandoverNote.mother_id == mother.id))


@dataclass
class TodayView:
    sessions: list[Booking]
    open_requests: int
    hours: WeekHours


def today_for(peer_worker: User) -> TodayView:
    unit = peer_worker.unit
    today = clock.local_today(unit)
    first, last = day_bounds(today, unit.tz)
    sessions = list(
        db.session.scalars(
            select(Booking)
            .options(joinedload(Booking.mother))
            .where(
                Booking.peer_worker_id == peer_worker.id,
                Booking.status != BookingStatus.CANCELLED.value,
                Booking.starts_at >= first,
                Booking.starts_at < last,
            )
            .order_by(Booking.starts_at)
        )
    )
    open_requests = len(
        list(
            db.session.scalars(
                select(TalkRequest.id).where(
                    TalkRequest.unit_id == unit.id, TalkRequest.answered_at.is_(None)
                )
            )
        )
    )
    return TodayView(
        sessions=sessions,
        open_requests=open_requests,
        hours=week_hours_for(peer_worker, today),
    )


def _ward_sessions(unit):
    """The unit's sessions on the ward not cancelled: phone sessions need no nursery."""
    return select(Booking).where(
        Booking.unit_id == unit.id,
        Booking.status != BookingStatus.CANCELLED.value,
        Booking.place == Place.WARD.value,
    )


def unit_sessions_on(unit, day) -> list[Booking]:
    """Every 1:1 session on the ward still booked (or held) on a local day of the unit,
    for the staff's day list: nursery staff plan who minds a baby. The topic is not for
    staff to see; the template never shows it."""
    first, last = day_bounds(day, unit.tz)
    return list(
        db.session.scalars(
            _ward_sessions(unit)
            .options(joinedload(Booking.mother), joinedload(Booking.peer_worker))
            .where(Booking.starts_at >= first, Booking.starts_at < last)
            .order_by(Booking.starts_at, Booking.id)
        )
    )


def next_day_with_sessions(unit, day) -> date | None:
    """The first local day after ``day``, within the booking horizon, with a 1:1 session
    booked: the nursery staff plan the next working day as well as today."""
    after = day_bounds(day, unit.tz)[1]
    until = day_bounds(day + timedelta(days=BOOKING_DAYS), unit.tz)[1]
    first = db.session.scalar(
        _ward_sessions(unit)
        .where(Booking.starts_at >= after, Booking.starts_at < until)
        .with_only_columns(Booking.starts_at)
        .order_by(Booking.starts_at)
        .limit(1)
    )
    return first.astimezone(unit.tz).date() if first else None
