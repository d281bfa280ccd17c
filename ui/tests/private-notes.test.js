import { test } from 'node:test';
import assert from 'node:assert/strict';
import { privateNoteWarning } from '../src/lib/private-notes.js';

test('the warning names the export the private note leaves with (the core says the same words)', () => {
  assert.equal(privateNoteWarning(false), 'This private note will leave the vault as part of the client record export. It is not part of the record.');
  assert.equal(privateNoteWarning(true), 'This private note will leave the vault as part of the right-of-access export. It is not part of the record.');
});
