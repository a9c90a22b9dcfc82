"""A peer worker sets her own availability: weekly windows, extra windows, leave."""

from flask import Blueprint

bp = Blueprint("availability", __name__, url_prefix="/peer/availability")

from app.availability import routes  # noqa: E402, F401
