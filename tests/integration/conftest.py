import pytest

from tests.integration.access import builders


@pytest.fixture
def world(app, factory, unit, other_unit):
    world = {"unit": unit, "other_unit": other_unit}
    for role in ("mother", "peer_worker", "staff"):
        world[role] = factory.user(role=role, unit=unit)
        world[f"other_{role}"] = factory.user(role=role, unit=other_unit)
    for build in builders():
        build(world, factory)
    return world
