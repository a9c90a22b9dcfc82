"""Anonymous Friends and Family Test feedback: mothers give it, staff read it safely."""

from flask import Blueprint

bp = Blueprint("feedback", __name__, url_prefix="/feedback")
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback")

from app.feedback import routes, staff_routes  # noqa: E402, F401
