"""Opting in to hear about ways to get involved: a page of its own, apart from feedback."""

from flask import Blueprint

bp = Blueprint("involvement", __name__)

from app.involvement import routes  # noqa: E402, F401
