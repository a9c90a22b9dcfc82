"""The week at a glance: occurrences with places left, in a fixed number of queries.

Four queries whatever the size of the timetable or its history: activities (leaders
joined), changes, place counts grouped by occurrence, and the mother's own sign-ups.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby

from app.models import Activity, SignUp
from app.services import clock
from app.services.recurrence import Occurrence, occurrences_between
from app.services.signups import held_counts, rows_of_mother


@dataclass(frozen=True)
class TimetableEntry:
    occurrence: Occurrence
    places_left: int | None  # None: no limit
    waiting: int
    mine: SignUp | None = None

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def is_past(self) -> bool:
        return self.occurrence.starts_at <= clock.now()


@dataclass(frozen=True)
class TimetableDay:
    day: date
    entries: list[TimetableEntry]


def timetable(
    unit, first: date, last: date, mother=None, public: bool = False
) -> list[TimetableDay]:
    """Every day from ``first`` to ``last``, each with its entries (possibly none). A
    mother supported after discharge sees only the groups open to her."""
    criteria = [Activity.visitor_friendly.is_(True)] if public else []
    if mother is not None and mother.is_discharged():
        criteria.append(Activity.open_to_discharged.is_(True))
    occurrences = occurrences_between(unit, first, last, *criteria)
    # Places are kept by series date: a date moved into the range keeps its own.
    series_dates = {o.on_date for o in occurrences}
    counts = held_counts(unit, series_dates) if not public else {}
    mine = rows_of_mother(mother, series_dates) if mother else {}
    entries = []
    for o in occurrences:
        capacity = o.activity.capacity
        held = counts.get((o.activity.id, o.on_date, "held"), 0)
        entries.append(
            TimetableEntry(
                o,
                None if capacity is None else max(capacity - held, 0),
                counts.get((o.activity.id, o.on_date, "waiting"), 0),
                mine.get(o.key),
            )
        )
    by_day = {
        day: list(group)
        for day, group in groupby(
            entries, key=lambda e: e.occurrence.starts_at.astimezone(unit.tz).date()
        )
    }
    return [
        TimetableDay(first + timedelta(days=n), by_day.get(first + timedelta(days=n), []))
        for n in range((last - first).days + 1)
    ]


@dataclass(frozen=True)
class TimetableWeek:
    heading: str
    days: list[TimetableDay]


def this_week_and_next(unit, mother=None) -> list[TimetableWeek]:
    """From today to Sunday, then the whole of next week (Monday to Sunday)."""
    today = clock.local_today(unit)
    sunday = today + timedelta(days=6 - today.weekday())
    days = timetable(unit, today, sunday + timedelta(days=7), mother=mother)
    return [
        TimetableWeek("This week", [d for d in days if d.day <= sunday]),
        TimetableWeek("Next week", [d for d in days if d.day > sunday]),
    ]


def this_week(unit) -> tuple[date, date]:
    today = clock.local_today(unit)
    return today, today + timedelta(days=6)


def single_entry(unit, occurrence: Occurrence) -> TimetableEntry:
    """One occurrence with its places left, for its own page."""
    counts = held_counts(unit, [occurrence.on_date])
    capacity = occurrence.activity.capacity
    held = counts.get((occurrence.activity.id, occurrence.on_date, "held"), 0)
    return TimetableEntry(
        occurrence,
        None if capacity is None else max(capacity - held, 0),
        counts.get((occurrence.activity.id, occurrence.on_date, "waiting"), 0),
    )
