from flask_wtf import FlaskForm
from wtforms import RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, ValidationError

from app.forms import PlainText, strip
from app.models.feedback import ANSWERS, TOPICS
from app.services.feedback import COMMENT_LIMIT


class ChoiceRadioField(RadioField):
    """Radios that answer a value outside the list with a plain message of our own."""

    def __init__(self, label, choices: dict, message: str, invalid_message: str, **kwargs):
        super().__init__(
            label, choices=list(choices.items()), validators=[InputRequired(message)], **kwargs
        )
        self.invalid_message = invalid_message

    def pre_validate(self, form):
        if self.data is not None and self.data not in dict(self.choices):
            raise ValidationError(self.invalid_message)


def topic_field(label: str):
    return ChoiceRadioField(
        label, TOPICS, "Select what the feedback is about", "Select one of the topics shown"
    )


def fft_answer_field():
    """The Friends and Family Test question, as NHS England words it."""
    return ChoiceRadioField(
        "Overall, how was your experience of our service?",
        ANSWERS,
        "Select how your experience was",
        "Select one of the answers shown",
    )


def fft_comment_field():
    return TextAreaField(
        "Tell us why (optional)",
        filters=[strip],
        validators=[PlainText(COMMENT_LIMIT, "Tell us why", multiline=True)],
    )


class FeedbackForm(FlaskForm):
    topic = topic_field("What is your feedback about?")
    answer = fft_answer_field()
    comment = fft_comment_field()


class YouSaidWeDidForm(FlaskForm):
    topic = topic_field("Which topic is this about?")
    you_said = TextAreaField(
        "You said",
        filters=[strip],
        validators=[
            DataRequired("Enter what mothers told you"),
            PlainText(500, "You said", multiline=True),
        ],
    )
    we_did = TextAreaField(
        "We did",
        filters=[strip],
        validators=[
            DataRequired("Enter what you did about it"),
            PlainText(1000, "We did", multiline=True),
        ],
    )


class InvolvementForm(FlaskForm):
    contact = StringField(
        "How should we contact you?",
        filters=[strip],
        validators=[DataRequired("Enter how we can contact you"), PlainText(200, "Contact")],
    )
