"""The current time, in one place so that tests can move it."""

from datetime import UTC, date, datetime


def now() -> datetime:
    return datetime.now(UTC)


def local_today(unit) -> date:
    return now().astimezone(unit.tz).date()
