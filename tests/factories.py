"""Test data builders. Passwords are hashed once per run: scrypt is slow on purpose."""

from datetime import timedelta
from functools import cache
from itertools import count

from app.models import Role, Unit, User
from app.services import clock
from app.services.passwords import hash_password

_sequence = count(1)


@cache
def _password_hash(password: str) -> str:
    return hash_password(password)


class Factory:
    PASSWORD = "correct-horse-battery"

    def __init__(self, session):
        self.session = session

    def unit(self, **kwargs) -> Unit:
        n = next(_sequence)
        unit = Unit(
            slug=kwargs.pop("slug", f"unit-{n}"),
            name=kwargs.pop("name", f"Unit {n}"),
            phone=kwargs.pop("phone", "0118 496 0000"),
            visiting_hours=kwargs.pop("visiting_hours", "Every day: 2pm to 8pm"),
            public_info=kwargs.pop("public_info", "Ground floor, Elm Building"),
            **kwargs,
        )
        self.session.add(unit)
        self.session.commit()
        return unit

    def user(self, role: str | Role = "mother", unit: Unit | None = None, **kwargs) -> User:
        role = Role(role)
        n = next(_sequence)
        password = kwargs.pop("password", self.PASSWORD)
        unit = unit or self.unit()
        if role == Role.MOTHER:
            kwargs.setdefault("admitted_on", clock.local_today(unit) - timedelta(days=7))
        if role == Role.PEER_WORKER:
            kwargs.setdefault("contracted_minutes", 18 * 60)
        user = User(
            unit_id=unit.id,
            role=role.value,
            display_name=kwargs.pop("display_name", f"{role.value.title()}{n}"),
            username=kwargs.pop("username", f"{role.value.replace('_', '')}{n}"),
            password_hash=_password_hash(password) if password else None,
            **kwargs,
        )
        self.session.add(user)
        self.session.commit()
        return user
