from app.models import PushSubscription
from tests.integration.access import (
    NOT_FOUND,
    OK,
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
        endpoint, method, url, SIGN_IN, OK, NOT_FOUND, NOT_FOUND, NOT_FOUND, other_role="mother"
    )


ROUTES = [
    public("pwa.manifest", "GET", "/manifest.webmanifest"),
    public("pwa.service_worker", "GET", "/sw.js"),
    public("pwa.offline", "GET", "/offline"),
    public("pwa.install", "GET", "/install"),
    any_signed_in("push.recent", "GET", "/notifications"),
    any_signed_in("push.settings", "GET", "/notifications/settings"),
    any_signed_in("push.settings", "POST", "/notifications/settings"),
    any_signed_in("push.subscribe", "POST", "/push/subscriptions"),
    any_signed_in("push.replace_this_device", "POST", "/push/subscriptions/replace"),
    any_signed_in("push.unsubscribe_this_device", "POST", "/push/subscriptions/remove"),
    _mothers_own("push.test_device", "POST", DEVICE + "/test"),
    _mothers_own("push.remove_device", "POST", DEVICE + "/remove"),
    staff_only("push.failed", "GET", "/staff/notifications/failed", other_unit=OK),
]


def build(world, factory):
    mother = world["mother"]
    device = PushSubscription(
        unit_id=mother.unit_id,
        user_id=mother.id,
        endpoint=f"https://fcm.googleapis.com/fcm/send/access-{mother.id}",
        p256dh="B" + "A" * 86,
        auth="A" * 22,
        device_label="Android phone",
    )
    factory.session.add(device)
    factory.session.commit()
    world["mother_device_id"] = device.id
