// The NHS.UK password input's Show button. static/js/app.js loads this on pages with one.
import { PasswordInput, createAll } from "nhsuk-frontend";

createAll(PasswordInput);
