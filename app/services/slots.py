"""Bookable slots, derived from a peer worker's availability.

Windows are wall-clock times in the unit's time zone: a slot is built as a local time on
its date and only then turned into UTC, so "Tuesday 10:00" stays 10:00 local on both sides
of a clock change. Slots start on the quarter hour, as sessions hold 15-minute cells:
sessions of 15 and 20 minutes fit between feeds, and a 20-minute one holds two cells (the
last 10 minutes are the peer worker's, to write up). A local time that does not exist (the hour skipped in spring) gives no
slot. A slot is offered only when it keeps clear, by the gap she chose, of every group
she leads that day, and does not overlap a break she takes within the day (only the
break's hours: the rest of her day stays bookable); it is free when she is not on leave,
her week has room under her contracted minutes (sessions and the groups she leads both
count), and neither she nor the mother holds any of its 15-minute cells.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from sqlalchemy import select

from app.extensions import db
from app.models import (
    AvailabilityPause,
    AvailabilityWindow,
    BookingCell,
    Role,
    User,
)
from app.models.booking import CELL_MINUTES
from app.services.clock import day_bounds
from app.services.hours import (
    WeekHours,
    cells_taken,
    held_minutes,
    hours_by_week,
    led_group_times,
    monday_of,
    whole_weeks,
)
from app.services.rest_time import rest_span_on

BOOKING_DAYS = 14


@dataclass(frozen=True)
class Slot:
    peer_worker_id: int
    starts_at: datetime  # aware UTC
    ends_at: datetime
    gap_minutes: int = 0  # the time she keeps free either side, from her window

    @property
    def minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    @property
    def held_minutes(self) -> int:
        """Her time it takes, writing up included (see ``hours.held_minutes``)."""
        return held_minutes(self.minutes)

    def clashes_with(self, starts_at: datetime, ends_at: datetime) -> bool:
        """Whether this slot, with its writing up and her gap either side, overlaps
        ``starts_at``-``ends_at``."""
        gap = timedelta(minutes=self.gap_minutes)
        held_until = self.starts_at + timedelta(minutes=self.held_minutes)
        return self.starts_at < ends_at + gap and starts_at < held_until + gap


def local_moment(day: date, wall: time, tz) -> datetime | None:
    """The UTC instant of a wall-clock time on a day, or None when that time is skipped."""
    naive = datetime.combine(day, wall)
    instant = naive.replace(tzinfo=tz).astimezone(UTC)
    if instant.astimezone(tz).replace(tzinfo=None) != naive:
        return None
    return instant


def window_slots(window: AvailabilityWindow, day: date, tz) -> list[Slot]:
    """Slots one after another, each starting on a quarter hour: a session's length is
    rounded up to whole cells, then her gap added."""
    session = timedelta(minutes=window.session_minutes)
    held = timedelta(minutes=cells_taken(window.session_minutes) * CELL_MINUTES)
    step = held + timedelta(minutes=window.gap_minutes)
    start, end = datetime.combine(day, window.starts), datetime.combine(day, window.ends)
    slots = []
    while start + session <= end:
        instant = local_moment(day, start.time(), tz)
        if instant is not None:
            slots.append(
                Slot(window.peer_worker_id, instant, instant + session, window.gap_minutes)
            )
        start += step
    return slots


def cells(starts_at: datetime, ends_at: datetime) -> list[datetime]:
    """Every 15-minute cell a session covers, as the UTC start of each cell."""
    step = timedelta(minutes=CELL_MINUTES)
    first = starts_at.replace(second=0, microsecond=0)
    first -= timedelta(minutes=first.minute % CELL_MINUTES)
    found = []
    while first < ends_at:
        found.append(first)
        first += step
    return found


def _availability(
    ids, days, every_weekly: bool = False
) -> tuple[list[AvailabilityWindow], list[AvailabilityPause]]:
    """The windows and the leave of these peer workers that touch these days: two queries.
    ``every_weekly``: her weekly windows on other weekdays too."""
    weekdays = AvailabilityWindow.weekday.is_not(None) if every_weekly else None
    pauses = list(
        db.session.scalars(
            select(AvailabilityPause).where(
                AvailabilityPause.peer_worker_id.in_(ids),
                AvailabilityPause.first_day <= max(days),
                AvailabilityPause.last_day >= min(days),
            )
        )
    )
    windows = list(
        db.session.scalars(
            select(AvailabilityWindow)
            .where(
                AvailabilityWindow.peer_worker_id.in_(ids),
                (
                    AvailabilityWindow.weekday.in_({d.weekday() for d in days})
                    if weekdays is None
                    else weekdays
                )
                | AvailabilityWindow.on_date.in_(days),
            )
            .order_by(AvailabilityWindow.starts, AvailabilityWindow.id)
        )
    )
    return windows, pauses


def offered_slots_by_day(peer_workers, days, tz) -> dict[date, list[Slot]]:
    """Every slot the availability offers on each local day, before bookings count.

    Two queries whatever the number of days: the windows and the leave that touch them.
    """
    ids = [p.id for p in peer_workers]
    if not ids or not days:
        return {day: [] for day in days}
    windows, pauses = _availability(ids, days)
    return {day: _slots_of_day(day, windows, pauses, tz) for day in days}


def _is_away(pauses, peer_worker_id: int, day: date) -> bool:
    """Away the whole day: leave of any kind or a pause, not a break within the day."""
    return any(
        p.peer_worker_id == peer_worker_id and p.first_day <= day <= p.last_day and not p.is_break
        for p in pauses
    )


def break_span(pause: AvailabilityPause, tz) -> tuple[datetime, datetime]:
    """The UTC instants of a break within a day: wall-clock times on its day, so a break
    from 12:00 to 13:00 is 12:00 to 13:00 local on both sides of a clock change."""
    return tuple(
        datetime.combine(pause.first_day, wall, tz).astimezone(UTC)
        for wall in (pause.starts, pause.ends)
    )


@dataclass(frozen=True)
class WorkingDay:
    """One peer worker's local day, as UTC instants: whether she is away, her breaks, and
    her windows as (start, end, window) with None for an edge in the hour skipped in
    spring."""

    away: bool
    breaks: list[tuple[datetime, datetime]]
    windows: list[tuple[datetime | None, datetime | None, AvailabilityWindow]]

    def on_a_break(self, starts_at: datetime, ends_at: datetime) -> bool:
        return any(starts_at < last and first < ends_at for first, last in self.breaks)


def working_day(windows, pauses, peer_worker_id: int, day: date, tz) -> WorkingDay:
    breaks = [
        break_span(p, tz)
        for p in pauses
        if p.is_break and p.peer_worker_id == peer_worker_id and p.first_day == day
    ]
    return WorkingDay(
        _is_away(pauses, peer_worker_id, day),
        breaks,
        [
            (local_moment(day, w.starts, tz), local_moment(day, w.ends, tz), w)
            for w in windows
            if w.peer_worker_id == peer_worker_id
            and (w.weekday == day.weekday() or w.on_date == day)
        ],
    )


def _slots_of_day(day: date, windows, pauses, tz, working=None) -> list[Slot]:
    """``working``: a function giving a peer worker's ``WorkingDay``, when the caller has
    them already."""
    working = working or (lambda peer_id: working_day(windows, pauses, peer_id, day, tz))
    slots = []
    for peer_id in sorted({w.peer_worker_id for w in windows}):
        her_day = working(peer_id)
        if her_day.away:
            continue
        found = [s for *_, w in her_day.windows for s in window_slots(w, day, tz)]
        # Overlapping windows (a one-off on top of a weekly one): keep the earliest slots.
        last_end = None
        for slot in sorted(found, key=lambda s: (s.starts_at, s.ends_at)):
            if her_day.on_a_break(slot.starts_at, slot.ends_at):
                continue
            if last_end is None or slot.starts_at >= last_end:
                slots.append(slot)
                last_end = slot.ends_at
    return sorted(slots, key=lambda s: (s.starts_at, s.peer_worker_id))


def offered_slots(peer_workers, day: date, tz) -> list[Slot]:
    return offered_slots_by_day(peer_workers, [day], tz)[day]


def usual_weekdays_and_in_today(peer_workers, today: date, tz) -> tuple[dict, set[int]]:
    """Each peer worker's usual weekdays (Monday 0), and who of them offers a slot today
    (a one-off extra day counts, leave does not): two queries."""
    windows, pauses = _availability([p.id for p in peer_workers], [today], every_weekly=True)
    weekly = defaultdict(set)
    for window in windows:
        if window.weekday is not None:
            weekly[window.peer_worker_id].add(window.weekday)
    return weekly, {slot.peer_worker_id for slot in _slots_of_day(today, windows, pauses, tz)}


def held_cells(user_ids, first: datetime, last: datetime) -> set[tuple[int, datetime]]:
    rows = db.session.execute(
        select(BookingCell.user_id, BookingCell.starts_at).where(
            BookingCell.user_id.in_(list(user_ids)),
            BookingCell.starts_at >= first - timedelta(hours=1),
            BookingCell.starts_at < last,
        )
    )
    return {(user_id, starts_at) for user_id, starts_at in rows}


def lock_peer_workers(peer_worker_ids) -> None:
    """Everything that takes a peer worker's time (a booking, a group she leads) locks her
    row first, so two such changes for her never both pass their checks."""
    db.session.execute(
        select(User.id)
        .where(User.id.in_(list(peer_worker_ids)))
        .order_by(User.id)  # one lock order for everyone, so two changes never deadlock
        .with_for_update()
    )


class Busy(StrEnum):
    """Why a peer worker cannot take a session at a time, in the order they are checked."""

    AWAY = "away"  # on leave or paused that day, or on a break then
    OUTSIDE = "outside"  # not inside one of her windows
    GROUP = "group"  # she leads a group then, within her window's gap
    TAKEN = "taken"  # she (or the mother) holds one of its cells
    HOURS = "hours"  # it would take her week past her contracted hours


@dataclass
class PeerTime:
    """What decides whether peer workers are free on some local days, read once in a fixed
    number of queries: windows, leave, held cells, the groups they lead and their weeks'
    hours. ``busy`` is the one answer to "is she free from A to B?" for the slot list, the
    booking path and hand-overs alike."""

    tz: object
    windows: list[AvailabilityWindow]
    pauses: list[AvailabilityPause]
    held: set[tuple[int, datetime]]
    groups: dict[int, list[tuple[datetime, datetime]]]
    hours: dict[tuple[int, date], WeekHours]
    _days: dict[tuple[int, date], WorkingDay] = field(default_factory=dict)
    _groups_near: dict[tuple[int, date], list] = field(default_factory=dict)

    @classmethod
    def load(cls, unit, peer_workers, days, also_held=()) -> "PeerTime":
        """``also_held``: other people (the mother booking) whose held cells count too."""
        ids = [p.id for p in peer_workers]
        tz = unit.tz
        windows, pauses = _availability(ids, days)
        bounds = day_bounds(min(days), tz)[0], day_bounds(max(days), tz)[1]
        groups = led_group_times(unit, ids, whole_weeks(days))
        return cls(
            tz,
            windows,
            pauses,
            held_cells(ids + list(also_held), *bounds),
            groups,
            hours_by_week(unit, peer_workers, days, groups),
        )

    def working_day(self, peer_worker_id: int, day: date) -> WorkingDay:
        """Her day, worked out once for all the slots and checks on it."""
        key = peer_worker_id, day
        if key not in self._days:
            self._days[key] = working_day(self.windows, self.pauses, *key, self.tz)
        return self._days[key]

    def groups_near(self, peer_worker_id: int, day: date) -> list[tuple[datetime, datetime]]:
        """The groups she leads that start from the day before ``day`` to the day after:
        all a slot on ``day``, with a gap of less than a day, could clash with."""
        key = peer_worker_id, day
        if key not in self._groups_near:
            first, last = (
                day_bounds(day - timedelta(days=1), self.tz)[0],
                day_bounds(day + timedelta(days=1), self.tz)[1],
            )
            self._groups_near[key] = [
                g for g in self.groups.get(peer_worker_id, ()) if first <= g[0] < last
            ]
        return self._groups_near[key]

    def offered(self, day: date) -> list[Slot]:
        return _slots_of_day(
            day, self.windows, self.pauses, self.tz, lambda p: self.working_day(p, day)
        )

    def busy(
        self, peer_worker_id: int, starts_at: datetime, ends_at: datetime, mother_id=None
    ) -> Busy | None:
        """Why she cannot take a session from ``starts_at`` to ``ends_at``, or None when
        she is free then (``mother_id``: the mother's own held cells count too)."""
        day = starts_at.astimezone(self.tz).date()
        her_day = self.working_day(peer_worker_id, day)
        if her_day.away or her_day.on_a_break(starts_at, ends_at):
            return Busy.AWAY
        inside = [  # (an edge in the hour skipped in spring contains nothing)
            window
            for first, last, window in her_day.windows
            if (first or ends_at) <= starts_at and ends_at <= (last or starts_at)
        ]
        if not inside:
            return Busy.OUTSIDE
        return self.busy_in_window(
            Slot(peer_worker_id, starts_at, ends_at, inside[0].gap_minutes), day, mother_id
        )

    def busy_in_window(self, slot: Slot, day: date, mother_id=None) -> Busy | None:
        """``busy`` for a slot already inside one of her windows on a day she is in (as
        ``offered`` gives them): the groups she leads, held cells and her week's hours."""
        peer_worker_id = slot.peer_worker_id
        if any(slot.clashes_with(*group) for group in self.groups_near(peer_worker_id, day)):
            return Busy.GROUP
        if any(
            (peer_worker_id, c) in self.held or (mother_id, c) in self.held
            for c in cells(slot.starts_at, slot.ends_at)
        ):
            return Busy.TAKEN
        week = self.hours[peer_worker_id, monday_of(day)]
        if week.total + slot.held_minutes > week.contracted:
            return Busy.HOURS
        return None


def is_free(peer_worker: User, starts_at: datetime, ends_at: datetime) -> bool:
    """Whether she could take a session from ``starts_at`` to ``ends_at`` (see ``PeerTime``)."""
    if not peer_worker.active or not peer_worker.is_peer_worker:
        return False
    day = starts_at.astimezone(peer_worker.unit.tz).date()
    time_of = PeerTime.load(peer_worker.unit, [peer_worker], [day])
    return time_of.busy(peer_worker.id, starts_at, ends_at) is None


def bookable_peer_workers(unit) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.unit_id == unit.id,
                User.role == Role.PEER_WORKER.value,
                User.active.is_(True),
            )
            .order_by(User.display_name, User.id)
        )
    )


@dataclass
class DayPlan:
    """What a local day offers a mother: free slots, and offered slots someone has taken;
    ``resting``: slots in her own rest time, never offered to her."""

    free: list[Slot]
    taken: list[Slot]
    over_limit: list[Slot]
    resting: list[Slot] = field(default_factory=list)


def plan_days(mother, peer_workers, days, now: datetime) -> dict[date, DayPlan]:
    """Each day's slots for a mother, in a fixed number of queries for any number of days.
    A slot over a group she leads is never offered, nor one in the mother's rest time; one
    held by either of them is taken."""
    plans = {day: DayPlan([], [], []) for day in days}
    if not peer_workers or not days:
        return plans
    time_of = PeerTime.load(mother.unit, peer_workers, days, also_held=[mother.id])
    mother_id = mother.id  # read once: the signed-in user is a proxy, slow to read in a loop
    for day, plan in plans.items():
        rest = rest_span_on(mother, day, time_of.tz)
        for slot in (s for s in time_of.offered(day) if s.starts_at > now):
            if rest and slot.starts_at < rest[1] and rest[0] < slot.ends_at:
                plan.resting.append(slot)
                continue
            busy = time_of.busy_in_window(slot, day, mother_id)
            if busy is None:
                plan.free.append(slot)
            elif busy is Busy.TAKEN:
                plan.taken.append(slot)
            elif busy is Busy.HOURS:
                plan.over_limit.append(slot)
    return plans


def plan_day(mother, peer_workers, day: date, now: datetime) -> DayPlan:
    return plan_days(mother, peer_workers, [day], now)[day]


def free_slot_count(mother, peer_workers, days, now) -> dict[date, int]:
    return {day: len(plan.free) for day, plan in plan_days(mother, peer_workers, days, now).items()}


def booking_days(mother, today: date) -> list[date]:
    """The next 14 local days, ending early when a discharged mother's support ends."""
    days = [today + timedelta(days=n) for n in range(BOOKING_DAYS)]
    if mother.discharged_on is not None and mother.support_until is not None:
        days = [d for d in days if d <= mother.support_until]
    return days
