"""The notification outbox. Every event that should reach someone's phone writes a row
here in the same transaction as the event itself; the push worker delivers it.

Text is lock-screen safe by construction: titles and bodies come only from the fixed
templates below, filled with a local time at most. Never a name, topic or diagnosis.
"""

import json
from datetime import datetime

from app.extensions import db
from app.models import Notification
from app.services import clock
from app.services.links import same_site_path

KINDS: dict[str, tuple[str, str]] = {
    "booking.created": ("You have a new booking", "A session at {time} on {day}"),
    "booking.cancelled_by_mother": ("A booking was cancelled", "The session at {time} on {day}"),
    "booking.cancelled_by_peer": ("Your session was cancelled", "Open the app to see why"),
    "booking.handed_over": ("Your session has a new peer worker", "Open the app to see who"),
    "talk.requested": ("Someone would like to talk today", "Open the app to see your list"),
    "session.reminder": ("Reminder", "Session at {time}"),
    "activity.reminder": ("Reminder", "Group at {time}"),
    "activity.signup": ("New sign-up to your group", "For {day} at {time}"),
    "activity.cancelled": ("A group was cancelled", "The group on {day} at {time}"),
    "activity.moved": ("A group has moved", "Open the app for the new time"),
    "voice.answered": ("Your point has an answer", "Open the app to read it"),
    "waitlist.offered": ("A place is free for you", "Open the app to take it"),
    "supervision.due": ("A supervision date is due", "Open the app to see it"),
    "line_management.due": ("A line-management meeting is due", "Open the app to see it"),
    "debrief.requested": ("A colleague would like a debrief", "Open the app to see who"),
    "digest": ("While you were away", "{count} updates are waiting for you"),
    "test": ("Test notification", "Notifications are working on this device"),
}


def lock_screen_text(kind: str, **values) -> tuple[str, str]:
    title, body = KINDS[kind]
    return title, body.format(**values)


def local_time_values(when: datetime, tz) -> dict[str, str]:
    local = when.astimezone(tz)
    return {"time": local.strftime("%H:%M"), "day": local.strftime("%A %-d %B")}


def queue_notification(recipient, kind: str, url: str, when: datetime | None = None, **values):
    if when is not None:
        values = {**local_time_values(when, recipient.unit.tz), **values}
    title, body = lock_screen_text(kind, **values)
    now = clock.now()
    row = Notification(
        unit_id=recipient.unit_id,
        user_id=recipient.id,
        kind=kind,
        title=title,
        body=body,
        url=url,
        created_at=now,
        not_before=now,
    )
    db.session.add(row)
    return row


_compact_json = json.JSONEncoder(separators=(",", ":")).encode


def push_payload(row_id: int, title: str, body: str, url: str) -> str:
    """What the service worker receives: the lock-screen texts and a path on this site."""
    url = same_site_path(url) or "/"
    return _compact_json({"title": title, "body": body, "url": url, "tag": f"n{row_id}"})


def payload_for(row: Notification) -> str:
    return push_payload(row.id, row.title, row.body, row.url)
