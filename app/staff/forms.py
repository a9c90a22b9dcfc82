from decimal import Decimal

from flask_wtf import FlaskForm
from wtforms import DecimalField, IntegerField, RadioField, SelectField, StringField
from wtforms.validators import (
    DataRequired,
    InputRequired,
    NumberRange,
    Optional,
    StopValidation,
    ValidationError,
)

from app.forms import PlainText, ThreeBoxDateField, UKPhoneNumber, strip


class OnlyFor:
    """A field asked of one role only: required for it, and for any other role ignored
    whatever was typed (without JavaScript the form shows every field)."""

    def __init__(self, role: str, message: str):
        self.role = role
        self.message = message

    def __call__(self, form, field):
        left_empty = not (field.raw_data and field.raw_data[0].strip())
        if form.role.data != self.role or left_empty:
            field.data = None
            field.errors[:] = []
            raise StopValidation(None if form.role.data != self.role else self.message)


class NewPersonForm(FlaskForm):
    role = RadioField(
        "Who are you adding?",
        choices=[
            ("mother", "A mother"),
            ("peer_worker", "A peer support worker"),
            ("staff", "A member of staff"),
        ],
        validators=[InputRequired("Select who you are adding")],
    )
    display_name = StringField(
        "First name",
        filters=[strip],
        validators=[DataRequired("Enter a first name"), PlainText(60, "First name")],
    )
    username = StringField(
        "Username",
        filters=[strip],
        validators=[DataRequired("Enter a username"), PlainText(40, "Username")],
    )
    admitted_on = ThreeBoxDateField(
        "Date of admission", validators=[OnlyFor("mother", "Enter the date of admission")]
    )
    contracted_hours = IntegerField(
        "Contracted hours a week",
        validators=[
            OnlyFor("peer_worker", "Enter her contracted hours a week"),
            NumberRange(1, 48, "Contracted hours must be between 1 and 48"),
        ],
    )


class DischargeForm(FlaskForm):
    discharged_on = ThreeBoxDateField(
        "Date of discharge",
        validators=[InputRequired("Enter the date of discharge")],
    )
    support_until = ThreeBoxDateField(
        "Peer support continues until",
        validators=[InputRequired("Enter the date peer support ends")],
    )


class CommunityTeamForm(FlaskForm):
    """Her community perinatal mental health team after discharge: shown on her help page."""

    community_team_name = StringField(
        "Name of the team",
        filters=[strip],
        validators=[Optional(), PlainText(120, "Name of the team")],
    )
    community_team_phone = StringField(
        "Their phone number",
        filters=[strip],
        validators=[Optional(), UKPhoneNumber()],
    )


class SupportUntilForm(FlaskForm):
    support_until = ThreeBoxDateField(
        "Peer support continues until",
        validators=[InputRequired("Enter the date peer support ends")],
    )


MAX_HOURS_A_WEEK = 60


class HoursField(DecimalField):
    """Hours typed as a number, like 37.5, with a plain message for anything else."""

    def process_formdata(self, valuelist):
        try:
            super().process_formdata(valuelist)
            if self.data is not None and not self.data.is_finite():
                raise ValueError("not a finite number")
        except ValueError as exc:
            self.data = None
            raise ValueError(f"{self.label.text} must be a number, like 37.5") from exc


def _whole_or_half_hours(form, field):
    hours = field.data
    if hours is not None and not (0 <= hours <= MAX_HOURS_A_WEEK and hours % Decimal("0.5") == 0):
        raise ValidationError(
            f"{field.label.text} must be between 0 and {MAX_HOURS_A_WEEK}, in whole or half hours"
        )


class ContractedHoursForm(FlaskForm):
    contracted_hours = HoursField(
        "Contracted hours a week",
        places=None,
        validators=[InputRequired("Enter her contracted hours a week"), _whole_or_half_hours],
    )


class AdmitForm(FlaskForm):
    admitted_on = ThreeBoxDateField(
        "Date of admission", validators=[InputRequired("Enter the date of admission")]
    )


class UnitSecurityForm(FlaskForm):
    require_staff_mfa = RadioField(
        "Do staff and peer support workers have to use two-step sign-in?",
        choices=[("yes", "Yes, everyone in these roles"), ("no", "No, each person chooses")],
        validators=[InputRequired("Select yes or no")],
    )


class RetentionForm(FlaskForm):
    retention_months = IntegerField(
        "Months to keep a mother's records after her support ends",
        validators=[
            InputRequired("Enter a number of months"),
            NumberRange(1, 120, "Enter a number of months between 1 and 120"),
        ],
    )


class AuditFilterForm(FlaskForm):
    """The audit log's filter: a GET form, so a filtered page can be bookmarked."""

    class Meta:
        csrf = False

    person = SelectField("Person", coerce=int, default=0)
    action = SelectField("What they did", default="")
    first_day = ThreeBoxDateField("From", validators=[Optional()])
    last_day = ThreeBoxDateField("To", validators=[Optional()])

    def validate_last_day(self, field):
        if field.data and self.first_day.data and field.data < self.first_day.data:
            raise ValidationError("To must be the same as or after From")


class LineManagerForm(FlaskForm):
    """Her line manager: the staff of the unit are the choices, set by the view."""

    line_manager = RadioField(
        "Her line manager",
        choices=[],
        validate_choice=False,  # the service checks the choice against the unit's staff
        validators=[InputRequired("Choose her line manager, or no line manager")],
    )


class ShortPhoneNumber:
    """A number to call, as people read it: "111", "116 123", "0118 496 0000"."""

    message = "Enter a phone number using numbers and spaces only, like 116 123"

    def __call__(self, form, field):
        value = " ".join((field.data or "").split())
        digits = value.replace(" ", "").removeprefix("+")
        if value and not (digits.isdigit() and 3 <= len(digits) <= 15):
            raise ValidationError(self.message)
        field.data = value


class PartnerSupportForm(FlaskForm):
    name = StringField(
        "Name",
        filters=[strip],
        validators=[DataRequired("Enter the name of the service"), PlainText(80, "The name")],
    )
    description = StringField(
        "What it is (optional)",
        filters=[strip],
        validators=[PlainText(200, "What it is")],
    )
    phone = StringField(
        "Phone number (optional)",
        filters=[strip],
        validators=[PlainText(20, "The phone number"), ShortPhoneNumber()],
    )
    link = StringField(
        "Web address (optional)",
        filters=[strip],
        validators=[PlainText(300, "The web address")],
    )
