"""Helpers for tests that drive the service worker: wait for it, push to it, read what it showed."""

import json
import time

CONTROLLED = "navigator.serviceWorker.controller !== null"
ACTIVATED = """() => navigator.serviceWorker.getRegistration()
  .then(r => Boolean(r && r.active && r.active.state === 'activated'))"""
# Counts the notifications the worker has finished showing. Chromium reconciles its
# notification store with what is on screen whenever getNotifications() is called: asked
# while a notification is stored but not yet on screen, it deletes that notification from
# the store, and getNotifications() never returns it. So the list is read only after
# showNotification() has resolved. The wrapper calls the real showNotification.
COUNT_SHOWN = """() => {
  if (!self.testShown) {
    const show = self.registration.showNotification.bind(self.registration);
    self.testShown = {count: 0};
    self.registration.showNotification = (...args) =>
      show(...args).then(done => { self.testShown.count += 1; return done; });
  }
  return self.testShown.count;
}"""
SHOWN_SINCE = "before => self.testShown.count > before"
NOTIFICATIONS = """() => navigator.serviceWorker.ready
  .then(r => r.getNotifications())
  .then(list => list.map(n => ({title: n.title, body: n.body, url: n.data && n.data.url})))"""


def poll(page, expression: str, seconds: float = 15, on=None, arg=None):
    """Evaluate (in the page, or in the worker ``on``) until truthy. (wait_for_function
    evaluates a string with eval, which the page's Content-Security-Policy rightly
    refuses, and it does not await a Promise.)"""
    deadline = time.monotonic() + seconds
    while True:
        value = (on or page).evaluate(expression, arg)
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
    as the browser's push service would, and return what it showed once it is on screen."""
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
    worker = page.context.service_workers[0]
    shown_before = worker.evaluate(COUNT_SHOWN)
    cdp.send(
        "ServiceWorker.deliverPushMessage",
        {
            "origin": origin,
            "registrationId": registration["registrationId"],
            "data": data if isinstance(data, str) else json.dumps(data),
        },
    )
    poll(page, SHOWN_SINCE, seconds=20, on=worker, arg=shown_before)
    return page.evaluate(NOTIFICATIONS)
