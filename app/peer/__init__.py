from flask import Blueprint

bp = Blueprint("peer", __name__, url_prefix="/peer")

from app.peer import routes  # noqa: E402, F401
