from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import Optional

from app.forms import PlainText, UKPhoneNumber, strip
from app.services.going_home import NAME_LENGTH, SECTION_LENGTH


def _section(label: str, short: str):
    return TextAreaField(
        label, filters=[strip], validators=[PlainText(SECTION_LENGTH, short, multiline=True)]
    )


class PlanForm(FlaskForm):
    """Every part may be left empty: she fills it in over several sessions."""

    what_helped = _section("What helped me on the unit", "What helped you")
    warning_signs = _section("My early warning signs", "Your early warning signs")
    what_to_do = _section(
        "What I would like people to do, and who I will contact and when", "What you would like"
    )
    health_visitor_name = StringField(
        "Health visitor's name (optional)",
        filters=[strip],
        validators=[Optional(), PlainText(NAME_LENGTH, "Health visitor's name")],
    )
    health_visitor_phone = StringField(
        "Health visitor's phone number (optional)",
        filters=[strip],
        validators=[Optional(), UKPhoneNumber()],
    )
