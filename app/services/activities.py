"""Running the timetable: activities and their per-date changes, for staff and peer workers.

Rules: times and dates in order, a date range of at most two years, weekdays Monday to
Sunday, a leader who is an active peer worker or member of staff of the same unit, and a
capacity of at least one. A change touches one date of the series, and the mothers who
hold a place (or an offer of one) are told through the outbox.
"""

from dataclasses import dataclass
from datetime import date, time, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import (
    Activity,
    ActivityChange,
    SignUp,
    User,
)
from app.services import clock, signups
from app.services.audit import record_audit
from app.services.errors import DomainError, NotFoundInUnit
from app.services.hours import led_group_times
from app.services.leader_time import refuse_if_away, refuse_if_booked
from app.services.notifications import queue_notification
from app.services.recurrence import (
    MAX_MOVE,
    Occurrence,
    is_series_date,
    local_to_utc,
    occurrence_on,
)

MAX_SPAN = timedelta(days=2 * 366)
MAX_CAPACITY = 100
LEADER_ROLES = ("peer_worker", "staff")


@dataclass
class ActivityDetails:
    title: str
    description: str
    room: str
    leader_id: int
    weekdays: list[int]
    start_time: time
    end_time: time
    starts_on: date
    ends_on: date
    capacity: int | None
    visitor_friendly: bool
    baby_welcome: bool
    leader_name_public: bool
    open_to_discharged: bool = False


def possible_leaders(unit) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(User.unit_id == unit.id, User.role.in_(LEADER_ROLES), User.active.is_(True))
            .order_by(User.display_name)
        )
    )


def _check(actor, details: ActivityDetails, activity: Activity | None) -> None:
    if details.end_time <= details.start_time:
        raise DomainError("The end time must be after the start time", "end_time")
    if details.ends_on < details.starts_on:
        raise DomainError("The last date must be on or after the first date", "ends_on")
    if details.ends_on - details.starts_on > MAX_SPAN:
        raise DomainError(
            "A group can run for up to 2 years. Choose an earlier last date", "ends_on"
        )
    if not details.weekdays:
        raise DomainError("Select at least one day of the week", "weekdays")
    if any(d not in range(7) for d in details.weekdays):
        raise DomainError("Select days from Monday to Sunday", "weekdays")
    if details.capacity is not None and not 1 <= details.capacity <= MAX_CAPACITY:
        raise DomainError(f"Places must be between 1 and {MAX_CAPACITY}", "capacity")
    leader = db.session.get(User, details.leader_id)
    if (
        leader is None
        or leader.unit_id != actor.unit_id
        or leader.role not in LEADER_ROLES
        or not leader.active
    ):
        raise DomainError("Select who leads the group", "leader_id")
    if activity is not None:
        _check_places_kept(actor, activity, details)
    _check_leader_free(leader, details, activity)


def _check_leader_free(leader: User, details: ActivityDetails, activity: Activity | None):
    """The group's dates from today, at their times, must miss her booked sessions."""
    tz = leader.unit.tz
    first = max(details.starts_on, clock.local_today(leader.unit))
    changed = set()
    if activity is not None:  # a cancelled or moved date is not at the series' time
        changed = set(
            db.session.scalars(
                select(ActivityChange.on_date).where(ActivityChange.activity_id == activity.id)
            )
        )
    weekdays = set(details.weekdays)
    days = (first + timedelta(days=n) for n in range((details.ends_on - first).days + 1))
    refuse_if_booked(
        leader,
        (
            (local_to_utc(day, details.start_time, tz), local_to_utc(day, details.end_time, tz))
            for day in days
            if day.weekday() in weekdays and day not in changed
        ),
    )


def _check_places_kept(actor, activity: Activity, details: ActivityDetails) -> None:
    """An edit must not take away a date, or places, that mothers already hold."""
    today = clock.local_today(actor.unit)
    held_dates = db.session.scalars(
        select(SignUp.on_date)
        .where(
            SignUp.activity_id == activity.id,
            SignUp.on_date >= today,
            SignUp.on_date.not_in(
                select(ActivityChange.on_date).where(
                    ActivityChange.activity_id == activity.id,
                    ActivityChange.status == "cancelled",
                )
            ),
        )
        .distinct()
    ).all()
    kept = set(details.weekdays)
    lost = [
        d
        for d in held_dates
        if not (details.starts_on <= d <= details.ends_on and d.weekday() in kept)
    ]
    if lost:
        raise DomainError(
            f"Mothers have places on {min(lost):%-d %B %Y}, which this change removes. "
            "Cancel that date first, or keep it in the group's days",
            "weekdays",
        )
    if details.capacity is not None:
        busiest = db.session.scalar(
            select(func.count())
            .select_from(SignUp)
            .where(
                SignUp.activity_id == activity.id,
                SignUp.status != "waiting",
                SignUp.on_date >= today,
            )
            .group_by(SignUp.on_date)
            .order_by(func.count().desc())
            .limit(1)
        )
        if busiest and busiest > details.capacity:
            raise DomainError(
                f"{busiest} mothers already have a place on one date. "
                f"Places cannot be fewer than that",
                "capacity",
            )


def _apply(activity: Activity, details: ActivityDetails) -> None:
    for name, value in vars(details).items():
        if name != "weekdays":
            setattr(activity, name, value)
    activity.weekdays = "".join(str(d) for d in sorted(set(details.weekdays)))


def create_activity(actor, details: ActivityDetails) -> Activity:
    _check(actor, details, None)
    activity = Activity(unit_id=actor.unit_id)
    _apply(activity, details)
    db.session.add(activity)
    db.session.flush()
    record_audit(actor, "activity.created", activity)
    return activity


def update_activity(actor, activity: Activity, details: ActivityDetails, *, link: str) -> Activity:
    _check(actor, details, activity)
    grew = activity.capacity is not None and (
        details.capacity is None or details.capacity > activity.capacity
    )
    _apply(activity, details)
    db.session.flush()
    record_audit(actor, "activity.updated", activity)
    if grew:
        _offer_new_places(actor, activity, link)
    return activity


def _offer_new_places(actor, activity: Activity, link: str) -> None:
    waiting_dates = db.session.scalars(
        select(SignUp.on_date)
        .where(
            SignUp.activity_id == activity.id,
            SignUp.status == "waiting",
            SignUp.on_date >= clock.local_today(actor.unit),
        )
        .distinct()
    ).all()
    for day in waiting_dates:
        if is_series_date(activity, day):
            signups.offer_new_places(find_occurrence(actor, activity.id, day), link=link)


def find_occurrence(actor, activity_id: int, on_date: date) -> Occurrence:
    """The occurrence on series date ``on_date`` in the actor's unit, or NotFoundInUnit."""
    activity = db.session.scalar(
        select(Activity).where(Activity.id == activity_id, Activity.unit_id == actor.unit_id)
    )
    if activity is None or not is_series_date(activity, on_date):
        raise NotFoundInUnit()
    change = db.session.scalar(
        select(ActivityChange).where(
            ActivityChange.activity_id == activity.id, ActivityChange.on_date == on_date
        )
    )
    return occurrence_on(activity, on_date, change, actor.unit.tz)


def _change_for(occurrence: Occurrence) -> ActivityChange:
    change = db.session.scalar(
        select(ActivityChange).where(
            ActivityChange.activity_id == occurrence.activity.id,
            ActivityChange.on_date == occurrence.on_date,
        )
    )
    if change is None:
        change = ActivityChange(
            unit_id=occurrence.activity.unit_id,
            activity_id=occurrence.activity.id,
            on_date=occurrence.on_date,
        )
        db.session.add(change)
    return change


def _refuse_past(actor, occurrence: Occurrence) -> None:
    if occurrence.ends_at <= clock.now():
        raise DomainError("This date has passed, so it cannot be changed")


def _tell_signed_up(occurrence: Occurrence, kind: str, link: str) -> int:
    holders = db.session.scalars(
        select(User)
        .join(SignUp, SignUp.mother_id == User.id)
        .where(
            SignUp.activity_id == occurrence.activity.id,
            SignUp.on_date == occurrence.on_date,
            SignUp.status.in_(("booked", "offered")),
        )
    ).all()
    for mother in holders:
        queue_notification(
            mother, kind, link, when=occurrence.original_starts_at or occurrence.starts_at
        )
    return len(holders)


def cancel_occurrence(actor, occurrence: Occurrence, reason: str, *, link: str) -> int:
    """Cancel one date; returns how many mothers were told."""
    _refuse_past(actor, occurrence)
    if occurrence.is_cancelled:
        raise DomainError("This date is already cancelled")
    if not reason.strip():
        raise DomainError("Enter a reason, so that mothers know why", "reason")
    change = _change_for(occurrence)
    change.status, change.reason = "cancelled", reason.strip()
    change.new_date = change.new_start_time = change.new_end_time = change.leader_id = None
    change.changed_by_id = actor.id
    db.session.flush()
    record_audit(actor, "activity.cancelled", occurrence.activity, f"{occurrence.on_date}")
    return _tell_signed_up(occurrence, "activity.cancelled", link)


def cover_occurrence(actor, occurrence: Occurrence, leader_id) -> User:
    """Someone else leads this one date at its usual time (its leader is on leave)."""
    _refuse_past(actor, occurrence)
    if occurrence.is_cancelled or occurrence.is_moved:
        raise DomainError("This date has been changed. Restore it first")
    leader = db.session.get(User, leader_id) if isinstance(leader_id, int) else None
    if (
        leader is None
        or leader.unit_id != actor.unit_id
        or leader.role not in LEADER_ROLES
        or not leader.active
        or leader.id == occurrence.activity.leader_id
    ):
        raise DomainError("Choose who leads it that day", "choice")
    times = [(occurrence.starts_at, occurrence.ends_at)]
    day = occurrence.starts_at.astimezone(actor.unit.tz).date()
    refuse_if_away(leader, occurrence.starts_at, occurrence.ends_at, "choice")
    refuse_if_booked(leader, times)
    busy = led_group_times(actor.unit, [leader.id], [day]).get(leader.id, ())
    if any(start < occurrence.ends_at and occurrence.starts_at < end for start, end in busy):
        raise DomainError(f"{leader.display_name} leads another group then", "choice")
    change = _change_for(occurrence)
    change.status, change.reason, change.leader_id = "covered", "", leader.id
    change.changed_by_id = actor.id
    db.session.flush()
    record_audit(actor, "activity.covered", occurrence.activity, f"{occurrence.on_date}")
    return leader


def move_occurrence(
    actor,
    occurrence: Occurrence,
    new_date: date,
    start: time,
    end: time,
    reason: str = "",
    *,
    link: str,
) -> int:
    """Move one date to another date or time; returns how many mothers were told."""
    _refuse_past(actor, occurrence)
    if end <= start:
        raise DomainError("The end time must be after the start time", "end_time")
    if abs(new_date - occurrence.on_date) > MAX_MOVE:
        raise DomainError("Move it by less than 3 months, or cancel it instead", "new_date")
    tz = actor.unit.tz
    if local_to_utc(new_date, start, tz) <= clock.now():
        raise DomainError("Choose a new date and time in the future", "new_date")
    new_times = (local_to_utc(new_date, start, tz), local_to_utc(new_date, end, tz))
    refuse_if_away(occurrence.leader, *new_times, "new_date")
    refuse_if_booked(occurrence.leader, [new_times])
    change = _change_for(occurrence)
    change.status, change.reason = "moved", reason.strip()
    change.new_date, change.new_start_time, change.new_end_time = new_date, start, end
    change.leader_id = None
    change.changed_by_id = actor.id
    db.session.flush()
    record_audit(actor, "activity.moved", occurrence.activity, f"{occurrence.on_date}->{new_date}")
    moved = occurrence_on(occurrence.activity, occurrence.on_date, change, tz)
    return _tell_signed_up(moved, "activity.moved", link)


def restore_occurrence(actor, occurrence: Occurrence) -> None:
    """Undo a cancellation or move: the date goes back to the series."""
    _refuse_past(actor, occurrence)
    change = _change_for(occurrence)
    if change.id is None:
        db.session.expunge(change)
        raise DomainError("This date has not been changed")
    usual = occurrence_on(occurrence.activity, occurrence.on_date, None, actor.unit.tz)
    refuse_if_booked(occurrence.activity.leader, [(usual.starts_at, usual.ends_at)])
    db.session.delete(change)
    db.session.flush()
    record_audit(actor, "activity.restored", occurrence.activity, f"{occurrence.on_date}")


def unit_activities(unit) -> list[Activity]:
    return list(
        db.session.scalars(
            select(Activity)
            .where(Activity.unit_id == unit.id)
            .order_by(Activity.ends_on < clock.local_today(unit), Activity.title)
        ).unique()
    )
