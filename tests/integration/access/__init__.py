"""The access-control table: every route x every kind of visitor, with the expected answer.

Each feature adds a module here with ``ROUTES`` (a list of Route) and, when its URLs
need records, ``build(world, factory)`` that adds ids to ``world``. The test in
tests/integration/test_access.py fails when a route exists without an entry.

Each entry names the one answer its route gives each visitor: a status (200 a page, 302
a form done that redirects elsewhere than the sign-in page, 400 a form posted empty and
refused, 403, 404), ``SIGN_IN`` (a redirect to the sign-in page), or ``SAME`` (for the
visitor of another unit: what the route gives the same role in this unit). The helpers
allow one role or more, with 200 for a GET and 302 for a POST unless ``status`` says.
"""

import importlib
import pkgutil
from dataclasses import dataclass, field

SIGN_IN = "sign-in"
SAME = "same"
FORBIDDEN = 403
NOT_FOUND = 404

VISITORS = ("anonymous", "mother", "peer_worker", "staff", "other_unit")
PAGE_VISITORS = VISITORS[:4]  # who opens this unit's pages


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
        answer = getattr(self, visitor)
        return getattr(self, self.other_role) if answer == SAME else answer


def _modules():
    for info in pkgutil.iter_modules(__path__):
        yield importlib.import_module(f"{__name__}.{info.name}")


def all_routes() -> list[Route]:
    return [route for module in _modules() for route in module.ROUTES]


def pages_for(visitor: str, world: dict) -> list[str]:
    """The pages (GET routes answering 200) this visitor may open, as URLs."""
    return [
        route.url.format(**world)
        for route in all_routes()
        if route.method == "GET" and route.expected(visitor) == 200
    ]


def builders():
    return [module.build for module in _modules() if hasattr(module, "build")]


def allowed_status(method: str, status=None):
    """``status``, or what an allowed visitor gets by default: 200 for a GET, 302 for a POST."""
    return status or (200 if method == "GET" else 302)


def _only(role: str):
    """A helper for routes of one role: everyone else signed in gets 403."""

    def route(endpoint, method, url, status=None, other_unit=NOT_FOUND, **kw):
        kw.setdefault("other_role", role)
        answers = dict.fromkeys(("mother", "peer_worker", "staff"), FORBIDDEN)
        answers[role] = allowed_status(method, status)
        return Route(endpoint, method, url, SIGN_IN, other_unit=other_unit, **answers, **kw)

    return route


staff_only, mother_only, peer_only = _only("staff"), _only("mother"), _only("peer_worker")


def public(endpoint, method, url, status=None, **kw):
    status = allowed_status(method, status)
    return Route(endpoint, method, url, status, status, status, status, SAME, **kw)


def any_signed_in(endpoint, method, url, status=None, **kw):
    status = allowed_status(method, status)
    return Route(endpoint, method, url, SIGN_IN, status, status, status, SAME, **kw)
