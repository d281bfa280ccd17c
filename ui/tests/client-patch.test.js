import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { CLIENT_FORM_FIELDS, clientPatch } from '../src/lib/client-patch.js';

// The same file is the input of tests/practice_clients.rs's partial-update test, which sends
// this exact patch to the core: what the form sends is what the core is shown to accept.
const fixture = JSON.parse(readFileSync(new URL('../../tests/fixtures/ui/client-edit-form.json', import.meta.url), 'utf8'));

// Regression (issue 8): the form sent every field of the client back, so a field it does not
// show would be wiped by a save. It now sends only the fields it shows.
test('the client edit form sends only the fields it shows', () => {
  assert.deepEqual(Object.keys(fixture.form).sort(), [...CLIENT_FORM_FIELDS].sort());
  assert.deepEqual(clientPatch(fixture.form), fixture.patch);
  for (const unknown of ['date_of_birth', 'emergency_contact', 'cultural_needs', 'access_needs', 'start_date', 'end_date', 'tags']) {
    assert.equal(unknown in clientPatch(fixture.form), false, `${unknown} is not sent`);
  }
  assert.equal('address' in (clientPatch(fixture.form).contact ?? {}), false, 'the address is not sent');
});
