// Oracle tests, part three: the owner's own self-help tools (thought records, the activity log,
// three good things, the coping toolbox) and what a client shared with them, on the seeded
// vault with `--scenario client-tools` (src/bin/e2e_seed.rs), the clock pinned to Thursday
// 2 April 2026 09:30 in London. Each assertion is the exact text a person reads.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './lib/app.js';
import { openScreen, startAtDashboard } from './lib/flows.js';
import { cells, startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'client-tools' }));
});
after(() => s?.end());

test('thought records: newest first, with the balanced thought when there is one', async () => {
  await openScreen(s, 'thought-record');
  await s.waitFor('[data-recent] li.record-list__item');
  assert.deepEqual(await cells(s, '[data-recent] li'), [
    ['Wed, 1 Apr 2026', 'Quiet in the supervision group'],
    ['Mon, 30 Mar 2026', 'Missed the bus to the allotment', 'Balanced: Buses are late for everyone; one missed bus is not a wasted day.'],
  ]);
  await screenshot(s, 'oracle-thought-records');
});

test('activity log: newest first, the local day and time of each, status and ratings', async () => {
  await openScreen(s, 'activation');
  await s.waitFor('[data-recent] li.record-list__item');
  assert.deepEqual(await cells(s, '[data-recent] li'), [
    ['Call Mum', 'Fri, 3 Apr 2026 18:00 · Planned'],
    ['Swim', 'Tue, 31 Mar 2026 07:00 · Skipped'],
    // 23:30 BST is 22:30 UTC: still Sunday where the user is.
    ['Dig the allotment bed', 'Sun, 29 Mar 2026 23:30 · Done · mastery 8 · pleasure 6'],
    // 23:30 GMT, the last evening before the clocks went forward.
    ['Walk by the river', 'Sat, 28 Mar 2026 23:30 · Done · mastery 3 · pleasure 7'],
  ]);
});

test('three good things: each day newest first with its things and why', async () => {
  await openScreen(s, 'gratitude');
  await s.waitFor('.record-section__item');
  assert.deepEqual(await texts(s, '.record-section__item > strong'), ['Wed, 1 Apr 2026', 'Tue, 31 Mar 2026']);
  assert.deepEqual(await s.execute(`return [...document.querySelectorAll('.record-section__item')]
    .map((item) => [...item.querySelectorAll('li')].map((li) => li.textContent.replace(/\\s+/g, ' ').trim()))`), [
    ['A long call with Mum — We laughed about the clocks', 'Finished the CPD reading', 'Slept eight hours — Phone stayed downstairs'],
    ['Sun on the river — I went out at lunch', 'Sam\'s seedlings came up — He watered them'],
  ]);
});

test('coping toolbox: my strategies most helpful first, how often used, and the ideas not yet added', async () => {
  await openScreen(s, 'coping');
  await s.waitFor('.coping__item');
  assert.deepEqual(await s.execute(`return [...document.querySelectorAll('.coping__item')]
    .map((item) => [...item.querySelectorAll(':scope > strong, :scope > span.muted')].map((e) => e.textContent.trim()))`), [
    ['Cold water on my face', 'Splash cold water, breathe out slowly.', 'Used 2 times · helps 4/5'],
    ['Box breathing', 'Breathe in for 4, hold for 4, out for 4, hold for 4. Repeat four times.', 'Used 0 times'],
    ['Text Sam', '', 'Used 1 time'],
  ]);
  const ideas = await texts(s, 'section[aria-labelledby="ideas-title"] li > strong');
  assert.ok(!ideas.includes('Box breathing'), 'an idea already in the toolbox is not offered again');
  assert.ok(ideas.includes('A warm drink'), `ideas: ${ideas}`);
  await screenshot(s, 'oracle-coping');
});

// Regression (issue 8, found by this test): a shared mood check-in was titled with the UTC day
// it was recorded, so Jo's check-in at 00:30 BST on 2 April read "on 2026-04-01".
test('shared by your clients: what Jo shared, each with its kind, title, local dates and text (regression: UTC day of a check-in)', async () => {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-items] li');
  assert.deepEqual(await texts(s, '#received-client option'), ['Jo']);
  assert.deepEqual(await cells(s, '[data-received-items] li'), [
    ['journal entry', 'Slept with the phone downstairs', 'received 2026-04-02', 'Fell asleep before midnight for the first time this month.'],
    ['mood check-in', 'Mood 2 of 5 on 2026-04-02', 'received 2026-04-02', 'Woke up and could not get back to sleep.'],
    ['thought record', 'Boss asked to see me at four', 'received 2026-04-02', 'It is probably about the rota.'],
  ]);
  await screenshot(s, 'oracle-shared-by-clients');
});

test('my safety plan: its version, the day it was saved and every item in its section', async () => {
  await openScreen(s, 'safety-plan');
  await s.waitFor('#plan-title', { text: 'My safety plan' });
  assert.deepEqual(await texts(s, '.screen__lead'), [
    'Write it when things are calm, in your own words, so it is ready when things are hard. Version 1, saved Thu, 2 Apr 2026.',
  ]);
  // Every filled field: section, row, text or phone, value (the spare rows stay empty).
  assert.deepEqual(await s.execute(`return [...document.querySelectorAll('[data-plan] input[data-section]')]
    .filter((i) => i.value).map((i) => [i.dataset.section, i.dataset.row, i.dataset.part, i.value].join(' | '))`), [
    'warning_signs | 0 | text | Not sleeping',
    'warning_signs | 1 | text | Skipping meals',
    'internal_coping | 0 | text | Cold water on my face',
    'people_to_ask_for_help | 0 | text | Mum',
    'people_to_ask_for_help | 0 | contact | 07700 900123',
    'reasons_for_living | 0 | text | The allotment in summer',
  ]);
});

test('share from my journal: every entry, mood check-in and thought record to choose from, with its local day', async () => {
  await openScreen(s, 'share');
  await s.waitFor('[data-group="mood_checkins"] label');
  assert.deepEqual(await texts(s, '#share-contact option'), ['Dr. Morgan Hale', 'Jordan Rivers']);
  assert.deepEqual(await texts(s, '[data-group="journal_entries"] label'), [
    'Wed, 1 Apr 2026 · April already',
    'Tue, 31 Mar 2026 · Last day of March',
    'Sun, 29 Mar 2026 · The clocks went forward',
  ]);
  // Newest first; 23:30 BST on the 29th is still the 29th, 23:30 GMT on the 28th the 28th.
  assert.deepEqual(await texts(s, '[data-group="mood_checkins"] label'), [
    'Thu, 2 Apr 2026 · mood 7 of 10',
    'Wed, 1 Apr 2026 · mood 8 of 10',
    'Tue, 31 Mar 2026 · mood 7 of 10',
    'Tue, 31 Mar 2026 · mood 5 of 10',
    'Sun, 29 Mar 2026 · mood 6 of 10',
    'Sat, 28 Mar 2026 · mood 4 of 10',
    'Tue, 3 Mar 2026 · mood 7 of 10',
  ]);
  assert.deepEqual(await texts(s, '[data-group="thought_records"] label'), [
    'Wed, 1 Apr 2026 · Quiet in the supervision group',
    'Mon, 30 Mar 2026 · Missed the bus to the allotment',
  ]);
  // The owner has taken no measure of their own; Jo's PHQ-9s are a client's, not theirs to share.
  assert.deepEqual(await texts(s, '[data-group="scores"] p'), ['None yet.']);
});

test('share as a mentor: Jo\'s action plans with their step counts, the library, her safety plan', async () => {
  // Still on the share screen: switch sides and pick Jo, as a person would.
  await s.execute(`const side = document.querySelector('input[name="side"][value="from_mentor"]');
    side.checked = true;
    side.dispatchEvent(new Event('change', { bubbles: true }));`);
  await s.waitFor('#share-client option');
  assert.deepEqual(await texts(s, '#share-client option'), ['Alex Morgan', 'Jo', 'Sam Patel']);
  await s.execute(`const select = document.querySelector('#share-client');
    select.value = [...select.options].find((o) => o.textContent === 'Jo').value;
    select.dispatchEvent(new Event('change'));`);
  await s.waitFor('[data-group="action_plans"] label', { text: 'Sleep before midnight' });
  assert.deepEqual(await texts(s, '[data-group="action_plans"] label'), ['Sleep before midnight (3 steps)']);
  // The library by category, then title.
  assert.deepEqual(await texts(s, '[data-group="resources"] label'), ['Local walking groups', 'Sleep hygiene leaflet']);
  assert.deepEqual(await texts(s, '[data-client-items] fieldset:last-child label'), ['This client’s current safety plan (version 1)']);
});

test('sharing & contacts: the name on my card, my two contacts, and Jo\'s record linked', async () => {
  await openScreen(s, 'exchange');
  await s.waitFor('[data-contact-list] li');
  await s.waitFor('#link-client option');
  assert.equal(await s.execute("return document.querySelector('#exchange-name').value"), 'Riley Shaw');
  assert.deepEqual(await texts(s, '[data-contact-list] li strong'), ['Dr. Morgan Hale · my mentor', 'Jordan Rivers · my client']);
  // Fingerprints come from keys made fresh at every seeding: each is shown, and they differ.
  const prints = await texts(s, '[data-contact-list] li .mono');
  assert.equal(prints.length, 2);
  assert.notEqual(prints[0], prints[1]);
  assert.deepEqual(await texts(s, '#link-client option'), ['Alex Morgan', 'Jo (linked)', 'Sam Patel']);
  assert.deepEqual(await texts(s, '#link-contact option'), ['Not linked', 'Dr. Morgan Hale', 'Jordan Rivers']);
});

test('referrals & resources: the library by category with its links and notes', async () => {
  await openScreen(s, 'referrals');
  await s.waitFor('section[aria-labelledby="resources-heading"] .record-section__item');
  assert.deepEqual(await cells(s, 'section[aria-labelledby="resources-heading"] .record-section__item'), [
    ['Local walking groups', 'Tuesdays and Saturdays, from the library.'],
    ['Sleep hygiene leaflet', 'https://example.org/sleep-hygiene', 'Ten habits for better sleep.'],
  ]);
});

test('my record: supervision with its day, supervisor, notes and actions', async () => {
  await openScreen(s, 'my-record');
  await s.waitFor('section[aria-labelledby="supervision-heading"] .record-section__item');
  assert.deepEqual(await cells(s, 'section[aria-labelledby="supervision-heading"] .record-section__item'), [
    ['Wed, 25 Mar 2026 · Dr. Ann Lee', 'Talked through Jo\'s sleep and Sam\'s risk.', 'Actions: Review Jo\'s sleep plan'],
  ]);
});

test('client overview: Jo\'s safety plan version and the day it was saved', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  assert.deepEqual(await s.execute(`const h = [...document.querySelectorAll('.client__subtitle')].find((e) => e.textContent === 'Safety plan');
    return h.nextElementSibling.textContent.trim();`), 'Version 1, saved Thu, 2 Apr 2026.');
});

test('from my mentor: homework, resources and the action plan, each step with whose, status and date', async () => {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-action-plan]');
  assert.deepEqual(await texts(s, '[data-from-mentor] h3'), ['Homework', 'Resources', 'Action plans']);
  assert.deepEqual(await texts(s, '[data-received-action-plan] > :not(ol)'), [
    'Wind down before bed',
    'From Dr. Morgan Hale, received 2026-04-02',
    'Goal: Asleep by midnight on work nights',
    'Add to my goals',
  ]);
  assert.deepEqual(await texts(s, '[data-received-action-plan] ol > li'), [
    'Phone downstairs at ten (you; under way; by 2026-04-06)',
    'Check in about sleep next session (your mentor; not started)',
  ]);
  assert.deepEqual(await texts(s, '[data-received-homework] h4, [data-received-resource] h4'), [
    'Notice one good moment a day',
    'Sleep and the clocks changing',
  ]);
});
