from sqlalchemy import bindparam, select
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import User
from app.services import clock

# Built once, as every request runs it. The unit comes in the same query: every page
# reads its time zone.
USER_WITH_UNIT = select(User).options(joinedload(User.unit)).where(User.id == bindparam("user_id"))


def load_user(session_id: str):
    """Find the user from ``id:token``; a rotated token or closed account ends the session."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.scalar(USER_WITH_UNIT, {"user_id": int(user_id)})
    if user is None or user.session_token != token or not user.active:
        return None
    if user.support_ended(clock.local_today(user.unit)):
        return None
    return user
