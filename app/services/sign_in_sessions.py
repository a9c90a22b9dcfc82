"""Sign-in sessions kept on the server: one record per sign-in, from one browser.

The session cookie holds the user's id and a random token; the record holds a digest of
the token. Signing out deletes this browser's record, "Sign out everywhere" and closing
the account delete all of them, and a cookie whose record is gone signs nobody in.
"""

import hashlib
import secrets

from sqlalchemy import bindparam, delete, select, update
from sqlalchemy.orm import joinedload

from app.extensions import db
from app.models import SignInSession, User
from app.services import clock


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User) -> None:
    """A new record for this sign-in; ``user.get_id()`` then names it."""
    token = secrets.token_urlsafe(24)
    now = clock.now()
    db.session.add(
        SignInSession(user_id=user.id, token_digest=_digest(token), started_at=now, seen_at=now)
    )
    user.sign_in_token = token


# Built once, as every request runs it. The unit comes in the same query: every page
# reads its time zone.
USER_OF_SESSION = (
    select(User)
    .join(SignInSession, SignInSession.user_id == User.id)
    .options(joinedload(User.unit))
    .where(User.id == bindparam("user_id"), SignInSession.token_digest == bindparam("digest"))
)


def user_of_session(user_id: int, token: str) -> User | None:
    user = db.session.scalar(USER_OF_SESSION, {"user_id": user_id, "digest": _digest(token)})
    if user is not None:
        user.sign_in_token = token
    return user


def note_seen(user: User) -> None:
    db.session.execute(
        update(SignInSession)
        .where(SignInSession.token_digest == _digest(user.sign_in_token))
        .values(seen_at=clock.now())
    )


def sessions_of(user: User) -> list[tuple[SignInSession, bool]]:
    """Where she is signed in, most recently active first, each marked if it is this one."""
    this = _digest(user.sign_in_token) if user.sign_in_token else None
    found = db.session.scalars(
        select(SignInSession)
        .where(SignInSession.user_id == user.id)
        .order_by(SignInSession.seen_at.desc(), SignInSession.id.desc())
    )
    return [(record, record.token_digest == this) for record in found]


def end_this_session(user: User) -> None:
    if user.sign_in_token:
        db.session.execute(
            delete(SignInSession).where(SignInSession.token_digest == _digest(user.sign_in_token))
        )


def end_sessions(user: User) -> None:
    """Every session she has, on every device."""
    db.session.execute(delete(SignInSession).where(SignInSession.user_id == user.id))


def end_other_sessions(user: User) -> None:
    """Every session but the one this request belongs to."""
    db.session.execute(
        delete(SignInSession).where(
            SignInSession.user_id == user.id,
            SignInSession.token_digest != _digest(user.sign_in_token or ""),
        )
    )
