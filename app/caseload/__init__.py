"""The peer worker's side of sessions: caseload, today, one session, handover notes."""

from flask import Blueprint

bp = Blueprint("caseload", __name__, url_prefix="/peer")

from app.caseload import routes  # noqa: E402, F401
