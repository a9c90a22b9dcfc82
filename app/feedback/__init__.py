"""Anonymous Friends and Family Test feedback: mothers give it, staff read it safely."""

from flask import Blueprint

from app.navigation import add_nav_item

bp = Blueprint("feedback", __name__, url_prefix="/feedback")
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff/feedback")

add_nav_item("mother", "feedback.home", "Feedback")
add_nav_item("staff", "feedback_staff.report", "Feedback")

from app.feedback import routes, staff_routes  # noqa: E402, F401
