// The NHS.UK character count. static/js/app.js loads this on pages with one.
import { CharacterCount, createAll } from "nhsuk-frontend";

createAll(CharacterCount);
