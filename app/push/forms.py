from datetime import time

from flask_wtf import FlaskForm
from wtforms import RadioField, SelectField
from wtforms.validators import InputRequired, ValidationError

NO_QUIET_HOURS = ""


def _half_hours() -> list[tuple[str, str]]:
    return [(f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}") for h in range(24) for m in (0, 30)]


def parse_time(value: str) -> time | None:
    if not value:
        return None
    hours, minutes = value.split(":")
    return time(int(hours), int(minutes))


class QuietHoursForm(FlaskForm):
    quiet_from = SelectField(
        "Quiet from",
        choices=[(NO_QUIET_HOURS, "No quiet hours"), *_half_hours()],
        validate_choice=True,
    )
    quiet_until = SelectField(
        "Quiet until",
        choices=[(NO_QUIET_HOURS, "No quiet hours"), *_half_hours()],
        validate_choice=True,
    )

    def validate_quiet_until(self, field):
        if bool(self.quiet_from.data) != bool(field.data):
            raise ValidationError("Choose both times, or No quiet hours for both")
        if field.data and field.data == self.quiet_from.data:
            raise ValidationError("Quiet hours must end at a different time from when they start")


class MotherQuietHoursForm(QuietHoursForm):
    reminders = RadioField(
        "Remind me before a session or group",
        choices=[
            ("15", "15 minutes before"),
            ("30", "30 minutes before"),
            ("60", "1 hour before"),
            ("off", "No reminders"),
        ],
        validators=[InputRequired("Choose when to be reminded, or No reminders")],
    )


def preferences_form_for(user, preference):
    """Her saved choices; on a POST the submitted values win (Flask-WTF reads them)."""
    data = {"reminders": "30"}
    if preference is not None:
        data["quiet_from"] = (
            preference.quiet_from.strftime("%H:%M") if preference.quiet_from else ""
        )
        data["quiet_until"] = (
            preference.quiet_until.strftime("%H:%M") if preference.quiet_until else ""
        )
        data["reminders"] = str(preference.reminder_minutes) if preference.reminders_on else "off"
    form_class = MotherQuietHoursForm if user.is_mother else QuietHoursForm
    return form_class(data=data)
