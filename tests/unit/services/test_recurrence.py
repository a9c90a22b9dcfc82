"""Recurrence in the unit's time zone: wall-clock times hold across clock changes."""

from datetime import UTC, date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from app.services.recurrence import expand, is_series_date, local_to_utc, series_dates

LONDON = ZoneInfo("Europe/London")


def activity(**kwargs):
    values = dict(
        id=1,
        title="Yoga",
        weekdays="1",  # Tuesdays
        start_time=time(10, 0),
        end_time=time(11, 0),
        starts_on=date(2026, 3, 17),
        ends_on=date(2026, 4, 7),
    )
    values.update(kwargs)
    a = SimpleNamespace(**values)
    a.weekday_numbers = [int(d) for d in a.weekdays]
    return a


def change(on_date, status, **kwargs):
    values = dict(
        activity_id=1,
        on_date=on_date,
        status=status,
        reason="",
        new_date=None,
        new_start_time=None,
        new_end_time=None,
    )
    values.update(kwargs)
    return SimpleNamespace(**values)


def test_tuesdays_at_ten_stay_at_ten_local_across_the_spring_clock_change():
    found = expand([activity()], [], date(2026, 3, 16), date(2026, 4, 8), LONDON)
    assert [o.on_date for o in found] == [
        date(2026, 3, 17),
        date(2026, 3, 24),
        date(2026, 3, 31),
        date(2026, 4, 7),
    ]
    assert {o.starts_at.astimezone(LONDON).time() for o in found} == {time(10, 0)}
    # Before 29 March London is on GMT (10:00 UTC), after it on BST (09:00 UTC).
    assert found[1].starts_at == datetime(2026, 3, 24, 10, 0, tzinfo=UTC)
    assert found[2].starts_at == datetime(2026, 3, 31, 9, 0, tzinfo=UTC)


def test_wall_clock_time_holds_across_the_autumn_clock_change():
    a = activity(starts_on=date(2026, 10, 20), ends_on=date(2026, 10, 27))
    before, after = expand([a], [], date(2026, 10, 19), date(2026, 10, 28), LONDON)
    assert before.starts_at == datetime(2026, 10, 20, 9, 0, tzinfo=UTC)
    assert after.starts_at == datetime(2026, 10, 27, 10, 0, tzinfo=UTC)
    assert after.ends_at.astimezone(LONDON).time() == time(11, 0)


def test_a_time_skipped_by_the_clock_change_is_still_a_real_instant():
    skipped = local_to_utc(date(2026, 3, 29), time(1, 30), LONDON)
    assert skipped == datetime(2026, 3, 29, 1, 30, tzinfo=UTC)


def test_other_time_zones_expand_in_their_own_local_time():
    found = expand(
        [activity()], [], date(2026, 3, 16), date(2026, 3, 18), ZoneInfo("America/New_York")
    )
    assert found[0].starts_at.astimezone(ZoneInfo("America/New_York")).time() == time(10, 0)


def test_a_cancellation_applies_to_its_date_only():
    cancelled = change(date(2026, 3, 24), "cancelled", reason="Staff training")
    found = expand([activity()], [cancelled], date(2026, 3, 16), date(2026, 4, 8), LONDON)
    assert [o.status for o in found] == ["scheduled", "cancelled", "scheduled", "scheduled"]
    assert found[1].reason == "Staff training"


def test_a_moved_date_appears_at_its_new_time_and_not_at_the_old_one():
    moved = change(
        date(2026, 3, 24),
        "moved",
        new_date=date(2026, 3, 26),
        new_start_time=time(14, 0),
        new_end_time=time(15, 0),
    )
    found = expand([activity()], [moved], date(2026, 3, 23), date(2026, 3, 29), LONDON)
    assert len(found) == 1
    (o,) = found
    assert o.is_moved and o.on_date == date(2026, 3, 24)
    assert o.starts_at.astimezone(LONDON) == datetime(2026, 3, 26, 14, 0, tzinfo=LONDON)
    assert o.original_starts_at.astimezone(LONDON).date() == date(2026, 3, 24)


def test_a_date_moved_into_the_range_from_outside_it_is_included():
    moved = change(
        date(2026, 3, 17),
        "moved",
        new_date=date(2026, 3, 25),
        new_start_time=time(9, 0),
        new_end_time=time(9, 30),
    )
    found = expand([activity()], [moved], date(2026, 3, 23), date(2026, 3, 29), LONDON)
    assert [(o.on_date, o.status) for o in found] == [
        (date(2026, 3, 24), "scheduled"),
        (date(2026, 3, 17), "moved"),
    ]


def test_series_respects_its_dates_and_weekdays():
    a = activity(weekdays="024", starts_on=date(2026, 3, 18), ends_on=date(2026, 3, 23))
    assert list(series_dates(a, date(2026, 3, 1), date(2026, 3, 31))) == [
        date(2026, 3, 18),
        date(2026, 3, 20),
        date(2026, 3, 23),
    ]
    assert is_series_date(a, date(2026, 3, 20))
    assert not is_series_date(a, date(2026, 3, 19))  # a Thursday
    assert not is_series_date(a, date(2026, 3, 25))  # after the last date


def test_one_off_activity_has_exactly_one_occurrence():
    a = activity(weekdays="3", starts_on=date(2026, 3, 19), ends_on=date(2026, 3, 19))
    assert [o.on_date for o in expand([a], [], date(2026, 3, 1), date(2026, 4, 30), LONDON)] == [
        date(2026, 3, 19)
    ]
