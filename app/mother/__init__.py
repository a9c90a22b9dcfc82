from flask import Blueprint

bp = Blueprint("mother", __name__, url_prefix="/me")

from app.mother import routes  # noqa: E402, F401
