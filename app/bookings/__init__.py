"""A mother's sessions with peer workers: book in three taps, cancel, ask to talk today."""

from flask import Blueprint

from app.navigation import add_nav_item

bp = Blueprint("bookings", __name__, url_prefix="/me")
add_nav_item("mother", "bookings.sessions", "Sessions")

from app.bookings import routes  # noqa: E402, F401
