import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newestOnly } from '../src/lib/newest.js';

/** A request that answers when told to, as two overlapping `listOccurrences` calls may. */
function deferred() {
  /** @type {(v: string) => void} */
  let resolve = () => {};
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

// Regression: the calendar's end-the-series reload (week of 26 Oct) answered after "]" had
// started the week of 2 Nov, and its sessions were shown under "Week of Mon, 2 Nov 2026".
test('an older load that answers last does not fill the view', async () => {
  const loads = newestOnly();
  /** @type {string[]} */
  const shown = [];
  const load = async (/** @type {Promise<string>} */ answer) => {
    const mine = loads();
    const rows = await answer;
    if (mine()) shown.push(rows);
  };
  const older = deferred();
  const newer = deferred();
  const a = load(older.promise);
  const b = load(newer.promise);
  newer.resolve('week of 2 Nov');
  await b;
  older.resolve('week of 26 Oct');
  await a;
  assert.deepEqual(shown, ['week of 2 Nov']);
});

test('loads one after another each fill the view', async () => {
  const loads = newestOnly();
  const first = loads();
  assert.equal(first(), true);
  const second = loads();
  assert.equal(second(), true);
  assert.equal(first(), false);
});
