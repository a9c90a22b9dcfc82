"""Validators and helpers shared by every form."""

import calendar
import re
from datetime import date

from flask_wtf import FlaskForm
from wtforms import Field
from wtforms.utils import unset_value
from wtforms.validators import Length, ValidationError

from app.extensions import db

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


def refuse(form, error, default: str | None = None) -> None:
    """A change the service refused (``DomainError``): undo it, and say why on the field
    the refusal names when the form has it, else on ``default``, else above the form."""
    db.session.rollback()
    name = error.field if error.field and error.field in form else default
    if name is None:
        form.form_errors.append(error.message)
    else:
        form[name].errors = [*form[name].errors, error.message]


def render_form(template: str, form, **context):
    """Render a form page; 400 when the form has errors, so clients can tell."""
    from flask import render_template

    status = 400 if (form.errors or getattr(form, "form_errors", None)) else 200
    return render_template(template, form=form, **context), status


MONTH_NAMES = {
    name: number
    for number, month in enumerate(calendar.month_name)
    if month
    for name in (month.lower(), month[:3].lower())
}
DATE_BOXES = ("day", "month", "year")


class ThreeBoxDateField(Field):
    """A date typed in the NHS.UK date input: three boxes named ``<name>-day``,
    ``<name>-month`` and ``<name>-year``.

    The messages follow the NHS.UK date input guidance, and ``boxes_in_error`` names the
    boxes to mark, so the error sits on the box that needs fixing. Months may be typed as
    numbers or names ("3", "Mar", "March"). Nothing typed at all leaves the field to its
    validators: ``InputRequired`` ("Enter ...") or ``Optional``.
    """

    def process(self, formdata, data=unset_value, extra_filters=None):
        self.boxes_in_error = ()
        super().process(formdata, data, extra_filters)
        if formdata is None:
            shown = self.data if isinstance(self.data, date) else None
            self.boxes = {box: getattr(shown, box, "") for box in DATE_BOXES}
            return
        self.boxes = {box: formdata.get(f"{self.name}-{box}", "").strip() for box in DATE_BOXES}
        self.raw_data = ["-".join(self.boxes.values())] if any(self.boxes.values()) else []
        self.data = None
        if self.raw_data:
            try:
                self.data = self.typed_date()
            except ValueError as exc:
                self.process_errors.append(str(exc))

    def typed_date(self) -> date:
        label = self.label.text.split(" (")[0]
        missing = [box for box in DATE_BOXES if not self.boxes[box]]
        if missing:
            self.boxes_in_error = missing
            raise ValueError(f"{label} must include a {' and '.join(missing)}")
        day, month, year = self.boxes.values()
        month = MONTH_NAMES.get(month.lower(), month)
        if not (year.isdigit() and len(year) == 4):
            self.boxes_in_error = ["year"]
            raise ValueError("Year must include 4 numbers")
        self.boxes_in_error = DATE_BOXES
        try:
            if not (day.isdigit() and str(month).isdigit()):
                raise ValueError("not a number")
            return date(int(year), int(month), int(day))
        except (ValueError, OverflowError) as exc:
            raise ValueError(f"{label} must be a real date") from exc

    def error_box(self) -> str:
        """The box an error summary link should move to: the first one to fix."""
        return f"{self.id}-{(self.boxes_in_error or DATE_BOXES)[0]}"
