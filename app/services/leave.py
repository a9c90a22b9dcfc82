"""What a peer worker's leave (or pause, or break within a day), or her closed account, touches, so that nothing
is left silently booked: every session booked with her in it and every date of a group she
leads in it, each with who could take it instead (the partners are read once, in a fixed
number of queries, however many sessions there are)."""

from dataclasses import dataclass
from datetime import date, timedelta

from app.models import AvailabilityPause, Booking, User
from app.services import clock
from app.services.activities import LEADER_ROLES
from app.services.bookings import booked_with
from app.services.clock import day_bounds
from app.services.people import people_of_unit
from app.services.recurrence import Occurrence, occurrences_between
from app.services.slots import BOOKING_DAYS, PeerTime, break_span


@dataclass
class Touched:
    sessions: list[tuple[Booking, list[User]]]  # each with the partners free to take it
    groups: list[tuple[Occurrence, list[User]]]  # each with who else could lead it

    @property
    def is_empty(self) -> bool:
        return not self.sessions and not self.groups


def touched_by(peer_worker: User, pause: AvailabilityPause) -> Touched:
    """What her leave touches; for a break within a day, only what overlaps its hours."""
    touched = touched_between(peer_worker, pause.first_day, pause.last_day)
    if not pause.is_break:
        return touched
    first, last = break_span(pause, peer_worker.unit.tz)
    return Touched(
        sessions=[
            (b, ps) for b, ps in touched.sessions if b.starts_at < last and first < b.ends_at
        ],
        groups=[(o, ps) for o, ps in touched.groups if o.starts_at < last and first < o.ends_at],
    )


def left_behind(peer_worker: User) -> Touched:
    """What a closed account still holds in the days mothers can book."""
    today = clock.local_today(peer_worker.unit)
    return touched_between(peer_worker, today, today + timedelta(days=BOOKING_DAYS - 1))


def touched_between(peer_worker: User, first_day: date, last_day: date) -> Touched:
    unit, tz, now = peer_worker.unit, peer_worker.unit.tz, clock.now()
    others = [
        p
        for p in people_of_unit(unit, include_closed=False)
        if p.role in LEADER_ROLES and p.id != peer_worker.id
    ]
    partners = [p for p in others if p.is_peer_worker]
    sessions = booked_with(
        peer_worker, max(now, day_bounds(first_day, tz)[0]), day_bounds(last_day, tz)[1]
    )
    groups = [
        o
        for o in occurrences_between(unit, first_day, last_day)
        if o.leader_id == peer_worker.id and not o.is_cancelled and o.ends_at > now
    ]
    days = sorted({b.starts_at.astimezone(tz).date() for b in sessions})
    time_of = PeerTime.load(unit, partners, days) if partners and days else None
    return Touched(
        sessions=[
            (b, [p for p in partners if time_of.busy(p.id, b.starts_at, b.ends_at) is None])
            for b in sessions
        ],
        groups=[(o, others) for o in groups],
    )
