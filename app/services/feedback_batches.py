"""Free-text comments reach staff in weekly batches, so arrival cannot point to a mother.

A comment is never shown in the week it was written. At the end of each week the
comments of that week join any still waiting; when at least three are waiting they are
released together as one batch, in the order of their random ids (a shuffle, and the
same one on every view). Fewer than three wait for the next week. The batches are worked
out from the stored weeks each time, so nothing records when a comment arrived.
"""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import select

from app.extensions import db
from app.models import FeedbackResponse
from app.services import clock
from app.services.errors import NotFoundInUnit
from app.services.feedback import week_start

MIN_BATCH = 3


@dataclass
class Batch:
    last_week: date  # the Monday of the week whose end released it
    comments: list[FeedbackResponse]


def released_batches(unit) -> list[Batch]:
    """The unit's released batches, newest first."""
    this_week = week_start(clock.local_today(unit))
    rows = db.session.scalars(
        select(FeedbackResponse)
        .where(
            FeedbackResponse.unit_id == unit.id,
            FeedbackResponse.comment != "",
            FeedbackResponse.week < this_week,
        )
        .order_by(FeedbackResponse.week, FeedbackResponse.id)
    )
    batches, waiting = [], []
    for week, comments in groupby(rows, key=lambda r: r.week):
        waiting.extend(comments)
        if len(waiting) >= MIN_BATCH:
            batches.append(Batch(week, sorted(waiting, key=lambda r: r.id)))
            waiting = []
    return batches[::-1]


def hide_comment(unit, response_id: str) -> FeedbackResponse:
    """Hide a released comment that could identify someone: off screen, never exported.

    Only released comments can be hidden, so the action cannot confirm that an id exists
    before its batch is out. Like everything about feedback, it writes no audit event.
    """
    for batch in released_batches(unit):
        for comment in batch.comments:
            if comment.id == response_id:
                comment.moderation = "hidden"
                db.session.flush()
                return comment
    raise NotFoundInUnit()
