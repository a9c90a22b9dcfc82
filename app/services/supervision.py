"""A peer worker's supervision: the days she had clinical supervision and line-management
meetings (the date and the kind, never what was said), who her line manager is, and when
the next meeting of each kind is due.

Clinical supervision is monthly: due 4 weeks after the last, overdue after 6. Line
management is due every 6 weeks, overdue after 8. With none recorded yet, the count starts
on the day her account was opened. The push worker reminds her and her line manager once
per due period (one ``SupervisionReminder`` row each). Her line manager sees her dates and
flags; other staff of the unit see the flags only (``MeetingStatus`` without dates).

The rows are about her work, not about the mothers: they stay while her account exists
(a closed account keeps them, with no reminders, until it is opened again), and the
mothers' retention purge never touches them.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import func, select, tuple_

from app.extensions import db
from app.models import Role, SupervisionMeeting, SupervisionReminder, User
from app.models.supervision import MEETING_KINDS
from app.services import clock
from app.services.audit import record_audit
from app.services.errors import DomainError
from app.services.notifications import queue_notification

DUE_AFTER = {"clinical": timedelta(weeks=4), "line_management": timedelta(weeks=6)}
OVERDUE_AFTER = {"clinical": timedelta(weeks=6), "line_management": timedelta(weeks=8)}
RECORDED_SINCE = timedelta(days=366)  # how far back a date may be recorded
SHOWN = 12  # her most recent dates on her page
REMINDER_KINDS = {"clinical": "supervision.due", "line_management": "line_management.due"}
SUPERVISION_PAGE = "/peer/supervision"
STAFF_HOME = "/staff/"


@dataclass(frozen=True)
class MeetingStatus:
    """When her next meeting of one kind is due, from her last (None: none recorded)."""

    kind: str
    last_on: date | None
    due_on: date
    overdue_on: date

    @property
    def label(self) -> str:
        return MEETING_KINDS[self.kind]

    def state(self, today: date) -> str:
        if today >= self.overdue_on:
            return "overdue"
        return "due" if today >= self.due_on else "ok"


def status_from(kind: str, last_on: date | None, started_on: date) -> MeetingStatus:
    since = last_on or started_on
    return MeetingStatus(kind, last_on, since + DUE_AFTER[kind], since + OVERDUE_AFTER[kind])


def statuses_of(peer_workers) -> dict[int, list[MeetingStatus]]:
    """Each peer worker's status for both kinds, in one query however many there are."""
    ids = [p.id for p in peer_workers]
    last = {
        (peer_id, kind): met_on
        for peer_id, kind, met_on in db.session.execute(
            select(
                SupervisionMeeting.peer_worker_id,
                SupervisionMeeting.kind,
                func.max(SupervisionMeeting.met_on),
            )
            .where(SupervisionMeeting.peer_worker_id.in_(ids))
            .group_by(SupervisionMeeting.peer_worker_id, SupervisionMeeting.kind)
        )
    }
    return {
        p.id: [
            status_from(kind, last.get((p.id, kind)), p.created_at.astimezone(p.unit.tz).date())
            for kind in MEETING_KINDS
        ]
        for p in peer_workers
    }


def record_meeting(peer_worker: User, kind: str, met_on: date) -> SupervisionMeeting:
    if kind not in MEETING_KINDS:
        raise DomainError("Choose clinical supervision or line management", "kind")
    today = clock.local_today(peer_worker.unit)
    if met_on > today:
        raise DomainError("The date must be today or earlier", "met_on")
    if met_on < today - RECORDED_SINCE:
        raise DomainError("The date must be within the last year", "met_on")
    meeting = SupervisionMeeting(
        unit_id=peer_worker.unit_id, peer_worker_id=peer_worker.id, kind=kind, met_on=met_on
    )
    db.session.add(meeting)
    db.session.flush()
    record_audit(peer_worker, "supervision.recorded", meeting, kind)
    return meeting


def remove_meeting(peer_worker: User, meeting: SupervisionMeeting) -> None:
    if meeting.peer_worker_id != peer_worker.id:
        raise DomainError("You can only change your own dates.")
    record_audit(peer_worker, "supervision.removed", meeting, meeting.kind)
    db.session.delete(meeting)
    db.session.flush()


def meetings_of(peer_worker: User) -> list[SupervisionMeeting]:
    return list(
        db.session.scalars(
            select(SupervisionMeeting)
            .where(SupervisionMeeting.peer_worker_id == peer_worker.id)
            .order_by(SupervisionMeeting.met_on.desc(), SupervisionMeeting.id.desc())
            .limit(SHOWN)
        )
    )


def unit_staff(unit) -> list[User]:
    """Who may be a line manager: the unit's staff with open accounts."""
    return list(
        db.session.scalars(
            select(User)
            .where(User.unit_id == unit.id, User.role == Role.STAFF.value, User.active.is_(True))
            .order_by(User.display_name, User.id)
        )
    )


def line_manager_of(peer_worker: User) -> User | None:
    """Her line manager while that account is open; None otherwise."""
    if peer_worker.line_manager_id is None:
        return None
    manager = db.session.get(User, peer_worker.line_manager_id)
    return manager if manager is not None and manager.active else None


def set_line_manager(actor: User, peer_worker: User, manager_id: int | None) -> User | None:
    """``manager_id`` None: she has no line manager (debriefs then go to all staff)."""
    if not peer_worker.is_peer_worker:
        raise DomainError("Only a peer support worker has a line manager here", "line_manager")
    manager = None
    if manager_id is not None:
        manager = next((s for s in unit_staff(actor.unit) if s.id == manager_id), None)
        if manager is None:
            raise DomainError("Choose a member of staff from the list", "line_manager")
    peer_worker.line_manager_id = manager.id if manager else None
    record_audit(actor, "supervision.line_manager_set", peer_worker, f"manager={manager_id}")
    return manager


def line_managed_by(staff: User) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .where(
                User.unit_id == staff.unit_id,
                User.line_manager_id == staff.id,
                User.role == Role.PEER_WORKER.value,
                User.active.is_(True),
            )
            .order_by(User.display_name, User.id)
        )
    )


def queue_supervision_reminders(now: datetime) -> int:
    """Remind each peer worker, and her line manager, once when a meeting falls due."""
    peer_workers = list(
        db.session.scalars(
            select(User).where(User.role == Role.PEER_WORKER.value, User.active.is_(True))
        )
    )
    due = [
        (peer, status)
        for peer, statuses in zip(peer_workers, statuses_of(peer_workers).values(), strict=True)
        for status in statuses
        if status.state(now.astimezone(peer.unit.tz).date()) != "ok"
    ]
    if not due:
        return 0
    reminded = set(
        db.session.execute(
            select(
                SupervisionReminder.peer_worker_id,
                SupervisionReminder.kind,
                SupervisionReminder.due_on,
            ).where(
                tuple_(
                    SupervisionReminder.peer_worker_id,
                    SupervisionReminder.kind,
                    SupervisionReminder.due_on,
                ).in_([(peer.id, s.kind, s.due_on) for peer, s in due])
            )
        ).all()
    )
    queued = 0
    for peer, status in due:
        if (peer.id, status.kind, status.due_on) in reminded:
            continue
        db.session.add(
            SupervisionReminder(
                unit_id=peer.unit_id, peer_worker_id=peer.id, kind=status.kind, due_on=status.due_on
            )
        )
        queue_notification(peer, REMINDER_KINDS[status.kind], SUPERVISION_PAGE)
        queued += 1
        manager = line_manager_of(peer)
        if manager is not None:
            queue_notification(manager, REMINDER_KINDS[status.kind], STAFF_HOME)
            queued += 1
    db.session.flush()
    return queued
