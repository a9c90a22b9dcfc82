"""A bookable slot tomorrow on the tests' clock, which gunicorn hosts share."""

from datetime import UTC, datetime, time, timedelta

from app.services import clock
from tests.sessions_support import weekly


def slot_tomorrow(peer) -> tuple[str, str]:
    """Offer ``peer`` 10:00 to 11:00 local tomorrow; return (day page path, slot value)."""
    tz = peer.unit.tz
    tomorrow = clock.local_today(peer.unit) + timedelta(days=1)
    weekly(peer, tomorrow.weekday(), "10:00", "11:00")
    starts = datetime.combine(tomorrow, time(10), tzinfo=tz).astimezone(UTC)
    return f"/me/sessions/book/{tomorrow.isoformat()}", starts.isoformat()
