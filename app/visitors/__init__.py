from flask import Blueprint

bp = Blueprint("visitors", __name__, url_prefix="/units")

from app.visitors import family_feedback, routes  # noqa: E402, F401
