// The print button of the activation code page (templates/staff/code.html). It is hidden
// until this script shows it: without JavaScript the browser's own print still works.
(function () {
  "use strict";
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
