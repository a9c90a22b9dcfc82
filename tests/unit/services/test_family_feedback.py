"""The poster code: short, easy to read off a wall and to type."""

from datetime import date

from app.extensions import db
from app.services.family_feedback import (
    CODE_ALPHABET,
    CODE_LENGTH,
    change_code,
    code_needs_changing,
    normalise_code,
)


def test_a_code_is_six_characters_that_cannot_be_mistaken_for_others(unit):
    assert not set("0O1IL2Z5S8B") & set(CODE_ALPHABET)
    codes = {change_code(None, unit).code for _ in range(20)}
    assert len(codes) > 15
    assert all(len(c) == CODE_LENGTH and set(c) <= set(CODE_ALPHABET) for c in codes)


def test_case_spaces_and_dashes_do_not_matter():
    assert normalise_code(" acd-4fk ") == normalise_code("ACD 4FK") == "ACD4FK"


def test_a_code_needs_changing_when_there_is_none_or_it_is_last_months(unit):
    assert code_needs_changing(unit)
    code = change_code(None, unit)
    db.session.flush()
    assert not code_needs_changing(unit)
    code.month = date(2027, 2, 1)
    db.session.flush()
    assert code_needs_changing(unit)
