import { test } from 'node:test';
import assert from 'node:assert/strict';
import { flagAge } from '../src/lib/risk-flags.js';

test('a flag’s age counts whole days, across a month end and a clock change', () => {
  assert.deepEqual(flagAge('2026-04-02', '2026-04-02'), { days: 0, text: 'open since today', old: false });
  assert.deepEqual(flagAge('2026-04-01', '2026-04-02'), { days: 1, text: 'open 1 day', old: false });
  // British Summer Time began on 29 March: still whole days.
  assert.deepEqual(flagAge('2026-03-26', '2026-04-02'), { days: 7, text: 'open 7 days', old: false });
});

test('a flag open more than 7 days is marked, in words', () => {
  assert.deepEqual(flagAge('2026-03-25', '2026-04-02'), { days: 8, text: 'open 8 days, over a week', old: true });
  assert.deepEqual(flagAge('2025-12-31', '2026-01-10'), { days: 10, text: 'open 10 days, over a week', old: true });
});
