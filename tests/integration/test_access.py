"""Every route x every kind of visitor, from one table (tests/integration/access/)."""

import pytest

from tests.conftest import Browserless, signed_in_client
from tests.integration.access import SIGN_IN, VISITORS, all_routes

ROUTES = all_routes()
IGNORED_METHODS = {"HEAD", "OPTIONS"}
FEEDBACK_BLUEPRINTS = ("feedback.", "feedback_staff.", "visitors.family_feedback")


def test_every_route_has_an_entry(app):
    listed = {(r.endpoint, r.method) for r in ROUTES}
    missing = sorted(
        (rule.endpoint, method, rule.rule)
        for rule in app.url_map.iter_rules()
        for method in rule.methods - IGNORED_METHODS
        if (rule.endpoint, method) not in listed
    )
    assert not missing, f"routes without an access entry: {missing}"


def _client_for(app, world, visitor: str, route):
    if visitor == "anonymous":
        return Browserless(app.test_client())
    user = world[f"other_{route.other_role}"] if visitor == "other_unit" else world[visitor]
    return Browserless(signed_in_client(app, user))


def _answer(app, world, route, visitor) -> str | None:
    """What is wrong with the answer ``visitor`` gets from ``route``, or None."""
    web = _client_for(app, world, visitor, route)
    url = route.url.format(**world)
    if route.method == "GET":
        response = web.client.get(url)
    else:
        response = web.client.post(
            url,
            data={
                "csrf_token": web.token("/sign-in" if visitor == "anonymous" else "/account"),
                **route.data,
            },
        )
    expected = route.expected(visitor)
    status = response.status_code
    response.close()
    referrer = response.headers["Referrer-Policy"]
    # Feedback pages, whatever the answer (even a redirect), say no referrer.
    if route.endpoint.startswith(FEEDBACK_BLUEPRINTS) and referrer != "no-referrer":
        return f"{visitor}: Referrer-Policy {referrer}"
    location = response.headers.get("Location", "")
    if expected == SIGN_IN:
        if not (status == 302 and "/sign-in" in location):
            return f"{visitor}: {status} {location}, not sent to sign in"
    elif status != expected:
        return f"{visitor}: {status}, not {expected}"
    elif status == 302 and "/sign-in" in location:  # done and sent on: not to sign in
        return f"{visitor}: sent to sign in"
    return None


def _lets_in(route, visitor) -> bool:
    expected = route.expected(visitor)
    return expected != SIGN_IN and expected < 400


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.url}")
def test_access(app, world, route):
    """Every kind of visitor, in one world: those the route turns away first, so that
    what a visitor it lets in changes (a cancelled session, a saved form) is seen by no
    one after her."""
    visitors = sorted(VISITORS, key=lambda v: _lets_in(route, v))
    wrong = [w for v in visitors if (w := _answer(app, world, route, v)) is not None]
    assert not wrong, wrong
