from flask import Blueprint

bp = Blueprint("push", __name__)

from app.navigation import add_nav_item  # noqa: E402
from app.push import commands, routes  # noqa: E402, F401

for _role in ("mother", "peer_worker", "staff"):
    add_nav_item(_role, "push.recent", "Notifications")
