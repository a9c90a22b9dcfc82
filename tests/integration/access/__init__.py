"""The access-control table: every route x every kind of visitor, with the expected answer.

Each feature adds a module here with ``ROUTES`` (a list of Route) and, when its URLs
need records, ``build(world, factory)`` that adds ids to ``world``. The test in
tests/integration/test_access.py fails when a route exists without an entry.

Expected answers: an int status, ``SIGN_IN`` (redirect to the sign-in page) or ``OK``
(allowed: 200, 302 elsewhere, or 400 for a form posted empty).
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

SIGN_IN = "sign-in"
OK = "ok"
FORBIDDEN = 403
NOT_FOUND = 404

VISITORS = ("anonymous", "mother", "peer_worker", "staff", "other_unit")


@dataclass(frozen=True)
class Route:
    endpoint: str
    method: str
    url: str  # may hold {placeholders} filled from the world fixture
    anonymous: object
    mother: object
    peer_worker: object
    staff: object
    other_unit: object  # someone of another unit, with role ``other_role``
    other_role: str = "staff"
    data: dict = field(default_factory=dict)

    def expected(self, visitor: str):
        return getattr(self, visitor)


def _modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")


def all_routes() -> list[Route]:
    return [route for module in _modules() for route in module.ROUTES]


def builders():
    return [module.build for module in _modules() if hasattr(module, "build")]


def staff_only(endpoint, method, url, other_unit=NOT_FOUND, **kw):
    return Route(endpoint, method, url, SIGN_IN, FORBIDDEN, FORBIDDEN, OK, other_unit, **kw)


def mother_only(endpoint, method, url, other_unit=NOT_FOUND, **kw):
    kw.setdefault("other_role", "mother")
    return Route(endpoint, method, url, SIGN_IN, OK, FORBIDDEN, FORBIDDEN, other_unit, **kw)


def peer_only(endpoint, method, url, other_unit=NOT_FOUND, **kw):
    kw.setdefault("other_role", "peer_worker")
    return Route(endpoint, method, url, SIGN_IN, FORBIDDEN, OK, FORBIDDEN, other_unit, **kw)


def public(endpoint, method, url, **kw):
    return Route(endpoint, method, url, OK, OK, OK, OK, OK, **kw)


def any_signed_in(endpoint, method, url, **kw):
    return Route(endpoint, method, url, SIGN_IN, OK, OK, OK, OK, **kw)
