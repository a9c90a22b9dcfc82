"""A peer worker sets her own availability: weekly windows, extra windows, leave."""

from flask import Blueprint

from app.navigation import add_nav_item

bp = Blueprint("availability", __name__, url_prefix="/peer/availability")
add_nav_item("peer_worker", "availability.availability", "Availability")

from app.availability import routes  # noqa: E402, F401
