"""The monthly FFT return as CSV, in the columns NHS England collects.

NHS England asks each service for the month's count of each of the six answers, the
total, and how the answers were collected (all of ours online). We add the unit and the
topic. Small numbers are suppressed here exactly as on screen: a row with fewer than
five responses carries "*" for every figure. No comment text is ever exported.
"""

import csv
import io
from datetime import date

from app.models.feedback import ANSWERS, TOPICS
from app.services import clock
from app.services.feedback import week_start
from app.services.feedback_report import fft_cells

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
SUPPRESSED = "*"
HEADER = [
    "Period",
    "Organisation",
    "Topic",
    "Total responses",
    *ANSWERS.values(),
    "Mode of collection: online",
    "Percentage positive",
    "Percentage negative",
    "Note",
]


def spreadsheet_safe(value) -> str:
    """Text a spreadsheet will not run as a formula: a leading apostrophe defuses it."""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def monthly_rows(unit, month: date) -> list[list[str]]:
    cells = fft_cells(unit.id, [month], week_start(clock.local_today(unit)))
    rows = [HEADER]
    for topic, label in TOPICS.items():
        cell = cells[(topic, month)]
        start = [f"{month:%Y-%m}", unit.name, label]
        if cell.suppressed:
            figures = [SUPPRESSED] * (len(HEADER) - len(start) - 1)
            note = "Fewer than 5 responses: figures withheld"
        else:
            figures = [
                cell.total,
                *cell.counts.values(),
                cell.total,
                f"{cell.percentage_positive}%",
                f"{cell.percentage_negative}%",
            ]
            note = ""
        rows.append([spreadsheet_safe(v) for v in [*start, *figures, note]])
    return rows


def monthly_csv(unit, month: date) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(monthly_rows(unit, month))
    return buffer.getvalue()
