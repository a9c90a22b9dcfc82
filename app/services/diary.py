"""A peer worker's next two weeks: her hours, sessions, the groups she leads and her leave,
day by day in the unit's time zone, with the days her job-share partners are in.

A fixed number of queries whatever the data: her sessions, the groups she leads (and their
changes), everyone's availability windows and leave, and today's open talk requests.
"""

from dataclasses import dataclass, field
from datetime import date, time, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    AvailabilityPause,
    AvailabilityWindow,
    Booking,
    TalkRequest,
    User,
)
from app.services import clock
from app.services.bookings import booked_with
from app.services.clock import day_bounds
from app.services.people import people_of_unit
from app.services.recurrence import Occurrence, occurrences_between
from app.services.slots import BOOKING_DAYS

AWAY_LABELS = {
    "leave": "on annual leave",
    "wellbeing": "on a wellbeing day",
    "unpaid": "on unpaid leave",
    "pause": "not taking bookings (paused)",
}


@dataclass
class Presence:
    """Whether someone is in on a day: her hours (wall-clock times), or why not, and any
    breaks she takes within the day."""

    person: User
    hours: tuple[time, time] | None = None
    away: str | None = None
    breaks: list[tuple[time, time]] = field(default_factory=list)


@dataclass
class DiaryDay:
    day: date
    me: Presence
    partners: list[Presence]
    sessions: list[Booking] = field(default_factory=list)
    groups: list[Occurrence] = field(default_factory=list)
    open_requests: int = 0  # talk requests wait for today only

    @property
    def entries(self) -> list[Booking | Occurrence]:
        """Her sessions and groups in the order they start."""
        return sorted([*self.sessions, *self.groups], key=lambda entry: entry.starts_at)


def _presence(person: User, day: date, windows, pauses) -> Presence:
    hers = [p for p in pauses if p.peer_worker_id == person.id and p.first_day <= day <= p.last_day]
    away = next((p.kind for p in hers if not p.is_break), None)
    if away:
        return Presence(person, away=AWAY_LABELS[away])
    breaks = sorted((p.starts, p.ends) for p in hers if p.is_break)
    mine = [
        w
        for w in windows
        if w.peer_worker_id == person.id and (w.weekday == day.weekday() or w.on_date == day)
    ]
    if not mine:
        return Presence(person, breaks=breaks)
    hours = (min(w.starts for w in mine), max(w.ends for w in mine))
    return Presence(person, hours=hours, breaks=breaks)


def diary(peer_worker: User, days: int = BOOKING_DAYS) -> list[DiaryDay]:
    unit, tz = peer_worker.unit, peer_worker.unit.tz
    today = clock.local_today(unit)
    dates = [today + timedelta(days=n) for n in range(days)]
    partners = [
        p
        for p in people_of_unit(unit, role="peer_worker", include_closed=False)
        if p.id != peer_worker.id
    ]
    everyone = [peer_worker, *partners]
    ids = [p.id for p in everyone]
    windows = list(
        db.session.scalars(
            select(AvailabilityWindow).where(
                AvailabilityWindow.peer_worker_id.in_(ids),
                AvailabilityWindow.weekday.is_not(None) | AvailabilityWindow.on_date.in_(dates),
            )
        )
    )
    pauses = list(
        db.session.scalars(
            select(AvailabilityPause).where(
                AvailabilityPause.peer_worker_id.in_(ids),
                AvailabilityPause.first_day <= dates[-1],
                AvailabilityPause.last_day >= today,
            )
        )
    )
    book = {
        day: DiaryDay(
            day,
            _presence(peer_worker, day, windows, pauses),
            [_presence(p, day, windows, pauses) for p in partners],
        )
        for day in dates
    }
    sessions = booked_with(peer_worker, day_bounds(today, tz)[0], day_bounds(dates[-1], tz)[1])
    for booking in sessions:
        book[booking.starts_at.astimezone(tz).date()].sessions.append(booking)
    for occurrence in occurrences_between(unit, today, dates[-1]):
        if occurrence.leader_id == peer_worker.id:
            book[occurrence.starts_at.astimezone(tz).date()].groups.append(occurrence)
    book[today].open_requests = db.session.scalar(
        select(func.count())
        .select_from(TalkRequest)
        .where(
            TalkRequest.unit_id == unit.id,
            TalkRequest.on_day == today,
            TalkRequest.answered_at.is_(None),
        )
    )
    return list(book.values())
