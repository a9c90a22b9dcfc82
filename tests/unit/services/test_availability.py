from datetime import UTC, date, datetime, time

import pytest

from app.services import availability
from app.services.availability import WindowTimes
from app.services.errors import DomainError

NOW = datetime(2027, 5, 4, 8, tzinfo=UTC)


@pytest.fixture
def peer(app, factory, unit, frozen_now):
    frozen_now(NOW)
    return factory.user("peer_worker", unit)


def test_weekly_windows_one_per_day(peer):
    windows = availability.add_weekly_window(
        peer, [1, 0, 1], WindowTimes(time(9, 30), time(16, 30), 45, 15)
    )
    assert [w.weekday for w in windows] == [0, 1]
    weekly, extra, pauses = availability.availability_of(peer)
    assert len(weekly) == 2 and extra == [] and pauses == []


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (([], time(9), time(10), 60, 0), "weekdays"),
        (([7], time(9), time(10), 60, 0), "weekdays"),
        (([0], time(9, 10), time(10), 30, 0), "starts"),
        (([0], time(10), time(9), 30, 0), "ends"),
        (([0], time(9), time(9, 30), 60, 0), "ends"),
        (([0], time(9), time(12), 50, 0), "session_minutes"),
        (([0], time(9), time(12), 60, 10), "gap_minutes"),
    ],
)
def test_bad_windows_are_refused(peer, args, field):
    with pytest.raises(DomainError) as caught:
        availability.add_weekly_window(peer, args[0], WindowTimes(*args[1:]))
    assert caught.value.field == field


def test_extra_windows_and_leave_are_not_in_the_past(peer):
    with pytest.raises(DomainError):
        availability.add_extra_window(peer, date(2027, 5, 3), WindowTimes(time(9), time(10), 60, 0))
    with pytest.raises(DomainError):
        availability.add_pause(peer, date(2027, 5, 3), None, "leave")
    with pytest.raises(DomainError):
        availability.add_pause(peer, date(2027, 5, 6), date(2027, 5, 5), "leave")
    pause = availability.add_pause(peer, date(2027, 5, 5), None, "pause")
    assert pause.last_day == date(2027, 5, 5)


def test_she_changes_only_her_own(peer, factory, unit):
    colleague = factory.user("peer_worker", unit)
    window = availability.add_extra_window(
        peer, date(2027, 5, 5), WindowTimes(time(9), time(10), 60, 0)
    )
    with pytest.raises(DomainError):
        availability.remove_window(colleague, window)
    availability.remove_window(peer, window)
    assert availability.availability_of(peer)[1] == []


@pytest.mark.parametrize(
    ("hour", "minute", "working"), [(11, 59, True), (12, 0, False), (12, 59, False), (13, 0, True)]
)
def test_her_phone_is_quiet_during_a_break_within_the_day(peer, hour, minute, working):
    """Notifications wait while she is on her break (12:00 to 13:00 in London, BST)."""
    availability.add_weekly_window(peer, [1], WindowTimes(time(9), time(17), 60, 0))
    availability.add_pause(peer, date(2027, 5, 4), None, "break", time(12), time(13))
    at = datetime(2027, 5, 4, hour - 1, minute, tzinfo=UTC)
    assert availability.is_working(peer, at) is working
