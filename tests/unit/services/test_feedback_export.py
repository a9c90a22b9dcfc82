"""The monthly CSV: NHS England's columns, suppression, and no formulas."""

import csv
import io
from datetime import date, datetime

import pytest

from app.services.feedback_export import HEADER, monthly_csv, spreadsheet_safe
from tests.feedback_helpers import add_responses

MARCH = date(2027, 3, 1)


@pytest.fixture(autouse=True)
def april(frozen_now):
    frozen_now(datetime(2027, 4, 7, 12))


def read(body: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(body)))


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_triggers_get_a_leading_apostrophe(start):
    assert spreadsheet_safe(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_plain_values_are_unchanged():
    assert spreadsheet_safe("Willow House") == "Willow House"
    assert spreadsheet_safe(5) == "5"


def test_export_has_counts_for_each_topic_and_marks_hidden_figures(unit):
    answers = ["very_good"] * 6 + ["good"] * 5 + ["neither", "dont_know", "dont_know"]
    add_responses(unit, "unit", date(2027, 3, 8), answers)
    add_responses(unit, "groups", date(2027, 3, 8), ["very_good"] * 4)
    rows = {r["Topic"]: r for r in read(monthly_csv(unit, MARCH))}
    assert list(rows["The unit overall"]) == HEADER
    overall = rows["The unit overall"]
    assert overall["Period"] == "2027-03"
    assert overall["Total responses"] == "14"
    assert (overall["Very good"], overall["Good"]) == ("6", "5")
    assert {overall[a] for a in ("Neither good nor poor", "Poor", "Very poor", "Don't know")} == {
        "*"
    }
    assert overall["Mode of collection: online"] == "14"
    assert overall["Percentage positive"] == "79%"  # 11 of 14
    assert overall["Percentage negative"] == "*"
    assert overall["Note"].startswith("* not shown")
    groups = rows["Groups and activities"]
    assert groups["Total responses"] == "*" and groups["Very good"] == "*"
    assert groups["Percentage positive"] == "*"
    assert groups["Note"].startswith("Fewer than 5 responses")
    assert set(rows) == {
        "Peer support",
        "Groups and activities",
        "The unit overall",
        "At discharge",
    }


@pytest.mark.parametrize("answers", [4, 5])
def test_a_month_is_exported_only_once_it_closes(unit, frozen_now, answers):
    add_responses(unit, "unit", date(2027, 3, 22), ["good"] * answers)
    frozen_now(datetime(2027, 3, 29, 12))
    overall = {r["Topic"]: r for r in read(monthly_csv(unit, MARCH))}["The unit overall"]
    assert overall["Total responses"] == "*" and overall["Good"] == "*"
    assert overall["Note"] == "Figures appear on 31 March 2027"
    frozen_now(datetime(2027, 3, 31, 12))
    overall = {r["Topic"]: r for r in read(monthly_csv(unit, MARCH))}["The unit overall"]
    assert overall["Total responses"] == ("5" if answers == 5 else "*")
    assert overall["Good"] == "*"
    assert overall["Note"].startswith("* not shown" if answers == 5 else "Fewer than 5")


def test_a_unit_name_cannot_inject_a_formula(factory):
    unit = factory.unit(name="=cmd|' /C calc'!A0")
    body = monthly_csv(unit, MARCH)
    assert read(body)[0]["Organisation"] == "'=cmd|' /C calc'!A0"


def test_comment_text_is_never_exported(unit):
    add_responses(unit, "unit", date(2027, 3, 8), ["good"] * 5, ["secret words"] * 5)
    assert "secret words" not in monthly_csv(unit, MARCH)
