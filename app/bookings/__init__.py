"""A mother's sessions with peer workers: book in three taps, cancel, ask to talk today."""

from flask import Blueprint

bp = Blueprint("bookings", __name__, url_prefix="/me")

from app.bookings import routes  # noqa: E402, F401
