from flask_wtf import FlaskForm
from wtforms import RadioField
from wtforms.validators import InputRequired

from app.forms import ThreeBoxDateField
from app.models.supervision import MEETING_KINDS


class MeetingForm(FlaskForm):
    kind = RadioField(
        "What was it?",
        choices=list(MEETING_KINDS.items()),
        validate_choice=False,  # the service says so plainly
        validators=[InputRequired("Choose clinical supervision or line management")],
    )
    met_on = ThreeBoxDateField("Date", validators=[InputRequired("Enter the date")])
