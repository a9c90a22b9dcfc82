"""When the unit's multidisciplinary (MDT) meeting is held: one weekday at a local time,
with per-date changes (cancelled, or moved to another date and time).

A meeting has no row of its own: it is a series date of the schedule, combined with the
local time in the unit's time zone and only then converted to UTC, so that "Tuesdays 14:00"
stays 14:00 on the wall clock across both clock changes.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from app.extensions import db
from app.models import MeetingChange, MeetingSchedule, User
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError, NotFoundInUnit
from app.services.recurrence import local_to_utc

HORIZON = timedelta(weeks=12)  # how far ahead meetings are listed and looked for
MOVE_WITHIN = timedelta(days=6)  # a date moves within its own week, so the order holds


@dataclass(frozen=True)
class Meeting:
    on_date: date  # the date in the series: the key of its points and its change
    starts_at: datetime  # aware UTC, after any move
    status: str = "scheduled"  # scheduled, cancelled or moved
    reason: str = ""

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"


def schedule_for(unit) -> MeetingSchedule | None:
    return db.session.scalar(select(MeetingSchedule).where(MeetingSchedule.unit_id == unit.id))


def _series_dates(schedule: MeetingSchedule, first: date, last: date) -> list[date]:
    day = max(first, schedule.starts_on)
    day += timedelta(days=(schedule.weekday - day.weekday()) % 7)
    found = []
    while day <= last:
        found.append(day)
        day += timedelta(weeks=1)
    return found


def meetings_between(unit, first: date, last: date) -> list[Meeting]:
    """The meetings whose series date lies between ``first`` and ``last``, cancelled ones
    included, soonest first: two queries."""
    schedule = schedule_for(unit)
    if schedule is None:
        return []
    changes = {
        c.on_date: c
        for c in db.session.scalars(
            select(MeetingChange).where(
                MeetingChange.unit_id == unit.id, MeetingChange.on_date.between(first, last)
            )
        )
    }
    meetings = []
    for day in _series_dates(schedule, first, last):
        starts_at = local_to_utc(day, schedule.starts_at, unit.tz)
        change = changes.get(day)
        if change is None:
            meetings.append(Meeting(day, starts_at))
        elif change.status == "cancelled":
            meetings.append(Meeting(day, starts_at, "cancelled", change.reason))
        else:
            moved_to = local_to_utc(change.new_date, change.new_starts_at, unit.tz)
            meetings.append(Meeting(day, moved_to, "moved", change.reason))
    return sorted(meetings, key=lambda m: m.starts_at)


def upcoming_meetings(unit) -> list[Meeting]:
    """Meetings from a week ago (one moved later may not have started) to the horizon."""
    today = clock.local_today(unit)
    return meetings_between(unit, today - MOVE_WITHIN, today + HORIZON)


def next_meeting(unit, after: date | None = None) -> Meeting | None:
    """The first meeting not cancelled that has not started, later than series date ``after``
    when given."""
    now = clock.now()
    return next(
        (
            m
            for m in upcoming_meetings(unit)
            if not m.is_cancelled and m.starts_at > now and (after is None or m.on_date > after)
        ),
        None,
    )


def meeting_held_for(unit, on_date: date) -> Meeting | None:
    """The meeting that takes up points for series date ``on_date``: that date's meeting,
    or when it was cancelled, the next one held."""
    return next(
        (m for m in meetings_between(unit, on_date, on_date + HORIZON) if not m.is_cancelled),
        None,
    )


def meeting_on(unit, on_date: date) -> Meeting:
    """The meeting of series date ``on_date``, or NotFoundInUnit; none is planned past the
    horizon."""
    if on_date > clock.local_today(unit) + HORIZON:
        raise NotFoundInUnit()
    found = meetings_between(unit, on_date, on_date)
    if not found or found[0].on_date != on_date:
        raise NotFoundInUnit()
    return found[0]


def set_schedule(actor: User, weekday: int, starts_at: time, starts_on: date) -> MeetingSchedule:
    schedule = schedule_for(actor.unit)
    if schedule is None:
        schedule = MeetingSchedule(unit_id=actor.unit_id)
        db.session.add(schedule)
    schedule.weekday, schedule.starts_at, schedule.starts_on = weekday, starts_at, starts_on
    schedule.changed_by_id = actor.id
    db.session.flush()
    record_audit(actor, "meeting.schedule_set", schedule)
    return schedule


def _ensure_not_started(meeting: Meeting) -> None:
    if meeting.starts_at <= clock.now():
        raise DomainError("This meeting has already started, so it cannot be changed.")


def _change_of(actor: User, meeting: Meeting) -> MeetingChange | None:
    return db.session.scalar(
        select(MeetingChange).where(
            MeetingChange.unit_id == actor.unit_id, MeetingChange.on_date == meeting.on_date
        )
    )


def _change_for(actor: User, meeting: Meeting) -> MeetingChange:
    _ensure_not_started(meeting)
    change = _change_of(actor, meeting)
    if change is None:
        change = MeetingChange(unit_id=actor.unit_id, on_date=meeting.on_date)
        db.session.add(change)
    change.changed_by_id, change.changed_at = actor.id, clock.now()
    return change


def cancel_meeting(actor: User, meeting: Meeting, reason: str) -> None:
    change = _change_for(actor, meeting)
    change.status, change.reason = "cancelled", reason
    change.new_date = change.new_starts_at = None
    db.session.flush()
    record_audit(actor, "meeting.cancelled", change)


def move_meeting(actor: User, meeting: Meeting, new_date: date, starts_at: time, reason: str):
    if abs(new_date - meeting.on_date) > MOVE_WITHIN:
        raise DomainError("Move the meeting to a date within 6 days of its usual date.", "new_date")
    if local_to_utc(new_date, starts_at, actor.unit.tz) <= clock.now():
        raise DomainError("Choose a date and time that has not passed.", "new_date")
    change = _change_for(actor, meeting)
    change.status, change.reason = "moved", reason
    change.new_date, change.new_starts_at = new_date, starts_at
    db.session.flush()
    record_audit(actor, "meeting.moved", change)


def restore_meeting(actor: User, meeting: Meeting) -> None:
    _ensure_not_started(meeting)
    change = _change_of(actor, meeting)
    if change is not None:
        record_audit(actor, "meeting.restored", change)
        db.session.delete(change)
        db.session.flush()
