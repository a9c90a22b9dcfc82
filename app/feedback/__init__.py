"""Anonymous Friends and Family Test feedback: mothers give it, staff read it safely.
Apart from it, in involvement.py, mothers may leave a contact to hear about ways to get
involved."""

from flask import Blueprint

from app.access import require_role

bp = Blueprint("feedback", __name__)
bp.before_request(require_role("mother"))
staff_bp = Blueprint("feedback_staff", __name__, url_prefix="/staff")
staff_bp.before_request(require_role("staff"))
answers_bp = Blueprint("feedback_answers", __name__)  # no account: see answers.py


def send_no_referrer(response):
    """No page of feedback names itself in the Referer of the next request."""
    response.headers["Referrer-Policy"] = "no-referrer"
    return response


for blueprint in (bp, staff_bp, answers_bp):
    blueprint.after_request(send_no_referrer)

from app.feedback import answers, involvement, report, routes, stay  # noqa: E402, F401
