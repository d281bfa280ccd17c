import { test } from 'node:test';
import assert from 'node:assert/strict';
import { daysAgo, formatDay, isoDay, localDay, localTimestamp, today } from '../src/lib/dates.js';

test('days are local YYYY-MM-DD', () => {
  const d = new Date(2026, 0, 5, 23, 30);
  assert.equal(isoDay(d), '2026-01-05');
  assert.equal(today(d), '2026-01-05');
  assert.equal(daysAgo(5, d), '2025-12-31');
});

test('local timestamps carry the offset and parse back to the same moment', () => {
  const d = new Date(2026, 10, 23, 14, 5, 9);
  const s = localTimestamp(d);
  assert.match(s, /^2026-11-23T14:05:09[+-]\d\d:\d\d$/);
  assert.equal(new Date(s).getTime(), d.getTime());
});

test('formatDay reads a day for people and leaves junk alone', () => {
  assert.match(formatDay('2026-11-23'), /23 Nov 2026/);
  assert.equal(formatDay(''), '');
  assert.equal(formatDay('not a day'), 'not a day');
});

test('localDay is the day where this computer is, not the UTC day of the moment', () => {
  // Whatever zone the tests run in: the local day of a moment is isoDay of that moment.
  const late = new Date(2026, 3, 9, 23, 30);
  assert.equal(localDay(late.toISOString()), '2026-04-09');
  assert.equal(localDay('not a time'), 'not a time');
});

test('formatDay of a moment reads the local day of that moment, not its UTC date', () => {
  const late = new Date(2026, 3, 9, 23, 30);
  assert.equal(formatDay(late.toISOString()), formatDay('2026-04-09'));
  assert.match(formatDay('2026-04-09'), /9 Apr 2026/);
});
