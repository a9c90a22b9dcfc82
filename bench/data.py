"""A generator of realistic volume for benchmarks: many units, a year of history.

Run ``python -m bench.data [--units 10] [--scale 1]`` on an empty, migrated database (the
app's configuration comes from the environment, as for ``flask``). Each feature's history
is a function of (unit, people, scale, rng) in bench/history.py.
"""

import argparse
import random
from datetime import timedelta

from app import create_app
from app.extensions import db
from app.models import Role, Unit, User
from app.services import clock
from app.services.passwords import hash_password
from bench.history import feedback_history, groups_history, sessions_history

BENCH_PASSWORD = "bench-password-2026"  # noqa: S105  throwaway benchmark data
HISTORY = (sessions_history, groups_history, feedback_history)


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
                about_seen_at=clock.now(),  # she has had her first look at peer support
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
        for build in HISTORY:
            build(unit, people, scale, rng)
        created.append(unit)
    db.session.commit()
    return created


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=10)
    parser.add_argument("--scale", type=int, default=1, help="history multiplier (1x, 10x)")
    args = parser.parse_args()
    with create_app().app_context():
        generate(units=args.units, scale=args.scale)
    print(f"Generated {args.units} units at {args.scale}x history.")


if __name__ == "__main__":
    main()
