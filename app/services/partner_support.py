""" "Support for you" on the visitors' page: where a partner can get help with their own
mental health. A list staff edit, short on purpose.

Until staff change it, a unit shows the national defaults below (and its own number);
they are written to the unit's list the first time staff edit it. A unit whose list
has been emptied shows the defaults again: a partner is never left with nowhere to turn.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from sqlalchemy import func, select

from app.extensions import db
from app.models import PartnerSupport
from app.services.audit import record_audit
from app.services.errors import DomainError

MOST_ENTRIES = 8


@dataclass(frozen=True)
class Entry:
    """What the visitors' page shows of an entry, stored or default."""

    name: str
    description: str = ""
    phone: str = ""
    link: str = ""
    id: int | None = None

    @property
    def dial(self) -> str:
        return "".join(c for c in self.phone if c.isdigit() or c == "+")


def default_entries(unit) -> list[Entry]:
    entries = [
        Entry(
            "NHS 111, mental health option",
            "Call 111 and choose the option for mental health. Free, day or night.",
            "111",
        ),
        Entry("Samaritans", "Someone to talk to. Free, any time of day or night.", "116 123"),
        Entry("Shout", "Text SHOUT to 85258 to talk by text. Free, any time."),
        Entry(
            "Your GP",
            "Your GP can talk with you about how you are, and refer you for support.",
        ),
    ]
    if unit.phone:
        entries.insert(
            3,
            Entry(unit.name, "Ask the staff on the unit. They support partners too.", unit.phone),
        )
    return entries


def _stored(unit) -> list[PartnerSupport]:
    return list(
        db.session.scalars(
            select(PartnerSupport)
            .where(PartnerSupport.unit_id == unit.id)
            .order_by(PartnerSupport.position, PartnerSupport.id)
        )
    )


def stored_entries(unit) -> list[PartnerSupport]:
    return _stored(unit)


def support_for_partners(unit) -> list[Entry]:
    """What the visitors' page lists: the unit's own list, or the defaults."""
    rows = _stored(unit)
    if not rows:
        return default_entries(unit)
    return [Entry(r.name, r.description, r.phone, r.link, r.id) for r in rows]


def start_own_list(actor, unit) -> list[PartnerSupport]:
    """Write the defaults to the unit's list, so that staff can change them one by one."""
    rows = _stored(unit)
    if rows:
        return rows
    for position, entry in enumerate(default_entries(unit)):
        db.session.add(
            PartnerSupport(
                unit_id=unit.id,
                position=position,
                name=entry.name,
                description=entry.description,
                phone=entry.phone,
                link=entry.link,
            )
        )
    db.session.flush()
    record_audit(actor, "partner_support.started", unit_id=unit.id)
    return _stored(unit)


def check_link(link: str) -> str:
    link = (link or "").strip()
    if not link:
        return ""
    parts = urlsplit(link)
    if parts.scheme != "https" or not parts.hostname or parts.username or parts.password:
        raise DomainError("Enter a web address that starts with https://", "link")
    return link


def add_entry(actor, unit, name: str, description: str, phone: str, link: str):
    rows = start_own_list(actor, unit)
    if len(rows) >= MOST_ENTRIES:
        raise DomainError(
            f"The list already has {MOST_ENTRIES} entries. Remove one before you add another",
            "name",
        )
    last = db.session.scalar(
        select(func.max(PartnerSupport.position)).where(PartnerSupport.unit_id == unit.id)
    )
    entry = PartnerSupport(
        unit_id=unit.id,
        position=(last or 0) + 1,
        name=name,
        description=description,
        phone=phone,
        link=check_link(link),
    )
    db.session.add(entry)
    db.session.flush()
    record_audit(actor, "partner_support.added", entry)
    return entry


def change_entry(actor, entry: PartnerSupport, name, description, phone, link):
    entry.link = check_link(link)
    entry.name, entry.description, entry.phone = name, description, phone
    db.session.flush()
    record_audit(actor, "partner_support.changed", entry)
    return entry


def remove_entry(actor, entry: PartnerSupport) -> None:
    record_audit(actor, "partner_support.removed", entry)
    db.session.delete(entry)
    db.session.flush()


def move_entry(actor, unit, entry: PartnerSupport, direction: str) -> None:
    """One place up or down the list; at either end, nothing changes."""
    rows = _stored(unit)
    at = rows.index(entry)
    to = at - 1 if direction == "up" else at + 1
    if direction not in ("up", "down") or not 0 <= to < len(rows):
        return
    rows[at], rows[to] = rows[to], rows[at]
    for position, row in enumerate(rows):
        row.position = position
    db.session.flush()
    record_audit(actor, "partner_support.moved", entry)
