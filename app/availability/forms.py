from flask_wtf import FlaskForm
from wtforms import RadioField, SelectMultipleField, TimeField
from wtforms.validators import InputRequired, Optional

from app.forms import LocalDateField
from app.services.availability import WEEKDAYS


class TimeOfDayField(TimeField):
    """A time typed as HH:MM (the browser's time picker), with a plain message."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
        except ValueError as exc:
            raise ValueError(f"{self.label.text} must be a time like 09:30") from exc


class WindowFields(FlaskForm):
    starts = TimeOfDayField("From", validators=[InputRequired("Enter a start time")])
    ends = TimeOfDayField("Until", validators=[InputRequired("Enter an end time")])
    session_minutes = RadioField(
        "Session length",
        choices=[(30, "30 minutes"), (45, "45 minutes"), (60, "60 minutes")],
        coerce=int,
        validators=[InputRequired("Choose a session length")],
    )
    gap_minutes = RadioField(
        "Gap between sessions",
        choices=[(0, "No gap"), (15, "15 minutes"), (30, "30 minutes")],
        coerce=int,
        default=15,
        validators=[InputRequired("Choose a gap between sessions")],
    )


class WeeklyWindowForm(WindowFields):
    weekdays = SelectMultipleField(
        "Days", choices=list(enumerate(WEEKDAYS)), coerce=int, validators=[Optional()]
    )


class ExtraWindowForm(WindowFields):
    on_date = LocalDateField("Date", validators=[InputRequired("Enter a date")])


class PauseForm(FlaskForm):
    kind = RadioField(
        "What is it?",
        choices=[("leave", "Leave"), ("pause", "Pause my availability")],
        default="leave",
        validators=[InputRequired("Choose leave or a pause")],
    )
    first_day = LocalDateField("First day", validators=[InputRequired("Enter the first day")])
    last_day = LocalDateField("Last day (leave empty for one day)", validators=[Optional()])


class ConfirmForm(FlaskForm):
    """A button that changes something: only the CSRF token is needed."""
