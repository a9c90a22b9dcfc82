"""Read-side queries about the people of a unit, always scoped to that unit."""

from datetime import date

from sqlalchemy import or_, select

from app.extensions import db
from app.models import Role, User


def people_of_unit(unit, role: str | None = None, include_closed: bool = True) -> list[User]:
    query = select(User).where(User.unit_id == unit.id)
    if role:
        query = query.where(User.role == role)
    if not include_closed:
        query = query.where(User.active.is_(True))
    return list(db.session.scalars(query.order_by(User.role, User.display_name, User.id)))


def supported_mothers(unit, today: date) -> list[User]:
    """Mothers on the unit now, and discharged mothers whose support has not ended."""
    query = select(User).where(
        User.unit_id == unit.id,
        User.role == Role.MOTHER.value,
        User.active.is_(True),
        or_(User.discharged_on.is_(None), User.support_until >= today),
    )
    return list(db.session.scalars(query.order_by(User.display_name, User.id)))


def current_people(unit, today: date) -> list[User]:
    """Everyone the ward works with now: open accounts, and mothers whose support goes on."""
    query = select(User).where(
        User.unit_id == unit.id,
        User.active.is_(True),
        or_(
            User.role != Role.MOTHER.value,
            User.discharged_on.is_(None),
            User.support_until >= today,
        ),
    )
    return list(db.session.scalars(query.order_by(User.role, User.display_name, User.id)))


def past_people(unit, today: date, limit: int = 200) -> list[User]:
    """Closed accounts and mothers whose support has ended, most recent first."""
    query = select(User).where(
        User.unit_id == unit.id,
        or_(
            User.active.is_(False),
            (User.role == Role.MOTHER.value) & (User.support_until < today),
        ),
    )
    return list(
        db.session.scalars(query.order_by(User.support_until.desc(), User.id.desc()).limit(limit))
    )
