"""A peer worker's hours: in each local week, the minutes of her sessions (booked or
held, each with its writing-up time) and of the groups she leads, against the minutes she is contracted for. The slot
list, her two weeks, her home and staff's over-hours count all read them from here."""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import Booking, BookingStatus
from app.models.booking import CELL_MINUTES
from app.services.clock import day_bounds
from app.services.recurrence import occurrences_between

WORKLOAD_STATUSES = (BookingStatus.BOOKED.value, BookingStatus.HAPPENED.value)


@dataclass
class WeekHours:
    """One peer worker's local week: minutes of sessions (booked or held) and of groups
    she leads, against the minutes she is contracted for."""

    contracted: int
    sessions: int = 0
    groups: int = 0

    @property
    def total(self) -> int:
        return self.sessions + self.groups

    @property
    def over(self) -> bool:
        return self.total > self.contracted


def _minutes(starts_at: datetime, ends_at: datetime) -> int:
    return int((ends_at - starts_at).total_seconds() // 60)


def cells_taken(minutes: int) -> int:
    """How many 15-minute cells a session of ``minutes`` holds: a 20-minute session holds
    two, so the next one starts on the half hour (her last 10 minutes are for writing up)."""
    return -(-minutes // CELL_MINUTES)


def held_minutes(minutes: int) -> int:
    """Her time a session takes: its cells, so a 20-minute session with its 10 minutes of
    writing up takes 30. Her week counts this, and her groups keep clear of it."""
    return cells_taken(minutes) * CELL_MINUTES


def whole_weeks(days) -> list[date]:
    """The Monday of the first week ``days`` touch and the Sunday of the last."""
    return [monday_of(min(days)), monday_of(max(days)) + timedelta(days=6)]


def hours_by_week(unit, peer_workers, days, groups=None) -> dict[tuple[int, date], WeekHours]:
    """Each peer worker's hours in every local week that ``days`` touch, keyed by
    (peer worker id, Monday). ``groups`` is ``led_group_times`` over those whole weeks,
    when the caller has it already. Two or three queries, whatever the data."""
    first_day, last_day = whole_weeks(days)
    ids = [p.id for p in peer_workers]
    if groups is None:
        groups = led_group_times(unit, ids, [first_day, last_day])
    mondays = [first_day + timedelta(weeks=n) for n in range((last_day - first_day).days // 7 + 1)]
    hours = {
        (p.id, monday): WeekHours(contracted=p.contracted_minutes or 0)
        for p in peer_workers
        for monday in mondays
    }
    tz = unit.tz
    rows = db.session.execute(
        select(Booking.peer_worker_id, Booking.starts_at, Booking.ends_at).where(
            Booking.peer_worker_id.in_(ids),
            Booking.status.in_(WORKLOAD_STATUSES),
            Booking.starts_at >= day_bounds(first_day, tz)[0],
            Booking.starts_at < day_bounds(last_day, tz)[1],
        )
    )
    for peer_id, starts_at, ends_at in rows:
        hours[peer_id, monday_of(starts_at.astimezone(tz).date())].sessions += held_minutes(
            _minutes(starts_at, ends_at)
        )
    for peer_id, times in groups.items():
        for starts_at, ends_at in times:
            week = hours.get((peer_id, monday_of(starts_at.astimezone(tz).date())))
            if week is not None:  # a date moved in from outside the weeks: not counted twice
                week.groups += _minutes(starts_at, ends_at)
    return hours


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def led_group_times(unit, peer_worker_ids, days) -> dict[int, list[tuple[datetime, datetime]]]:
    """When each of these peer workers leads a group on these local days, as UTC
    (start, end) pairs. A cancelled date frees her, a moved one takes its new time, and a
    date covered by someone else is theirs."""
    found = defaultdict(list)
    ids = set(peer_worker_ids)
    # Every group of the unit (a handful): a date may be covered by someone who does not
    # lead the series.
    for occurrence in occurrences_between(unit, min(days), max(days)):
        if not occurrence.is_cancelled and occurrence.leader_id in ids:
            found[occurrence.leader_id].append((occurrence.starts_at, occurrence.ends_at))
    return found


def week_hours_for(peer_worker, day: date) -> WeekHours:
    return hours_by_week(peer_worker.unit, [peer_worker], [day])[peer_worker.id, monday_of(day)]


def weeks_over(unit, peer_workers, today: date, weeks: int = 4) -> dict[int, int]:
    """For each peer worker, in how many of the last ``weeks`` weeks (this one included)
    her sessions and groups came to more than her contracted hours."""
    hours = hours_by_week(unit, peer_workers, [today - timedelta(weeks=weeks - 1), today])
    counts = dict.fromkeys((p.id for p in peer_workers), 0)
    for (peer_id, _), week in hours.items():
        counts[peer_id] += week.over
    return counts
