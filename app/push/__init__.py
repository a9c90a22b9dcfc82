from flask import Blueprint

bp = Blueprint("push", __name__)

from app.push import commands, routes  # noqa: E402, F401
