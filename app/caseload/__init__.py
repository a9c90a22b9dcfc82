"""The peer worker's side of sessions: caseload, today, one session, handover notes."""

from flask import Blueprint

from app.navigation import add_nav_item

bp = Blueprint("caseload", __name__, url_prefix="/peer")
add_nav_item("peer_worker", "caseload.today", "Today")
add_nav_item("peer_worker", "caseload.caseload", "Caseload")

from app.caseload import routes  # noqa: E402, F401
