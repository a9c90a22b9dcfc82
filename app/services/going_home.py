"""A mother's plan for going home: her own words, read and changed only by her and the
peer workers of her unit (with her, in a session), and the contacts and phone sessions
that the plan's page builds from live data each time it is opened.

The audit log records who changed the plan (by role) and which parts, never the words,
and each time a peer worker opened it.
"""

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.forms import CONTROL_CHARACTERS
from app.models import Booking, GoingHomePlan, Place, User
from app.services import bookings, clock
from app.services.audit import record_audit
from app.services.clock import day_bounds
from app.services.errors import DomainError
from app.services.help_contacts import Contact, community_team, crisis_lines, may_call_unit

SECTION_LENGTH = 1000
NAME_LENGTH = 60
# Her words, in the order the plan shows them: field, heading, how long it may be.
TEXT_SECTIONS = ("what_helped", "warning_signs", "what_to_do")
FIELDS = (*TEXT_SECTIONS, "health_visitor_name", "health_visitor_phone")
LIMITS = dict.fromkeys(TEXT_SECTIONS, SECTION_LENGTH) | {
    "health_visitor_name": NAME_LENGTH,
    "health_visitor_phone": 20,
}


def may_use(person: User, mother: User) -> bool:
    """Her, or a peer worker of her unit while the unit supports her (her account open, and
    on the unit or before her support-until date): nobody else reads or changes her plan."""
    if not mother.is_mother or person.unit_id != mother.unit_id:
        return False
    if person.id == mother.id:
        return True
    today = clock.local_today(mother.unit)
    return person.is_peer_worker and mother.active and not mother.support_ended(today)


def plan_of(mother: User) -> GoingHomePlan | None:
    return db.session.scalar(
        select(GoingHomePlan)
        .options(joinedload(GoingHomePlan.updated_by))
        .where(GoingHomePlan.mother_id == mother.id, GoingHomePlan.unit_id == mother.unit_id)
    )


def plan_read(reader: User, mother: User) -> None:
    """A peer worker opened her plan: the audit log says so (she reads her own freely)."""
    if reader.id != mother.id:
        record_audit(reader, "going_home_plan.viewed", mother)


def save_plan(actor: User, mother: User, **words: str) -> GoingHomePlan:
    """Save the parts given (the forms check them first; this refuses what they missed)."""
    if not may_use(actor, mother):
        raise DomainError("We could not find her plan.")
    for name, value in words.items():
        if name not in LIMITS:
            raise DomainError("We could not save that part of the plan.")
        if len(value) > LIMITS[name]:
            raise DomainError(f"This must be {LIMITS[name]} characters or fewer", name)
        if CONTROL_CHARACTERS.search(value):
            raise DomainError("This must only include letters, numbers and punctuation", name)
    plan = plan_of(mother)
    if plan is None:
        plan = GoingHomePlan(unit_id=mother.unit_id, mother_id=mother.id)
        db.session.add(plan)
    changed = [name for name, value in words.items() if (getattr(plan, name) or "") != value]
    for name in changed:
        setattr(plan, name, words[name])
    if changed or plan.id is None:
        plan.updated_by_id = actor.id
        db.session.flush()
        record_audit(
            actor,
            "going_home_plan.changed",
            mother,
            f"by={'her' if actor.id == mother.id else actor.role} parts={','.join(changed)}",
        )
    return plan


@dataclass(frozen=True)
class ContactGroup:
    heading: str
    contacts: list[Contact]
    missing: str = ""  # what to say when there is nobody to list yet


def plan_contacts(mother: User, plan: GoingHomePlan | None, today: date) -> list[ContactGroup]:
    """Who to contact, from what the unit holds today (never a copy kept in the plan)."""
    groups = []
    if may_call_unit(mother, today):
        note = (
            f"While we support you, until {mother.support_until:%-d %B %Y}."
            if mother.is_discharged() and mother.support_until
            else "Ask for a member of staff, or your peer support worker."
        )
        groups.append(
            ContactGroup("The unit", [Contact(mother.unit.name, mother.unit.phone, note)])
        )
    team = community_team(mother)
    groups.append(
        ContactGroup(
            "Your community perinatal team",
            [team] if team else [],
            "Ask the unit for their number."
            if mother.is_discharged()
            else "Staff add their number when you leave the unit.",
        )
    )
    visitor = []
    if plan and plan.health_visitor_phone:
        visitor = [
            Contact(plan.health_visitor_name or "Your health visitor", plan.health_visitor_phone)
        ]
    groups.append(
        ContactGroup(
            "Your health visitor", visitor, "You can add their name and number to your plan."
        )
    )
    groups.append(ContactGroup("If you need help now, day or night", crisis_lines()))
    return groups


def support_ends_at(mother: User) -> datetime | None:
    """The end of her support-until day, in the unit's time: none before a date is set."""
    if mother.support_until is None:
        return None
    return day_bounds(mother.support_until, mother.unit.tz)[1]


def phone_sessions(mother: User) -> list[Booking]:
    """Her booked phone sessions still to come, up to the end of her support-until day."""
    upcoming, _ = bookings.mothers_sessions(mother)
    ends = support_ends_at(mother)
    return [
        booking
        for booking in upcoming
        if booking.place == Place.PHONE and (ends is None or booking.starts_at < ends)
    ]
