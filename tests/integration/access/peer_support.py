from tests.integration.access import (
    FORBIDDEN,
    SAME,
    SIGN_IN,
    Route,
    allowed_status,
    any_signed_in,
    mother_only,
    peer_only,
)


def edits_texts(endpoint, method, url, status=None, **kw):
    """Staff and peer workers; mothers get 403. Every unit has its own texts: SAME."""
    status = allowed_status(method, status)
    return Route(endpoint, method, url, SIGN_IN, FORBIDDEN, status, status, SAME, **kw)


ROUTES = [
    any_signed_in("peer_support.about", "GET", "/peer-support/"),
    mother_only("peer_support.seen", "POST", "/peer-support/seen", other_unit=SAME),
    edits_texts("peer_support.team", "GET", "/peer-support/team"),
    edits_texts("peer_support.edit", "GET", "/peer-support/edit/mothers"),
    edits_texts("peer_support.edit", "POST", "/peer-support/edit/team", 400),
    edits_texts("peer_support.use_default", "POST", "/peer-support/edit/visitors/default"),
    peer_only("peer_support.name_shown", "POST", "/peer-support/my-name", other_unit=SAME),
]
