// Radios that reveal a question under the chosen answer (the add-person form), using the
// classes and data-aria-controls that the NHS.UK radios macro renders. nhsuk-frontend
// 10.6.1's own radios script also sets aria-expanded on each radio, which ARIA does not
// allow on a radio (axe reports it as critical), so this does the rest of its work only.
// Without this file every question shows, each with a hint saying whom it is for.
(function () {
  "use strict";
  document.querySelectorAll('[data-module="nhsuk-radios"]').forEach(function (group) {
    var inputs = Array.prototype.slice.call(group.querySelectorAll("input[data-aria-controls]"));
    inputs.forEach(function (input) {
      input.setAttribute("aria-controls", input.getAttribute("data-aria-controls"));
    });
    function sync() {
      inputs.forEach(function (input) {
        var revealed = document.getElementById(input.getAttribute("aria-controls"));
        if (revealed) { revealed.classList.toggle("nhsuk-radios__conditional--hidden", !input.checked); }
      });
    }
    // Choosing one radio unchecks another without an event of its own: sync them all.
    group.addEventListener("change", sync);
    sync();
  });
})();
