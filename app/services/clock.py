"""The current time, in one place so that tests can move it, and local days as UTC instants."""

from datetime import UTC, date, datetime, time, timedelta


def now() -> datetime:
    return datetime.now(UTC)


def local_today(unit) -> date:
    return now().astimezone(unit.tz).date()


def day_bounds(day: date, tz) -> tuple[datetime, datetime]:
    """The UTC instants at which a local day starts and ends (23 or 25 hours on a change)."""
    first = datetime.combine(day, time()).replace(tzinfo=tz).astimezone(UTC)
    following = datetime.combine(day + timedelta(days=1), time()).replace(tzinfo=tz)
    return first, following.astimezone(UTC)
