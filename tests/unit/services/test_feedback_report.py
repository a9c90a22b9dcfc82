"""The report's rules: suppression under 5 responses, NHS England's percentage positive."""

from datetime import date, timedelta

import pytest

from app.services.feedback_report import (
    Cell,
    fft_cells,
    month_of_week,
    recent_months,
    topic_rows,
)
from tests.feedback_helpers import add_responses

MARCH = date(2027, 3, 1)
WEEK = date(2027, 3, 8)
LATER = date(2027, 5, 3)  # every week of March is over


def test_four_responses_give_no_figures(unit):
    add_responses(unit, "peer_support", WEEK, ["very_good"] * 4)
    cell = fft_cells(unit.id, [MARCH], LATER)[("peer_support", MARCH)]
    assert cell.suppressed
    assert cell.percentage_positive is None and cell.percentage_negative is None


def test_five_responses_give_figures(unit):
    add_responses(unit, "peer_support", WEEK, ["very_good"] * 4 + ["poor"])
    cell = fft_cells(unit.id, [MARCH], LATER)[("peer_support", MARCH)]
    assert not cell.suppressed
    assert cell.total == 5
    assert (cell.percentage_positive, cell.percentage_negative) == (80, 20)


def test_dont_know_counts_in_the_total_as_nhs_england_publishes():
    cell = Cell("unit", MARCH)
    cell.counts.update(very_good=2, good=1, neither=0, poor=0, very_poor=1, dont_know=2)
    assert cell.total == 6
    assert cell.percentage_positive == 50  # 3 of 6, not 3 of 4
    assert cell.percentage_negative == 17  # 1 of 6 = 16.7


def test_percentages_round_half_up():
    cell = Cell("unit", MARCH)
    cell.counts.update(very_good=1, good=0, neither=7)  # 12.5%
    assert cell.percentage_positive == 13


@pytest.mark.parametrize(
    ("week", "month"),
    [
        (date(2027, 3, 1), date(2027, 3, 1)),
        (date(2027, 3, 29), date(2027, 4, 1)),  # Thursday 1 April
        (date(2027, 2, 22), date(2027, 2, 1)),  # Thursday 25 February
        (date(2026, 12, 28), date(2026, 12, 1)),  # Thursday 31 December
    ],
)
def test_a_week_counts_in_the_month_of_its_thursday(week, month):
    assert month_of_week(week) == month


def test_cells_are_per_topic_and_month_and_unit(unit, other_unit):
    add_responses(unit, "groups", date(2027, 2, 22), ["good"] * 5)
    add_responses(unit, "groups", WEEK, ["poor"] * 6)
    add_responses(unit, "unit", WEEK, ["good"] * 7)
    add_responses(other_unit, "groups", WEEK, ["good"] * 9)
    months = [date(2027, 2, 1), MARCH]
    cells = fft_cells(unit.id, months, LATER)
    assert cells[("groups", date(2027, 2, 1))].total == 5
    assert cells[("groups", MARCH)].counts["poor"] == 6
    assert cells[("groups", MARCH)].total == 6
    assert cells[("unit", MARCH)].total == 7
    assert cells[("discharge", MARCH)].total == 0
    rows = topic_rows(cells, months)
    assert [r["topic"] for r in rows] == ["peer_support", "groups", "unit", "discharge"]
    assert [c.month for c in rows[1]["cells"]] == months


def test_recent_months_cross_the_year():
    assert recent_months(date(2027, 2, 14), 4) == [
        date(2026, 11, 1),
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]


def test_answers_count_only_once_their_week_is_over(unit):
    add_responses(unit, "unit", date(2027, 3, 1), ["good"] * 5)
    add_responses(unit, "unit", WEEK, ["poor"] * 5)
    cell = fft_cells(unit.id, [MARCH], WEEK)[("unit", MARCH)]
    assert cell.total == 5 and cell.counts["poor"] == 0
    cell = fft_cells(unit.id, [MARCH], WEEK + timedelta(days=7))[("unit", MARCH)]
    assert cell.total == 10
