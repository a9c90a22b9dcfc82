"""What peer support is, for everyone: the mothers' and the team's "About peer support"
pages, editing the unit's texts, and a peer worker's consent to be named under "Who is in".
The visitors' version sits on the public visitors' page (app/visitors)."""

from flask import Blueprint

bp = Blueprint("peer_support", __name__, url_prefix="/peer-support")

from app.peer_support import routes  # noqa: E402, F401
