from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField

from app.feedback.forms import ChoiceRadioField
from app.forms import PlainText, strip
from app.models.feedback import ANSWERS
from app.services.feedback import COMMENT_LIMIT


class FamilyFeedbackForm(FlaskForm):
    answer = ChoiceRadioField(
        "Overall, how was your experience of our service?",
        ANSWERS,
        "Select how your experience was",
        "Select one of the answers shown",
    )
    comment = TextAreaField(
        "Tell us why (optional)",
        filters=[strip],
        validators=[PlainText(COMMENT_LIMIT, "Tell us why", multiline=True)],
    )
    # Checked by the service (right, wrong or last month's), after the rest of the form.
    code = StringField(
        "Code from the poster", filters=[strip], validators=[PlainText(20, "The code")]
    )
