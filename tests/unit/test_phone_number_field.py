"""A UK phone number as a mother types it: digits and spaces, 0 or +44 first."""

import pytest
from werkzeug.datastructures import MultiDict

from app.bookings.forms import PhoneNumberForm

REFUSED = "Enter a UK phone number, like 07700 900123 or +44 7700 900123"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("07700 900123", "07700 900123"),
        ("  07700   900123 ", "07700 900123"),
        ("+44 7700 900123", "+44 7700 900123"),
        ("0118 496 0000", "0118 496 0000"),
        ("0 7 7 0 0 9 0 0 1 2 3", "07700900123"),
        ("", ""),
    ],
)
def test_uk_numbers_are_kept_tidily(app, typed, kept):
    with app.test_request_context():
        form = PhoneNumberForm(MultiDict({"phone": typed}), meta={"csrf": False})
        assert form.validate(), form.errors
        assert form.phone.data == kept


@pytest.mark.parametrize(
    "typed",
    ["077009001", "077009001234", "+1 202 555 0100", "07700-900123", "ring me", "+4407700900123"],
)
def test_anything_else_is_refused_with_a_clear_message(app, typed):
    with app.test_request_context():
        form = PhoneNumberForm(MultiDict({"phone": typed}), meta={"csrf": False})
        assert not form.validate()
        assert form.phone.errors == [REFUSED]
