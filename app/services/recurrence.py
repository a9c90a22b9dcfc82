"""Expanding weekly activities into dated occurrences, in the unit's time zone.

"Tuesdays 10:00" means 10:00 on the wall clock of the unit, so each date is combined with
the local time and only then converted to UTC: across a clock change the UTC time moves
and the local time stays. A change (cancel or move) applies to its own date only.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import or_, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Activity, ActivityChange, User

MAX_MOVE = timedelta(days=90)  # how far one date may move


@dataclass(frozen=True)
class Occurrence:
    activity: Activity
    on_date: date  # the date in the series: the key of sign-ups and changes
    starts_at: datetime  # aware UTC, after any move
    ends_at: datetime
    status: str = "scheduled"  # scheduled, cancelled, moved or covered
    reason: str = ""
    original_starts_at: datetime | None = None  # set when moved
    cover: User | None = None  # who leads this date instead, when covered

    @property
    def leader(self) -> User:
        return self.cover or self.activity.leader

    @property
    def leader_first_name(self) -> str:
        return self.leader.display_name.split(" ")[0]

    @property
    def public_leader_name(self) -> str | None:
        """The leader's first name for the visitors' page and its calendar: only when staff
        show it for this group and, for a peer worker, when she agreed to be named there."""
        leader = self.leader
        if not self.activity.leader_name_public:
            return None
        if leader.role == "peer_worker" and not leader.name_shown_to_visitors:
            return None
        return self.leader_first_name

    @property
    def leader_id(self) -> int:
        return self.cover.id if self.cover else self.activity.leader_id

    @property
    def is_cancelled(self) -> bool:
        return self.status == "cancelled"

    @property
    def is_moved(self) -> bool:
        return self.status == "moved"

    @property
    def key(self) -> tuple[int, date]:
        return (self.activity.id, self.on_date)


def local_to_utc(day: date, at: time, tz: ZoneInfo) -> datetime:
    """The UTC instant of a wall-clock time. A time skipped by a clock change (01:30 on
    the spring-forward night) is taken as the same length of time after midnight."""
    local = datetime.combine(day, at, tzinfo=tz)
    roundtrip = local.astimezone(UTC).astimezone(tz)
    if roundtrip.replace(tzinfo=None) != local.replace(tzinfo=None):
        local = datetime.combine(day, time(0), tzinfo=tz) + (
            datetime.combine(day, at) - datetime.combine(day, time(0))
        )
    return local.astimezone(UTC)


def series_dates(activity: Activity, first: date, last: date) -> Iterable[date]:
    """Dates of the series between ``first`` and ``last`` inclusive."""
    start = max(first, activity.starts_on)
    end = min(last, activity.ends_on)
    weekdays = set(activity.weekday_numbers)
    day = start
    while day <= end:
        if day.weekday() in weekdays:
            yield day
        day += timedelta(days=1)


def is_series_date(activity: Activity, day: date) -> bool:
    return activity.starts_on <= day <= activity.ends_on and day.weekday() in set(
        activity.weekday_numbers
    )


def occurrence_on(activity: Activity, day: date, change: ActivityChange | None, tz) -> Occurrence:
    """One occurrence of ``activity`` on its series date ``day``, with its change if any."""
    starts_at = local_to_utc(day, activity.start_time, tz)
    ends_at = local_to_utc(day, activity.end_time, tz)
    if change is None:
        return Occurrence(activity, day, starts_at, ends_at)
    if change.status == "cancelled":
        return Occurrence(activity, day, starts_at, ends_at, "cancelled", change.reason)
    if change.status == "covered":
        return Occurrence(activity, day, starts_at, ends_at, "covered", cover=change.leader)
    return Occurrence(
        activity,
        day,
        local_to_utc(change.new_date, change.new_start_time, tz),
        local_to_utc(change.new_date, change.new_end_time, tz),
        "moved",
        change.reason,
        original_starts_at=starts_at,
    )


def expand(
    activities: Iterable[Activity],
    changes: Iterable[ActivityChange],
    first: date,
    last: date,
    tz: ZoneInfo,
) -> list[Occurrence]:
    """Occurrences that happen between ``first`` and ``last`` (local dates, inclusive),
    sorted by start. A moved occurrence appears on the date it moved to; ``changes`` must
    include those whose series date or new date lies in the range."""
    by_key = {(c.activity_id, c.on_date): c for c in changes}
    activities = list(activities)
    by_id = {a.id: a for a in activities}
    found: dict[tuple[int, date], Occurrence] = {}
    for activity in activities:
        for day in series_dates(activity, first, last):
            found[(activity.id, day)] = occurrence_on(
                activity, day, by_key.get((activity.id, day)), tz
            )
    for (activity_id, day), change in by_key.items():
        activity = by_id.get(activity_id)
        if activity is not None and change.status == "moved" and is_series_date(activity, day):
            found[(activity_id, day)] = occurrence_on(activity, day, change, tz)
    return sorted(
        (o for o in found.values() if first <= o.starts_at.astimezone(tz).date() <= last),
        key=lambda o: (o.starts_at, o.activity.title, o.activity.id),
    )


def activities_between(unit, first: date, last: date, *criteria) -> list[Activity]:
    """Activities of ``unit`` whose series touches the range. The margin either side is
    the furthest a date may move, so occurrences moved into the range are found too."""
    return list(
        db.session.scalars(
            select(Activity)
            .where(
                Activity.unit_id == unit.id,
                Activity.starts_on <= last + MAX_MOVE,
                Activity.ends_on >= first - MAX_MOVE,
                *criteria,
            )
            .order_by(Activity.id)
        ).unique()
    )


def changes_between(unit, first: date, last: date) -> list[ActivityChange]:
    return list(
        db.session.scalars(
            select(ActivityChange)
            .options(joinedload(ActivityChange.leader))  # a covered date names its leader
            .where(
                ActivityChange.unit_id == unit.id,
                or_(
                    ActivityChange.on_date.between(first, last),
                    ActivityChange.new_date.between(first, last),
                ),
            )
        )
    )


def occurrences_between(unit, first: date, last: date, *criteria) -> list[Occurrence]:
    """The occurrences of ``unit``'s activities (those matching ``criteria``) that happen
    between ``first`` and ``last``, local dates inclusive: two queries."""
    activities = activities_between(unit, first, last, *criteria)
    return expand(activities, changes_between(unit, first, last), first, last, unit.tz)
