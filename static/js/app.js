// Progressive enhancement only: every page works without this file. It is the one script
// every page loads (templates/base.html), in three parts that stand alone: the page itself,
// the installable app, and the warning before an idle staff or peer worker page signs out.

// The page: focus on the error summary, and the NHS.UK component scripts a page needs.
(function () {
  "use strict";
  // Move focus to the error summary so screen reader users hear what went wrong.
  var summary = document.querySelector(".nhsuk-error-summary");
  if (summary) {
    summary.setAttribute("tabindex", "-1");
    summary.focus();
  }
  // The NHS.UK components that need a script load only on the pages that have one, so
  // other pages stay light: the password input's Show button at once, the character
  // count when she first goes into its box (until then its hint says the limit).
  var here = document.currentScript.src;
  function load(name) {
    import(new URL("nhsuk-" + name + ".js", here).href);
  }
  if (document.querySelector('[data-module="nhsuk-password-input"]')) load("password-input");
  var counts = document.querySelectorAll('[data-module="nhsuk-character-count"]');
  function loadCount() {
    counts.forEach(function (count) { count.removeEventListener("focusin", loadCount); });
    load("character-count");
  }
  counts.forEach(function (count) { count.addEventListener("focusin", loadCount); });
})();

// The installable app, in the page: registers the service worker, offers a new version
// ("Refresh to update"), forgets saved pages at sign-out and when the phone comes back
// online to a session that ended, and says when a form cannot be sent because the phone
// is offline.
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

// The warning a minute before a staff or peer worker page is signed out for being idle
// (templates/partials/idle_warning.html, only on their pages: elsewhere this part does
// nothing). "Stay signed in" renews the server's idle clock; when the time is up the page
// goes to the sign-in page, which says why, so that a shared ward PC does not keep showing
// people's details. The server ends the session either way.
(function () {
  "use strict";
  var dialog = document.getElementById("idle-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }

  var WARNING_SECONDS = 60;
  var SPOKEN_EVERY = 20; // a screen reader hears the time left this often, not every second
  var countdown = dialog.querySelector(".app-idle-warning__countdown");
  var spoken = dialog.querySelector(".app-idle-warning__spoken");
  var stay = dialog.querySelector(".app-idle-warning__stay");
  var deadline;

  function startClock(secondsLeft) { deadline = Date.now() + secondsLeft * 1000; }

  function inWords(seconds) {
    if (seconds >= 60) { return "1\u00a0minute"; }
    return seconds + (seconds === 1 ? "\u00a0second" : "\u00a0seconds");
  }

  function sentence(seconds) {
    return "To keep people's details safe, we will sign you out in " + inWords(seconds) + ".";
  }

  function goToSignIn() {
    clearInterval(timer);
    window.location.assign(dialog.getAttribute("data-sign-in"));
  }

  function tick() {
    var left = Math.ceil((deadline - Date.now()) / 1000);
    if (left <= 0) { goToSignIn(); return; }
    if (left > WARNING_SECONDS) { return; }
    countdown.textContent = inWords(left);
    if (!dialog.open) {
      spoken.textContent = sentence(left);
      dialog.showModal();
    } else if (left % SPOKEN_EVERY === 0) {
      spoken.textContent = sentence(left);
    }
  }

  stay.addEventListener("submit", function (event) {
    event.preventDefault();
    fetch(stay.action, {
      method: "POST", body: new FormData(stay), credentials: "same-origin", redirect: "manual"
    }).then(function (response) {
      if (!response.ok) { goToSignIn(); return; }
      return response.json().then(function (answer) {
        startClock(answer.seconds_left);
        if (dialog.open) { dialog.close(); }
      });
    }).catch(function () {}); // offline: the warning shows again, and she can try again
  });
  // Escape closes the dialog: that means "Stay signed in" too.
  dialog.addEventListener("cancel", function () { stay.requestSubmit(); });

  startClock(Number(dialog.getAttribute("data-seconds-left")));
  var timer = setInterval(tick, 1000);
})();
