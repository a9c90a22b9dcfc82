"""The push worker's work: claim due outbox rows, send them, record what happened.

Each row is claimed by exactly one worker with one UPDATE (``FOR UPDATE SKIP LOCKED``
in its subquery on PostgreSQL; SQLite runs writers one at a time, and the UPDATE's
own ``WHERE status = 'pending'`` makes a second claim of the same row match nothing).
No transaction is held while posting to push services, so the web app never waits on
them. Devices that already got a row are recorded (PushDelivery) and skipped on retry.
"""

import json
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_, select, update

from app.extensions import db
from app.models import Notification, PushDelivery, PushSubscription, User
from app.services import clock
from app.services.push_digest import release_held
from app.services.push_schedule import run_reminder_generators
from app.services.push_sender import Device, NoRedirectSession, Result, Sender, load_vapid
from app.services.quiet_hours import may_notify_now

log = logging.getLogger(__name__)

URGENCY = {
    "session.reminder": "high",
    "activity.reminder": "high",
    "talk.requested": "high",
    "test": "high",
}
REJECTIONS_BEFORE_REMOVAL = 3


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


def make_sender(session=None) -> Sender | None:
    cfg = current_app.config
    if not cfg.get("VAPID_PRIVATE_KEY"):
        log.error("push: no VAPID_PRIVATE_KEY configured; nothing is sent")
        return None
    return Sender(
        vapid=load_vapid(cfg["VAPID_PRIVATE_KEY"]),
        subject=cfg["VAPID_SUBJECT"],
        ttl=cfg["PUSH_TTL_SECONDS"],
        timeout=cfg["PUSH_TIMEOUT_SECONDS"],
        allow_local=cfg["PUSH_ALLOW_LOCAL_RECEIVER"],
        session=session or NoRedirectSession(),
    )


def payload_for(row: Notification) -> str:
    """What the service worker receives: lock-screen texts from KINDS and a relative URL."""
    url = row.url if row.url.startswith("/") and not row.url.startswith("//") else "/"
    return json.dumps(
        {"title": row.title, "body": row.body, "url": url, "tag": f"n{row.id}"},
        separators=(",", ":"),
    )


def claim_due(now: datetime, limit: int) -> tuple[str, list[int]]:
    stale = now - timedelta(seconds=current_app.config["PUSH_CLAIM_STALE_SECONDS"])
    due = or_(
        and_(Notification.status == "pending", Notification.not_before <= now),
        and_(Notification.status == "sending", Notification.claimed_at < stale),
    )
    candidates = (
        select(Notification.id)
        .where(due)
        .order_by(Notification.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
        .scalar_subquery()
    )
    token = secrets.token_hex(16)
    claimed = db.session.scalars(
        update(Notification)
        .where(Notification.id.in_(candidates), due)
        .values(status="sending", claim_token=token, claimed_at=now)
        .returning(Notification.id)
        .execution_options(synchronize_session=False)
    ).all()
    db.session.commit()
    return token, sorted(claimed)


def _devices_to_send(row: Notification) -> list[Device]:
    done = select(PushDelivery.subscription_id).where(PushDelivery.notification_id == row.id)
    query = select(PushSubscription).where(
        PushSubscription.user_id == row.user_id, PushSubscription.id.not_in(done)
    )
    if row.only_subscription_id is not None:
        query = query.where(PushSubscription.id == row.only_subscription_id)
    return [
        Device(s.id, s.endpoint, s.p256dh, s.auth)
        for s in db.session.scalars(query.order_by(PushSubscription.id))
    ]


def _backoff(attempts: int) -> int:
    cfg = current_app.config
    return min(cfg["PUSH_RETRY_BASE_SECONDS"] * 4 ** (attempts - 1), 3600)


def _still_ours(row_id: int, token: str, now: datetime) -> bool:
    """Re-assert the claim. It is the first statement of each transaction here, so that
    on SQLite the transaction takes the write lock at once (waiting its turn) instead of
    failing later when it would upgrade a read lock."""
    db.session.commit()  # end any read transaction an attribute load may have begun
    touched = db.session.scalar(
        update(Notification)
        .where(
            Notification.id == row_id,
            Notification.claim_token == token,
            Notification.status == "sending",
        )
        .values(claimed_at=now)
        .returning(Notification.id)
        .execution_options(synchronize_session=False)
    )
    if touched is None:
        db.session.rollback()
    return touched is not None


def deliver_row(row_id: int, token: str, sender: Sender, now: datetime) -> str:
    """Send one claimed row to each of her devices; returns the row's new status."""
    if not _still_ours(row_id, token, now):
        return "lost"
    row = db.session.get(Notification, row_id)
    user = db.session.get(User, row.user_id)
    if row.kind != "test" and not may_notify_now(user, now):
        row.status, row.claim_token = "held", None
        db.session.commit()
        return "held"
    devices = _devices_to_send(row) if user.active else []
    already = db.session.scalar(
        select(PushDelivery.id).where(PushDelivery.notification_id == row.id).limit(1)
    )
    row.attempts += 1
    payload, urgency = payload_for(row), URGENCY.get(row.kind, "normal")
    db.session.commit()  # hold no transaction while talking to push services

    outcomes = [(device, sender.send(device, payload, urgency, now)) for device in devices]

    if not _still_ours(row_id, token, now):
        return "lost"
    return _record(db.session.get(Notification, row_id), outcomes, already is not None, now)


def _record(row: Notification, outcomes, delivered: bool, now: datetime) -> str:
    retry_after, rejected, notes = 0, False, []
    for device, outcome in outcomes:
        subscription = db.session.get(PushSubscription, device.id)
        if outcome.result is Result.DELIVERED:
            delivered = True
            db.session.add(
                PushDelivery(unit_id=row.unit_id, notification_id=row.id, subscription_id=device.id)
            )
            if subscription is not None:
                subscription.last_success_at, subscription.failure_count = now, 0
            continue
        notes.append(outcome.error)
        if outcome.result is Result.GONE:
            db.session.execute(delete(PushSubscription).where(PushSubscription.id == device.id))
            continue
        if subscription is not None:
            subscription.failure_count += 1
        if outcome.result is Result.RETRY:
            retry_after = max(retry_after, outcome.retry_after or _backoff(row.attempts))
        else:
            rejected = True
            if subscription is not None and subscription.failure_count >= REJECTIONS_BEFORE_REMOVAL:
                db.session.delete(subscription)
    row.claim_token = None
    row.last_error = "; ".join(dict.fromkeys(notes))[:200]
    if retry_after and row.attempts < current_app.config["PUSH_MAX_ATTEMPTS"]:
        row.status, row.not_before = "pending", now + timedelta(seconds=retry_after)
    elif delivered:
        row.status, row.sent_at = "sent", now
    elif retry_after or rejected:
        row.status = "failed"
    else:
        row.status = "skipped"
        row.last_error = row.last_error or "No device has notifications turned on"
    status = row.status
    db.session.commit()
    return status


def run_once(sender: Sender | None, now: datetime | None = None) -> PassReport:
    """One pass of the worker: reminders, quiet-hours summaries, then due rows."""
    now = now or clock.now()
    report = PassReport()
    report.generated = run_reminder_generators(now)
    report.released = release_held(now)
    if sender is None:
        return report
    # Rows queued during this pass (reminders, a summary) are due by now as well.
    now = max(now, clock.now())
    token, report.claimed = claim_due(now, current_app.config["PUSH_BATCH_SIZE"])
    counts = {"sent": 0, "held": 0, "pending": 0, "failed": 0, "skipped": 0}
    for row_id in report.claimed:
        try:
            status = deliver_row(row_id, token, sender, now)
        except Exception:
            db.session.rollback()
            log.exception("push: notification %s could not be processed", row_id)
            continue
        counts[status] = counts.get(status, 0) + 1
    report.sent, report.held, report.failed = counts["sent"], counts["held"], counts["failed"]
    report.retrying, report.skipped = counts["pending"], counts["skipped"]
    return report
