// The installable app, in the page: registers the service worker, offers a new version
// ("Refresh to update"), forgets saved pages at sign-out and when the phone comes back
// online to a session that ended, and says when a form cannot be sent because the phone
// is offline. Every page works without this file.
(function () {
  "use strict";

  var OFFLINE_FORM_TEXT = "You are offline. Sending this form needs an internet connection. " +
    "Try again when you are back online.";

  function isSignOut(form) {
    return /\/sign-out$/.test(form.getAttribute("action") || "");
  }

  function clearSavedPages() {
    if (!("caches" in window)) { return Promise.resolve(); }
    return caches.keys().then(function (keys) {
      return Promise.all(keys.filter(function (key) {
        return key.indexOf("pages-") === 0;
      }).map(function (key) { return caches.delete(key); }));
    });
  }

  function postForms() {
    return Array.prototype.filter.call(document.querySelectorAll("form"), function (form) {
      return (form.getAttribute("method") || "").toLowerCase() === "post" && !isSignOut(form);
    });
  }

  function showOfflineNotes() {
    postForms().forEach(function (form) {
      if (form.querySelector(".app-offline-form-note")) { return; }
      var note = document.createElement("p");
      note.className = "app-offline-form-note";
      note.setAttribute("role", "alert");
      note.textContent = OFFLINE_FORM_TEXT;
      form.insertBefore(note, form.firstChild);
    });
  }

  function hideOfflineNotes() {
    Array.prototype.forEach.call(document.querySelectorAll(".app-offline-form-note"),
      function (note) { note.parentNode.removeChild(note); });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (isSignOut(form)) {
      event.preventDefault();
      var timeout = new Promise(function (resolve) { setTimeout(resolve, 1500); });
      Promise.race([clearSavedPages(), timeout]).then(function () { form.submit(); });
    } else if (!navigator.onLine && (form.getAttribute("method") || "").toLowerCase() === "post") {
      event.preventDefault();
      showOfflineNotes();
    }
  });
  // Back online on a signed-in page: if her session ended meanwhile (signed out on another
  // device, timed out, account closed), forget the pages kept here and reload, which takes
  // her to sign in.
  function checkSession() {
    if (!document.querySelector(".nhsuk-header__account-form")) { return; }
    fetch("/session", { credentials: "same-origin", cache: "no-store" }).then(function (answer) {
      if (answer.status === 401) {
        clearSavedPages().then(function () { window.location.reload(); });
      }
    }).catch(function () { /* still offline after all: try at the next "online" */ });
  }

  window.addEventListener("offline", showOfflineNotes);
  window.addEventListener("online", hideOfflineNotes);
  window.addEventListener("online", checkSession);
  if (!navigator.onLine) { showOfflineNotes(); }

  if (!("serviceWorker" in navigator)) { return; }

  var updateAccepted = false;

  function offerUpdate(worker) {
    if (document.querySelector(".app-update")) { return; }
    var box = document.createElement("div");
    box.className = "nhsuk-inset-text app-update";
    box.setAttribute("role", "status");
    var text = document.createElement("p");
    text.textContent = "A new version of this app is ready.";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "nhsuk-button nhsuk-button--secondary";
    button.textContent = "Refresh to update";
    button.addEventListener("click", function () {
      updateAccepted = true;
      button.disabled = true;
      worker.postMessage({ type: "SKIP_WAITING" });
    });
    box.appendChild(text);
    box.appendChild(button);
    var main = document.getElementById("maincontent") || document.body;
    main.insertBefore(box, main.firstChild);
  }

  navigator.serviceWorker.addEventListener("controllerchange", function () {
    if (updateAccepted) { window.location.reload(); }
  });

  navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function (registration) {
    if (registration.waiting && navigator.serviceWorker.controller) {
      offerUpdate(registration.waiting);
    }
    registration.addEventListener("updatefound", function () {
      var worker = registration.installing;
      if (!worker) { return; }
      worker.addEventListener("statechange", function () {
        if (worker.state === "installed" && navigator.serviceWorker.controller) {
          offerUpdate(worker);
        }
      });
    });
  }).catch(function () { /* the site still works without it */ });
})();
