"""The peer worker's home and her side of sessions: caseload, today, one session, handover
notes."""

from flask import Blueprint

from app.access import require_role

bp = Blueprint("caseload", __name__, url_prefix="/peer")
bp.before_request(require_role("peer_worker"))

from app.caseload import routes  # noqa: E402, F401
