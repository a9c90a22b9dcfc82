"""Helpers for tests that drive the service worker: wait for it, push to it, read what it showed."""

import json
import time

CONTROLLED = "navigator.serviceWorker.controller !== null"
ACTIVATED = """() => navigator.serviceWorker.getRegistration()
  .then(r => Boolean(r && r.active && r.active.state === 'activated'))"""
NOTIFICATIONS = """() => navigator.serviceWorker.ready
  .then(r => r.getNotifications())
  .then(list => list.map(n => ({title: n.title, body: n.body, url: n.data && n.data.url})))"""


def poll(page, expression: str, seconds: float = 15):
    """Evaluate until truthy. (wait_for_function evaluates a string with eval, which the
    page's Content-Security-Policy rightly refuses, and it does not await a Promise.)"""
    deadline = time.monotonic() + seconds
    while True:
        value = page.evaluate(expression)
        if value or time.monotonic() > deadline:
            return value
        page.wait_for_timeout(100)


def installed(page):
    """Wait until the service worker controls the page. It claims open pages when it
    activates, but a page whose navigation began while the worker was still installing
    (the sign-in form sent during the install) can miss that claim in Chromium and stay
    uncontrolled until its next load: then reload, as her next tap would."""
    if poll(page, CONTROLLED, seconds=10):
        return
    assert poll(page, ACTIVATED, seconds=30), "the service worker did not activate"
    if not page.evaluate(CONTROLLED):
        page.reload()
    assert poll(page, CONTROLLED, seconds=20), "the service worker does not control the page"


def deliver_push(page, origin: str, data: str | dict):
    """Deliver one push message to the page's service worker through the DevTools protocol,
    as the browser's push service would, and return what it showed (polled)."""
    registrations = []
    cdp = page.context.new_cdp_session(page)
    cdp.on(
        "ServiceWorker.workerRegistrationUpdated",
        lambda event: registrations.extend(event["registrations"]),
    )
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 20
    while not registrations and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    registration = next(r for r in registrations if not r["isDeleted"])
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": origin,
            "registrationId": registration["registrationId"],
            "data": data if isinstance(data, str) else json.dumps(data),
        },
    )
    return poll(page, NOTIFICATIONS, seconds=20)
