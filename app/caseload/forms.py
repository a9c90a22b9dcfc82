from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired

from app.forms import PlainText, strip
from app.services.caseload import NOTE_LENGTH


class CancelSessionForm(FlaskForm):
    reason = StringField(
        "Reason (she will see this)",
        filters=[strip],
        validators=[
            DataRequired("Tell her why the session is cancelled"),
            PlainText(200, "The reason"),
        ],
    )


class OutcomeForm(FlaskForm):
    outcome = RadioField(
        "Did the session happen?",
        choices=[("happened", "Yes, it happened"), ("did_not_happen", "No, it did not happen")],
        validators=[InputRequired("Choose whether the session happened")],
    )


class HandoverNoteForm(FlaskForm):
    text = TextAreaField(
        "Handover note",
        filters=[strip],
        validators=[PlainText(NOTE_LENGTH, "The note", multiline=True)],
    )
