// NHS.UK radios with conditionally revealed questions (the add-person form): nhsuk-frontend's
// own script, bundled alone. Without it every question shows, each with a hint saying whom
// it is for.
import { initRadios } from "nhsuk-frontend";

initRadios();
