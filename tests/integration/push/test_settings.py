"""Turning notifications on and off per device, quiet hours, and her notifications page."""

import json

from sqlalchemy import select

from app.extensions import db
from app.models import Notification, NotificationPreference, PushSubscription
from app.services.notifications import queue_notification
from tests.factories import PushSubscriptionFactory
from tests.support.push_receiver import device_keys

ENDPOINT = "https://fcm.googleapis.com/fcm/send/device-one"
KEYS = device_keys()[2]
OTHER_KEYS = device_keys()[2]


def post_json(web, url, body, token=True):
    headers = {"X-CSRFToken": web.token("/notifications/settings")} if token else {}
    return web.client.post(
        url, data=json.dumps(body), content_type="application/json", headers=headers
    )


def test_turn_on_list_test_and_turn_off_a_device(as_role):
    web, mother = as_role("mother")
    response = post_json(
        web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS, "label": "iPhone"}
    )
    assert response.status_code == 201
    device_id = response.get_json()["id"]

    page = web.client.get("/notifications/settings").get_data(as_text=True)
    assert "iPhone" in page and "Send a test" in page

    response = web.post(f"/notifications/devices/{device_id}/test", token_page="/account")
    assert response.status_code == 302
    test = db.session.scalar(select(Notification))
    assert (test.kind, test.user_id, test.only_subscription_id) == ("test", mother.id, device_id)

    response = post_json(web, "/push/subscriptions/remove", {"endpoint": ENDPOINT})
    assert response.get_json() == {"removed": True}
    assert db.session.scalar(select(PushSubscription)) is None


def test_json_posts_need_the_csrf_header(as_role):
    web, _ = as_role("mother")
    response = post_json(
        web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS}, token=False
    )
    assert response.status_code == 400
    assert db.session.scalar(select(PushSubscription)) is None


def test_broken_keys_are_refused(as_role):
    web, _ = as_role("peer_worker")
    off_the_curve = {"p256dh": "B" + "A" * 86, "auth": "A" * 22}  # 65 bytes: 04, then zeros
    for keys in (
        {},
        {"p256dh": "short", "auth": "A" * 22},
        {"p256dh": KEYS["p256dh"]},
        "x",
        off_the_curve,
    ):
        response = post_json(web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": keys})
        assert response.status_code == 400
    assert post_json(web, "/push/subscriptions", ["not", "an", "object"]).status_code == 400
    assert db.session.scalar(select(PushSubscription)) is None


def test_a_shared_device_moves_to_whoever_turned_it_on_last(as_role):
    first, _ = as_role("mother")
    second, other = as_role("mother")
    post_json(first, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS})
    post_json(second, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS})
    devices = db.session.scalars(select(PushSubscription)).all()
    assert [d.user_id for d in devices] == [other.id]


def test_an_address_without_its_browsers_keys_does_not_move(as_role):
    owner_web, owner = as_role("mother")
    thief, _ = as_role("mother")
    post_json(owner_web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS})
    response = post_json(thief, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": OTHER_KEYS})
    assert response.status_code == 400
    assert response.get_json()["error"] == "This device gets notifications for another account"
    device = db.session.scalar(select(PushSubscription))
    assert (device.user_id, device.p256dh) == (owner.id, KEYS["p256dh"])


def test_a_device_never_moves_to_another_unit(as_role, factory):
    owner_web, owner = as_role("mother")
    elsewhere, _ = as_role("mother", target_unit=factory.unit())
    post_json(owner_web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS})
    response = post_json(elsewhere, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS})
    assert response.status_code == 400
    device = db.session.scalar(select(PushSubscription))
    assert (device.user_id, device.unit_id) == (owner.id, owner.unit_id)


def test_her_own_device_takes_new_keys(as_role):
    web, mother = as_role("mother")
    post_json(web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS})
    assert (
        post_json(
            web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": OTHER_KEYS}
        ).status_code
        == 201
    )
    assert db.session.scalar(select(PushSubscription.p256dh)) == OTHER_KEYS["p256dh"]


def test_someone_elses_device_is_not_found(as_role, factory, unit):
    web, _ = as_role("mother")
    owner = factory.user(role="mother", unit=unit)
    device = PushSubscriptionFactory(user=owner, endpoint=ENDPOINT)
    assert web.post(f"/notifications/devices/{device.id}/remove").status_code == 404
    assert web.post(f"/notifications/devices/{device.id}/test").status_code == 404
    response = post_json(web, "/push/subscriptions/remove", {"endpoint": ENDPOINT})
    assert response.get_json() == {"removed": False}
    assert db.session.get(PushSubscription, device.id) is not None


def test_mother_sets_quiet_hours_and_reminders(as_role):
    web, mother = as_role("mother")
    response = web.post(
        "/notifications/settings",
        {"quiet_from": "21:30", "quiet_until": "07:00", "reminders": "off"},
    )
    assert response.status_code == 302
    saved = db.session.scalar(select(NotificationPreference))
    assert (str(saved.quiet_from), str(saved.quiet_until), saved.reminders_on) == (
        "21:30:00",
        "07:00:00",
        False,
    )
    page = web.client.get("/notifications/settings").get_data(as_text=True)
    assert '<option value="21:30" selected>' in page


def test_half_set_quiet_hours_are_refused_with_a_message(as_role):
    web, _ = as_role("peer_worker")
    response = web.post("/notifications/settings", {"quiet_from": "22:00", "quiet_until": ""})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "There is a problem" in page and "Choose both times" in page
    assert db.session.scalar(select(NotificationPreference)) is None
    response = web.post("/notifications/settings", {"quiet_from": "25:00", "quiet_until": "x"})
    assert response.status_code == 400


def test_peer_workers_are_not_asked_about_reminders(as_role):
    web, _ = as_role("peer_worker")
    page = web.client.get("/notifications/settings").get_data(as_text=True)
    assert "Remind me before" not in page
    assert "outside your working hours" in page


def test_her_notifications_page_lists_only_hers(as_role, factory, unit):
    web, mother = as_role("mother")
    someone = factory.user(role="mother", unit=unit)
    queue_notification(mother, "waitlist.offered", url="/me/")
    queue_notification(someone, "activity.moved", url="/me/")
    db.session.commit()
    page = web.client.get("/notifications").get_data(as_text=True)
    assert "A place is free for you" in page
    assert "A group has moved" not in page


def test_a_device_name_cannot_carry_control_characters(as_role):
    web, _ = as_role("mother")
    label = "Phone\u202e\x00 <b>"
    post_json(web, "/push/subscriptions", {"endpoint": ENDPOINT, "keys": KEYS, "label": label})
    assert db.session.scalar(select(PushSubscription.device_label)) == "Phone <b>"
    page = web.client.get("/notifications/settings").get_data(as_text=True)
    assert "Phone &lt;b&gt;" in page
