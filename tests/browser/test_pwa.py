"""The installable app in Chromium: manifest, service worker, offline pages, push display."""

import json

import pytest

from app.extensions import db
from app.services.notifications import payload_for, queue_notification
from app.services.sign_in_sessions import end_sessions
from tests.browser.service_worker import deliver_push, installed, poll

PAGE_CACHE_SIZES = """() => caches.keys().then(keys => Promise.all(
  keys.filter(k => k.startsWith('pages-')).map(k => caches.open(k)
    .then(c => c.keys()).then(entries => entries.length))))"""


@pytest.fixture
def mother(factory, unit):
    return factory.user(role="mother", unit=unit, display_name="Zelda")


def test_manifest_is_valid_and_linked(page, sign_in_as, mother):
    sign_in_as(page, mother)
    href = page.locator('link[rel="manifest"]').get_attribute("href")
    assert href == "/manifest.webmanifest?start=mother"
    cdp = page.context.new_cdp_session(page)
    found = cdp.send("Page.getAppManifest")
    assert found["url"].endswith(href)
    assert found["errors"] == []
    manifest = json.loads(found["data"])
    assert manifest["display"] == "standalone" and manifest["start_url"] == "/me/"
    for icon in manifest["icons"]:
        response = page.request.get(icon["src"])
        assert response.ok and response.headers["content-type"] == "image/png"


def test_the_service_worker_controls_the_page(page, sign_in_as, mother):
    sign_in_as(page, mother)
    installed(page)
    scope = page.evaluate("navigator.serviceWorker.ready.then(r => r.scope)")
    assert scope == page.url.split("/me/")[0] + "/"


def test_key_pages_reload_offline_from_the_service_worker(
    page, sign_in_as, mother, unit, assert_accessible
):
    sign_in_as(page, mother)
    installed(page)
    key_pages = [
        "/me/",
        "/me/sessions",
        "/timetable/",
        "/notifications",
        f"/units/{unit.slug}",
        "/help",
    ]
    for path in key_pages:
        page.goto(path)
    page.context.set_offline(True)
    for path in key_pages:
        page.goto(path) if page.url != path else None
        response = page.reload()
        assert response.from_service_worker, path
        note = page.locator(".app-offline-note")
        assert note.is_visible(), path
        assert "You are offline. This page was updated at" in note.inner_text()
        assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page)

    response = page.goto("/install")  # never visited: the offline page
    assert response.from_service_worker
    assert page.get_by_role("heading", level=1).inner_text() == "You are offline"


def test_forms_say_plainly_that_they_need_the_network(page, sign_in_as, mother):
    sign_in_as(page, mother)
    installed(page)
    page.goto("/notifications/settings")
    page.context.set_offline(True)
    note = page.locator(".app-offline-form-note").first
    note.wait_for()
    assert "needs an internet connection" in note.inner_text()
    page.get_by_role("button", name="Save choices").click()
    assert page.url.endswith("/notifications/settings")
    page.context.set_offline(False)
    page.locator(".app-offline-form-note").first.wait_for(state="detached")


def test_sign_out_clears_saved_pages(pages_kept):
    page = pages_kept
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url("**/sign-in")
    assert sum(page.evaluate(PAGE_CACHE_SIZES)) == 0

    page.context.set_offline(True)
    page.goto("/me/")
    assert "Zelda" not in page.content()
    assert page.get_by_role("heading", level=1).inner_text() == "You are offline"


def test_a_new_version_is_offered_with_a_refresh_prompt(page, sign_in_as, mother, monkeypatch):
    from app.pwa import routes

    sign_in_as(page, mother)
    installed(page)
    old = page.evaluate("navigator.serviceWorker.controller.scriptURL")
    monkeypatch.setattr(routes, "asset_version", lambda: "next-version")
    page.evaluate("navigator.serviceWorker.ready.then(r => r.update())")
    button = page.get_by_role("button", name="Refresh to update")
    button.wait_for()
    with page.expect_navigation():
        button.click()
    installed(page)
    version = page.evaluate("caches.keys().then(keys => keys.filter(k => k.startsWith('static-')))")
    assert version == ["static-next-version"]
    assert old  # same URL, new script


def test_a_push_shows_the_generic_notification(page, sign_in_as, mother, live_server):
    page.context.grant_permissions(["notifications"], origin=live_server.url)
    sign_in_as(page, mother)
    installed(page)
    row = queue_notification(mother, "booking.cancelled_by_peer", url="/notifications")
    db.session.commit()
    shown = deliver_push(page, live_server.url, payload_for(row))
    assert shown == [
        {
            "title": "Your session was cancelled",
            "body": "Open the app to see why",
            "url": "/notifications",
        }
    ]


def test_notification_settings_ask_nothing_until_the_button_is_tapped(
    page, sign_in_as, mother, assert_accessible
):
    sign_in_as(page, mother)
    page.goto("/notifications/settings")
    installed(page)
    assert page.evaluate("Notification.permission") == "default"
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"),
    [
        ("mother", "/notifications"),
        ("peer_worker", "/notifications/settings"),
        ("staff", "/staff/notifications/failed"),
        (None, "/install"),
        (None, "/offline"),
    ],
)
def test_new_pages_are_accessible(page, factory, unit, sign_in_as, assert_accessible, role, path):
    if role:
        user = factory.user(role=role, unit=unit)
        queue_notification(user, "talk.requested", url="/peer/").status = "failed"
        db.session.commit()
        sign_in_as(page, user)
    page.goto(path)
    assert_accessible(page)


@pytest.mark.parametrize(
    ("role", "path"), [("peer_worker", "/peer/caseload"), ("staff", "/staff/")]
)
def test_pages_that_show_other_people_are_never_kept_offline(
    page, factory, unit, sign_in_as, role, path
):
    factory.user(role="mother", unit=unit, display_name="Yasmin")
    sign_in_as(page, factory.user(role=role, unit=unit))
    installed(page)
    page.goto(path)
    page.reload()
    assert sum(page.evaluate(PAGE_CACHE_SIZES)) == 0
    page.context.set_offline(True)
    page.reload()
    assert page.get_by_role("heading", level=1).inner_text() == "You are offline"
    assert "Yasmin" not in page.content()


@pytest.fixture
def pages_kept(page, sign_in_as, mother):
    """She has opened two of her pages, which her phone keeps."""
    sign_in_as(page, mother)
    installed(page)
    page.goto("/me/sessions")
    page.goto("/me/")
    assert sum(page.evaluate(PAGE_CACHE_SIZES)) >= 2
    return page


def test_back_online_to_an_ended_session_her_kept_pages_are_forgotten(pages_kept, mother):
    page = pages_kept
    page.context.set_offline(True)
    page.reload()
    assert "Zelda" in page.content()  # her own page, kept on her phone
    page.context.set_offline(False)
    page.goto("/me/")
    page.context.set_offline(True)  # (a page loaded while emulated offline says onLine)
    assert poll(page, "!navigator.onLine")

    end_sessions(mother)  # signed out on another device, or her account was closed
    db.session.commit()
    page.context.set_offline(False)
    page.wait_for_url(lambda url: "/sign-in" in url)
    assert sum(page.evaluate(PAGE_CACHE_SIZES)) == 0
    page.context.set_offline(True)
    page.goto("/me/sessions")
    assert "Zelda" not in page.content()


def test_an_answer_that_sends_her_to_sign_in_forgets_her_kept_pages(pages_kept, mother):
    page = pages_kept
    end_sessions(mother)
    db.session.commit()
    page.goto("/me/sessions")
    assert "/sign-in" in page.url
    assert poll(page, f"({PAGE_CACHE_SIZES})().then(sizes => sizes.every(n => n === 0))")
