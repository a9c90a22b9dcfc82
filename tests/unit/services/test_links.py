"""Links after sign-in and in notifications stay on this site."""

import json

import pytest

from app.extensions import db
from app.services.links import same_site_path
from app.services.notifications import payload_for, queue_notification

OTHER_SITES = [
    "//evil.test/x",
    "https://evil.test/",
    "/\\evil.test/x",
    "/\t/evil.test",
    "/\n/evil.test",
    "javascript:alert(1)",
    "",
    "/" + "a" * 600,
]


@pytest.mark.parametrize("target", OTHER_SITES)
def test_links_to_other_sites_are_refused(target):
    assert same_site_path(target) is None


@pytest.mark.parametrize("target", ["/", "/me/sessions", "/peer/caseload?tab=today"])
def test_paths_on_this_site_are_kept(target):
    assert same_site_path(target) == target


@pytest.mark.parametrize("target", [t for t in OTHER_SITES if len(t) <= 200])  # the column's size
def test_a_notification_never_links_to_another_site(factory, unit, target):
    mother = factory.user(role="mother", unit=unit)
    row = queue_notification(mother, "booking.cancelled_by_peer", url=target or "/")
    db.session.flush()
    assert json.loads(payload_for(row))["url"] == "/"
