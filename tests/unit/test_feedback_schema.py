"""Anonymity as a property of the migrated schema, not of good intentions.

``describe`` reads the real tables that `flask db upgrade` made; ``anonymity_problems``
lists anything that could tie feedback to its author or its moment. The test fails when
a column such as user_id, session, ip, user_agent, created_at or an auto-increment id is
added to the feedback table, or when the token table gains a link to feedback.
"""

import copy
import re

import pytest
from sqlalchemy import inspect

from app.extensions import db

FEEDBACK = "feedback_response"
TOKENS = "feedback_token"
KEYS = "feedback_key"
# The day staff hid a released comment (so that they can restore it for 30 days): never
# earlier than the release of its batch, so it tells nothing of who wrote it or when.
STAFF_MODERATION = {"hidden_on"}
ALLOWED = {
    FEEDBACK: {"id", "unit_id", "topic", "week", "answer", "comment", "moderation"}
    | STAFF_MODERATION,
    TOKENS: {"token", "unit_id", "blinded_digest"},
    KEYS: {"unit_id", "topic", "week", "private_key"},
}
IDENTIFYING = re.compile(
    r"user|author|person|session|(^|_)ip($|_)|addr|agent|device|created|updated|time|stamp|"
    r"_at$|_on$|seq|serial|position|order",
    re.IGNORECASE,
)
TIME_TYPES = ("DATETIME", "TIMESTAMP", "TIME")


def describe(inspector) -> dict:
    tables = {}
    for name in inspector.get_table_names():
        tables[name] = {
            "columns": [
                {
                    "name": c["name"],
                    "type": str(c["type"]).upper(),
                    "autoincrement": c.get("autoincrement"),
                }
                for c in inspector.get_columns(name)
            ],
            "primary_key": inspector.get_pk_constraint(name)["constrained_columns"],
            "foreign_keys": [fk["referred_table"] for fk in inspector.get_foreign_keys(name)],
        }
    return tables


def anonymity_problems(tables: dict) -> list[str]:
    problems = []
    for table in (FEEDBACK, TOKENS, KEYS):
        for column in tables[table]["columns"]:
            name, kind = column["name"], column["type"]
            where = f"{table}.{name}"
            if name not in ALLOWED[table]:
                problems.append(f"{where} is not an allowed column")
            if IDENTIFYING.search(name) and name not in STAFF_MODERATION:
                problems.append(f"{where} could identify the author or the time")
            if kind.startswith(TIME_TYPES):
                problems.append(f"{where} holds an exact time")
            sequential = "INT" in kind or column["autoincrement"] is True
            if name in tables[table]["primary_key"] and sequential and name != "unit_id":
                problems.append(f"{where} is a sequential id")
    if tables[FEEDBACK]["foreign_keys"] != ["unit"]:
        problems.append(f"{FEEDBACK} may refer only to unit")
    for table in (TOKENS, KEYS):
        if tables[table]["foreign_keys"] != ["unit"]:
            problems.append(f"{table} may refer only to unit")
    for name, table in tables.items():
        if name not in (FEEDBACK, TOKENS) and {FEEDBACK, TOKENS} & set(table["foreign_keys"]):
            problems.append(f"{name} refers to feedback or its tokens")
    return problems


@pytest.fixture
def migrated(app):
    return describe(inspect(db.engine))


def test_the_migrated_feedback_tables_hold_nothing_that_identifies(migrated):
    assert anonymity_problems(migrated) == []
    assert {c["name"] for c in migrated[FEEDBACK]["columns"]} == ALLOWED[FEEDBACK]
    assert migrated[TOKENS]["primary_key"] == ["token"]


def _with_column(tables, table, **column):
    changed = copy.deepcopy(tables)
    changed[table]["columns"].append({"type": "VARCHAR(40)", "autoincrement": False, **column})
    return changed


@pytest.mark.parametrize(
    "column",
    [
        {"name": "user_id", "type": "INTEGER"},
        {"name": "session"},
        {"name": "ip"},
        {"name": "ip_address"},
        {"name": "user_agent"},
        {"name": "created_at", "type": "DATETIME"},
        {"name": "timestamp", "type": "TIMESTAMP WITHOUT TIME ZONE"},
        {"name": "sent", "type": "DATETIME"},
    ],
    ids=lambda c: c["name"],
)
def test_an_identifying_column_would_fail(migrated, column):
    assert anonymity_problems(_with_column(migrated, FEEDBACK, **column))


def test_an_autoincrement_id_would_fail(migrated):
    changed = copy.deepcopy(migrated)
    for column in changed[FEEDBACK]["columns"]:
        if column["name"] == "id":
            column.update(type="INTEGER", autoincrement=True)
    assert "feedback_response.id is a sequential id" in anonymity_problems(changed)


def test_a_link_between_tokens_and_feedback_would_fail(migrated):
    changed = copy.deepcopy(migrated)
    changed[TOKENS]["foreign_keys"].append(FEEDBACK)
    assert anonymity_problems(changed)
    changed = _with_column(migrated, TOKENS, name="response_id")
    assert anonymity_problems(changed)
