from flask import Blueprint

bp = Blueprint("auth", __name__)

from app.auth import routes, two_step  # noqa: E402, F401
