import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chartSeries, summarise } from '../src/lib/chart-data.js';

test('points are sorted by time, dates become noon UTC, bad rows are dropped', () => {
  const { x, y } = chartSeries([
    { at: '2026-11-21', value: 4 },
    { at: '2026-11-20T08:30:00Z', value: 6 },
    { at: 'not a date', value: 3 },
    { at: '2026-11-22', value: Number.NaN },
  ]);
  assert.deepEqual(y, [6, 4]);
  assert.equal(x[0], Date.parse('2026-11-20T08:30:00Z') / 1000);
  assert.equal(x[1], Date.parse('2026-11-21T12:00:00Z') / 1000);
});

test('the summary names the range, the latest, lowest and highest values', () => {
  assert.equal(
    summarise('Mood', [{ at: '2026-11-20', value: 6 }, { at: '2026-11-18', value: 4 }, { at: '2026-11-19', value: 7 }]),
    'Mood: 3 entries from 2026-11-18 to 2026-11-20; latest 6, lowest 4, highest 7.',
  );
  assert.equal(summarise('PHQ-9', []), 'PHQ-9: nothing recorded yet.');
  assert.match(summarise('PHQ-9', [{ at: '2026-11-20', value: 12 }]), /1 entry/);
});
