"""Calendar feeds (ICS): a mother's own groups and peer sessions, and a unit's public
activities.

Built with the icalendar library, which escapes text (commas, semicolons, new lines) and
writes the unit's time zone as a VTIMEZONE, so a group at 10:00 in London shows at 10:00.
A mother's feed is reached through a secret link; only a hash of its token is stored, and
a new link (or turning it off) makes the old one answer 404.
"""

import hashlib
import secrets
from datetime import date, time, timedelta

from icalendar import Alarm, Calendar, Event
from sqlalchemy import delete, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import Activity, Booking, CalendarFeed, SignUp, User
from app.models.booking import BookingStatus
from app.services import clock
from app.services.audit import record_audit
from app.services.recurrence import MAX_MOVE, Occurrence, local_to_utc, occurrences_between

PAST_DAYS = 30
PUBLIC_WEEKS = 8
PERSONAL_WEEKS = 26
ALARM_BEFORE = timedelta(minutes=30)
SESSION_TITLE = "One-to-one session"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_feed_token(mother: User) -> str:
    """Replace her feed link with a new one; the old link stops working."""
    db.session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == mother.id))
    token = secrets.token_urlsafe(32)
    db.session.add(CalendarFeed(unit_id=mother.unit_id, user_id=mother.id, token_hash=_hash(token)))
    db.session.flush()
    record_audit(mother, "calendar_feed.created", mother)
    return token


def revoke_feed(mother: User) -> bool:
    removed = db.session.execute(delete(CalendarFeed).where(CalendarFeed.user_id == mother.id))
    if removed.rowcount:
        record_audit(mother, "calendar_feed.revoked", mother)
    return bool(removed.rowcount)


def has_feed(mother: User) -> bool:
    return (
        db.session.scalar(select(CalendarFeed.id).where(CalendarFeed.user_id == mother.id))
        is not None
    )


def feed_owner(token: str) -> User | None:
    feed = db.session.scalar(select(CalendarFeed).where(CalendarFeed.token_hash == _hash(token)))
    if feed is None or not feed.user.active:
        return None
    if feed.user.support_ended(clock.local_today(feed.user.unit)):
        return None  # the same rule as signing in: support over, access over
    return feed.user


def _calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", "-//NHS Mother and Baby Unit peer support//Timetable//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    return cal


def _event(occurrence: Occurrence, tz, host: str, *, public: bool) -> Event:
    activity = occurrence.activity
    event = Event()
    event.add(
        "uid",
        f"activity-{activity.id}-{occurrence.on_date:%Y%m%d}{'-public' if public else ''}@{host}",
    )
    event.add("dtstamp", clock.now())
    event.add("dtstart", occurrence.starts_at.astimezone(tz))
    event.add("dtend", occurrence.ends_at.astimezone(tz))
    event.add("summary", activity.title)
    event.add("location", activity.room)
    lines = [activity.description] if activity.description else []
    leader = occurrence.public_leader_name if public else occurrence.leader_first_name
    if leader:
        lines.append(f"Led by {leader}")
    if occurrence.is_cancelled:
        event.add("status", "CANCELLED")
        lines.insert(0, f"Cancelled: {occurrence.reason}")
    else:
        event.add("status", "CONFIRMED")
        if occurrence.is_moved:
            lines.insert(0, "This date has moved to a new time")
    if lines:
        event.add("description", "\n".join(lines))
    event.add("sequence", 1 if occurrence.status != "scheduled" else 0)
    return event


def _alarm(title: str) -> Alarm:
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"Soon: {title}")
    alarm.add("trigger", -ALARM_BEFORE)
    return alarm


def _window(unit, weeks: int) -> tuple[date, date]:
    today = clock.local_today(unit)
    return today - timedelta(days=PAST_DAYS), today + timedelta(weeks=weeks)


def _session_event(booking: Booking, tz, host: str) -> Event:
    """A one-to-one session. No topic: calendars sync to other devices and alarms show on
    the lock screen."""
    event = Event()
    event.add("uid", f"session-{booking.id}@{host}")
    event.add("dtstamp", clock.now())
    event.add("dtstart", booking.starts_at.astimezone(tz))
    event.add("dtend", booking.ends_at.astimezone(tz))
    event.add("summary", SESSION_TITLE)
    event.add("location", booking.place_label)
    cancelled = booking.status == BookingStatus.CANCELLED
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("description", f"With {booking.peer_worker.display_name.split(' ')[0]}")
    if booking.status == BookingStatus.BOOKED:
        event.add_component(_alarm(SESSION_TITLE))
    return event


def _sessions(mother: User, first: date, last: date) -> list[Booking]:
    tz = mother.unit.tz
    return list(
        db.session.scalars(
            select(Booking)
            .options(joinedload(Booking.peer_worker))
            .where(
                Booking.mother_id == mother.id,
                Booking.starts_at >= local_to_utc(first, time(0), tz),
                Booking.starts_at < local_to_utc(last + timedelta(days=1), time(0), tz),
            )
            .order_by(Booking.starts_at)
        )
    )


def mother_calendar(mother: User, host: str) -> bytes:
    """Her booked groups and her peer sessions, cancelled ones marked CANCELLED, each
    one to come with an alarm."""
    unit = mother.unit
    first, last = _window(unit, PERSONAL_WEEKS)
    booked = set(
        db.session.execute(
            select(SignUp.activity_id, SignUp.on_date).where(
                SignUp.mother_id == mother.id,
                SignUp.status == "booked",
                SignUp.on_date.between(first - MAX_MOVE, last + MAX_MOVE),
            )
        ).tuples()
    )
    ids = {activity_id for activity_id, _ in booked}
    occurrences = occurrences_between(unit, first, last, Activity.id.in_(ids)) if ids else []
    cal = _calendar(f"My groups: {unit.name}")
    for occurrence in occurrences:
        if occurrence.key in booked:
            event = _event(occurrence, unit.tz, host, public=False)
            if not occurrence.is_cancelled:
                event.add_component(_alarm(occurrence.activity.title))
            cal.add_component(event)
    for booking in _sessions(mother, first, last):
        cal.add_component(_session_event(booking, unit.tz, host))
    cal.add_missing_timezones()
    return cal.to_ical()


def session_calendar(booking: Booking, host: str) -> bytes:
    """One session for her phone's calendar, with the same uid as in her feed, so a
    calendar holding both keeps one event."""
    unit = booking.mother.unit
    cal = _calendar(f"My sessions: {unit.name}")
    cal.add_component(_session_event(booking, unit.tz, host))
    cal.add_missing_timezones()
    return cal.to_ical()


def public_calendar(unit, host: str) -> bytes:
    """Visitor-friendly activities: titles, times and rooms, never who attends."""
    first, last = _window(unit, PUBLIC_WEEKS)
    cal = _calendar(f"{unit.name}: groups families can join")
    for occurrence in occurrences_between(unit, first, last, Activity.visitor_friendly.is_(True)):
        cal.add_component(_event(occurrence, unit.tz, host, public=True))
    cal.add_missing_timezones()
    return cal.to_ical()
