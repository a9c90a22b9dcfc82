from datetime import UTC, datetime, time

from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, SelectField, StringField
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


def baby_care_field():
    return RadioField(
        "Will your baby be with you?",
        choices=[
            ("with_me", "Yes, my baby will be with me"),
            ("nursery", "I would like a nursery nurse to mind my baby"),
        ],
        validate_choice=False,  # the service says plainly when it is missing
    )


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
    baby_care = baby_care_field()  # sessions on the ward only
    # Phone sessions only (after discharge): who rings whom, and her number.
    call = RadioField(
        "How would you like to talk?",
        choices=[("ring_me", "Ring me"), ("i_ring", "I will ring the unit")],
        default="ring_me",
        validate_choice=False,
    )
    phone = phone_number_field()


class BabyCareForm(FlaskForm):
    baby_care = baby_care_field()


class PhoneNumberForm(FlaskForm):
    phone = phone_number_field()


NO_REST_TIME = ""


def _quarter_hours() -> list[tuple[str, str]]:
    return [(f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}") for h in range(24) for m in (0, 15, 30, 45)]


class QuarterHourField(SelectField):
    """A time of day chosen from the quarter hours, or "No rest time"; ``data`` is a
    ``time`` or None once validated."""

    def __init__(self, label, **kwargs):
        choices = [(NO_REST_TIME, "No rest time"), *_quarter_hours()]
        super().__init__(label, choices=choices, validate_choice=False, **kwargs)

    def pre_validate(self, form):
        if self.data not in {value for value, _ in self.choices}:
            raise ValidationError("Choose a time from the list")

    @property
    def chosen(self) -> time | None:
        return time.fromisoformat(self.data) if self.data else None


class RestTimeForm(FlaskForm):
    rest_from = QuarterHourField("Rest from")
    rest_until = QuarterHourField("Rest until")
