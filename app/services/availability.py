"""A peer worker's own availability: weekly windows, one-off extra windows, and leave."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import bindparam, or_, select

from app.extensions import db
from app.models import AvailabilityPause, AvailabilityWindow, User
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError

SESSION_LENGTHS = (30, 45, 60)
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
            raise DomainError("Choose a session length of 30, 45 or 60 minutes", "session_minutes")
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


def add_pause(peer_worker: User, first_day: date, last_day: date | None, kind: str):
    """Leave or a pause. Sessions already booked stay booked: she cancels them with a reason."""
    last_day = last_day or first_day
    if first_day < clock.local_today(peer_worker.unit):
        raise DomainError("The first day must be today or later", "first_day")
    if last_day < first_day:
        raise DomainError("The last day must be on or after the first day", "last_day")
    if last_day - first_day > timedelta(days=365):
        raise DomainError(
            "Leave can be up to a year at a time. Add the rest when it comes closer", "last_day"
        )
    if kind not in ("leave", "pause"):
        raise DomainError("Choose leave or a pause", "kind")
    pause = AvailabilityPause(
        unit_id=peer_worker.unit_id,
        peer_worker_id=peer_worker.id,
        first_day=first_day,
        last_day=last_day,
        kind=kind,
    )
    db.session.add(pause)
    db.session.flush()
    record_audit(peer_worker, "availability.pause_added", pause)
    return pause


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
ON_LEAVE = (
    select(_pause.peer_worker_id)
    .where(_pause.peer_worker_id.in_(_ids), _pause.first_day <= _day, _pause.last_day >= _day)
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
