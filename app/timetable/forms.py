from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)
from wtforms.widgets import CheckboxInput, ListWidget

from app.forms import MAX_ID, PlainText, ThreeBoxDateField, strip
from app.models.activity import WEEKDAY_NAMES
from app.services.activities import MAX_CAPACITY


class LocalTimeField(TimeField):
    """A time typed as HH:MM (the browser's time picker), with a plain message."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, format="%H:%M", **kwargs)

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(f"{self.label.text} must be a time like 10:30") from exc


class WholeNumberField(IntegerField):
    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(f"{self.label.text.split(' (')[0]} must be a whole number") from exc


class WeekdaysField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()

    def pre_validate(self, form):
        for value in self.data or []:
            if value not in range(7):
                raise ValidationError("Select days from Monday to Sunday")

    def process_formdata(self, valuelist):
        try:
            self.data = [int(v) for v in valuelist]
        except ValueError as exc:
            self.data = []
            raise ValueError("Select days from Monday to Sunday") from exc


def _weekly_needs_a_last_date(form, field):
    """Before ``Optional``, which ends validation of an empty field (and, like it, drops
    the "must be a real date" an empty field gets)."""
    if form.repeats.data == "weekly" and not "".join(field.raw_data or []).strip():
        field.errors.clear()
        raise StopValidation("Enter the last date")


class ActivityForm(FlaskForm):
    title = StringField(
        "Name of the group",
        filters=[strip],
        validators=[DataRequired("Enter the name of the group"), PlainText(80, "The name")],
    )
    description = TextAreaField(
        "What happens (optional)",
        filters=[strip],
        validators=[PlainText(300, "What happens", multiline=True)],
    )
    room = StringField(
        "Room",
        filters=[strip],
        validators=[DataRequired("Enter the room"), PlainText(60, "The room")],
    )
    leader_id = SelectField(
        "Who leads it",
        coerce=int,
        validate_choice=False,
        validators=[
            InputRequired("Select who leads the group"),
            NumberRange(1, MAX_ID, "Select who leads the group"),
        ],
    )
    repeats = RadioField(
        "How often",
        choices=[("weekly", "Every week"), ("once", "Once")],
        default="weekly",
        validators=[InputRequired("Select how often the group meets")],
    )
    weekdays = WeekdaysField(
        "Days of the week",
        choices=list(enumerate(WEEKDAY_NAMES)),
        coerce=int,
        validate_choice=False,
    )
    start_time = LocalTimeField("Start time", validators=[InputRequired("Enter the start time")])
    end_time = LocalTimeField("End time", validators=[InputRequired("Enter the end time")])
    starts_on = ThreeBoxDateField("First date", validators=[InputRequired("Enter the first date")])
    ends_on = ThreeBoxDateField("Last date", validators=[_weekly_needs_a_last_date, Optional()])
    capacity = WholeNumberField(
        "Places (optional)",
        validators=[
            Optional(),
            NumberRange(1, MAX_CAPACITY, f"Places must be between 1 and {MAX_CAPACITY}"),
        ],
    )
    visitor_friendly = BooleanField("Families may join (shown on the visitors' page)")
    baby_welcome = BooleanField("Babies welcome")
    leader_name_public = BooleanField(
        "Show the leader's first name on the visitors' page",
        description="A peer worker's name is shown only if she has agreed to it on her account.",
    )
    open_to_discharged = BooleanField("Open to mothers after discharge")

    def validate_weekdays(self, field):
        if self.repeats.data == "weekly" and not field.data:
            raise ValidationError("Select at least one day of the week")


REASON = [PlainText(200, "The reason")]


class CancelForm(FlaskForm):
    reason = StringField(
        "Why is it cancelled?",
        filters=[strip],
        validators=[DataRequired("Enter a reason, so that mothers know why"), *REASON],
    )


class MoveForm(FlaskForm):
    new_date = ThreeBoxDateField("New date", validators=[InputRequired("Enter the new date")])
    start_time = LocalTimeField(
        "New start time", validators=[InputRequired("Enter the start time")]
    )
    end_time = LocalTimeField("New end time", validators=[InputRequired("Enter the end time")])
    reason = StringField("Reason (optional)", id="move-reason", filters=[strip], validators=REASON)


class SuggestionForm(FlaskForm):
    text = TextAreaField(
        "Your idea",
        filters=[strip],
        validators=[
            DataRequired("Write your idea for a group"),
            PlainText(300, "Your idea", multiline=True),
        ],
    )


class UnitInfoForm(FlaskForm):
    visiting_hours = TextAreaField(
        "Visiting hours",
        filters=[strip],
        validators=[
            DataRequired("Enter the visiting hours"),
            PlainText(1000, "Visiting hours", multiline=True),
        ],
    )
    address = TextAreaField(
        "The unit's address",
        filters=[strip],
        validators=[PlainText(300, "The address", multiline=True)],
    )
    public_info = TextAreaField(
        "How to find the unit, the family apartments, and other information",
        filters=[strip],
        validators=[PlainText(2000, "This information", multiline=True)],
    )
    family_rooms = TextAreaField(
        "Family rooms (optional)",
        filters=[strip],
        validators=[PlainText(1000, "Family rooms", multiline=True)],
    )
    phone = StringField(
        "Phone number for families",
        filters=[strip],
        validators=[PlainText(40, "The phone number")],
    )

    def validate_phone(self, field):
        if field.data and not all(c.isdigit() or c in " +()-" for c in field.data):
            raise ValidationError("Enter a phone number using numbers and spaces only")
