"""The audit log as staff read it: who did what, in plain English, newest first.

Each action code has one phrase. ``{person}`` in a phrase stands for the account the
event is about; the other events name no one but who did it. Events about an account
join it by id whatever type name an older event stored for it, so the names shown come
from the accounts as they are now (a purged mother reads as "Former mother").
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import aliased

from app.extensions import db
from app.models import AuditEvent, User

PAGE_SIZE = 50

PHRASES = {
    "account.created": "added {person}",
    "account.activation_code_issued": "gave {person} an activation code",
    "account.activated": "set up {person}'s account",
    "account.viewed": "viewed {person}'s record",
    "account.deactivated": "closed {person}'s account",
    "account.reactivated": "opened {person}'s account again",
    "mother.discharged": "recorded {person}'s discharge",
    "mother.admitted": "recorded {person}'s admission",
    "mother.support_until_changed": "changed how long {person} has support",
    "mother.community_team_changed": "recorded {person}'s community perinatal team",
    "account.phone_changed": "changed the number {person} is rung on",
    "peer_worker.name_shown": "changed who sees {person}'s name",
    "supervision.line_manager_set": "chose {person}'s line manager",
    "supervision.recorded": "recorded a supervision date",
    "supervision.removed": "removed a supervision date",
    "debrief.requested": "asked for a debrief",
    "debrief.answered": "answered a request for a debrief",
    "talk.withdrawn": "withdrew a request to talk",
    "booking.phone_number_viewed": "saw the number to ring for a phone session",
    "voice.point_viewed": "read a mother's point for the team meeting",
    "voice.point_raised": "marked a point as raised at the team meeting",
    "voice.point_carried": "carried a point to the next team meeting",
    "voice.point_read_by_peer": "read a point meant for the peer workers",
    "voice.theme_set": "gave a point a theme",
    "meeting.schedule_set": "set when the team meeting is",
    "meeting.cancelled": "cancelled a team meeting",
    "meeting.moved": "moved a team meeting",
    "meeting.restored": "restored a team meeting",
    "about_peer_support.updated": "changed the text about peer support",
    "about_peer_support.default": "put back the default text about peer support",
    "peer_worker.hours_changed": "changed {person}'s contracted hours",
    "mfa.enabled": "turned on two-step sign-in for {person}",
    "mfa.recovery_code_used": "used one of {person}'s recovery codes",
    "mfa.reset": "reset two-step sign-in for {person}",
    "calendar_feed.created": "made a calendar link for {person}",
    "calendar_feed.revoked": "stopped {person}'s calendar link",
    "booking.created": "booked a session",
    "booking.cancelled_by_mother": "cancelled a session",
    "booking.cancelled_by_peer": "cancelled a session",
    "booking.handed_over": "handed a session to a colleague",
    "booking.baby_care_changed": "changed who minds her baby during a session",
    "booking.happened": "recorded that a session happened",
    "booking.did_not_happen": "recorded that a session did not happen",
    "talk.requested": "asked to talk",
    "talk.answered": "answered a request to talk",
    "handover_note.saved": "saved a handover note",
    "going_home_plan.changed": "changed {person}'s plan for going home",
    "going_home_plan.viewed": "read {person}'s plan for going home",
    "rest_time.saved": "set a daily rest time",
    "rest_time.cleared": "cleared a daily rest time",
    "family_feedback.code_changed": "made a new code for the visitors' room poster",
    "partner_support.started": "made the partners' support list the unit's own",
    "partner_support.added": "added to the partners' support list",
    "partner_support.changed": "changed an entry of the partners' support list",
    "partner_support.moved": "moved an entry of the partners' support list",
    "partner_support.removed": "removed an entry from the partners' support list",
    "availability.weekly_added": "added weekly availability",
    "availability.extra_added": "added an extra time",
    "availability.pause_added": "added leave or a pause",
    "availability.window_removed": "removed a time from availability",
    "availability.pause_removed": "removed leave or a pause",
    "activity.created": "added a group",
    "activity.updated": "changed a group",
    "activity.cancelled": "cancelled a group date",
    "activity.covered": "gave a group date another leader",
    "activity.moved": "moved a group date",
    "activity.restored": "put a cancelled group date back",
    "involvement.opted_in": "asked to hear about getting involved",
    "involvement.contact_changed": "changed her contact for getting involved",
    "involvement.withdrawn": "withdrew from getting involved",
    "involvement.list_viewed": "viewed the getting involved list",
    "you_said_we_did.published": 'published a "You said, we did"',
    "you_said_we_did.removed": 'removed a "You said, we did"',
    "unit.mfa_required": "made two-step sign-in required",
    "unit.mfa_optional": "made two-step sign-in optional",
    "unit.public_info_updated": "changed the visitors' information",
    "unit.retention_changed": "changed how long records are kept",
    "retention.purged": "removed records past their retention",
}
ABOUT_A_PERSON = [code for code, phrase in PHRASES.items() if "{person}" in phrase]


def action_choices() -> list[tuple[str, str]]:
    """(code, label) for a filter: each phrase with someone in place of the person."""
    labels = {}
    for code, phrase in PHRASES.items():
        labels.setdefault(phrase.replace("{person}", "someone"), []).append(code)
    return sorted(
        ((",".join(codes), label.capitalize()) for label, codes in labels.items()),
        key=lambda choice: choice[1],
    )


@dataclass(frozen=True)
class AuditLine:
    at: datetime
    sentence: str


@dataclass(frozen=True)
class AuditPage:
    lines: list[AuditLine]
    number: int
    count: int  # events matching the filter, on every page

    @property
    def last(self) -> int:
        return max(1, -(-self.count // PAGE_SIZE))


def describe(actor_name: str | None, action: str, person_name: str | None, herself=False) -> str:
    """One sentence: "Helen viewed Amy's record", "Priya set up her account"; an unknown
    code is shown as it is."""
    phrase = PHRASES.get(action, action)
    if herself:
        phrase = phrase.replace("{person}'s", "her").replace("{person}", "herself")
    phrase = phrase.replace("{person}", person_name or "an account")
    return f"{actor_name or 'The system'} {phrase}"


def audit_page(
    unit, *, person_id=None, actions=(), first_day=None, last_day=None, number: int = 1
) -> AuditPage:
    """One page of the unit's events matching the filter, in two statements whatever it holds."""
    actor = aliased(User)
    person = aliased(User)
    about_person = and_(AuditEvent.action.in_(ABOUT_A_PERSON), person.id == AuditEvent.subject_id)
    criteria = [AuditEvent.unit_id == unit.id]
    if person_id:
        criteria.append(
            or_(
                AuditEvent.actor_id == person_id,
                and_(AuditEvent.action.in_(ABOUT_A_PERSON), AuditEvent.subject_id == person_id),
            )
        )
    if actions:
        criteria.append(AuditEvent.action.in_(actions))
    if first_day:
        criteria.append(AuditEvent.at >= _start_of(unit, first_day))
    if last_day:
        criteria.append(AuditEvent.at < _start_of(unit, last_day + timedelta(days=1)))
    count = db.session.scalar(select(func.count()).select_from(AuditEvent).where(*criteria))
    number = min(max(number, 1), max(1, -(-count // PAGE_SIZE)))
    rows = db.session.execute(
        select(
            AuditEvent.at,
            actor.display_name,
            AuditEvent.action,
            person.display_name,
            AuditEvent.actor_id == person.id,
        )
        .outerjoin(actor, actor.id == AuditEvent.actor_id)
        .outerjoin(person, about_person)
        .where(*criteria)
        .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        .limit(PAGE_SIZE)
        .offset((number - 1) * PAGE_SIZE)
    ).all()
    lines = [AuditLine(row[0], describe(*row[1:])) for row in rows]
    return AuditPage(lines, number, count)


def _start_of(unit, day: date) -> datetime:
    return datetime.combine(day, time(), unit.tz).astimezone(UTC)
