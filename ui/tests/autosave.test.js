import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createAutosave } from '../src/lib/autosave.js';

const tick = () => new Promise((r) => setImmediate(r));

test('rapid changes coalesce into one save of the newest content', async () => {
  /** @type {unknown[]} */
  const saved = [];
  const saver = createAutosave(async (c) => { saved.push(c); }, { delayMs: 5 });
  saver.change('H');
  saver.change('He');
  saver.change('Hello');
  await new Promise((r) => setTimeout(r, 30));
  assert.deepEqual(saved, ['Hello']);
  assert.equal(saver.dirty, false);
});

test('a change during a save is saved right after it, never lost', async () => {
  /** @type {unknown[]} */
  const saved = [];
  /** @type {(value?: unknown) => void} */
  let release = () => {};
  const saver = createAutosave((c) => {
    saved.push(c);
    return c === 'one' ? new Promise((r) => { release = r; }) : Promise.resolve();
  }, { delayMs: 1 });
  saver.change('one');
  await new Promise((r) => setTimeout(r, 10));
  saver.change('two');
  await new Promise((r) => setTimeout(r, 10));
  assert.deepEqual(saved, ['one'], 'no second save while the first is in flight');
  release();
  await saver.flush();
  assert.deepEqual(saved, ['one', 'two']);
});

test('a failed save keeps the content and reports the error; flush retries it', async () => {
  /** @type {string[]} */
  const statuses = [];
  let fail = true;
  /** @type {unknown[]} */
  const saved = [];
  const saver = createAutosave(async (c) => {
    if (fail) throw new Error('disk full');
    saved.push(c);
  }, { delayMs: 1, onStatus: (s) => statuses.push(s) });
  saver.change('draft');
  await new Promise((r) => setTimeout(r, 10));
  assert.ok(statuses.includes('error'));
  assert.equal(saver.dirty, true);
  fail = false;
  await saver.flush();
  await tick();
  assert.deepEqual(saved, ['draft']);
  assert.equal(statuses.at(-1), 'saved');
});

// Regression (found by tests/e2e/13-rollback-choices.test.js): a failed save was retried every
// `delayMs` forever, so text refused by a vault opened read-only was saved later, unseen, once
// the vault was opened for writing.
test('a failed save is not retried on a timer, only by the next change or flush', async () => {
  let attempts = 0;
  const saver = createAutosave(async () => {
    attempts += 1;
    // Refused a few times, then accepted: a retry loop, if there were one, ends.
    if (attempts <= 3) throw new Error('read-only');
  }, { delayMs: 1 });
  saver.change('draft');
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(attempts, 1, 'one attempt, no retry loop');
  assert.equal(saver.dirty, true, 'the content is kept');
  saver.change('draft, edited');
  await new Promise((r) => setTimeout(r, 30));
  assert.equal(attempts, 2, 'the next change tries again');
});
