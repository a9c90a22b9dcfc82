"""The push worker (``flask push worker``): a job that owns its transactions.

A pass queues due reminders and releases what quiet hours held (the housekeeping), then
claims due outbox rows, sends them and records what happened. Each row is claimed by
exactly one worker with one UPDATE (``FOR UPDATE SKIP LOCKED`` in its subquery on
PostgreSQL; SQLite runs writers one at a time, and the UPDATE's own ``WHERE status =
'pending'`` makes a second claim of the same row match nothing). No transaction is held
while posting to push services, so the web app never waits on them. Devices that got a
row which is to be retried are recorded (PushDelivery) and skipped on the retry.

A pass has one deadline, ``PUSH_PASS_SECONDS`` after its claim, for looking up hosts,
encrypting and sending: well inside ``PUSH_CLAIM_STALE_SECONDS``, after which another
worker may take the rows over. What was not sent by then is released, that try not
counted, and a message still on its way counts as timed out (push_sender), so the
outcomes are written before the claim can go stale.

A pass costs a fixed number of SQL statements whatever the batch size: columns, not ORM
objects, are read for the whole batch, quiet hours are checked for everyone at once, and
the outcomes are written set-wise (push_outcomes).
"""

import logging
import secrets
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import NamedTuple

from flask import current_app
from sqlalchemy import and_, bindparam, or_, select, update

from app.extensions import db
from app.models import Notification, PushDelivery, PushSubscription, Role, Unit, User
from app.services import clock, push_digest, reminders, supervision
from app.services.notifications import push_payload
from app.services.push_outcomes import Job, write_outcomes
from app.services.push_sender import Device, Sender, load_vapid
from app.services.quiet_hours import may_notify_among

log = logging.getLogger(__name__)

URGENCY = {
    "session.reminder": "high",
    "activity.reminder": "high",
    "talk.requested": "high",
    "test": "high",
}


@dataclass
class PassReport:
    generated: int = 0
    released: int = 0
    sent: int = 0
    held: int = 0
    retrying: int = 0
    failed: int = 0
    skipped: int = 0
    claimed: list[int] = field(default_factory=list)

    def total(self) -> int:
        return self.generated + self.released + len(self.claimed)


def make_sender() -> Sender | None:
    cfg = current_app.config
    if not cfg.get("VAPID_PRIVATE_KEY"):
        log.error("push: no VAPID_PRIVATE_KEY configured; nothing is sent")
        return None
    return Sender(
        load_vapid(cfg["VAPID_PRIVATE_KEY"]),
        cfg["VAPID_SUBJECT"],
        ttl=cfg["PUSH_TTL_SECONDS"],
        timeout=cfg["PUSH_TIMEOUT_SECONDS"],
        allow_local=cfg["PUSH_ALLOW_LOCAL_RECEIVER"],
        threads=max(1, cfg["PUSH_IN_FLIGHT"]),
    )


# The statements of a pass, built once: on a busy worker, building and caching a
# statement afresh each pass costs more than running it. Core, not ORM: the pass reads
# columns, never objects. Each finds the batch by its claim token (``token``) rather
# than by a list of ids sent back and forth.
_note = Notification.__table__.c
_device = PushSubscription.__table__.c
_delivery = PushDelivery.__table__.c
_user = User.__table__.c
_now = bindparam("now", type_=_note.claimed_at.type)
_token = bindparam("token", type_=_note.claim_token.type)
_due = or_(
    and_(_note.status == "pending", _note.not_before <= _now),
    and_(_note.status == "sending", _note.claimed_at < bindparam("stale", type_=_now.type)),
)
_batch = select(_note.id).where(_note.claim_token == _token)
_batch_people = select(_note.user_id).where(_note.claim_token == _token)

CLAIM = (
    Notification.__table__.update()
    .where(
        _note.id.in_(
            select(_note.id)
            .where(_due)
            .order_by(_note.id)
            .limit(bindparam("limit"))
            .with_for_update(skip_locked=True)
            .scalar_subquery()
        ),
        _due,
    )
    .values(status="sending", claim_token=_token, claimed_at=_now, attempts=_note.attempts + 1)
    .returning(
        _note.id,
        _note.unit_id,
        _note.user_id,
        _note.kind,
        _note.title,
        _note.body,
        _note.url,
        _note.attempts,
        _note.only_subscription_id,
    )
)
STILL_OURS = (
    Notification.__table__.update()
    .where(_note.claim_token == _token, _note.status == "sending")
    .values(claimed_at=_now)
    .returning(_note.id)
)
HOLD = (
    Notification.__table__.update()
    .where(_note.id.in_(bindparam("ids", expanding=True)))
    .values(status="held", claim_token=None, attempts=_note.attempts - 1)
)
PEOPLE = select(_user.id, _user.role, _user.active, _user.unit_id).where(
    _user.id.in_(_batch_people)
)
DEVICES = (
    select(_device.user_id, _device.id, _device.endpoint, _device.p256dh, _device.auth)
    .where(_device.user_id.in_(_batch_people))
    .order_by(_device.id)
)
REACHED = select(_delivery.notification_id, _delivery.subscription_id).where(
    _delivery.notification_id.in_(_batch)
)


class Claimed(NamedTuple):
    """A claimed row: the columns CLAIM returns."""

    id: int
    unit_id: int
    user_id: int
    kind: str
    title: str
    body: str
    url: str
    attempts: int  # this try included
    only_subscription_id: int | None


class Person(NamedTuple):
    """What quiet hours and delivery need of a user: a few columns, not an ORM object."""

    id: int
    is_peer_worker: bool
    active: bool
    unit: Unit


def queue_reminders(now: datetime) -> int:
    """Queue the reminders due by ``now``, each kind in its own transaction: one failing
    (on SQLite, "database is locked" when another writer got in between its read and
    its write) is logged and simply runs again on the next pass."""
    queued = 0
    for queue in (
        reminders.queue_session_reminders,
        reminders.queue_group_reminders,
        supervision.queue_supervision_reminders,
    ):
        try:
            queued += queue(now)
            db.session.commit()
        except Exception:
            db.session.rollback()
            log.exception("push: queueing reminders (%s) failed", queue.__name__)
    return queued


def release_held(now: datetime) -> int:
    """Release or summarise what quiet hours held, one person per transaction."""
    ready = push_digest.ready_to_release(now)
    db.session.commit()  # end the read: each release starts with its UPDATE
    released = 0
    for user_id in ready:
        released += push_digest.release_held_of(user_id, now)
        db.session.commit()
    return released


def claim_due(now: datetime, limit: int) -> tuple[str, list[Claimed]]:
    """Claim up to ``limit`` due rows for this pass, counting this try in their
    attempts (a try that crashes the worker still counts, so no message can stop the
    worker for ever). Returns the pass's token and the rows, by id.

    The transaction is left open: ``prepare`` goes on in it, so that claiming and
    holding or readying the rows is one commit (and on SQLite, the UPDATE being its
    first statement, the transaction holds the write lock from the start)."""
    stale = now - timedelta(seconds=current_app.config["PUSH_CLAIM_STALE_SECONDS"])
    token = secrets.token_hex(16)
    db.session.commit()  # end any read transaction: the UPDATE must begin this one
    found = db.session.execute(CLAIM, {"token": token, "now": now, "stale": stale, "limit": limit})
    return token, sorted(map(Claimed._make, found.all()))


def _people(batch: dict) -> dict[int, Person]:
    """The batch's people (``batch``: its token)."""
    found = db.session.execute(PEOPLE, batch).tuples().all()
    units = {
        u.id: u for u in db.session.scalars(select(Unit).where(Unit.id.in_({r[3] for r in found})))
    }
    peer_worker = Role.PEER_WORKER.value
    return {
        uid: Person(uid, role == peer_worker, active, units[unit_id])
        for uid, role, active, unit_id in found
    }


def prepare(token: str, rows: list[Claimed], now: datetime) -> tuple[list[Job], int]:
    """Hold what quiet hours hold; list the devices each other row still has to reach.
    Runs in the claim's transaction and commits it."""
    batch = {"token": token}
    users = _people(batch)
    may_notify = may_notify_among(
        [users[uid] for uid in {row.user_id for row in rows if row.kind != "test"}], now
    )
    devices_of: dict[int, list[Device]] = {}
    for user_id, *device in db.session.execute(DEVICES, batch).all():
        devices_of.setdefault(user_id, []).append(Device(*device))
    done = set(db.session.execute(REACHED, batch).tuples().all())
    reached_before = {notification_id for notification_id, _ in done}
    jobs, held = [], []
    for row_id, unit_id, user_id, kind, title, body, url, attempts, only in rows:
        user = users[user_id]
        if kind != "test" and user_id not in may_notify:
            held.append(row_id)
            continue
        devices = [
            d
            for d in (devices_of.get(user_id, ()) if user.active else ())
            if (row_id, d.id) not in done and only in (None, d.id)
        ]
        jobs.append(
            Job(
                row_id,
                unit_id,
                attempts,
                devices,
                push_payload(row_id, title, body, url),
                URGENCY.get(kind, "normal"),
                row_id in reached_before,
            )
        )
    if held:  # not tried: the claim's count of this try is taken back
        db.session.execute(HOLD, {"ids": held})
    db.session.commit()  # hold no transaction while talking to push services
    return jobs, len(held)


def deliver_batch(
    token: str, rows: list, sender: Sender, now: datetime, deadline: float
) -> Counter:
    """Send claimed rows to each of their people's devices by ``deadline`` (on the
    sender's monotonic clock); count the rows' new statuses. What happened is written
    for the whole batch in one transaction, with a few statements whatever its size."""
    jobs, held = prepare(token, rows, now)
    work = [(job.row_id, d, job.payload, job.urgency) for job in jobs for d in job.devices]
    outcomes: dict[int, list] = {job.row_id: [] for job in jobs}
    for row_id, device, outcome in sender.send_all(work, now, deadline):
        outcomes[row_id].append((device, outcome))
    ours = set()
    if jobs:
        # Re-assert the claim: the rows still sending under this pass's token (another
        # worker that took a stale row over has its own). It is the first statement of
        # this transaction, so that on SQLite it takes the write lock at once.
        db.session.commit()
        ours = set(db.session.scalars(STILL_OURS, {"token": token, "now": now}).all())
    statuses = write_outcomes(jobs, outcomes, ours, now)
    db.session.commit()
    statuses["held"] = held
    return statuses


def run_once(
    sender: Sender | None, now: datetime | None = None, housekeeping: bool = True
) -> PassReport:
    """One pass of the worker: the housekeeping, then due rows."""
    now = now or clock.now()
    report = PassReport()
    if housekeeping:
        report.generated = queue_reminders(now)
        report.released = release_held(now)
    if sender is None:
        return report
    # Rows queued during this pass (reminders, a summary) are due by now as well.
    now = max(now, clock.now())
    deadline = sender.monotonic() + current_app.config["PUSH_PASS_SECONDS"]
    token, rows = claim_due(now, current_app.config["PUSH_BATCH_SIZE"])
    report.claimed = [row.id for row in rows]
    if not rows:
        db.session.commit()
        return report
    try:
        statuses = deliver_batch(token, rows, sender, now, deadline)
    except Exception:
        db.session.rollback()
        _keep_claimed(report.claimed, token, now)
        log.exception(
            "push: a batch of %s notifications could not be processed", len(report.claimed)
        )
        return report
    report.sent, report.held, report.failed = statuses["sent"], statuses["held"], statuses["failed"]
    report.retrying, report.skipped = statuses["pending"], statuses["skipped"]
    return report


def _keep_claimed(ids: list[int], token: str, now: datetime) -> None:
    """After a failure while preparing a batch (which undid its claim), claim its rows
    again, this try counted, so that they are taken again only once the claim is
    stale, not at once by the next pass. Rows another pass took meanwhile are left
    alone."""
    try:
        db.session.execute(
            update(Notification)
            .where(Notification.id.in_(ids), Notification.status == "pending")
            .values(
                status="sending",
                claim_token=token,
                claimed_at=now,
                attempts=Notification.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("push: the failed batch could not be set aside")


def make_worker(poll_seconds: float | None = None) -> "Worker":
    """The worker of ``flask push worker``: its sender, and housekeeping at most once
    per poll interval (``PUSH_POLL_SECONDS`` unless given)."""
    poll_seconds = poll_seconds or current_app.config["PUSH_POLL_SECONDS"]
    return Worker(make_sender(), housekeeping_seconds=poll_seconds)


class Worker:
    """Passes one after another, as ``flask push worker`` runs them. Each pass sends
    what is due, but the housekeeping (queueing reminders, releasing what quiet hours
    held) runs at most once every ``housekeeping_seconds``: reminders are set to the
    minute, and while a backlog is sent in back-to-back passes, running it on each
    would only repeat the same queries."""

    def __init__(
        self, sender: Sender | None, housekeeping_seconds: float, monotonic=time.monotonic
    ):
        self.sender = sender
        self.housekeeping_seconds = housekeeping_seconds
        self.monotonic = monotonic
        self.housekeeping_due = monotonic()

    def run_pass(self, now: datetime | None = None) -> PassReport:
        started = self.monotonic()
        housekeeping = started >= self.housekeeping_due
        report = run_once(self.sender, now, housekeeping=housekeeping)
        if housekeeping:
            self.housekeeping_due = started + self.housekeeping_seconds
        return report
