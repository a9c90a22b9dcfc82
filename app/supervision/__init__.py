"""Support for the peer workers: her supervision dates, "I'd like a debrief", and staff
answering it. Each view names the one role it is for."""

from flask import Blueprint

bp = Blueprint("supervision", __name__)

from app.supervision import routes  # noqa: E402, F401
