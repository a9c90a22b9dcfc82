from flask_wtf import FlaskForm
from wtforms import IntegerField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, NumberRange, Optional, ValidationError
from wtforms.widgets import HiddenInput

from app.forms import MAX_ID, PlainText, ThreeBoxDateField, strip
from app.models.activity import WEEKDAY_NAMES
from app.models.voice import TRAVELS
from app.timetable.forms import REASON, LocalTimeField

TEXT_LENGTH = 500


class PointForm(FlaskForm):
    text = TextAreaField(
        "What would you like the team to hear?",
        filters=[strip],
        validators=[
            DataRequired("Write your point"),
            PlainText(TEXT_LENGTH, "Your point", multiline=True),
        ],
    )
    travels = RadioField(
        "How should it reach the team?",
        choices=list(TRAVELS.items()),
        validators=[InputRequired("Choose how your point should reach the team")],
    )
    reply_to = IntegerField(widget=HiddenInput(), validators=[Optional(), NumberRange(1, MAX_ID)])


class MarkForm(FlaskForm):
    outcome = RadioField(
        "After the meeting",
        choices=[
            ("raised", "Raised, with the team's answer"),
            ("carried", "Carried to next meeting"),
        ],
        validators=[InputRequired("Choose what happened to the point")],
    )
    answer = TextAreaField(
        "The team's answer, in plain words (she will see this)",
        filters=[strip],
        validators=[PlainText(TEXT_LENGTH, "The answer", multiline=True)],
    )

    def validate_answer(self, field):
        if self.outcome.data == "raised" and not field.data:
            raise ValidationError("Write the team's answer, so that she knows what was said")


class ThemeForm(FlaskForm):
    theme = StringField(
        "Theme (optional, a few words)",
        filters=[strip],
        validators=[PlainText(60, "The theme")],
    )


class ScheduleForm(FlaskForm):
    weekday = SelectField(
        "Day of the week",
        choices=list(enumerate(WEEKDAY_NAMES)),
        coerce=int,
        validators=[InputRequired("Choose the day of the week")],
    )
    starts_at = LocalTimeField("Time", validators=[InputRequired("Enter the time")])
    starts_on = ThreeBoxDateField("From", validators=[InputRequired("Enter the first date")])


class CancelMeetingForm(FlaskForm):
    reason = StringField("Reason (optional)", filters=[strip], validators=REASON)


class MoveMeetingForm(FlaskForm):
    new_date = ThreeBoxDateField("New date", validators=[InputRequired("Enter the new date")])
    starts_at = LocalTimeField("New time", validators=[InputRequired("Enter the new time")])
    reason = StringField("Reason (optional)", id="move-reason", filters=[strip], validators=REASON)
