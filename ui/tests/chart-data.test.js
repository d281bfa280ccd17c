import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DAY, chartSeries, summarise, tickLabels, xRange } from '../src/lib/chart-data.js';

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

// Regression: "Mood, last 30 days" spanned Feb 2027 to Aug 2029 (issue 8). uPlot widens a
// one-day x-range by 86400 / 0.001 s = 1,000 days; the chart now always passes its own range.
test('mood chart x-range is the 30-day window, not 1,000 days from a lone point', () => {
  const { x } = chartSeries([{ at: '2026-04-02', value: 6 }]);
  const [from, to] = /** @type {[number, number]} */ (xRange(x, { from: '2026-03-04', to: '2026-04-02' }));
  assert.equal(new Date(from * 1000).toISOString(), '2026-03-04T00:00:00.000Z');
  assert.equal(new Date(to * 1000).toISOString(), '2026-04-03T00:00:00.000Z');
  assert.equal((to - from) / DAY, 30);
});

test('without a window, a lone point gets a week around it and a longer span is kept as it is', () => {
  const lone = chartSeries([{ at: '2026-03-29', value: 12 }]).x;
  assert.deepEqual(xRange(lone)?.map((t) => new Date(t * 1000).toISOString()),
    ['2026-03-26T00:00:00.000Z', '2026-04-02T00:00:00.000Z']);
  const span = chartSeries([{ at: '2026-01-10', value: 9 }, { at: '2026-03-29', value: 14 }]).x;
  assert.deepEqual(xRange(span), [span[0], span[1]]);
  assert.equal(xRange([]), null);
});

test('axis ticks read as day and month, or month and year over long spans', () => {
  // Noon UTC: the same calendar day in any time zone the tests run in.
  const ticks = [Date.parse('2026-03-29T12:00:00Z') / 1000, Date.parse('2026-04-05T12:00:00Z') / 1000];
  assert.deepEqual(tickLabels(ticks, 30 * DAY), ['29 Mar', '5 Apr']);
  assert.deepEqual(tickLabels(ticks, 400 * DAY), ['Mar 2026', 'Apr 2026']);
});
