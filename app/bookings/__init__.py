"""A mother's home and her sessions with peer workers: book in three taps, cancel, ask to
talk today."""

from flask import Blueprint

from app.access import require_role

bp = Blueprint("bookings", __name__, url_prefix="/me")
bp.before_request(require_role("mother"))

from app.bookings import routes  # noqa: E402, F401
