from tests.factories import PushSubscriptionFactory
from tests.integration.access import (
    NOT_FOUND,
    SAME,
    SIGN_IN,
    Route,
    any_signed_in,
    public,
    staff_only,
)

DEVICE = "/notifications/devices/{mother_device_id}"


def _mothers_own(endpoint, method, url):
    """Her own device: anyone else, even in her unit, gets 404."""
    return Route(
        endpoint, method, url, SIGN_IN, 302, NOT_FOUND, NOT_FOUND, NOT_FOUND, other_role="mother"
    )


ROUTES = [
    public("pwa.manifest", "GET", "/manifest.webmanifest"),
    public("pwa.service_worker", "GET", "/sw.js"),
    public("pwa.offline", "GET", "/offline"),
    public("pwa.install", "GET", "/install"),
    any_signed_in("push.recent", "GET", "/notifications"),
    any_signed_in("push.settings", "GET", "/notifications/settings"),
    any_signed_in("push.settings", "POST", "/notifications/settings", 400),
    # The browser sends these as JSON: a form post is refused.
    any_signed_in("push.subscribe", "POST", "/push/subscriptions", 400),
    any_signed_in("push.replace_this_device", "POST", "/push/subscriptions/replace", 400),
    any_signed_in("push.unsubscribe_this_device", "POST", "/push/subscriptions/remove", 400),
    _mothers_own("push.test_device", "POST", DEVICE + "/test"),
    _mothers_own("push.remove_device", "POST", DEVICE + "/remove"),
    staff_only("push.failed", "GET", "/staff/notifications/failed", other_unit=SAME),
]


def build(world, factory):
    world["mother_device_id"] = PushSubscriptionFactory(user=world["mother"]).id
