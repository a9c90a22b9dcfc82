"""A peer worker's own availability: weekly windows, one-off extra windows, and leave
(annual leave, a wellbeing day, unpaid leave, a break within a day, or a pause)."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import and_, bindparam, or_, select

from app.extensions import db
from app.models import AvailabilityPause, AvailabilityWindow, User
from app.models.availability import LEAVE_KINDS
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.slots import local_moment

SESSION_LENGTHS = (15, 20, 30, 45, 60)
SESSION_LENGTH_MESSAGE = "Choose a session length of 15, 20, 30, 45 or 60 minutes"
GAP_LENGTHS = (0, 15, 30)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class WindowTimes:
    """The local times of a window and how it is cut into sessions."""

    starts: time
    ends: time
    session_minutes: int
    gap_minutes: int

    def check(self) -> None:
        for value, field in ((self.starts, "starts"), (self.ends, "ends")):
            if value.minute % 15 or value.second:
                raise DomainError(
                    "Times must be on the hour or at 15, 30 or 45 minutes past", field
                )
        if self.session_minutes not in SESSION_LENGTHS:
            raise DomainError(SESSION_LENGTH_MESSAGE, "session_minutes")
        if self.gap_minutes not in GAP_LENGTHS:
            raise DomainError("Choose a gap of none, 15 or 30 minutes", "gap_minutes")
        if self.starts >= self.ends:
            raise DomainError("The end time must be after the start time", "ends")
        span = (self.ends.hour * 60 + self.ends.minute) - (
            self.starts.hour * 60 + self.starts.minute
        )
        if span < self.session_minutes:
            raise DomainError("The window must be long enough for at least one session", "ends")


def _new_window(peer_worker: User, times: WindowTimes, **when) -> AvailabilityWindow:
    window = AvailabilityWindow(
        unit_id=peer_worker.unit_id,
        peer_worker_id=peer_worker.id,
        starts=times.starts,
        ends=times.ends,
        session_minutes=times.session_minutes,
        gap_minutes=times.gap_minutes,
        **when,
    )
    db.session.add(window)
    return window


def add_weekly_window(
    peer_worker: User, weekdays: list[int], times: WindowTimes
) -> list[AvailabilityWindow]:
    if not weekdays:
        raise DomainError("Choose at least one day", "weekdays")
    if any(d not in range(7) for d in weekdays):
        raise DomainError("Choose days of the week from the list", "weekdays")
    times.check()
    days = sorted(set(weekdays))
    windows = [_new_window(peer_worker, times, weekday=day) for day in days]
    db.session.flush()
    detail = ", ".join(WEEKDAYS[d] for d in days)
    record_audit(peer_worker, "availability.weekly_added", windows[0], detail)
    return windows


def add_extra_window(peer_worker: User, on_date: date, times: WindowTimes) -> AvailabilityWindow:
    if on_date < clock.local_today(peer_worker.unit):
        raise DomainError("The date must be today or later", "on_date")
    times.check()
    window = _new_window(peer_worker, times, on_date=on_date)
    db.session.flush()
    record_audit(peer_worker, "availability.extra_added", window)
    return window


def add_pause(
    peer_worker: User,
    first_day: date,
    last_day: date | None,
    kind: str,
    starts: time | None = None,
    ends: time | None = None,
):
    """Leave of some kind, a pause, or a break within one day (``starts`` to ``ends``).
    Sessions already booked stay booked: she decides what happens to each."""
    last_day = last_day or first_day
    if kind not in LEAVE_KINDS:
        raise DomainError("Choose what kind of time off it is", "kind")
    if first_day < clock.local_today(peer_worker.unit):
        raise DomainError("The first day must be today or later", "first_day")
    if last_day < first_day:
        raise DomainError("The last day must be on or after the first day", "last_day")
    if last_day - first_day > timedelta(days=365):
        raise DomainError(
            "Leave can be up to a year at a time. Add the rest when it comes closer", "last_day"
        )
    if kind == "break":
        _check_break(peer_worker, first_day, last_day, starts, ends)
    else:
        starts = ends = None
    pause = AvailabilityPause(
        unit_id=peer_worker.unit_id,
        peer_worker_id=peer_worker.id,
        first_day=first_day,
        last_day=last_day,
        kind=kind,
        starts=starts,
        ends=ends,
    )
    db.session.add(pause)
    db.session.flush()
    record_audit(peer_worker, "availability.pause_added", pause, kind)
    return pause


def _check_break(peer_worker, day: date, last_day: date, starts, ends) -> None:
    if last_day != day:
        raise DomainError("A break is within one day: leave the last day empty", "last_day")
    if starts is None:
        raise DomainError("Enter when your break starts", "starts")
    if ends is None:
        raise DomainError("Enter when your break ends", "ends")
    if starts >= ends:
        raise DomainError("The end of the break must be after its start", "ends")
    for wall, field in ((starts, "starts"), (ends, "ends")):
        if local_moment(day, wall, peer_worker.unit.tz) is None:
            raise DomainError(
                f"The clocks go forward that night: {wall:%H:%M} does not exist on that day",
                field,
            )


def remove_window(peer_worker: User, window: AvailabilityWindow) -> None:
    if window.peer_worker_id != peer_worker.id:
        raise DomainError("You can only change your own availability.")
    record_audit(peer_worker, "availability.window_removed", window)
    db.session.delete(window)
    db.session.flush()


def remove_pause(peer_worker: User, pause: AvailabilityPause) -> None:
    if pause.peer_worker_id != peer_worker.id:
        raise DomainError("You can only change your own availability.")
    record_audit(peer_worker, "availability.pause_removed", pause)
    db.session.delete(pause)
    db.session.flush()


def availability_of(peer_worker: User):
    """Her weekly windows (by day and time), extra windows and pauses from today on."""
    today = clock.local_today(peer_worker.unit)
    windows = list(
        db.session.scalars(
            select(AvailabilityWindow)
            .where(AvailabilityWindow.peer_worker_id == peer_worker.id)
            .order_by(
                AvailabilityWindow.weekday,
                AvailabilityWindow.on_date,
                AvailabilityWindow.starts,
            )
        )
    )
    weekly = [w for w in windows if w.is_weekly]
    extra = [w for w in windows if not w.is_weekly and w.on_date >= today]
    pauses = list(
        db.session.scalars(
            select(AvailabilityPause)
            .where(
                AvailabilityPause.peer_worker_id == peer_worker.id,
                AvailabilityPause.last_day >= today,
            )
            .order_by(AvailabilityPause.first_day)
        )
    )
    return weekly, extra, pauses


def is_working(peer_worker: User, at: datetime) -> bool:
    """Whether ``at`` falls within one of her windows, on a day without leave or a pause.

    This is what keeps her phone quiet on her days off. A peer worker who has set no
    windows at all has told us nothing about her days, and cannot be booked either: she
    is notified as things happen until she sets them.
    """
    return peer_worker.id in working_among([peer_worker], at)


_window = AvailabilityWindow.__table__.c
_pause = AvailabilityPause.__table__.c
_ids = bindparam("ids", expanding=True)
_day = bindparam("day", type_=_pause.first_day.type)
_moment = bindparam("moment", type_=_window.starts.type)
# Built once: the push worker asks on every pass, for a whole batch.
WITH_WINDOWS = select(_window.peer_worker_id).where(_window.peer_worker_id.in_(_ids)).distinct()
ON_LEAVE = (  # the whole day, or a break within it that covers the moment
    select(_pause.peer_worker_id)
    .where(
        _pause.peer_worker_id.in_(_ids),
        _pause.first_day <= _day,
        _pause.last_day >= _day,
        or_(_pause.starts.is_(None), and_(_pause.starts <= _moment, _pause.ends > _moment)),
    )
    .distinct()
)
IN_WINDOW = (
    select(_window.peer_worker_id)
    .where(
        _window.peer_worker_id.in_(_ids),
        or_(_window.weekday == bindparam("weekday"), _window.on_date == _day),
        _window.starts <= _moment,
        _window.ends > _moment,
    )
    .distinct()
)


def working_among(peer_workers: list[User], at: datetime) -> set[int]:
    """``is_working`` for many peer workers at once (the push worker's batches): the ids
    of those working at ``at``, in three queries per time zone among them."""
    by_zone: dict = {}
    for person in peer_workers:
        by_zone.setdefault(person.unit.tz, set()).add(person.id)
    working: set[int] = set()
    for tz, ids in by_zone.items():
        local = at.astimezone(tz)
        day = local.date()
        asked = {
            "ids": list(ids),
            "day": day,
            "weekday": day.weekday(),
            "moment": local.time().replace(tzinfo=None),
        }
        with_windows = set(db.session.scalars(WITH_WINDOWS, asked))
        on_leave = set(db.session.scalars(ON_LEAVE, asked))
        in_window = set(db.session.scalars(IN_WINDOW, asked))
        working |= {
            i for i in ids if i not in with_windows or (i in in_window and i not in on_leave)
        }
    return working
