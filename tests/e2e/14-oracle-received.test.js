// Oracle tests near midnight in a zone behind UTC: Thursday 9 April 2026, 23:30 in New York
// (03:30 UTC on Friday the 10th). The seeded vault (src/bin/e2e_seed.rs, `--scenario
// client-tools`) imports what the owner's mentor and what Jo shared, saves the safety plan,
// finalises a note and deletes to the trash at that moment: each must read Thursday the 9th.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { openScreen, startAtDashboard } from './lib/flows.js';
import { cells, startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ now: '2026-04-10T03:30:00Z', tz: 'America/New_York', scenario: 'client-tools' }));
  await openScreen(s, 'open-share');
});
after(() => s?.end());

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

// Regression (issue 8, found by these tests): formatDay() of a moment took its first ten
// characters, the UTC date, so everything saved, deleted or finalised late in the evening in a
// zone behind UTC read as the next day, beside a time that said 23:30.
test('trash: deleted at 23:30 reads today, the day beside its time (regression: UTC day of a moment)', async () => {
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item]');
  assert.deepEqual(await texts(s, '[data-trash-item] > p'), [
    'Journal entry · Too raw to keep',
    'Mon, 30 Mar 2026 · deleted Thu, 9 Apr 2026 at 23:30',
    'Client · Casey Byrne',
    'Mon, 12 Jan 2026 · deleted Thu, 9 Apr 2026 at 23:30',
  ]);
});

test('my safety plan saved at 23:30 reads saved today (regression: UTC day of a moment)', async () => {
  await openScreen(s, 'safety-plan');
  await s.waitFor('#plan-title', { text: 'My safety plan' });
  assert.deepEqual(await texts(s, '.screen__lead'), [
    'Write it when things are calm, in your own words, so it is ready when things are hard. Version 1, saved Thu, 9 Apr 2026.',
  ]);
});

test('Jo\'s safety plan and a session note, saved and finalised at 23:30, read today (regression: UTC day of a moment)', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  assert.deepEqual(await s.execute(`const h = [...document.querySelectorAll('.client__subtitle')].find((e) => e.textContent === 'Safety plan');
    return h.nextElementSibling.textContent.trim();`), 'Version 1, saved Thu, 9 Apr 2026.');
  await s.waitFor('[data-notes] li:nth-child(2) [data-note]', { text: 'Finalised' });
  await s.execute("[...document.querySelectorAll('[data-note]')].find((b) => b.textContent.includes('Finalised')).click()");
  await s.waitFor('#note-title');
  assert.deepEqual(await texts(s, '#note-title'), ['Session note · Jo (Jordan Rivers)']);
  assert.deepEqual(await texts(s, 'wk-note-screen .notice'), [
    'Finalised Thu, 9 Apr 2026. The note is read-only; add an addendum to correct or add to it.',
  ]);
});
