"""Hiding a released comment that could identify someone, and restoring it.

A hidden comment is off the comments page and out of every export. Staff can restore it
for ``RESTORE_DAYS`` after hiding it (a slip of the finger); after that the retention
purge erases its words and it can no longer come back. The answer itself stays counted.
Only the day it was hidden is kept: a staff action, which says nothing of who wrote it.

Only released comments can be hidden, so the action cannot confirm that an id exists
before its batch is out. Like everything about feedback, none of this writes an audit event.
"""

from datetime import date, timedelta

from sqlalchemy import select, update

from app.extensions import db
from app.models import FeedbackResponse
from app.models.feedback import ALL_TOPICS
from app.services import clock
from app.services.errors import NotFoundInUnit
from app.services.feedback_batches import released_batches

RESTORE_DAYS = 30


def released_comment(unit, response_id: str) -> FeedbackResponse:
    for batch in released_batches(unit, ALL_TOPICS):
        for comment in batch.comments:
            if comment.id == response_id:
                return comment
    raise NotFoundInUnit()


def hide_comment(unit, response_id: str) -> FeedbackResponse:
    comment = released_comment(unit, response_id)
    if not comment.is_hidden:
        comment.moderation = "hidden"
        comment.hidden_on = clock.local_today(unit)
        db.session.flush()
    return comment


def _restorable(unit, today: date):
    return (
        FeedbackResponse.unit_id == unit.id,
        FeedbackResponse.moderation == "hidden",
        FeedbackResponse.hidden_on >= today - timedelta(days=RESTORE_DAYS),
    )


def hidden_comments(unit) -> list[FeedbackResponse]:
    """Comments hidden in the last ``RESTORE_DAYS``, most recently hidden first."""
    today = clock.local_today(unit)
    return list(
        db.session.scalars(
            select(FeedbackResponse)
            .where(*_restorable(unit, today))
            .order_by(FeedbackResponse.hidden_on.desc(), FeedbackResponse.id)
        )
    )


def restore_comment(unit, response_id: str) -> FeedbackResponse:
    comment = db.session.scalar(
        select(FeedbackResponse).where(
            FeedbackResponse.id == response_id, *_restorable(unit, clock.local_today(unit))
        )
    )
    if comment is None:
        raise NotFoundInUnit()
    comment.moderation = "shown"
    comment.hidden_on = None
    db.session.flush()
    return comment


def erase_hidden_comments(unit, today: date, dry_run: bool = False) -> int:
    """The words of comments hidden longer ago than staff can restore them."""
    past = (
        FeedbackResponse.unit_id == unit.id,
        FeedbackResponse.moderation == "hidden",
        FeedbackResponse.hidden_on < today - timedelta(days=RESTORE_DAYS),
    )
    if dry_run:
        return len(db.session.scalars(select(FeedbackResponse.id).where(*past)).all())
    return db.session.execute(
        update(FeedbackResponse)
        .where(*past)
        .values(comment="", hidden_on=None)
        .execution_options(synchronize_session=False)
    ).rowcount
