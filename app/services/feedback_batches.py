"""Free-text comments reach staff in batches that come from at least three mothers.

The server cannot tell whose a comment is, but it can prove one thing: a mother answers
each topic at most once per ISO week (the "already answered" marker, app/models/feedback.py),
so the comments on one topic from one week are all from different mothers. Three
comments from three weeks, or on three topics, may all be hers.

So a batch holds comments on one topic. Once a week is closed for answers
(``answers_close``, two days after it ends, so that no late answer can still join it),
that week's comments on the topic join the topic's waiting comments. When the week just
joined holds at least three comments, every waiting comment on the topic is released
together: at least three of them are from three different mothers, and the earlier
lone comments are hidden among them. Otherwise they wait for the next such week.

A batch is shown in the order of its comments' random ids (a shuffle, and the same one on
every view) and never says which week a comment came from. The batches are worked out
from the stored weeks each time, so nothing records when a comment arrived.
"""

from dataclasses import dataclass
from datetime import date
from itertools import groupby

from sqlalchemy import select

from app.extensions import db
from app.models import FeedbackResponse
from app.models.feedback import ALL_TOPICS, TOPICS
from app.services import clock
from app.services.feedback import week_start
from app.services.feedback_report import answers_close

MIN_BATCH = 3


@dataclass
class Batch:
    topic: str
    last_week: date  # the Monday of the week that released it
    comments: list[FeedbackResponse]

    @property
    def topic_label(self) -> str:
        return ALL_TOPICS[self.topic]

    @property
    def released_on(self) -> date:
        return answers_close(self.last_week)


def released_batches(unit, topics=TOPICS) -> list[Batch]:
    """The unit's released batches on ``topics`` (the mothers' unless told), newest first."""
    today = clock.local_today(unit)
    rows = db.session.scalars(
        select(FeedbackResponse)
        .where(
            FeedbackResponse.unit_id == unit.id,
            FeedbackResponse.topic.in_(topics),
            FeedbackResponse.comment != "",
            FeedbackResponse.week < week_start(today),
        )
        .order_by(FeedbackResponse.topic, FeedbackResponse.week)
    )
    batches = []
    for topic, in_topic in groupby(rows, key=lambda r: r.topic):
        waiting = []
        for week, in_week in groupby(in_topic, key=lambda r: r.week):
            if answers_close(week) > today:
                break
            in_week = list(in_week)
            waiting.extend(in_week)
            if len(in_week) >= MIN_BATCH:
                batches.append(Batch(topic, week, sorted(waiting, key=lambda r: r.id)))
                waiting = []
    return sorted(batches, key=lambda b: b.last_week, reverse=True)
