// The NHS.UK frontend components whose behaviour needs a script: the password input's
// Show button and the character count. Each is initialised only where its markup is.
import { CharacterCount, PasswordInput, createAll } from "nhsuk-frontend";

createAll(PasswordInput);
createAll(CharacterCount);
