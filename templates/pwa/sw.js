/* Service worker for the peer support app, served at /sw.js with scope "/".
 *
 * Static files: precached per version, served cache-first.
 * Pages: network first; the last good copy of a page the server marks "Offline-Copy: keep"
 * (public pages and a mother's own, never pages that show other people) is kept and shown
 * when offline, with a note saying when it was updated. Kept pages are forgotten at
 * sign-in and sign-out and whenever an answer sends her to sign in (her session ended),
 * so one person never sees another's pages on a shared device.
 * A new version waits until the page asks it to take over ("Refresh to update"), so old
 * pages never run with new files or the other way round.
 * Push: shows the generic title and body it receives; a tap opens the page it names.
 * When the browser replaces a subscription, the worker subscribes again with the same
 * key and tells the server which stored device moved to the new address.
 * Feedback: answers waiting on this phone (static/src/feedback-outbox.js) are sent once
 * their random moment has come, when a page asks, when the signal comes back (sync) or
 * when any page of the app is opened.
 */
"use strict";

importScripts({{ outbox_url | tojson }});

var VERSION = {{ version | tojson }};
var STATIC_CACHE = "static-" + VERSION;
var PAGE_CACHE = "pages-" + VERSION;
var PRECACHE = {{ precache | tojson }};
var OFFLINE_URL = "/offline";
var PUSH_KEY = {{ push_key | tojson }}; // the VAPID public key, base64url
var REPLACE_URL = {{ replace_url | tojson }};
var NEVER_CACHED = ["/sign-in", "/sign-out", "/activate", "/offline"];
var KEPT_HEADERS = ["Content-Type", "Content-Security-Policy", "Referrer-Policy",
  "X-Content-Type-Options", "X-Frame-Options"];

function clearPages() {
  return caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key.indexOf("pages-") === 0;
    }).map(function (key) { return caches.delete(key); }));
  });
}

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(STATIC_CACHE).then(function (cache) {
    return cache.addAll(PRECACHE.map(function (url) {
      return new Request(url, { cache: "reload" });
    }));
  }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (key) {
      return key !== STATIC_CACHE && key !== PAGE_CACHE;
    }).map(function (key) { return caches.delete(key); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {
  var type = event.data && event.data.type;
  if (type === "SKIP_WAITING") {
    self.skipWaiting();
  } else if (type === "CLEAR_PAGES") {
    event.waitUntil(clearPages());
  } else if (type === "SEND_FEEDBACK") {
    event.waitUntil(sendFeedback());
  }
});

function sendFeedback() {
  return self.feedbackOutbox.sendDue().then(function (changed) {
    if (!changed) { return; }
    return self.clients.matchAll({ type: "window" }).then(function (clients) {
      clients.forEach(function (client) { client.postMessage({ type: "FEEDBACK_CHANGED" }); });
    });
  }).catch(function () {});
}

self.addEventListener("sync", function (event) {
  if (event.tag === "feedback") { event.waitUntil(sendFeedback()); }
});

function twoDigits(n) { return (n < 10 ? "0" : "") + n; }

function keepPage(url, response) {
  var headers = new Headers();
  KEPT_HEADERS.forEach(function (name) {
    if (response.headers.has(name)) { headers.set(name, response.headers.get(name)); }
  });
  headers.set("X-Saved-At", String(Date.now()));
  return response.clone().text().then(function (body) {
    return caches.open(PAGE_CACHE).then(function (cache) {
      return cache.put(url, new Response(body, { status: 200, headers: headers }));
    });
  });
}

function withOfflineNote(saved) {
  var at = new Date(Number(saved.headers.get("X-Saved-At")));
  var time = twoDigits(at.getHours()) + ":" + twoDigits(at.getMinutes());
  var note = '<div class="nhsuk-inset-text app-offline-note" role="status">' +
    '<span class="nhsuk-u-visually-hidden">Information: </span>' +
    "<p>You are offline. This page was updated at " + time + ".</p></div>";
  return saved.text().then(function (body) {
    body = body.replace(/(<main\b[^>]*>)/, "$1" + note);
    return new Response(body, { status: 200, headers: saved.headers });
  });
}

function isHtml(response) {
  return (response.headers.get("Content-Type") || "").indexOf("text/html") === 0;
}

function networkFirst(event) {
  var request = event.request;
  return fetch(request).then(function (response) {
    var finalUrl = new URL(response.url || request.url);
    if (finalUrl.pathname === "/sign-in") {
      event.waitUntil(clearPages()); // signed out, or the session ended
    } else if (response.ok && response.type === "basic" && isHtml(response) &&
        response.headers.get("Offline-Copy") === "keep" &&
        NEVER_CACHED.indexOf(finalUrl.pathname) === -1) {
      event.waitUntil(keepPage(finalUrl.href, response));
    }
    return response;
  }).catch(function () {
    return caches.open(PAGE_CACHE).then(function (cache) {
      return cache.match(request.url, { ignoreVary: true });
    }).then(function (saved) {
      if (saved) { return withOfflineNote(saved); }
      return caches.match(OFFLINE_URL).then(function (offline) {
        return offline || new Response("You are offline.", {
          status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" }
        });
      });
    });
  });
}

function cacheFirst(request) {
  return caches.open(STATIC_CACHE).then(function (cache) {
    return cache.match(request, { ignoreVary: true }).then(function (hit) {
      return hit || fetch(request).then(function (response) {
        if (response.ok && response.type === "basic") { cache.put(request, response.clone()); }
        return response;
      });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) { return; }
  if (request.method === "POST") {
    if (url.pathname === "/sign-out" || url.pathname === "/sign-in") {
      event.waitUntil(clearPages());
    }
    return;
  }
  if (request.method !== "GET") { return; }
  if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(cacheFirst(request));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(event));
    event.waitUntil(sendFeedback());
  }
});

/* A notification may only open a page of this app: a path on this origin, else "/". */
function safeUrl(url) {
  if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/" ||
      url.charAt(1) === "\\") {
    return "/";
  }
  var parsed = new URL(url, self.location.origin);
  return parsed.origin === self.location.origin ? parsed.pathname + parsed.search + parsed.hash
    : "/";
}

self.addEventListener("push", function (event) {
  var data = {};
  try { data = event.data ? event.data.json() : {}; } catch (e) { data = {}; }
  event.waitUntil(self.registration.showNotification(data.title || "Peer support", {
    body: data.body || "Open the app to see what is new",
    icon: "/static/icons/icon-192.png",
    badge: "/static/icons/badge-96.png",
    tag: data.tag,
    data: { url: safeUrl(data.url) }
  }));
});

function focusWindow(client) {
  // Focus needs the tap's user activation; the page is shown either way.
  return client.focus().catch(function () { return client; });
}

/* Show the page a notification names: a window already on it, else a window of this app
 * moved to it (navigate needs no user activation, so this also works when the click is
 * replayed), else a new window. Signed out, the page sends her to sign-in and back. */
function openFromNotification(notification) {
  var target = new URL(safeUrl(notification && notification.data && notification.data.url),
    self.location.origin).href;
  return Promise.all([
    self.clients.matchAll({ type: "window", includeUncontrolled: true }),
    self.clients.matchAll({ type: "window" })
  ]).then(function (found) {
    var all = found[0];
    var controlled = found[1];
    for (var i = 0; i < all.length; i++) {
      if (all[i].url === target) { return focusWindow(all[i]); }
    }
    if (controlled.length && "navigate" in controlled[0]) {
      return controlled[0].navigate(target).then(function (client) {
        return client ? focusWindow(client) : self.clients.openWindow(target);
      }, function () { return self.clients.openWindow(target); });
    }
    return self.clients.openWindow(target);
  });
}

self.addEventListener("notificationclick", function (event) {
  event.notification.close();
  event.waitUntil(openFromNotification(event.notification));
});

/* Tell the server that the subscription at ``oldEndpoint`` is now ``subscription``. No
 * form token here: the server accepts JSON sent from this origin by the signed-in owner. */
function reportReplacement(oldEndpoint, subscription) {
  var json = subscription.toJSON();
  return fetch(REPLACE_URL, {
    method: "POST",
    credentials: "same-origin",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ old_endpoint: oldEndpoint, endpoint: json.endpoint, keys: json.keys })
  }).then(function (response) { return response.status; });
}

/* The browser replaced (or dropped) a subscription: subscribe again with the same key,
 * unless it already did, and report the new one in place of the old. */
function replaceSubscription(oldSubscription, newSubscription) {
  if (!oldSubscription || !oldSubscription.endpoint) { return Promise.resolve(null); }
  var key = (oldSubscription.options && oldSubscription.options.applicationServerKey) || PUSH_KEY;
  var next = newSubscription ? Promise.resolve(newSubscription)
    : self.registration.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  return next.then(function (subscription) {
    return reportReplacement(oldSubscription.endpoint, subscription);
  });
}

self.addEventListener("pushsubscriptionchange", function (event) {
  event.waitUntil(replaceSubscription(event.oldSubscription, event.newSubscription));
});
