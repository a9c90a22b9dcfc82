"""A generator of realistic volume for benchmarks: many units, a year of history.

Each feature adds its history through ``HISTORY_BUILDERS`` (functions of (unit, people,
scale, rng)), so the generator grows with the product.
"""

import random
from datetime import timedelta

from app.extensions import db
from app.models import Role, Unit, User
from app.services import clock
from app.services.passwords import hash_password

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105  throwaway benchmark data
HISTORY_BUILDERS: list = []


def generate(units: int = 10, scale: int = 1, seed: int = 7) -> list[Unit]:
    """``units`` units, each with staff, two peer workers, eight mothers on the unit and
    ``scale`` x 100 mothers discharged over the past year."""
    rng = random.Random(seed)
    password_hash = hash_password(BENCH_PASSWORD)
    created = []
    today = clock.now().date()
    for n in range(units):
        unit = Unit(
            slug=f"bench-{n}",
            name=f"Bench Unit {n}",
            phone="0118 496 0999",
            visiting_hours="Every day: 2pm to 8pm",
            public_info="Ground floor",
        )
        db.session.add(unit)
        db.session.flush()
        people: dict[str, list[User]] = {"staff": [], "peer_worker": [], "mother": []}

        def person(role: Role, username: str, unit=unit, people=people, **extra):
            user = User(
                unit_id=unit.id,
                role=role.value,
                display_name=username.title()[:60],
                username=username,
                password_hash=password_hash,
                **extra,
            )
            db.session.add(user)
            people[role.value].append(user)
            return user

        person(Role.STAFF, f"staff{n}")
        for p in range(2):
            person(Role.PEER_WORKER, f"peer{n}-{p}", contracted_minutes=18 * 60)
        for m in range(8):
            person(
                Role.MOTHER,
                f"mother{n}-{m}",
                admitted_on=today - timedelta(days=rng.randint(1, 60)),
            )
        for m in range(100 * scale):
            discharged = today - timedelta(days=rng.randint(1, 365))
            person(
                Role.MOTHER,
                f"past{n}-{m}",
                admitted_on=discharged - timedelta(days=50),
                discharged_on=discharged,
                support_until=discharged + timedelta(weeks=12),
            )
        db.session.flush()
        for build in HISTORY_BUILDERS:
            build(unit, people, scale, rng)
        created.append(unit)
    db.session.commit()
    return created
