import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextReviewText, progressText, renewalText } from '../src/lib/due.js';

/** @param {'todo'|'doing'|'done'|'skipped'} status @param {number} progress */
const step = (status, progress) => /** @type {import('../src/api.js').ActionStep} */ ({ status, progress });
/** @param {import('../src/api.js').ActionStep[]} steps */
const goal = (steps) => /** @type {import('../src/api.js').Goal} */ (/** @type {unknown} */ ({ steps }));

test('progress is the mean of the steps not skipped, in whole percent, with the count', () => {
  assert.equal(progressText(goal([])), 'Progress: no steps yet');
  assert.equal(progressText(goal([step('skipped', 0)])), 'Progress: no steps yet');
  assert.equal(progressText(goal([step('todo', 0), step('todo', 0), step('done', 100)])), 'Progress: 33% across 3 steps');
  assert.equal(progressText(goal([step('doing', 50), step('skipped', 0)])), 'Progress: 50% across 1 step');
});

test('the next review says when it is due or overdue, in calendar days', () => {
  assert.equal(nextReviewText(null, '2026-04-02'), 'No review planned.');
  assert.equal(nextReviewText('2026-04-02', '2026-04-02'), 'Next review: Thu, 2 Apr 2026, due today');
  assert.equal(nextReviewText('2026-03-28', '2026-04-02'), 'Next review: Sat, 28 Mar 2026, overdue 5 days');
  assert.equal(nextReviewText('2026-04-01', '2026-04-02'), 'Next review: Wed, 1 Apr 2026, overdue 1 day');
  assert.equal(nextReviewText('2026-04-16', '2026-04-02'), 'Next review: Thu, 16 Apr 2026');
});

test('a credential says how long ago it expired or how many days are left', () => {
  assert.equal(renewalText('2026-03-20', '2026-04-02'), 'expired Fri, 20 Mar 2026, 13 days ago');
  assert.equal(renewalText('2026-04-01', '2026-04-02'), 'expired Wed, 1 Apr 2026, 1 day ago');
  assert.equal(renewalText('2026-04-02', '2026-04-02'), 'expires Thu, 2 Apr 2026, last day today');
  assert.equal(renewalText('2026-04-03', '2026-04-02'), 'expires Fri, 3 Apr 2026, 1 day left');
  assert.equal(renewalText('2026-05-15', '2026-04-02'), 'expires Fri, 15 May 2026, 43 days left');
});
