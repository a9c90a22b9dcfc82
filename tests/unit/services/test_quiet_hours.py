from datetime import UTC, datetime, time
from zoneinfo import ZoneInfo

import pytest

from app.models import NotificationPreference
from app.services.quiet_hours import in_quiet_hours, within

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("start", "end", "moment", "expected"),
    [
        (time(22), time(7), time(23), True),
        (time(22), time(7), time(6, 59), True),
        (time(22), time(7), time(7), False),
        (time(22), time(7), time(12), False),
        (time(13), time(14), time(13, 30), True),
        (time(13), time(14), time(14), False),
        (time(13), time(13), time(13), False),
    ],
)
def test_within(start, end, moment, expected):
    assert within(start, end, moment) is expected


def test_quiet_hours_are_in_the_units_local_time():
    preference = NotificationPreference(quiet_from=time(22), quiet_until=time(7))
    # 21:30 UTC in July is 22:30 in London (BST): quiet.
    assert in_quiet_hours(preference, datetime(2027, 7, 1, 21, 30, tzinfo=UTC), LONDON)
    # 21:30 UTC in January is 21:30 in London (GMT): not quiet.
    assert not in_quiet_hours(preference, datetime(2027, 1, 1, 21, 30, tzinfo=UTC), LONDON)


def test_no_preference_means_no_quiet_hours():
    assert not in_quiet_hours(None, datetime(2027, 1, 1, 3, tzinfo=UTC), LONDON)
    assert not in_quiet_hours(NotificationPreference(), datetime(2027, 1, 1, 3, tzinfo=UTC), LONDON)
