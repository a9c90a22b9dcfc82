from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired

from app.forms import PlainText, strip
from app.services.peer_support import MAX_TEXT


class AboutTextForm(FlaskForm):
    body = TextAreaField(
        "The text",
        filters=[strip],
        validators=[
            DataRequired("Enter the text, or use the default text"),
            PlainText(MAX_TEXT, "The text", multiline=True),
        ],
    )


class NameShownForm(FlaskForm):
    to_mothers = BooleanField("Mothers on the unit can see my first name and usual days")
    to_visitors = BooleanField("Family visitors can see them too, on the public visitors' page")
