// Oracle tests for received items near midnight in a zone behind UTC: Thursday 9 April 2026,
// 23:30 in New York (03:30 UTC on Friday the 10th). The seeded vault (src/bin/e2e_seed.rs,
// `--scenario client-tools`) imports what the owner's mentor and what Jo shared at that moment.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { waitForDashboard } from './lib/flows.js';
import { cells, startSeededApp } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startSeededApp({ now: '2026-04-10T03:30:00Z', tz: 'America/New_York', scenario: 'client-tools' });
  await waitForDashboard(s);
  const link = await s.waitFor('nav a[data-screen="open-share"]');
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', ['nav a[data-screen="open-share"]']);
  await link.click();
  await s.waitFor('nav a[data-screen="open-share"][aria-current="page"]');
});
after(async () => {
  await s?.end();
});

// Regression (issue 8): "received" was the UTC date of `received_at`, so an item received at
// 23:30 in New York said it arrived tomorrow.
test('from my mentor: received at 23:30 local shows today, not the UTC tomorrow (regression: UTC date of received_at)', async () => {
  await s.waitFor('[data-received-homework]');
  assert.deepEqual(await cells(s, '[data-received-homework]'), [[
    'Notice one good moment a day',
    'From Dr. Morgan Hale, received 2026-04-09',
    'Before bed, write one line about a moment that went well.',
    'Due 2026-04-09',
    'Add to my goals',
  ]]);
  assert.deepEqual(await cells(s, '[data-received-resource]'), [[
    'Sleep and the clocks changing',
    'From Dr. Morgan Hale, received 2026-04-09',
    'Why the first week of summer time feels short, and what helps.',
    'Link (copy it into your browser): https://example.org/sleep-and-dst',
  ]]);
});

test('shared by your clients: received at 23:30 local shows today, not the UTC tomorrow (regression: UTC date of received_at)', async () => {
  await s.waitFor('[data-received-items] li');
  assert.deepEqual(await cells(s, '[data-received-items] li'), [
    ['journal entry', 'Slept with the phone downstairs', 'received 2026-04-09', 'Fell asleep before midnight for the first time this month.'],
    // 00:30 BST on 2 April is 19:30 on 1 April in New York.
    ['mood check-in', 'Mood 2 of 5 on 2026-04-01', 'received 2026-04-09', 'Woke up and could not get back to sleep.'],
    ['thought record', 'Boss asked to see me at four', 'received 2026-04-09', 'It is probably about the rota.'],
  ]);
});
