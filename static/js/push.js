// Notification settings: turn Web Push on or off for this device. The browser asks for
// permission only when the button is tapped, never on page load.
(function () {
  "use strict";
  var box = document.querySelector("[data-push]");
  if (!box) { return; }
  var message = box.querySelector("[data-push-message]");
  var onButton = box.querySelector("[data-push-on]");
  var offButton = box.querySelector("[data-push-off]");
  var iphoneHelp = box.querySelector("[data-push-iphone]");

  function say(text) { message.textContent = text; }

  function keyBytes(base64url) {
    var padded = (base64url + "===".slice((base64url.length + 3) % 4))
      .replace(/-/g, "+").replace(/_/g, "/");
    var raw = window.atob(padded);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes;
  }

  function deviceLabel() {
    var ua = navigator.userAgent;
    if (/iPhone/.test(ua)) { return "iPhone"; }
    if (/iPad/.test(ua)) { return "iPad"; }
    if (/Android/.test(ua)) { return /Mobile/.test(ua) ? "Android phone" : "Android tablet"; }
    if (/Windows/.test(ua)) { return "Windows computer"; }
    if (/Macintosh/.test(ua)) { return "Mac"; }
    return "This device";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": box.dataset.csrf },
      body: JSON.stringify(body)
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { throw new Error(data.error || "Something went wrong. Try again."); }
        return data;
      });
    });
  }

  function show(subscribed) {
    onButton.hidden = subscribed;
    offButton.hidden = !subscribed;
    say(subscribed ? "Notifications are on for this device."
      : "Notifications are off for this device.");
  }

  var supported = "serviceWorker" in navigator && "PushManager" in window &&
    "Notification" in window && box.dataset.vapidKey;
  if (!supported) {
    say("This browser cannot show notifications from this app.");
    if (/iPhone|iPad/.test(navigator.userAgent)) { iphoneHelp.hidden = false; }
    return;
  }

  function registration() { return navigator.serviceWorker.ready; }

  registration().then(function (reg) { return reg.pushManager.getSubscription(); })
    .then(function (subscription) {
      show(Boolean(subscription) && Notification.permission === "granted");
    });

  onButton.addEventListener("click", function () {
    onButton.disabled = true;
    Notification.requestPermission().then(function (permission) {
      if (permission !== "granted") {
        throw new Error("Notifications are blocked for this app. You can allow them in " +
          "your phone's settings, then try again.");
      }
      return registration();
    }).then(function (reg) {
      return reg.pushManager.subscribe({
        userVisibleOnly: true, applicationServerKey: keyBytes(box.dataset.vapidKey)
      });
    }).then(function (subscription) {
      var json = subscription.toJSON();
      return post(box.dataset.subscribeUrl, {
        endpoint: json.endpoint, keys: json.keys, label: deviceLabel()
      });
    }).then(function () {
      window.location.reload();
    }).catch(function (error) {
      say(error.message || "Notifications could not be turned on. Try again.");
    }).then(function () { onButton.disabled = false; });
  });

  offButton.addEventListener("click", function () {
    offButton.disabled = true;
    registration().then(function (reg) { return reg.pushManager.getSubscription(); })
      .then(function (subscription) {
        if (!subscription) { return null; }
        var endpoint = subscription.endpoint;
        return subscription.unsubscribe().then(function () {
          return post(box.dataset.unsubscribeUrl, { endpoint: endpoint });
        });
      }).then(function () {
        window.location.reload();
      }).catch(function (error) {
        say(error.message || "Notifications could not be turned off. Try again.");
      }).then(function () { offButton.disabled = false; });
  });
})();
