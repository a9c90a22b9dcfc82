from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, StringField, TimeField
from wtforms.validators import InputRequired, Optional, ValidationError

from app.forms import PlainText, ThreeBoxDateField, strip
from app.services.availability import SESSION_LENGTH_MESSAGE, WEEKDAYS, WindowTimes


class TimeOfDayField(TimeField):
    """A time typed as HH:MM (the browser's time picker), with a plain message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(f"{self.label.text} must be a time like 09:30") from exc


class ChoiceField(RadioField):
    """Radios whose wrong answers get a plain message rather than WTForms' default."""

    def __init__(self, label, choices, message, **kwargs):
        super().__init__(label, choices=choices, coerce=int, **kwargs)
        self.message = message

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(self.message) from exc

    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError(self.message)


class DaysField(SelectMultipleField):
    MESSAGE = "Choose days of the week from the list"

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(self.MESSAGE) from exc

    def pre_validate(self, form):
        if any(day not in range(7) for day in self.data or []):
            raise ValidationError(self.MESSAGE)


class PrefixedForm(FlaskForm):
    """Three forms share one page: a prefix keeps their field ids and names apart."""

    PREFIX = ""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("prefix", self.PREFIX)
        super().__init__(*args, **kwargs)


class WindowFields(PrefixedForm):
    starts = TimeOfDayField("From", validators=[InputRequired("Enter a start time")])
    ends = TimeOfDayField("Until", validators=[InputRequired("Enter an end time")])
    session_minutes = ChoiceField(
        "Session length",
        [
            (15, "15 minutes"),
            (20, "20 minutes"),
            (30, "30 minutes"),
            (45, "45 minutes"),
            (60, "60 minutes"),
        ],
        SESSION_LENGTH_MESSAGE,
        validators=[InputRequired(SESSION_LENGTH_MESSAGE)],
    )
    gap_minutes = ChoiceField(
        "Gap between sessions",
        [(0, "No gap"), (15, "15 minutes"), (30, "30 minutes")],
        "Choose a gap of none, 15 or 30 minutes",
        default=15,
        validators=[InputRequired("Choose a gap of none, 15 or 30 minutes")],
    )

    def times(self) -> WindowTimes:
        return WindowTimes(
            self.starts.data, self.ends.data, self.session_minutes.data, self.gap_minutes.data
        )


class WeeklyWindowForm(WindowFields):
    PREFIX = "weekly"
    weekdays = DaysField(
        "Days", choices=list(enumerate(WEEKDAYS)), coerce=int, validators=[Optional()]
    )


class ExtraWindowForm(WindowFields):
    PREFIX = "extra"
    on_date = ThreeBoxDateField("Date", validators=[InputRequired("Enter a date")])


class PauseForm(PrefixedForm):
    PREFIX = "leave"

    kind = RadioField(
        "What is it?",
        choices=[
            ("leave", "Annual leave"),
            ("wellbeing", "A wellbeing day"),
            ("unpaid", "Unpaid leave"),
            ("break", "A break within a day"),
            ("pause", "Pause my availability"),
        ],
        default="leave",
        validate_choice=False,  # the service says so plainly
        validators=[InputRequired("Choose what kind of time off it is")],
    )
    first_day = ThreeBoxDateField("First day", validators=[InputRequired("Enter the first day")])
    last_day = ThreeBoxDateField("Last day (leave empty for one day)", validators=[Optional()])
    starts = TimeOfDayField("Break from", validators=[Optional()])
    ends = TimeOfDayField("Break until", validators=[Optional()])


class LeaveChoiceForm(FlaskForm):
    """What happens to one session or one group date that her leave touches. Each item on
    the page has its own prefix, so that their fields never share an id."""

    choice = RadioField(
        "What happens to it?",
        choices=[],
        validate_choice=False,  # who is free may change: the service says so plainly
        validators=[InputRequired("Choose what happens to it")],
    )
    reason = StringField(
        "Reason, if you cancel it (mothers will see it)",
        filters=[strip],
        validators=[PlainText(200, "The reason")],
    )
