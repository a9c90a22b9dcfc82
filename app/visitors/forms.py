from flask_wtf import FlaskForm
from wtforms import StringField

from app.feedback.forms import fft_answer_field, fft_comment_field
from app.forms import PlainText, strip


class FamilyFeedbackForm(FlaskForm):
    answer = fft_answer_field()
    comment = fft_comment_field()
    # Checked by the service (right, wrong or last month's), after the rest of the form.
    code = StringField(
        "Code from the poster", filters=[strip], validators=[PlainText(20, "The code")]
    )
