// Progressive enhancement only: every page works without this file.
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
