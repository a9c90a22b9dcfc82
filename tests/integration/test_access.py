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


@pytest.mark.parametrize("visitor", VISITORS)
@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.method} {r.url}")
def test_access(app, world, route, visitor):
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
    if route.endpoint.startswith(FEEDBACK_BLUEPRINTS):  # whatever the answer, even a redirect
        assert response.headers["Referrer-Policy"] == "no-referrer"
    response.close()
    if expected == SIGN_IN:
        assert status == 302 and "/sign-in" in response.headers["Location"], status
    else:
        assert status == expected
        if status == 302:  # done, and sent on to a page: not to the sign-in page
            assert "/sign-in" not in response.headers["Location"]
