"""The "How was your stay?" card on a discharged mother's home: either answer marks it
asked (services/discharge_feedback.py) and only one of them opens the feedback page.
Under /feedback/, so no access log line is written for it either."""

from flask import redirect, request, url_for
from flask_login import current_user

from app.extensions import db
from app.feedback import bp
from app.forms import ConfirmForm
from app.services import discharge_feedback


@bp.route("/feedback/stay", methods=["POST"])
def stay():
    if not ConfirmForm().validate_on_submit():
        return redirect(url_for("bookings.home"), 303)
    discharge_feedback.mark_asked(current_user)
    db.session.commit()
    if request.form.get("choice") == "give":
        return redirect(url_for("feedback.give", topic=discharge_feedback.TOPIC), 303)
    return redirect(url_for("bookings.home"), 303)
