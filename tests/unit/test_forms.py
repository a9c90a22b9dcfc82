"""The NHS.UK date input: three boxes read as one date, with the guidance's messages, and
the error on the box to fix."""

from datetime import date

import pytest
from flask import render_template_string
from werkzeug.datastructures import MultiDict
from wtforms import Form
from wtforms.validators import InputRequired, Optional

from app.forms import ThreeBoxDateField


class LeaveForm(Form):
    first_day = ThreeBoxDateField("First day", validators=[InputRequired("Enter the first day")])
    last_day = ThreeBoxDateField("Last day (leave empty for one day)", validators=[Optional()])


ALL = ("day", "month", "year")


def typed(**boxes):
    form = LeaveForm(MultiDict({f"first_day-{box}": value for box, value in boxes.items()}))
    form.validate()
    return form.first_day


@pytest.mark.parametrize(
    ("boxes", "expected"),
    [
        ({"day": "5", "month": "3", "year": "2027"}, date(2027, 3, 5)),
        ({"day": " 05 ", "month": "03", "year": "2027"}, date(2027, 3, 5)),
        ({"day": "5", "month": "Mar", "year": "2027"}, date(2027, 3, 5)),
        ({"day": "5", "month": "march", "year": "2027"}, date(2027, 3, 5)),
    ],
)
def test_three_boxes_make_one_date(boxes, expected):
    field = typed(**boxes)
    assert (field.data, field.errors) == (expected, [])


@pytest.mark.parametrize(
    ("boxes", "message", "marked"),
    [
        ({}, "Enter the first day", ()),  # no box of its own: the page marks all three
        ({"day": "", "month": "", "year": ""}, "Enter the first day", ()),
        ({"day": "5", "year": "2027"}, "First day must include a month", ["month"]),
        ({"year": "2027"}, "First day must include a day and month", ["day", "month"]),
        ({"day": "5", "month": "3", "year": "27"}, "Year must include 4 numbers", ["year"]),
        ({"day": "30", "month": "2", "year": "2027"}, "First day must be a real date", ALL),
        ({"day": "5", "month": "13", "year": "2027"}, "First day must be a real date", ALL),
        ({"day": "1_0", "month": "3", "year": "2027"}, "First day must be a real date", ALL),
        ({"day": "9" * 30, "month": "3", "year": "2027"}, "First day must be a real date", ALL),
        ({"day": "x", "month": "3", "year": "2027"}, "First day must be a real date", ALL),
    ],
)
def test_each_mistake_gets_the_nhs_message_on_the_box_to_fix(boxes, message, marked):
    field = typed(**boxes)
    assert field.data is None
    assert field.errors == [message]
    assert list(field.boxes_in_error) == list(marked)


def test_a_label_note_in_brackets_is_left_out_of_the_message():
    form = LeaveForm(
        MultiDict(
            {
                "first_day-day": "1",
                "first_day-month": "3",
                "first_day-year": "2027",
                "last_day-day": "4",
            }
        )
    )
    assert not form.validate()
    assert form.last_day.errors == ["Last day must include a month and year"]


def test_an_empty_optional_date_is_no_date():
    form = LeaveForm(
        MultiDict(
            {
                "first_day-day": "1",
                "first_day-month": "3",
                "first_day-year": "2027",
                "last_day-day": "",
            }
        )
    )
    assert form.validate() and form.last_day.data is None


PAGE = """{% from "macros/forms.html" import error_summary, date_field %}
{{ error_summary(form) }}{{ date_field(form.first_day) }}"""


def page(app, form) -> str:
    with app.test_request_context():
        return render_template_string(PAGE, form=form)


def test_the_error_is_shown_on_the_box_to_fix_and_the_summary_links_to_it(app):
    form = LeaveForm(MultiDict({"first_day-day": "5", "first_day-year": "2027"}))
    form.validate()
    html = page(app, form)
    assert 'href="#first_day-month"' in html
    assert "First day must include a month" in html
    assert 'nhsuk-date-input__input nhsuk-input--error" id="first_day-month"' in html
    assert 'id="first_day-day" name="first_day-day" type="text" value="5"' in html
    assert html.count("nhsuk-input--error") == 1


def test_a_saved_date_fills_the_three_boxes(app):
    html = page(app, LeaveForm(data={"first_day": date(2027, 3, 5)}))
    assert 'name="first_day-day" type="text" value="5"' in html
    assert 'name="first_day-month" type="text" value="3"' in html
    assert 'name="first_day-year" type="text" value="2027"' in html
    assert "For example, 15 3 2027" in html


def test_nothing_typed_marks_all_three_boxes(app):
    form = LeaveForm(MultiDict({"first_day-day": ""}))
    form.validate()
    html = page(app, form)
    assert 'href="#first_day-day"' in html and "Enter the first day" in html
    assert html.count("nhsuk-input--error") == 3


def test_a_refusal_goes_on_the_field_it_names_else_the_default_else_above_the_form(app):
    from app.extensions import db
    from app.forms import refuse
    from app.models import Unit
    from app.services.errors import DomainError

    form = LeaveForm(MultiDict())
    db.session.add(Unit(slug="gone", name="Not kept"))
    refuse(form, DomainError("Leave overlaps", "last_day"), "first_day")
    refuse(form, DomainError("No such box", "colour"), "first_day")
    refuse(form, DomainError("Not now"))
    assert form.last_day.errors == ["Leave overlaps"]
    assert form.first_day.errors == ["No such box"]
    assert form.form_errors == ["Not now"]
    assert db.session.scalar(db.select(Unit).filter_by(slug="gone")) is None  # undone
