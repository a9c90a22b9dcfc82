// The warning a minute before a staff or peer worker page is signed out for being idle
// (templates/partials/idle_warning.html). "Stay signed in" renews the server's idle clock;
// when the time is up the page goes to the sign-in page, which says why, so that a shared
// ward PC does not keep showing people's details. The server ends the session either way.
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
