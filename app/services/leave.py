"""What a peer worker's leave (or pause) touches, so that nothing is left silently booked:
every session booked with her in it and every date of a group she leads in it, each with
who could take it instead."""

from dataclasses import dataclass

from app.models import AvailabilityPause, Booking, User
from app.services import clock
from app.services.activities import LEADER_ROLES
from app.services.bookings import booked_with
from app.services.people import people_of_unit
from app.services.recurrence import Occurrence, occurrences_between
from app.services.slots import day_bounds, is_free


@dataclass
class Touched:
    sessions: list[tuple[Booking, list[User]]]  # each with the partners free to take it
    groups: list[tuple[Occurrence, list[User]]]  # each with who else could lead it

    @property
    def is_empty(self) -> bool:
        return not self.sessions and not self.groups


def touched_by(peer_worker: User, pause: AvailabilityPause) -> Touched:
    unit, tz, now = peer_worker.unit, peer_worker.unit.tz, clock.now()
    others = [
        p
        for p in people_of_unit(unit, include_closed=False)
        if p.role in LEADER_ROLES and p.id != peer_worker.id
    ]
    partners = [p for p in others if p.is_peer_worker]
    sessions = booked_with(
        peer_worker, max(now, day_bounds(pause.first_day, tz)[0]), day_bounds(pause.last_day, tz)[1]
    )
    groups = [
        o
        for o in occurrences_between(unit, pause.first_day, pause.last_day)
        if o.leader_id == peer_worker.id and not o.is_cancelled and o.ends_at > now
    ]
    return Touched(
        sessions=[
            (b, [p for p in partners if is_free(p, b.starts_at, b.ends_at)]) for b in sessions
        ],
        groups=[(o, others) for o in groups],
    )
