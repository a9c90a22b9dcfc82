"""My plan for going home: the mother's own page (/me/plan) and the peer workers' view of
it, opened from her caseload entry to read or change it with her in a session
(/peer/mothers/<id>/plan). Staff do not see it."""

from flask import Blueprint

bp = Blueprint("going_home", __name__)

from app.going_home import routes  # noqa: E402, F401
