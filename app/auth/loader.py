from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import User
from app.services import clock


def load_user(session_id: str):
    """Find the user from ``id:token``; a rotated token or closed account ends the session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    # The unit comes in the same query: every page reads its time zone.
    user = db.session.scalar(
        select(User).options(joinedload(User.unit)).where(User.id == int(user_id))
    )
    if user is None or user.session_token != token or not user.active:
        return None
    if user.support_ended(clock.local_today(user.unit)):
        return None
    return user
