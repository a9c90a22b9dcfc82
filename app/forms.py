"""Validators and helpers shared by every form."""

import re

from flask_wtf import FlaskForm
from wtforms import DateField
from wtforms.validators import Length, ValidationError

MAX_ID = 2**31 - 1  # the largest PostgreSQL INTEGER, so the largest id a row can have
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202a-\u202e\u2066-\u2069]")


class PlainText:
    """Text a person typed: within ``max`` characters, no control characters.

    Line breaks are allowed only where ``multiline`` is set.
    """

    def __init__(self, max: int, label: str, multiline: bool = False):
        self.length = Length(max=max, message=f"{label} must be {max} characters or fewer")
        self.label = label
        self.multiline = multiline

    def __call__(self, form, field):
        self.length(form, field)
        value = field.data or ""
        if CONTROL_CHARACTERS.search(value) or (not self.multiline and re.search(r"[\r\n]", value)):
            raise ValidationError(
                f"{self.label} must only include letters, numbers and punctuation"
            )


UK_PHONE = re.compile(r"(?:\+44|0)\d{9,10}")


class UKPhoneNumber:
    """A UK phone number: digits and spaces, starting 0 or +44. Kept with single spaces
    (no spaces when that is too long to keep)."""

    message = "Enter a UK phone number, like 07700 900123 or +44 7700 900123"

    def __call__(self, form, field):
        value = " ".join((field.data or "").split())
        if value and not UK_PHONE.fullmatch(value.replace(" ", "")):
            raise ValidationError(self.message)
        field.data = value if len(value) <= 20 else value.replace(" ", "")


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token is needed."""


def strip(value):
    return value.strip() if isinstance(value, str) else value


def render_form(template: str, form, **context):
    """Render a form page; 400 when the form has errors, so clients can tell."""
    from flask import render_template

    status = 400 if (form.errors or getattr(form, "form_errors", None)) else 200
    return render_template(template, form=form, **context), status


class LocalDateField(DateField):
    """A date typed as YYYY-MM-DD (the browser's date picker), with a plain message."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format="%Y-%m-%d", **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(f"{self.label.text} must be a real date") from exc
