// Oracle tests at 00:30 BST on Friday 10 April 2026 (23:30 UTC on the 9th): the hour where a
// screen that takes "today" from UTC instead of the user's day is a day behind. Same seeded
// vault as 08 (cli/src/bin/e2e_seed.rs); "No screens after 23:00" was due on Thursday the 9th.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startAtDashboard } from './lib/flows.js';
import { chart, startSeededApp, steps, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ now: '2026-04-09T23:30:00Z' }));
});
after(() => s?.end());

test('just after midnight the dashboard is already on Friday and lists Thursday\'s step as overdue', async () => {
  assert.deepEqual(await texts(s, '#today-title'), ['Today, Fri, 10 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-panel="today"] li'), ['00:45 · Sam Patel']);
  assert.deepEqual(await texts(s, '[data-panel="overdue-steps"] li'), [
    'Keep a sleep diary (Sleep before midnight, due Mon, 30 Mar 2026)',
    'Ask about a half plot (Back to the allotment, due Tue, 31 Mar 2026)',
    'No screens after 23:00 (Sleep before midnight, due Thu, 9 Apr 2026)',
  ]);
});

test('the mood window moves with the local day: 12 March to 10 April', async () => {
  const mood = await chart(s, 'wk-dashboard-screen wk-line-chart');
  assert.deepEqual([mood.from, mood.to], ['2026-03-12T00:00:00.000Z', '2026-04-11T00:00:00.000Z']);
  assert.deepEqual(mood.drawn, [mood.from, mood.to]);
  assert.deepEqual(mood.rows, [['2026-03-28', '4'], ['2026-03-29', '6'], ['2026-03-31', '6'], ['2026-04-01', '8'], ['2026-04-02', '7']]);
});

// Regression (found by these oracle tests): the goal list took "today" from toISOString(),
// the UTC day, so between midnight and 01:00 BST a step due yesterday was not marked overdue.
test('client goal list marks a step due yesterday overdue just after midnight (regression: UTC today)', async () => {
  await (await s.waitFor('nav a[data-screen="clients"]')).click();
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('wk-goal-list .goal');
  // Steps in the order they were added; a done step is never overdue.
  assert.deepEqual(await steps(s), [[
    'Sleep before midnight active',
    'Keep a sleep diary | Client · due Mon, 30 Mar 2026 | Overdue | todo',
    'No screens after 23:00 | Client · due Thu, 9 Apr 2026 | Overdue | todo',
    'Buy an alarm clock | Client · due Fri, 27 Mar 2026 |  | done',
  ]]);
});
