from datetime import UTC, datetime

from flask_wtf import FlaskForm
from wtforms import HiddenField, StringField
from wtforms.validators import InputRequired, ValidationError

from app.forms import PlainText, strip

TOPIC_LENGTH = 200


def aware_instant(form, field):
    """The slot's start as sent by the page: an ISO time with its offset, read as UTC."""
    try:
        value = datetime.fromisoformat(field.data)
    except (TypeError, ValueError):
        raise ValidationError("Choose a time from the list") from None
    if value.tzinfo is None:
        raise ValidationError("Choose a time from the list")
    field.instant = value.astimezone(UTC)


class BookForm(FlaskForm):
    starts_at = StringField(
        "Choose a time",
        validators=[InputRequired("Choose a time from the list"), aware_instant],
    )
    with_whom = HiddenField(default="any")
    topic = StringField(
        "What would you like to talk about? (optional)",
        filters=[strip],
        validators=[PlainText(TOPIC_LENGTH, "What you would like to talk about")],
    )
