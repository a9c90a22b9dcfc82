from flask_wtf import FlaskForm
from wtforms import PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo

from app.forms import PlainText, strip


class SignInForm(FlaskForm):
    username = StringField(
        "Username",
        filters=[strip],
        validators=[DataRequired("Enter your username"), PlainText(40, "Username")],
    )
    password = PasswordField(
        "Password",
        validators=[DataRequired("Enter your password"), PlainText(128, "Password")],
    )


class ActivateForm(FlaskForm):
    code = StringField(
        "Activation code",
        filters=[strip],
        validators=[DataRequired("Enter your activation code"), PlainText(30, "Activation code")],
    )
    password = PasswordField(
        "Choose a password",
        validators=[DataRequired("Choose a password"), PlainText(128, "Password")],
    )
    confirm = PasswordField(
        "Type your password again",
        validators=[
            DataRequired("Type your password again"),
            EqualTo("password", "The passwords do not match. Type them again"),
        ],
    )


class SecondStepForm(FlaskForm):
    code = StringField(
        "Code",
        filters=[strip],
        validators=[DataRequired("Enter the code from your app"), PlainText(20, "Code")],
    )
