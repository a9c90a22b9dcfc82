"""The monthly FFT return as CSV, in the columns NHS England collects.

NHS England asks each service for the month's count of each of the six answers, the
total, and how the answers were collected (all of ours online). We add the unit and the
topic. Figures are hidden here exactly as on screen (app/services/feedback_report.py):
each hidden figure is written "*" and the Note says why. A month can be downloaded once
its figures have appeared; asked for earlier, every figure is "*" and the Note gives the
day they appear. No comment text is ever exported.
"""

import csv
import io
from datetime import date

from app.models.feedback import ANSWERS, TOPICS
from app.services import clock
from app.services.feedback_report import PERCENTAGES, fft_cells

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


def _note(cell) -> str:
    if not cell.closed:
        return f"Figures appear on {cell.appears_on:%-d %B %Y}"
    if cell.figures["total"] is None:
        return "Fewer than 5 responses: figures not shown"
    if None in cell.figures.values():
        return "* not shown: under 5, or would let a figure under 5 be worked out"
    return ""


def monthly_rows(unit, month: date) -> list[list[str]]:
    cells = fft_cells(unit.id, [month], clock.local_today(unit))
    rows = [HEADER]
    for topic, label in TOPICS.items():
        cell = cells[(topic, month)]
        shown = cell.figures
        figures = [
            shown["total"],
            *(shown[a] for a in ANSWERS),
            shown["total"],
            *(None if shown[p] is None else f"{shown[p]}%" for p in PERCENTAGES),
        ]
        row = [
            f"{month:%Y-%m}",
            unit.name,
            label,
            *(SUPPRESSED if f is None else f for f in figures),
        ]
        rows.append([spreadsheet_safe(v) for v in [*row, _note(cell)]])
    return rows


def monthly_csv(unit, month: date) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(monthly_rows(unit, month))
    return buffer.getvalue()
