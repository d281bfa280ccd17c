// Oracle tests, part two: the trash, global search and the mentor's own record on the seeded
// vault of 08 (cli/src/bin/e2e_seed.rs), with the clock pinned to Thursday 2 April 2026 09:30 in
// London. Each assertion is the exact text a person reads for that known data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot } from './lib/app.js';
import { openScreen, startAtDashboard } from './lib/flows.js';
import { cells, startSeededApp, steps, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp());
});
after(() => s?.end());

test('trash: what was deleted, its date and when, newest first', async () => {
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item]');
  // Both were deleted while seeding, seconds after 09:30 BST on the test clock.
  assert.deepEqual(await texts(s, '[data-trash-item] > p'), [
    'Journal entry · Too raw to keep',
    'Mon, 30 Mar 2026 · deleted Thu, 2 Apr 2026 at 09:30',
    'Client · Casey Byrne',
    'Mon, 12 Jan 2026 · deleted Thu, 2 Apr 2026 at 09:30',
  ]);
  await screenshot(s, 'oracle-trash');
});

test('search: "allotment" finds the goal, the session note and the journal entry, not the trash', async () => {
  await s.press({ key: 'k', ctrl: true });
  const box = await s.waitFor('#global-search');
  await box.clear();
  await box.type('allotment');
  await s.press({ key: '\uE007' });
  await s.waitFor('#search-title', { text: 'allotment' });
  await s.waitFor('[data-summary]', { text: 'match' });
  assert.deepEqual(await texts(s, '[data-summary]'), ['3 matches, best first.']);
  // The order among them is the search engine's ranking; what each hit says is fixed.
  const hits = await texts(s, '[data-hit] > span:first-child');
  assert.deepEqual([...hits].sort(), [
    'Goal Back to the allotment Thu, 2 Apr 2026',
    'Journal entry April already Wed, 1 Apr 2026',
    'Session note Session with Sam Patel Fri, 27 Mar 2026',
  ]);
  await screenshot(s, 'oracle-search');
});

test('my record: CPD hours over the last 12 months, credentials by renewal date, training', async () => {
  await openScreen(s, 'my-record');
  await s.waitFor('[data-cpd]', { text: 'CPD' });
  assert.deepEqual(await texts(s, '[data-cpd]'), ['CPD in the last 12 months: 6.5 hours.']);
  // Each section loads on its own: wait until none still says "Loading…".
  await s.waitFor('section[aria-labelledby="credentials-heading"] .record-section__item');
  await s.waitFor('section[aria-labelledby="training-heading"] .record-section__item');
  await s.waitFor('section[aria-labelledby="supervision-heading"] li', { text: 'Nothing' });
  assert.deepEqual(await cells(s, 'section[aria-labelledby="credentials-heading"] .record-section__item'), [
    ['DBS check', 'Disclosure and Barring Service · valid until Fri, 20 Mar 2026'],
    ['Mental Health First Aid', 'MHFA England · valid until Fri, 15 May 2026'],
    ['Coaching diploma', 'Open College · valid until Wed, 30 Jun 2027'],
  ]);
  assert.deepEqual(await cells(s, 'section[aria-labelledby="training-heading"] .record-section__item'), [
    ['Suicide awareness', 'Zero Suicide Alliance · Tue, 10 Mar 2026 · 6.5 h'],
  ]);
  assert.deepEqual(await texts(s, 'section[aria-labelledby="supervision-heading"] li'), ['Nothing recorded yet.']);
});

test('my goals: the mentor\'s own goal only, not the clients\'', async () => {
  await openScreen(s, 'my-goals');
  await s.waitFor('wk-goal-list .goal');
  assert.deepEqual(await steps(s), [['Finish the CPD log active']]);
});

test('consent and disclosures: Jo\'s consents newest first and what was shared under them', async () => {
  await openScreen(s, 'consent');
  await s.waitFor('#consent-client option');
  await s.execute(`const select = document.querySelector('#consent-client');
    select.value = [...select.options].find((o) => o.textContent === 'Jo').value;
    select.dispatchEvent(new Event('change'));`);
  await s.waitFor('section[aria-labelledby="consents-heading"] .record-section__item:nth-child(2)');
  await s.waitFor('section[aria-labelledby="disclosures-heading"] .record-section__item');
  assert.deepEqual(await cells(s, 'section[aria-labelledby="consents-heading"] .record-section__item'), [
    // Since issue 13: each consent's basis and the disclosures that relied on it.
    ['Sharing with Talking Therapies', 'Given Fri, 20 Mar 2026 · in force', 'Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent',
      'Relied on by 1 disclosure', 'Fri, 20 Mar 2026: Referral letter, to Steps2Wellbeing Talking Therapies'],
    ['Letters to the GP', 'Given Mon, 12 Jan 2026 · expires Thu, 31 Dec 2026 · in force', 'Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent',
      'Relied on by no disclosures'],
  ]);
  assert.deepEqual(await cells(s, 'section[aria-labelledby="disclosures-heading"] .record-section__item'), [
    ['Referral letter', 'to Steps2Wellbeing Talking Therapies, Fri, 20 Mar 2026', 'With consent: Sharing with Talking Therapies'],
  ]);
});

test('referrals: each client\'s referral with its reason, status, date and follow-up', async () => {
  await openScreen(s, 'referrals');
  await s.waitFor('section[aria-labelledby="referrals-heading"] .record-section__item');
  await s.waitFor('section[aria-labelledby="resources-heading"] li', { text: 'library' });
  // Clients in name order (Alex has none), each client's referrals newest first.
  assert.deepEqual(await cells(s, 'section[aria-labelledby="referrals-heading"] .record-section__item'), [
    ['Jo → Steps2Wellbeing Talking Therapies', 'Low mood and poor sleep', 'Sent · Fri, 20 Mar 2026 · follow up Wed, 1 Apr 2026'],
    ['Sam Patel → Citizens Advice', 'Debt worries', 'Sent · Fri, 20 Mar 2026 · follow up Mon, 20 Apr 2026'],
  ]);
  assert.deepEqual(await texts(s, 'section[aria-labelledby="resources-heading"] li'), ['The library is empty.']);
});

test('received items: what the owner\'s own mentor shared, from whom and when', async () => {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-homework]');
  assert.deepEqual(await texts(s, '[data-from-mentor] h3'), ['Homework', 'Resources']);
  assert.deepEqual(await cells(s, '[data-received-homework]'), [[
    'Notice one good moment a day',
    'From Dr. Morgan Hale, received 2026-04-02',
    'Before bed, write one line about a moment that went well.',
    'Due 2026-04-09',
    // Homework can become one of the owner's goals (issue 8); this one is not filed yet.
    'Add to my goals',
  ]]);
  assert.deepEqual(await cells(s, '[data-received-resource]'), [[
    'Sleep and the clocks changing',
    'From Dr. Morgan Hale, received 2026-04-02',
    'Why the first week of summer time feels short, and what helps.',
    'Link (copy it into your browser): https://example.org/sleep-and-dst',
  ]]);
});
