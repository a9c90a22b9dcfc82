"""The peer worker's side of sessions: caseload, today, one session, handover notes."""

from flask import Blueprint

from app.navigation import add_nav_item

bp = Blueprint("caseload", __name__, url_prefix="/peer")
# Her home shows today's sessions (the full today view is linked from there).
add_nav_item("peer_worker", "caseload.caseload", "Caseload")
add_nav_item("peer_worker", "availability.availability", "Availability")

from app.caseload import routes  # noqa: E402, F401
