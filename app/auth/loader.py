from app.extensions import db
from app.models import User
from app.services import clock
from app.services.sign_in_sessions import user_of_session


def may_sign_in(user: User | None) -> bool:
    """An open account whose support has not ended."""
    return user is not None and user.active and not user.support_ended(clock.local_today(user.unit))


def load_user(session_id: str):
    """Find the user from ``id:token``; a session that ended or a closed account is None."""
    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = user_of_session(int(user_id), token)
    return user if may_sign_in(user) else None


def load_pending_user(user_id) -> User | None:
    """The user between her password and her second step, who has no session yet."""
    user = db.session.get(User, user_id) if isinstance(user_id, int) else None
    return user if may_sign_in(user) else None
