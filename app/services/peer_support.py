"""What peer support is, for everyone: each unit's "About peer support" texts, a mother's
first look at hers, and "Who is in" from the peer workers' usual days, with their consent.

A text is stored as plain text and read back as blocks (headings, paragraphs, lists) that
templates escape: nobody's HTML ever reaches a page.
"""

import calendar
import re
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from app.extensions import db
from app.models import AboutPeerSupport, User
from app.models.peer_support import AUDIENCES
from app.services import clock
from app.services.audit import record_audit
from app.services.peer_support_defaults import DEFAULTS
from app.services.slots import bookable_peer_workers, usual_weekdays_and_in_today

MAX_TEXT = 6000
HEADING = re.compile(r"#{1,6}\s+(.+)")
LIST_ITEM = re.compile(r"[-*]\s+(.*)")


@dataclass(frozen=True)
class Block:
    kind: str  # "heading", "paragraph" or "list"
    lines: tuple[str, ...]


def text_blocks(body: str) -> list[Block]:
    """Read the edited format: "## " a heading, "- " a list item, a blank line between
    paragraphs; the lines of one paragraph run on."""
    blocks: list[Block] = []
    kind, lines = None, []

    def close():
        if lines:
            text = (" ".join(lines),) if kind == "paragraph" else tuple(lines)
            blocks.append(Block(kind, text))
        lines.clear()

    for raw in body.splitlines():
        line = raw.strip()
        heading, item = HEADING.fullmatch(line), LIST_ITEM.fullmatch(line)
        if not line or heading or kind != ("list" if item else "paragraph"):
            close()
        if heading:
            blocks.append(Block("heading", (heading.group(1),)))
        elif line:
            kind = "list" if item else "paragraph"
            lines.append(item.group(1) if item else line)
    close()
    return blocks


def about_text(unit, audience: str) -> str:
    """The unit's own text for this audience, or the default."""
    stored = _stored(unit.id, audience)
    return stored.body if stored is not None else DEFAULTS[audience]


def is_default(unit, audience: str) -> bool:
    return _stored(unit.id, audience) is None


def _stored(unit_id: int, audience: str) -> AboutPeerSupport | None:
    return db.session.scalar(
        select(AboutPeerSupport).where(
            AboutPeerSupport.unit_id == unit_id, AboutPeerSupport.audience == audience
        )
    )


def save_about_text(editor: User, audience: str, body: str) -> AboutPeerSupport:
    """Staff and peer workers write their unit's text for one audience."""
    if audience not in AUDIENCES:
        raise ValueError(audience)
    stored = _stored(editor.unit_id, audience)
    if stored is None:
        stored = AboutPeerSupport(unit_id=editor.unit_id, audience=audience)
        db.session.add(stored)
    stored.body = body.strip()
    stored.updated_at = clock.now()
    db.session.flush()
    record_audit(editor, "about_peer_support.updated", stored, detail=audience)
    return stored


def use_default_text(editor: User, audience: str) -> None:
    stored = _stored(editor.unit_id, audience)
    if stored is not None:
        record_audit(editor, "about_peer_support.default", stored, detail=audience)
        db.session.delete(stored)
        db.session.flush()


def needs_first_look(user) -> bool:
    """A mother sees "About peer support" once, the first time she reaches her home."""
    return user.is_mother and user.about_seen_at is None


def mark_about_seen(mother: User) -> None:
    if mother.about_seen_at is None:
        mother.about_seen_at = clock.now()
        db.session.flush()


def set_name_shown(peer_worker: User, to_mothers: bool, to_visitors: bool) -> None:
    """Her consent for "Who is in". The public page shows only a name mothers see too."""
    peer_worker.name_shown_to_mothers = to_mothers
    peer_worker.name_shown_to_visitors = to_mothers and to_visitors
    db.session.flush()
    record_audit(
        peer_worker,
        "peer_worker.name_shown",
        peer_worker,
        detail=f"mothers={'yes' if to_mothers else 'no'} visitors={'yes' if to_visitors else 'no'}",
    )


@dataclass(frozen=True)
class WhoIsIn:
    first_name: str
    weekdays: tuple[str, ...]  # the days she usually works, Monday first
    in_today: bool

    @property
    def usual_days(self) -> str:
        """ "Monday, Tuesday and Wednesday" """
        if len(self.weekdays) < 2:
            return "".join(self.weekdays)
        return f"{', '.join(self.weekdays[:-1])} and {self.weekdays[-1]}"


def who_is_in(unit, today: date, public: bool = False) -> list[WhoIsIn]:
    """The unit's peer workers who agreed to be named, with their usual weekdays and
    whether they are in today (a one-off extra day counts, leave does not): three queries."""
    shown = [
        p
        for p in bookable_peer_workers(unit)
        if p.name_shown_to_mothers and (p.name_shown_to_visitors or not public)
    ]
    if not shown:
        return []
    weekly, in_today = usual_weekdays_and_in_today(shown, today, unit.tz)
    return [
        WhoIsIn(
            first_name=person.display_name.strip().partition(" ")[0],
            weekdays=tuple(calendar.day_name[day] for day in sorted(weekly[person.id])),
            in_today=person.id in in_today,
        )
        for person in shown
    ]
