from datetime import UTC, datetime

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, StringField
from wtforms.validators import InputRequired, ValidationError

from app.forms import PlainText, UKPhoneNumber, strip

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


def phone_number_field():
    return StringField("Your phone number", filters=[strip], validators=[UKPhoneNumber()])


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
    # Sessions on the ward only: the service says plainly when it is missing.
    baby_care = RadioField(
        "Will your baby be with you?",
        choices=[
            ("with_me", "Yes, my baby will be with me"),
            ("nursery", "I would like a nursery nurse to mind my baby"),
        ],
        validate_choice=False,
    )
    # Phone sessions only (after discharge): who rings whom, and her number.
    call = RadioField(
        "How would you like to talk?",
        choices=[("ring_me", "Ring me"), ("i_ring", "I will ring the unit")],
        default="ring_me",
        validate_choice=False,
    )
    phone = phone_number_field()


class PhoneNumberForm(FlaskForm):
    phone = phone_number_field()
