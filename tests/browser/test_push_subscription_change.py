"""When the browser replaces a push subscription, the service worker reports it.

``pushManager.subscribe()`` cannot reach a real push service from this browser, so the
test hands the worker's ``replaceSubscription`` the new subscription the browser would
have given in the ``pushsubscriptionchange`` event, and checks that the worker's own
request (its cookies, its Sec-Fetch-Site header, no form token) moved her stored device.
"""

from sqlalchemy import select

from app.extensions import db
from app.models import PushSubscription
from tests.browser.service_worker import installed
from tests.factories import PushSubscriptionFactory
from tests.support.push_receiver import device_keys

OLD = "https://fcm.googleapis.com/fcm/send/old-one"
NEW = "https://fcm.googleapis.com/fcm/send/new-one"
NEW_KEYS = device_keys()[2]
REPLACE = """([oldEndpoint, newEndpoint, keys]) => replaceSubscription(
  {endpoint: oldEndpoint}, {toJSON: () => ({endpoint: newEndpoint, keys: keys})})"""


def test_the_worker_moves_her_device_to_the_new_subscription(page, sign_in_as, factory, unit):
    mother = factory.user(role="mother", unit=unit)
    phone = PushSubscriptionFactory(user=mother, endpoint=OLD)
    sign_in_as(page, mother)
    installed(page)

    worker = page.context.service_workers[0]
    assert worker.evaluate(REPLACE, [OLD, NEW, NEW_KEYS]) == 200

    db.session.rollback()  # end this test's read, to see what the server committed
    moved = db.session.scalars(select(PushSubscription)).all()
    assert [(d.id, d.endpoint, d.p256dh, d.auth) for d in moved] == [
        (phone.id, NEW, NEW_KEYS["p256dh"], NEW_KEYS["auth"])
    ]


def test_without_the_old_subscription_nothing_is_sent(page, sign_in_as, factory, unit):
    sign_in_as(page, factory.user(role="mother", unit=unit))
    installed(page)
    worker = page.context.service_workers[0]
    assert worker.evaluate("() => replaceSubscription(null, null)") is None
