// A session across the clock change, read on a London computer. Node reads TZ again when it is
// set, and each test file runs in its own process, so this pins only this file's clock zone.
process.env.TZ = 'Europe/London';

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatSpan } from '../src/lib/dates.js';

// Regression (session 14's "Left" 6): the command line said why 01:30–01:20 ends "before" it
// starts; the calendar showed the bare "01:30–01:20".
test('a session during which the clocks go back says so', () => {
  // Sunday 25 October 2026: 02:00 BST becomes 01:00 GMT. 00:30Z is 01:30 BST; 01:20Z is 01:20 GMT.
  assert.equal(formatSpan('2026-10-25T00:30:00Z', '2026-10-25T01:20:00Z'), '01:30–01:20 (the clocks go back an hour during it)');
});

test('a session during which the clocks go forward says so', () => {
  // Sunday 29 March 2026: 01:00 GMT becomes 02:00 BST. 00:30Z is 00:30 GMT; 01:20Z is 02:20 BST.
  assert.equal(formatSpan('2026-03-29T00:30:00Z', '2026-03-29T01:20:00Z'), '00:30–02:20 (the clocks go forward an hour during it)');
});

test('any other session is its two times', () => {
  assert.equal(formatSpan('2026-10-26T10:00:00Z', '2026-10-26T10:50:00Z'), '10:00–10:50');
  assert.equal(formatSpan('2026-10-19T09:00:00Z', '2026-10-19T09:50:00Z'), '10:00–10:50');
});
