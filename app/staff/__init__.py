"""Staff run the unit: its people and their accounts, the audit log, sign-in and retention
settings."""

from flask import Blueprint

from app.access import require_role

bp = Blueprint("staff", __name__, url_prefix="/staff")
bp.before_request(require_role("staff"))

from app.staff import family_feedback, partner_support, people, routes  # noqa: E402, F401
