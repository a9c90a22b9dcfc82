"""Tapping a notification opens the page it names, through sign-in when she is signed out.

Headless Chromium cannot click a system notification, and a synthetic notificationclick
event is untrusted (the browser refuses to open or move windows for it). So the tests
deliver a real push through the DevTools protocol and then run the worker's own click
function, ``openFromNotification``, inside the service worker on the notification it
showed: the same code the ``notificationclick`` listener runs.
"""

import pytest

from app.extensions import db
from app.services.notifications import payload_for, queue_notification
from app.services.sign_in_sessions import end_sessions
from tests.browser.service_worker import deliver_push, installed
from tests.factories import Factory

TAP_THE_NOTIFICATION = """() => self.registration.getNotifications()
  .then(list => openFromNotification(list[0])).then(() => true)"""


@pytest.fixture
def mother(factory, unit):
    return factory.user(role="mother", unit=unit, display_name="Zelda")


@pytest.fixture
def notified(page, sign_in_as, mother, live_server):
    """She is on her home page, and a push about a cancelled session has just arrived."""
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    sign_in_as(page, mother)
    installed(page)
    row = queue_notification(mother, "booking.cancelled_by_peer", url="/me/sessions")
    db.session.commit()
    shown = deliver_push(page, live_server.url, payload_for(row))
    assert [n["url"] for n in shown] == ["/me/sessions"]
    assert page.url == f"{live_server.url}/me/"
    return page


def tap(page):
    assert page.context.service_workers[0].evaluate(TAP_THE_NOTIFICATION)


def test_tapping_the_notification_opens_its_page(notified, live_server):
    tap(notified)
    notified.wait_for_url(f"{live_server.url}/me/sessions")
    assert notified.get_by_role("heading", level=1).inner_text() == "Your sessions"


def test_signed_out_she_signs_in_and_arrives_at_the_notifications_page(
    notified, mother, live_server
):
    end_sessions(mother)  # her session ended before she tapped
    db.session.commit()
    tap(notified)
    notified.wait_for_url("**/sign-in?next=*")
    assert notified.url.endswith("/sign-in?next=%2Fme%2Fsessions")
    notified.get_by_label("Username").fill(mother.username)
    notified.get_by_label("Password", exact=True).fill(Factory.PASSWORD)
    notified.get_by_role("button", name="Sign in").click()
    notified.wait_for_url(f"{live_server.url}/me/sessions")
    assert notified.get_by_role("heading", level=1).inner_text() == "Your sessions"


@pytest.mark.parametrize(
    "url", ["//evil.test/x", "https://evil.test/", "/\\evil.test/x", "javascript:alert(1)"]
)
def test_a_link_to_another_site_becomes_the_home_page(page, sign_in_as, mother, live_server, url):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    sign_in_as(page, mother)
    installed(page)
    page.goto("/notifications")
    shown = deliver_push(page, live_server.url, {"title": "Reminder", "body": "x", "url": url})
    assert [n["url"] for n in shown] == ["/"]
    tap(page)
    page.wait_for_url(f"{live_server.url}/me/")  # "/" sends her to her home page
