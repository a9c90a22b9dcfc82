"""My voice: a mother's points for the team's next MDT meeting, and the team's answers.

She chooses how a point travels: with her name, without it ("a mother on the unit
said"), or just for her peer worker to know. She may change or withdraw it until its
meeting starts. The unit's peer workers read every point and take the agenda to the
meeting; afterwards one marks each point raised (with the team's answer) or carried to
the next meeting. Staff read a point only once it was raised with her name. Every read
by someone other than the mother herself is an audit event.

Points without a name can be given a short theme; staff see how many mothers raised each
theme, never a theme fewer than ``MIN_MOTHERS`` raised.
"""

from datetime import timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import User, VoicePoint
from app.models.voice import TRAVELS
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError, NotFoundInUnit
from app.services.feedback_report import MIN_RESPONSES as MIN_MOTHERS
from app.services.meetings import Meeting, meeting_held_for, next_meeting
from app.services.notifications import queue_notification

THEME_PERIOD = timedelta(weeks=12)
TO_RAISE = ("open", "carried")
NO_MEETING = "The team's meeting time is not set up yet. Please ask a member of staff."
TOO_LATE = "Its meeting has started, so this point can no longer be changed."


def may_read(reader: User, point: VoicePoint) -> bool:
    if reader.unit_id != point.unit_id:
        return False
    if reader.id == point.mother_id or reader.is_peer_worker:
        return True
    return reader.is_staff and point.travels == "named" and point.state == "raised"


def record_reads(reader: User, points) -> None:
    """One audit event per point someone other than its mother reads."""
    for point in points:
        if reader.id != point.mother_id:
            record_audit(reader, "voice.point_viewed", point)


def _check_travels(travels: str) -> None:
    if travels not in TRAVELS:
        raise DomainError("Choose how your point should reach the team.", "travels")


def add_point(
    mother: User, text: str, travels: str, reply_to: VoicePoint | None = None
) -> VoicePoint:
    _check_travels(travels)
    if reply_to is not None and reply_to.mother_id != mother.id:
        raise NotFoundInUnit()
    meeting = next_meeting(mother.unit)
    if meeting is None:
        raise DomainError(NO_MEETING)
    point = VoicePoint(
        unit_id=mother.unit_id,
        mother_id=mother.id,
        text=text,
        travels=travels,
        meeting_on=meeting.on_date,
        reply_to_id=reply_to.id if reply_to else None,
    )
    db.session.add(point)
    db.session.flush()
    return point


def changeable_until(point: VoicePoint) -> Meeting | None:
    """The meeting before which she may still change the point, or None when she may not."""
    if point.state != "open":
        return None
    meeting = meeting_held_for(point.mother.unit, point.meeting_on)
    return meeting if meeting is not None and meeting.starts_at > clock.now() else None


def _ensure_changeable(mother: User, point: VoicePoint) -> None:
    if point.mother_id != mother.id:
        raise NotFoundInUnit()
    if changeable_until(point) is None:
        raise DomainError(TOO_LATE)


def edit_point(mother: User, point: VoicePoint, text: str, travels: str) -> None:
    _check_travels(travels)
    _ensure_changeable(mother, point)
    point.text, point.travels = text, travels


def withdraw_point(mother: User, point: VoicePoint) -> None:
    _ensure_changeable(mother, point)
    point.state = "withdrawn"


def her_points(mother: User) -> list[VoicePoint]:
    return list(
        db.session.scalars(
            select(VoicePoint)
            .where(VoicePoint.mother_id == mother.id, VoicePoint.state != "withdrawn")
            .order_by(VoicePoint.created_at.desc(), VoicePoint.id.desc())
        )
    )


def _to_raise(unit, meeting: Meeting | None):
    """Points still to take to a meeting: those for ``meeting`` and any earlier one not yet
    marked (a meeting cancelled, or marking left for later)."""
    criteria = [
        VoicePoint.unit_id == unit.id,
        VoicePoint.state.in_(TO_RAISE),
        VoicePoint.travels != "peer_only",
    ]
    if meeting is not None:
        criteria.append(VoicePoint.meeting_on <= meeting.on_date)
    return criteria


def agenda(unit) -> tuple[Meeting | None, list[VoicePoint]]:
    """The next meeting and the points to raise there, oldest first."""
    meeting = next_meeting(unit)
    points = db.session.scalars(
        select(VoicePoint)
        .options(joinedload(VoicePoint.mother))
        .where(*_to_raise(unit, meeting))
        .order_by(VoicePoint.meeting_on, VoicePoint.created_at, VoicePoint.id)
    )
    return meeting, list(points)


def agenda_count(unit) -> int:
    return db.session.scalar(
        select(func.count(VoicePoint.id)).where(*_to_raise(unit, next_meeting(unit)))
    )


def just_for_peer_workers(unit) -> list[VoicePoint]:
    return list(
        db.session.scalars(
            select(VoicePoint)
            .options(joinedload(VoicePoint.mother))
            .where(
                VoicePoint.unit_id == unit.id,
                VoicePoint.travels == "peer_only",
                VoicePoint.state == "open",
            )
            .order_by(VoicePoint.created_at, VoicePoint.id)
        )
    )


def _ensure_to_raise(point: VoicePoint) -> None:
    if point.state not in TO_RAISE or point.travels == "peer_only":
        raise DomainError("This point has already been marked.")


def mark_raised(peer_worker: User, point: VoicePoint, answer: str, link: str) -> None:
    """Raised, with the team's answer in plain words; she is told there is an answer."""
    _ensure_to_raise(point)
    point.state, point.answer = "raised", answer
    point.answered_by_id, point.answered_at = peer_worker.id, clock.now()
    queue_notification(point.mother, "voice.answered", link)
    record_audit(peer_worker, "voice.point_raised", point)


def carry_point(peer_worker: User, point: VoicePoint) -> Meeting:
    """To the first meeting after the one it was for."""
    _ensure_to_raise(point)
    later = next_meeting(peer_worker.unit, after=point.meeting_on)
    if later is None:
        raise DomainError("There is no later meeting set yet. Ask staff to set the meeting time.")
    point.state, point.meeting_on = "carried", later.on_date
    record_audit(peer_worker, "voice.point_carried", point)
    return later


def mark_read(peer_worker: User, point: VoicePoint) -> None:
    if point.travels != "peer_only" or point.state != "open":
        raise DomainError("This point has already been marked.")
    point.state = "read"
    point.answered_by_id, point.answered_at = peer_worker.id, clock.now()
    record_audit(peer_worker, "voice.point_read_by_peer", point)


def set_theme(peer_worker: User, point: VoicePoint, theme: str) -> None:
    if point.travels != "unnamed":
        raise DomainError("Only points raised without a name are given a theme.", "theme")
    point.theme = theme
    record_audit(peer_worker, "voice.theme_set", point)


def theme_counts(unit, smallest: int = MIN_MOTHERS) -> list[tuple[str, int]]:
    """How many mothers raised each theme in the last ``THEME_PERIOD``, most first; only
    themes at least ``smallest`` mothers raised (peer workers, who read every point: 1)."""
    theme = func.lower(VoicePoint.theme)
    mothers = func.count(VoicePoint.mother_id.distinct())
    rows = db.session.execute(
        select(func.min(VoicePoint.theme), mothers)
        .where(
            VoicePoint.unit_id == unit.id,
            VoicePoint.travels == "unnamed",
            VoicePoint.theme != "",
            VoicePoint.state != "withdrawn",
            VoicePoint.created_at >= clock.now() - THEME_PERIOD,
        )
        .group_by(theme)
        .having(mothers >= smallest)
        .order_by(mothers.desc(), theme)
    )
    return [(name, count) for name, count in rows]


def raised_with_names(unit) -> list[VoicePoint]:
    """What staff may read: points raised with the mother's name, latest answers first."""
    return list(
        db.session.scalars(
            select(VoicePoint)
            .options(joinedload(VoicePoint.mother))
            .where(
                VoicePoint.unit_id == unit.id,
                VoicePoint.travels == "named",
                VoicePoint.state == "raised",
                VoicePoint.answered_at >= clock.now() - THEME_PERIOD,
            )
            .order_by(VoicePoint.answered_at.desc(), VoicePoint.id.desc())
        )
    )
