"""The staff report: FFT counts per topic and whole month, with small numbers hidden.

Percentage positive follows NHS England's published FFT data: the Very good and Good
answers as a share of all responses, Don't know included in the total (percentage
negative likewise with Poor and Very poor). There is no breakdown by week, day or peer
worker.

When figures appear. Answers for a week are accepted until ``answers_close`` (two days
after the week ends, so that an answer queued on a phone without signal still counts),
and a week counts in the month of its Thursday. A month's figures appear only once every
week counted in it is closed for answers; until then the report leaves the month out
and says on which day its figures will appear, and the CSV cannot be asked for it. A
figure therefore never changes once shown, and no one can watch a count grow by one answer.

Which figures are hidden: ``shown_figures``, the same on screen and in the CSV. A row is
the month's total, its six answer counts and its two percentages.

1. A total under 5 hides the whole row.
2. Every answer count under 5 is hidden, 0 included ("no one said Poor" tells as much
   about each mother as "one said Poor").
3. The total less the shown counts is the sum of the hidden ones, so that sum must not
   pin a hidden count. It does when only one count is hidden, or when the hidden counts
   must all be 0 (they add up to 0) or all be 4 (they add up to 4 each). Then the
   smallest shown counts are hidden too: all of them, if several are equal.
4. A percentage is shown only when the shown figures give it anyway: when both counts it
   adds up (Very good and Good; Poor and Very poor) are shown, or when those two are the
   only hidden ones. Otherwise, with the total, it would give a hidden count away: 95%
   positive out of 20, beside Very good 19, says Good is 0 and one mother was not positive.

Why that is enough, even for someone who knows these rules: rules 1 to 3 treat the six
answers alike, and rule 4 looks only at which counts are hidden, so swapping the values
of two hidden counts gives a month that shows the same figures. Hidden counts that differ
can therefore each take two values. Hidden counts that are all equal are 1, 2 or 3 (rule
3), and moving one answer from one to another again shows the same figures; the one
exception, all six hidden at 4 each, shows the same as 0, 0, 6, 6, 6, 6. A hidden
percentage always has a hidden count inside its pair and one outside, so it can take two
values too. tests/unit/services/test_feedback_report.py looks for a hidden figure that the
shown ones pin, in every month of up to 16 answers and in random months beyond.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property

from sqlalchemy import func, select

from app.extensions import db
from app.models import FeedbackResponse
from app.models.feedback import ANSWERS, TOPICS

MIN_RESPONSES = 5
ANSWER_GRACE = timedelta(days=2)
PERCENTAGES = {"positive": ("very_good", "good"), "negative": ("poor", "very_poor")}
FIGURES = ("total", *ANSWERS, *PERCENTAGES)


def answers_close(week: date) -> date:
    """The first local day on which answers for the week of Monday ``week`` are refused."""
    return week + timedelta(days=7) + ANSWER_GRACE


def month_of_week(week: date) -> date:
    """A week counts in the month of its Thursday, as ISO weeks count in years."""
    return (week + timedelta(days=3)).replace(day=1)


def next_month(month: date) -> date:
    return (month + timedelta(days=31)).replace(day=1)


def previous_month(month: date) -> date:
    return (month - timedelta(days=1)).replace(day=1)


def last_week_of(month: date) -> date:
    """The Monday of the last week counted in ``month``: the week of its last Thursday."""
    last_day = next_month(month) - timedelta(days=1)
    return last_day - timedelta(days=(last_day.weekday() - 3) % 7 + 3)


def figures_appear_on(month: date) -> date:
    return answers_close(last_week_of(month))


def month_closed(month: date, today: date) -> bool:
    return today >= figures_appear_on(month)


def recent_months(today: date, count: int) -> list[date]:
    """The ``count`` months up to and including this one, oldest first."""
    months = [today.replace(day=1)]
    while len(months) < count:
        months.append(previous_month(months[-1]))
    return months[::-1]


def closed_months(today: date, count: int) -> list[date]:
    """The latest ``count`` months whose figures have appeared, oldest first."""
    months = recent_months(today, count + 2)  # at most this month and the last are open
    return [m for m in months if month_closed(m, today)][-count:]


def _percentage(part: int, whole: int) -> int:
    """Rounded half up, as people expect (Python's round() goes to even)."""
    return (200 * part + whole) // (2 * whole)


def shown_figures(counts: dict[str, int]) -> dict[str, int | None]:
    """The row's figures as shown, None for each hidden one (the rules are above)."""
    total = sum(counts.values())
    if total < MIN_RESPONSES:
        return dict.fromkeys(FIGURES)
    hidden = {a for a, n in counts.items() if n < MIN_RESPONSES}
    shown = set(counts) - hidden
    pinned = {counts[a] for a in hidden} in ({0}, {MIN_RESPONSES - 1})
    if shown and (len(hidden) == 1 or pinned):
        smallest = min(counts[a] for a in shown)
        hidden |= {a for a in shown if counts[a] == smallest}
    figures = {"total": total} | {a: None if a in hidden else n for a, n in counts.items()}
    for name, pair in PERCENTAGES.items():
        derivable = not (hidden & set(pair)) or hidden <= set(pair)
        figures[name] = _percentage(sum(counts[a] for a in pair), total) if derivable else None
    return figures


@dataclass
class Cell:
    topic: str
    month: date
    closed: bool  # every week counted in the month is closed for answers
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ANSWERS, 0))

    @property
    def appears_on(self) -> date:
        return figures_appear_on(self.month)

    @cached_property
    def figures(self) -> dict[str, int | None]:
        """What may be shown: nothing before the month closes, then ``shown_figures``."""
        return shown_figures(self.counts) if self.closed else dict.fromkeys(FIGURES)


def fft_cells(
    unit_id: int, months: list[date], today: date, topics=TOPICS
) -> dict[tuple[str, date], Cell]:
    """Counts per (topic, month) for the given months and ``topics`` (the mothers' unless
    told: families' answers are read apart); only closed months are counted."""
    closed = [m for m in months if month_closed(m, today)]
    cells = {(t, m): Cell(t, m, m in closed) for t in topics for m in months}
    if not closed:
        return cells
    rows = db.session.execute(
        select(
            FeedbackResponse.topic,
            FeedbackResponse.week,
            FeedbackResponse.answer,
            func.count(),
        )
        .where(
            FeedbackResponse.unit_id == unit_id,
            FeedbackResponse.topic.in_(topics),
            FeedbackResponse.week >= months[0] - timedelta(days=6),
            FeedbackResponse.week <= last_week_of(closed[-1]),
        )
        .group_by(FeedbackResponse.topic, FeedbackResponse.week, FeedbackResponse.answer)
    )
    for topic, week, answer, count in rows:
        cell = cells.get((topic, month_of_week(week)))
        if cell is not None and cell.closed:
            cell.counts[answer] += count
    return cells


def topic_rows(
    cells: dict[tuple[str, date], Cell], months: list[date], topics=TOPICS
) -> list[dict]:
    """The report's shape: one entry per topic, holding its months in order."""
    return [
        {"topic": topic, "label": label, "cells": [cells[(topic, m)] for m in months]}
        for topic, label in topics.items()
    ]
