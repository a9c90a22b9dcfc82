"""Who may see what: role checks and unit-scoped look-ups."""

from functools import wraps

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import select

from app.extensions import db


def role_required(*roles):
    """Signed in, and one of ``roles``; anyone else gets 403."""

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in {str(r) for r in roles}:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def get_in_unit_or_404(model, record_id: int, *criteria):
    """The record with this id in the signed-in user's unit, or 404 (never another unit's)."""
    found = db.session.scalar(
        select(model).where(model.id == record_id, model.unit_id == current_user.unit_id, *criteria)
    )
    if found is None:
        abort(404)
    return found
