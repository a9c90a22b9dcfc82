"""The report's rules: whole months once closed, small numbers hidden so that no hidden
figure can be worked out, NHS England's percentage positive."""

from collections import defaultdict
from datetime import date, timedelta
from itertools import chain

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.models.feedback import ANSWERS
from app.services.feedback_report import (
    PERCENTAGES,
    answers_close,
    fft_cells,
    figures_appear_on,
    month_of_week,
    recent_months,
    shown_figures,
    topic_rows,
)
from tests.feedback_helpers import add_responses

MARCH = date(2027, 3, 1)
WEEK = date(2027, 3, 8)
MARCH_CLOSES = date(2027, 3, 31)  # the last week counted in March is 22 to 28 March
LATER = date(2027, 5, 3)


def row(*values: int) -> dict[str, int]:
    return dict(zip(ANSWERS, values, strict=True))


def hidden(figures: dict) -> set[str]:
    return {name for name, value in figures.items() if value is None}


# When a month's figures appear


def test_answers_for_a_week_close_two_days_after_it_ends():
    assert answers_close(date(2027, 3, 1)) == date(2027, 3, 10)  # Wednesday after


@pytest.mark.parametrize(
    ("month", "day"),
    [
        (date(2027, 3, 1), MARCH_CLOSES),
        (date(2027, 2, 1), date(2027, 3, 3)),  # last Thursday 25 February
        (date(2027, 4, 1), date(2027, 5, 5)),  # last Thursday 29 April
        (date(2026, 12, 1), date(2027, 1, 6)),  # Thursday 31 December
    ],
)
def test_a_month_appears_once_its_last_week_is_closed_for_answers(month, day):
    assert figures_appear_on(month) == day


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


@pytest.mark.parametrize("answers", [4, 5])
def test_a_month_shows_nothing_until_it_closes(unit, answers):
    add_responses(unit, "unit", date(2027, 3, 22), ["good"] * answers)
    day_before = MARCH_CLOSES - timedelta(days=1)
    cell = fft_cells(unit.id, [MARCH], day_before)[("unit", MARCH)]
    assert not cell.closed and cell.appears_on == MARCH_CLOSES
    assert hidden(cell.figures) == set(cell.figures)
    assert sum(cell.counts.values()) == 0  # not even counted
    cell = fft_cells(unit.id, [MARCH], MARCH_CLOSES)[("unit", MARCH)]
    assert cell.closed
    assert cell.figures["total"] == (answers if answers == 5 else None)


def test_a_week_counted_in_the_next_month_waits_for_it(unit):
    add_responses(unit, "unit", date(2027, 3, 29), ["good"] * 5)  # Thursday 1 April
    cell = fft_cells(unit.id, [MARCH, date(2027, 4, 1)], LATER)[("unit", MARCH)]
    assert cell.figures["total"] is None


def test_cells_are_per_topic_and_month_and_unit(unit, other_unit):
    add_responses(unit, "groups", date(2027, 2, 22), ["good"] * 5)
    add_responses(unit, "groups", WEEK, ["poor"] * 6)
    add_responses(unit, "unit", WEEK, ["good"] * 7)
    add_responses(other_unit, "groups", WEEK, ["good"] * 9)
    months = [date(2027, 2, 1), MARCH]
    cells = fft_cells(unit.id, months, LATER)
    assert cells[("groups", date(2027, 2, 1))].counts["good"] == 5
    assert cells[("groups", MARCH)].counts == row(0, 0, 0, 6, 0, 0)
    assert cells[("unit", MARCH)].counts == row(0, 7, 0, 0, 0, 0)
    assert cells[("discharge", MARCH)].figures["total"] is None
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


# Which figures are shown


def test_a_total_under_five_hides_everything():
    assert hidden(shown_figures(row(4, 0, 0, 0, 0, 0))) == set(shown_figures(row(4, 0, 0, 0, 0, 0)))


def test_five_of_one_answer_show_only_the_total():
    # Poor 0, Very poor 0 ... would say every mother answered Very good.
    figures = shown_figures(row(5, 0, 0, 0, 0, 0))
    assert figures["total"] == 5
    assert hidden(figures) == set(figures) - {"total"}


def test_small_counts_are_hidden_and_the_rest_shown():
    figures = shown_figures(row(12, 6, 1, 0, 0, 1))
    assert figures == {
        "total": 20,
        "very_good": 12,
        "good": 6,
        "neither": None,
        "poor": None,
        "very_poor": None,
        "dont_know": None,
        "positive": 90,
        "negative": None,
    }


def test_a_lone_hidden_count_takes_the_smallest_shown_one_with_it():
    figures = shown_figures(row(10, 9, 7, 8, 6, 2))
    assert hidden(figures) == {"very_poor", "dont_know", "negative"}
    assert figures["positive"] == 45  # 19 of 42


def test_equal_smallest_counts_are_hidden_together():
    assert hidden(shown_figures(row(10, 9, 6, 8, 6, 2))) == {
        "neither",
        "very_poor",
        "dont_know",
        "negative",
    }


def test_hidden_counts_that_must_all_be_zero_or_all_four_take_another_with_them():
    assert hidden(shown_figures(row(15, 5, 0, 0, 0, 0))) == set(ANSWERS) - {"very_good"} | set(
        PERCENTAGES
    )
    assert hidden(shown_figures(row(4, 4, 10, 9, 8, 7))) == {
        "very_good",
        "good",
        "dont_know",
        "positive",
    }


def test_a_percentage_the_shown_counts_give_anyway_is_shown():
    figures = shown_figures(row(3, 2, 10, 10, 10, 10))
    assert hidden(figures) == {"very_good", "good"}
    assert figures["positive"] == 11  # 5 of 45: the total less the shown counts


def test_dont_know_counts_in_the_total_and_percentages_round_half_up():
    figures = shown_figures(row(10, 5, 5, 5, 5, 10))
    assert figures["positive"] == 38  # 15 of 40 is 37.5; not 15 of 30
    assert figures["negative"] == 25
    assert shown_figures(row(5, 5, 50, 5, 5, 10))["positive"] == 13  # 12.5%


# No hidden figure can be worked out from the shown ones, by someone who knows the rules


def true_figures(counts: dict[str, int]) -> dict[str, int]:
    """Each figure's real value (a percentage by its count: the total is fixed or hidden)."""
    pairs = {name: sum(counts[a] for a in pair) for name, pair in PERCENTAGES.items()}
    return {"total": sum(counts.values()), **counts, **pairs}


def spreads(total: int, places: int):
    """Every way of sharing ``total`` answers among ``places`` counts."""
    if places == 1:
        yield (total,)
        return
    for first in range(total + 1):
        yield from ((first, *rest) for rest in spreads(total - first, places - 1))


def months_up_to(total: int):
    for n in range(total + 1):
        yield from (row(*values) for values in spreads(n, len(ANSWERS)))


def test_no_small_month_has_a_hidden_figure_that_its_shown_figures_pin():
    values_behind = defaultdict(lambda: defaultdict(set))
    for counts in months_up_to(16):
        figures = shown_figures(counts)
        seen = values_behind[tuple(figures.values())]
        for name in hidden(figures):
            seen[name].add(true_figures(counts)[name])
    pinned = [
        (shown, name)
        for shown, seen in values_behind.items()
        for name, values in seen.items()
        if len(values) < 2
    ]
    assert not pinned


def months_nearby(counts: dict[str, int]):
    """Months with one answer more or fewer, or with answers moved between two counts."""
    for a in counts:
        yield {**counts, a: counts[a] + 1}
        if counts[a]:
            yield {**counts, a: counts[a] - 1}
        for b in set(counts) - {a}:
            for moved in range(1, counts[b] + 1):
                yield {**counts, a: counts[a] + moved, b: counts[b] - moved}


def months_spread_otherwise(counts: dict[str, int], names: list[str]):
    """Months with the same answers in all but ``names``, whose answers are shared anew."""
    for values in spreads(sum(counts[a] for a in names), len(names)):
        yield {**counts, **dict(zip(names, values, strict=True))}


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(0, 60), min_size=6, max_size=6))
def test_every_hidden_figure_could_be_more_than_one_value(values):
    counts = row(*values)
    figures = shown_figures(counts)
    unknown = {name: {true_figures(counts)[name]} for name in hidden(figures)}
    hidden_answers = [a for a in ANSWERS if a in unknown]
    for other in chain(months_nearby(counts), months_spread_otherwise(counts, hidden_answers)):
        if all(len(values) > 1 for values in unknown.values()):
            break
        if shown_figures(other) == figures:
            for name, values in unknown.items():
                values.add(true_figures(other)[name])
    assert all(len(values) > 1 for values in unknown.values()), (counts, figures)
