"""Who may see what: role checks and unit-scoped look-ups."""

from functools import wraps

from flask import abort, request
from flask_login import current_user
from sqlalchemy import select

from app.extensions import db, login_manager
from app.models import Unit


def require_role(*roles):
    """A check for ``roles``: signed in (or sent to sign in), and one of ``roles`` (or
    403). A blueprint whose every view is for the same roles runs it before each request:
    ``bp.before_request(require_role("mother"))``."""
    allowed = {str(r) for r in roles}

    def check():
        if request.method == "OPTIONS":  # Flask answers it; no view runs
            return None
        if not current_user.is_authenticated:
            return login_manager.unauthorized()
        if current_user.role not in allowed:
            abort(403)
        return None

    return check


def role_required(*roles):
    """``require_role`` for one view, where the views of a blueprint differ."""
    check = require_role(*roles)

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            return check() or view(*args, **kwargs)

        return wrapped

    return decorator


def unit_by_slug_or_404(slug: str):
    """A unit by its public address (/units/<slug>), for pages anyone may open."""
    unit = db.session.scalar(select(Unit).where(Unit.slug == slug))
    if unit is None:
        abort(404)
    return unit


def get_in_unit_or_404(model, record_id: int, *criteria):
    """The record with this id in the signed-in user's unit, or 404 (never another unit's)."""
    found = db.session.scalar(
        select(model).where(model.id == record_id, model.unit_id == current_user.unit_id, *criteria)
    )
    if found is None:
        abort(404)
    return found
