"""The staff report: FFT counts per topic and month, with small numbers suppressed.

Percentage positive follows NHS England's published FFT data: the Very good and Good
answers as a share of all responses, Don't know included in the total (percentage
negative likewise with Poor and Very poor). A cell with fewer than five responses shows
no figures at all, on screen and in the export, because on an eight-bed ward a small
count can point to one mother. Answers count only once their week is over, so a figure
that changes from one day to the next cannot reveal what someone said that day. There
is no breakdown by week, day or peer worker.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import func, select

from app.extensions import db
from app.models import FeedbackResponse
from app.models.feedback import ANSWERS, TOPICS

MIN_RESPONSES = 5
POSITIVE = ("very_good", "good")
NEGATIVE = ("poor", "very_poor")


def _percentage(part: int, whole: int) -> int:
    """Rounded half up, as people expect (Python's round() goes to even)."""
    return (200 * part + whole) // (2 * whole)


@dataclass
class Cell:
    topic: str
    month: date
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ANSWERS, 0))

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def suppressed(self) -> bool:
        return self.total < MIN_RESPONSES

    @property
    def percentage_positive(self) -> int | None:
        if self.suppressed:
            return None
        return _percentage(sum(self.counts[a] for a in POSITIVE), self.total)

    @property
    def percentage_negative(self) -> int | None:
        if self.suppressed:
            return None
        return _percentage(sum(self.counts[a] for a in NEGATIVE), self.total)


ANSWER_GRACE = timedelta(days=2)


def answers_close(week: date) -> date:
    return week + timedelta(days=7) + ANSWER_GRACE


def month_of_week(week: date) -> date:
    """A week counts in the month of its Thursday, as ISO weeks count in years."""
    return (week + timedelta(days=3)).replace(day=1)


def previous_month(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def recent_months(today: date, count: int) -> list[date]:
    """The ``count`` months up to and including this one, oldest first."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return months[::-1]


def fft_cells(unit_id: int, months: list[date], before_week: date) -> dict[tuple[str, date], Cell]:
    """Counts per (topic, month) for the given months, from weeks before ``before_week``."""
    cells = {(topic, month): Cell(topic, month) for topic in TOPICS for month in months}
    first = months[0] - timedelta(days=6)
    last = min((months[-1] + timedelta(days=31)).replace(day=1), before_week)
    rows = db.session.execute(
        select(
            FeedbackResponse.topic,
            FeedbackResponse.week,
            FeedbackResponse.answer,
            func.count(),
        )
        .where(
            FeedbackResponse.unit_id == unit_id,
            FeedbackResponse.week >= first,
            FeedbackResponse.week < last,
        )
        .group_by(FeedbackResponse.topic, FeedbackResponse.week, FeedbackResponse.answer)
    )
    for topic, week, answer, count in rows:
        cell = cells.get((topic, month_of_week(week)))
        if cell is not None:
            cell.counts[answer] += count
    return cells


def topic_rows(cells: dict[tuple[str, date], Cell], months: list[date]) -> list[dict]:
    """The report's shape: one entry per topic, holding its months in order."""
    return [
        {"topic": topic, "label": label, "cells": [cells[(topic, m)] for m in months]}
        for topic, label in TOPICS.items()
    ]
