"""What the push worker writes after a batch was sent: a few set-based statements for
the whole batch, not a load and a write per row (see app/push/worker.py for the claiming).

For each row: sent (some device got it, now or on an earlier try), pending again (a 429,
5xx or timeout, with Retry-After or a growing backoff, until PUSH_MAX_ATTEMPTS; or a
device not tried because the pass ran out of time: due at once, that try not counted),
failed, or skipped (no device). For each device: a success clears its failure count, a failure
adds to it; a 404/410 or a refused address forgets it at once, and a device that refused
REJECTIONS_BEFORE_REMOVAL messages in a row is forgotten too.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, bindparam, delete, or_, update

from app.extensions import db
from app.models import Notification, PushDelivery, PushSubscription
from app.services.push_sender import Device, Result

REJECTIONS_BEFORE_REMOVAL = 3

# Built once (see app/push/worker.py): a busy worker runs these on every pass.
_device = PushSubscription.__table__.c
_note = Notification.__table__.c
_ids = bindparam("ids", expanding=True)
RECORD_DELIVERIES = PushDelivery.__table__.insert()
SUCCEEDED = (
    PushSubscription.__table__.update()
    .where(_device.id.in_(_ids))
    .values(last_success_at=bindparam("now", type_=_device.last_success_at.type), failure_count=0)
)


@dataclass
class Job:
    """One claimed row, ready to send without touching the database."""

    row_id: int
    unit_id: int
    attempts: int  # this try included
    devices: list[Device]
    payload: str
    urgency: str
    delivered_before: bool


def backoff(attempts: int) -> int:
    cfg = current_app.config
    return min(cfg["PUSH_RETRY_BASE_SECONDS"] * 4 ** (attempts - 1), 3600)


def row_change(job: Job, outcomes, now: datetime, effects: "DeviceEffects") -> dict:
    """The row's new columns from its devices' outcomes; device effects are collected."""
    retry_after, rejected, deferred, notes, reached = 0, False, False, [], []
    for device, outcome in outcomes:
        if outcome.result is Result.DELIVERED:
            reached.append(device.id)
            continue
        notes.append(outcome.error)
        if outcome.result is Result.GONE:
            effects.gone.add(device.id)
            continue
        if outcome.result is Result.DEFERRED:
            deferred = True
            continue
        effects.failures[device.id] += 1
        if outcome.result is Result.RETRY:
            retry_after = max(retry_after, outcome.retry_after or backoff(job.attempts))
        else:
            rejected = True
            effects.rejected.add(device.id)
    change = {"id": job.row_id, "claim_token": None, "last_error": "; ".join(dict.fromkeys(notes))}
    effects.succeeded.update(reached)
    if deferred and not retry_after:  # not tried for want of time: due at once, try given back
        change.update(status="pending", not_before=now, attempts=job.attempts - 1)
        effects.reached_before_retry(job, reached)
    elif retry_after and (deferred or job.attempts < current_app.config["PUSH_MAX_ATTEMPTS"]):
        change.update(status="pending", not_before=now + timedelta(seconds=retry_after))
        effects.reached_before_retry(job, reached)
    elif reached or job.delivered_before:
        change.update(status="sent", sent_at=now)
    elif retry_after or rejected:
        change["status"] = "failed"
    else:
        change["status"] = "skipped"
        change["last_error"] = change["last_error"] or "No device has notifications turned on"
    change["last_error"] = change["last_error"][:200]
    return change


@dataclass
class DeviceEffects:
    now: datetime

    def __post_init__(self):
        self.deliveries: list[dict] = []
        self.succeeded: set[int] = set()
        self.failures: Counter = Counter()
        self.rejected: set[int] = set()
        self.gone: set[int] = set()

    def reached_before_retry(self, job: Job, device_ids: list[int]) -> None:
        """The devices that got a row which will be tried again: the retry skips them.
        A row that is done (sent, failed) is never read again, so what reached whom
        is not written for it: a pass that went well inserts nothing here."""
        self.deliveries += [
            {
                "unit_id": job.unit_id,
                "notification_id": job.row_id,
                "subscription_id": device_id,
                "delivered_at": self.now,
            }
            for device_id in device_ids
        ]

    def write(self) -> None:
        if self.deliveries:
            db.session.execute(RECORD_DELIVERIES, self.deliveries)
        if self.succeeded:
            db.session.execute(SUCCEEDED, {"ids": list(self.succeeded), "now": self.now})
        by_count: dict[int, list[int]] = {}
        for device_id, count in self.failures.items():
            by_count.setdefault(count, []).append(device_id)
        for count, device_ids in by_count.items():
            db.session.execute(
                update(PushSubscription)
                .where(PushSubscription.id.in_(device_ids))
                .values(failure_count=PushSubscription.failure_count + count)
                .execution_options(synchronize_session=False)
            )
        if self.gone or self.rejected:
            db.session.execute(
                delete(PushSubscription)
                .where(
                    or_(
                        PushSubscription.id.in_(self.gone),
                        and_(
                            PushSubscription.id.in_(self.rejected),
                            PushSubscription.failure_count >= REJECTIONS_BEFORE_REMOVAL,
                        ),
                    )
                )
                .execution_options(synchronize_session="fetch")  # forget loaded copies too
            )


def write_outcomes(jobs: list[Job], outcomes: dict, ours: set[int], now: datetime) -> Counter:
    """Record a sent batch (rows not in ``ours`` were taken over: left alone). Returns
    how many rows got each status."""
    statuses, changes, effects = Counter(), [], DeviceEffects(now)
    for job in jobs:
        if job.row_id not in ours:
            statuses["lost"] += 1
            continue
        change = row_change(job, outcomes[job.row_id], now, effects)
        statuses[change["status"]] += 1
        changes.append(change)
    effects.write()
    _update_rows(changes)
    return statuses


def _update_rows(changes: list[dict]) -> None:
    """Each row's new columns: one UPDATE for the rows given the same values (in a
    batch that went well, all of them), and one executemany, by primary key, per set
    of columns for the rest."""
    by_values: dict[tuple, list[int]] = {}
    for change in changes:
        values = tuple(sorted((key, value) for key, value in change.items() if key != "id"))
        by_values.setdefault(values, []).append(change["id"])
    table = Notification.__table__
    alone: dict[tuple, list[dict]] = {}
    for values, row_ids in by_values.items():
        if len(row_ids) > 1:
            db.session.execute(
                table.update().where(_note.id.in_(_ids)).values(dict(values)), {"ids": row_ids}
            )
        else:
            columns = tuple(key for key, _ in values)
            alone.setdefault(columns, []).append({"row_id": row_ids[0], **dict(values)})
    for group in alone.values():
        db.session.execute(table.update().where(_note.id == bindparam("row_id")), group)
