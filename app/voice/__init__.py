"""My voice: a mother's points for the team's meeting (/me/voice), the peer workers' list
and printable agenda (/peer/voice), and the meeting schedule and what staff may read
(/staff/voice)."""

from flask import Blueprint

bp = Blueprint("voice", __name__)

from app.voice import routes, staff  # noqa: E402, F401
