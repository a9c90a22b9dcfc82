"""The browser replaced a subscription: the service worker reports the new endpoint.

The service worker has no form token, so the route takes only JSON sent from this origin
by the signed-in owner of the old subscription, and the new endpoint passes the same
checks as a new subscription. Every refusal changes nothing.
"""

import json

import pytest
from sqlalchemy import select

from app.extensions import db
from app.models import PushSubscription
from tests.factories import PushSubscriptionFactory
from tests.support.push_receiver import device_keys

URL = "/push/subscriptions/replace"
OLD = "https://fcm.googleapis.com/fcm/send/old-one"
NEW = "https://fcm.googleapis.com/fcm/send/new-one"
NEW_KEYS = device_keys()[2]
FROM_THE_WORKER = {"Sec-Fetch-Site": "same-origin", "Origin": "http://localhost"}


def replace(client, body, headers=FROM_THE_WORKER, content_type="application/json"):
    return client.post(
        URL,
        data=json.dumps(body) if content_type == "application/json" else body,
        content_type=content_type,
        headers=headers,
    )


def body(old=OLD, new=NEW, keys=NEW_KEYS):
    return {"old_endpoint": old, "endpoint": new, "keys": keys}


@pytest.fixture
def device(factory, unit):
    """Her phone, subscribed at the old endpoint."""

    def make(user, endpoint=OLD):
        return PushSubscriptionFactory(user=user, endpoint=endpoint, failure_count=2)

    return make


def stored():
    db.session.expire_all()
    return sorted(
        (d.user_id, d.endpoint, d.p256dh, d.auth, d.device_label)
        for d in db.session.scalars(select(PushSubscription))
    )


def test_her_device_moves_to_the_new_endpoint_without_a_form_token(as_role, device):
    web, mother = as_role("mother")
    phone = device(mother)
    response = replace(web.client, body())
    assert response.status_code == 200
    assert response.get_json() == {"id": phone.id, "label": "Android phone"}
    assert stored() == [(mother.id, NEW, NEW_KEYS["p256dh"], NEW_KEYS["auth"], "Android phone")]
    assert db.session.get(PushSubscription, phone.id).failure_count == 0


def test_an_origin_header_from_this_site_is_enough_without_sec_fetch_site(as_role, device):
    web, peer = as_role("peer_worker")
    device(peer)
    response = replace(web.client, body(), headers={"Origin": "http://localhost"})
    assert response.status_code == 200
    assert [d[1] for d in stored()] == [NEW]


def test_another_persons_subscription_is_not_replaced(as_role, device, factory, unit):
    web, _ = as_role("mother")
    other = factory.user(role="mother", unit=unit)
    device(other)
    before = stored()
    response = replace(web.client, body())
    assert response.status_code == 400
    assert stored() == before


@pytest.mark.parametrize(
    "headers",
    [
        {"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.test"},
        {"Sec-Fetch-Site": "same-site", "Origin": "https://other.localhost"},
        {"Sec-Fetch-Site": "cross-site", "Origin": "http://localhost"},
        {"Sec-Fetch-Site": "none"},
        {"Origin": "https://evil.test"},
        {"Origin": "null"},
        {},
    ],
    ids=["cross-site", "same-site", "cross-site-with-our-origin", "typed", "origin", "null", "no"],
)
def test_a_request_from_another_site_is_refused(as_role, device, headers):
    web, mother = as_role("mother")
    device(mother)
    before = stored()
    response = replace(web.client, body(), headers=headers)
    assert response.status_code == 403
    assert stored() == before


@pytest.mark.parametrize(
    "content_type, data",
    [
        ("text/plain", json.dumps(body())),  # what a cross-site form can send
        ("application/x-www-form-urlencoded", "old_endpoint=x&endpoint=y"),
        ("application/merge-patch+json", json.dumps(body())),
    ],
)
def test_anything_but_json_is_refused(as_role, device, content_type, data):
    web, mother = as_role("mother")
    device(mother)
    before = stored()
    response = replace(web.client, data, content_type=content_type)
    assert response.status_code == 400
    assert stored() == before


@pytest.mark.parametrize(
    "new",
    [
        "https://169.254.169.254/latest",
        "https://fcm.googleapis.com.evil.test/x",
        "https://user@fcm.googleapis.com/x",
        "http://fcm.googleapis.com/x",
        "https://fcm.googleapis.com:8443/x",
        "",
        None,
    ],
)
def test_a_new_endpoint_we_may_not_post_to_is_refused(as_role, device, new):
    web, mother = as_role("mother")
    device(mother)
    before = stored()
    response = replace(web.client, body(new=new))
    assert response.status_code == 400
    assert stored() == before


@pytest.mark.parametrize(
    "sent",
    [
        body(keys={"p256dh": "short", "auth": "A" * 22}),
        body(keys=None),
        body(old=None),
        ["not", "an", "object"],
        "null",
    ],
)
def test_broken_reports_are_refused(as_role, device, sent):
    web, mother = as_role("mother")
    device(mother)
    before = stored()
    response = replace(web.client, sent)
    assert response.status_code == 400
    assert stored() == before


def test_a_new_endpoint_already_stored_for_someone_else_is_refused(as_role, device, factory, unit):
    web, mother = as_role("mother")
    device(mother)
    device(factory.user(role="mother", unit=unit), endpoint=NEW)
    before = stored()
    assert replace(web.client, body()).status_code == 400
    assert stored() == before


def test_signed_out_nothing_changes(client, device, factory, unit):
    device(factory.user(role="mother", unit=unit))
    before = stored()
    response = replace(client, body())
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert stored() == before


def test_the_service_worker_knows_the_key_to_subscribe_again_with(client, app, monkeypatch):
    monkeypatch.setitem(app.config, "VAPID_PUBLIC_KEY", "BPublicKey-_x")
    script = client.get("/sw.js").get_data(as_text=True)
    assert 'var PUSH_KEY = "BPublicKey-_x";' in script
    assert f'var REPLACE_URL = "{URL}";' in script
