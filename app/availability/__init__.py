"""A peer worker sets her own availability: weekly windows, extra windows, leave."""

from flask import Blueprint

from app.access import require_role

bp = Blueprint("availability", __name__, url_prefix="/peer/availability")
bp.before_request(require_role("peer_worker"))

from app.availability import routes  # noqa: E402, F401
