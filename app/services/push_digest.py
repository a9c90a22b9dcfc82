"""Quiet hours: what waited is released as one summary when she may be notified again.

Held rows are taken with one UPDATE per person, so two workers never both summarise
them. A single held notification goes out as itself; two or more become one "digest"
("3 updates are waiting for you") that opens her notifications page.
"""

from datetime import datetime

from sqlalchemy import select, update

from app.extensions import db
from app.models import Notification, User
from app.services.notifications import queue_notification
from app.services.quiet_hours import may_notify_among


def ready_to_release(now: datetime) -> list[int]:
    """The ids of those with held notifications who may now be notified."""
    user_ids = db.session.scalars(
        select(Notification.user_id).where(Notification.status == "held").distinct()
    ).all()
    users = db.session.scalars(select(User).where(User.id.in_(user_ids))).all()
    return sorted(may_notify_among(users, now)) if users else []


def release_held_of(user_id: int, now: datetime) -> int:
    """Release or summarise her held notifications; how many there were. Its first
    statement is the UPDATE that takes them."""
    taken = db.session.scalars(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.status == "held")
        .values(status="summarised")
        .returning(Notification.id)
        .execution_options(synchronize_session=False)
    ).all()
    if len(taken) == 1:
        db.session.execute(
            update(Notification)
            .where(Notification.id == taken[0])
            .values(status="pending", not_before=now)
            .execution_options(synchronize_session=False)
        )
    elif taken:
        user = db.session.get(User, user_id)
        digest = queue_notification(user, "digest", url="/notifications", count=len(taken))
        digest.created_at = digest.not_before = now
        db.session.flush()
    return len(taken)
