// Oracle tests for goals, notes, consent and referrals (issue 11, deliverables 4 and 5): the
// fixture of 08 plus goal review days, a review and a note saved twice (`--scenario goals-notes`,
// cli/src/bin/e2e_seed.rs), the clock pinned to Thursday 2 April 2026 09:30 in London.
// The dashboard's exact lines for goals to review, referral follow-ups and credentials to renew;
// a goal reviewed leaves the panel; a goal's status, progress and reviews; a note linked to a goal
// and seen on both; the note's revision history with its word differences; a consent withdrawn
// with its dated status line, and no longer offered as a basis; a referral moved on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'goals-notes' }));
});
after(() => s?.end());

/** Sets a <select> or date field as a person choosing from it would (value, then change). */
async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** Chooses the option of a <select> whose text contains `text`. */
async function chooseByText(css, text) {
  const value = await s.execute(
    "return [...document.querySelector(arguments[0]).options].find((o) => o.textContent.includes(arguments[1])).value",
    [css, text],
  );
  await choose(css, value);
}

async function openJo() {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  await s.waitFor('[data-goal-progress]');
}

test('dashboard: goals to review, referral follow-ups and credentials to renew, exactly', async () => {
  await s.waitFor('[data-panel="goal-reviews-due"] li');
  assert.deepEqual(await texts(s, '#goal-reviews-title'), ['Goals to review']);
  assert.deepEqual(await texts(s, '[data-panel="goal-reviews-due"] li'), [
    'Sam Patel: Back to the allotment, review due Mon, 30 Mar 2026, overdue 3 days',
    'Jo (Jordan Rivers): Sleep before midnight, review due Thu, 2 Apr 2026, due today',
  ]);
  assert.deepEqual(await texts(s, '[data-panel="referral-follow-ups"] li'), [
    'Jo (Jordan Rivers): Steps2Wellbeing Talking Therapies, follow up Wed, 1 Apr 2026',
  ]);
  assert.deepEqual(await texts(s, '[data-panel="credentials-expiring"] li'), [
    'DBS check (Disclosure and Barring Service): expired Fri, 20 Mar 2026, 13 days ago',
    'Mental Health First Aid (MHFA England): expires Fri, 15 May 2026, 43 days left',
  ]);
  // The panels 08 and 16 read are unchanged.
  assert.deepEqual(await texts(s, '[data-panel="measures-due"] li'), ['Sam Patel: GAD-7, due Sun, 15 Mar 2026, overdue 18 days']);
  await screenshot(s, 'oracle-goals-dashboard');
});

test('a client\'s goals: status, progress, next review and reviews; a review moves the goal off the dashboard', async () => {
  await openJo();
  assert.deepEqual(await texts(s, '[data-goal] .goal__title'), ['Sleep before midnight active', 'Walk to work twice a week active']);
  assert.deepEqual(await texts(s, '[data-goal-progress]'), ['Progress: 33% across 3 steps', 'Progress: no steps yet']);
  assert.deepEqual(await texts(s, '[data-goal-next-review]'), ['Next review: Thu, 2 Apr 2026, due today', 'Next review: Fri, 3 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-goal-reviews] li'), ['Thu, 19 Mar 2026 · rated 2 of 5 · Diary started']);
  assert.deepEqual(await texts(s, '[data-goal-no-notes]'), [
    'No session note is linked to this goal yet.',
    'No session note is linked to this goal yet.',
  ]);

  // Review "Sleep before midnight" today, rated 4, next review in a fortnight.
  await s.execute("document.querySelector('.goal__review-form').open = true");
  await choose('.goal__review-form select[name="rating"]', '4');
  const note = await s.waitFor('.goal__review-form textarea[name="note"]');
  await note.type('Asleep by midnight five nights');
  await choose('.goal__review-form input[name="next_review_on"]', '2026-04-16');
  await (await s.waitFor('.goal__review-form button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-goal-reviews] li').length === 2", 'the review is listed');
  assert.deepEqual(await texts(s, '[data-goal-reviews] li'), [
    'Thu, 19 Mar 2026 · rated 2 of 5 · Diary started',
    'Thu, 2 Apr 2026 · rated 4 of 5 · Asleep by midnight five nights',
  ]);
  assert.deepEqual(await texts(s, '[data-goal-next-review]'), ['Next review: Thu, 16 Apr 2026', 'Next review: Fri, 3 Apr 2026']);

  // A next review before the review itself is refused with a message, and nothing changes.
  await s.execute("document.querySelectorAll('.goal__review-form')[1].open = true");
  await choose('[data-goal]:nth-child(2) .goal__review-form input[name="next_review_on"]', '2026-04-01');
  await (await s.waitFor('[data-goal]:nth-child(2) .goal__review-form button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-review-error]')[1].textContent !== ''", 'the error shows');
  assert.deepEqual(await texts(s, '[data-goal]:nth-child(2) [data-review-error]'), ['Next review: must be after the day of this review']);

  // The second goal is achieved.
  await choose('[data-goal]:nth-child(2) [data-goal-status]', 'achieved');
  await waitUntil(s, "return document.querySelectorAll('[data-goal] .goal__title .badge')[1]?.textContent === 'achieved'", 'the goal is achieved');
  assert.deepEqual(await texts(s, '[data-goal] .goal__title'), ['Sleep before midnight active', 'Walk to work twice a week achieved']);
  assert.deepEqual(await axeViolations(s), []);

  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="goal-reviews-due"] li');
  assert.deepEqual(await texts(s, '[data-panel="goal-reviews-due"] li'), [
    'Sam Patel: Back to the allotment, review due Mon, 30 Mar 2026, overdue 3 days',
  ]);
});

test('a note linked to a goal shows on both, and its history shows the differences between revisions', async () => {
  await openJo();
  await s.execute("[...document.querySelectorAll('[data-note]')].find((b) => b.textContent.includes('Tue, 31 Mar 2026 · SOAP')).click()");
  await s.waitFor('#note-title', { text: 'Session note · Jo (Jordan Rivers)' });
  // The session's day can be chosen up to today at the pinned clock (Thu 2 Apr 2026 in London),
  // as the core allows (decision 79): the picker offers no later day.
  assert.equal(await s.execute("return document.querySelector('#note-date').max"), '2026-04-02');
  await s.waitFor('[data-goal-choices] label');
  assert.deepEqual(await texts(s, '[data-goal-choices] label'), ['Sleep before midnight', 'Walk to work twice a week']);
  assert.deepEqual(await texts(s, '[data-note-goals] li'), ['Not linked to a goal.']);
  await (await s.waitFor('[data-goal-choices] input[type="checkbox"]')).click();
  await waitUntil(s, "return document.querySelector('[data-note-goals] li')?.textContent === 'Sleep before midnight'", 'the link is saved');
  await s.waitFor('[data-save-status][data-state="saved"]');
  assert.deepEqual(await texts(s, '[data-note-goals] li'), ['Sleep before midnight']);

  await (await s.waitFor('[data-show-history]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-revision]').length === 3", 'three revisions are listed');
  const titles = await texts(s, '.revision__title');
  assert.equal(titles.length, 3);
  assert.match(titles[0], /^Revision 1, saved Thu, 2 Apr 2026 \d\d:\d\d$/);
  assert.match(titles[1], /^Revision 2, saved Thu, 2 Apr 2026 \d\d:\d\d$/);
  assert.match(titles[2], /^Revision 3, autosaved Thu, 2 Apr 2026 \d\d:\d\d$/);
  assert.deepEqual(await texts(s, '[data-revision-section] h4'), ['Subjective', 'Plan', 'Subjective', 'Plan']);
  assert.deepEqual(await texts(s, '[data-diff]'), [
    '[added: Slept badly most nights this week.]',
    '[added: Keep the sleep diary.]',
    'Slept [removed: badly][added: well] most nights this week.',
    'Keep the [removed: sleep][added: walking] diary.',
  ]);
  // The marks are real <del> and <ins>, worded so they read the same aloud.
  assert.deepEqual(await texts(s, '[data-diff] del'), ['[removed: badly]', '[removed: sleep]']);
  assert.deepEqual(await texts(s, '[data-diff] ins'), [
    '[added: Slept badly most nights this week.]',
    '[added: Keep the sleep diary.]',
    '[added: well]',
    '[added: walking]',
  ]);
  assert.deepEqual(await texts(s, '[data-revision-goals]'), ['Goals: added Sleep before midnight']);
  await screenshot(s, 'oracle-note-history');
  assert.deepEqual(await axeViolations(s), []);

  await (await s.waitFor('[data-back]')).click();
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  await s.waitFor('[data-goal-progress]');
  assert.deepEqual(await texts(s, '[data-goal]:nth-child(1) [data-goal-notes] li'), ['Tue, 31 Mar 2026 · SOAP · Draft']);
  assert.deepEqual(await texts(s, '[data-goal-no-notes]'), ['No session note is linked to this goal yet.']);
});

test('withdrawing a consent dates it, and it is no longer offered as the basis of a disclosure', async () => {
  await openScreen(s, 'consent');
  await s.waitFor('[data-client] option');
  await chooseByText('[data-client]', 'Jo');
  await s.waitFor('[data-consent-status]');
  assert.deepEqual(await texts(s, '[data-consent-status]'), [
    'Given Fri, 20 Mar 2026 · in force',
    'Given Mon, 12 Jan 2026 · expires Thu, 31 Dec 2026 · in force',
  ]);
  assert.deepEqual(await texts(s, '#disclosures-field-basis option'), [
    'Consent: Sharing with Talking Therapies',
    'Consent: Letters to the GP',
    'A legal duty (explain below)',
  ]);
  await chooseByText('#withdraw-consent', 'Letters to the GP');
  await choose('#withdraw-on', '2026-04-01');
  await (await s.waitFor('#withdraw-note')).type('Asked by phone');
  await (await s.waitFor('[data-withdraw] button[type="submit"]')).click();
  await waitUntil(s, "return [...document.querySelectorAll('[data-consent-status]')].some((e) => e.textContent.includes('withdrawn'))", 'the consent shows as withdrawn');
  assert.deepEqual(await texts(s, '[data-consent-status]'), [
    'Given Fri, 20 Mar 2026 · in force',
    'Given Mon, 12 Jan 2026 · expires Thu, 31 Dec 2026 · withdrawn Wed, 1 Apr 2026 · not in force',
  ]);
  assert.deepEqual(await texts(s, '#disclosures-field-basis option'), [
    'Consent: Sharing with Talking Therapies',
    'A legal duty (explain below)',
  ]);
  assert.deepEqual(await texts(s, '#withdraw-consent option'), ['Sharing with Talking Therapies (given Fri, 20 Mar 2026)']);
  await screenshot(s, 'oracle-consent-withdrawn');
  assert.deepEqual(await axeViolations(s), []);
});

test('a referral moved on to accepted with a later follow-up leaves the dashboard', async () => {
  await openScreen(s, 'referrals');
  await s.waitFor('#referral-pick option');
  await chooseByText('#referral-pick', 'Steps2Wellbeing');
  await choose('#referral-status', 'accepted');
  await choose('#referral-follow-up', '2026-04-16');
  await (await s.waitFor('[data-referral-update] button[type="submit"]')).click();
  await waitUntil(s, "return [...document.querySelectorAll('[data-referral-status]')].some((e) => e.textContent.includes('Accepted'))", 'the referral is accepted');
  assert.deepEqual((await texts(s, '[data-referral-status]')).sort(), [
    'Accepted · Fri, 20 Mar 2026 · follow up Thu, 16 Apr 2026',
    'Sent · Fri, 20 Mar 2026 · follow up Mon, 20 Apr 2026',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="referral-follow-ups"] p');
  assert.deepEqual(await texts(s, '[data-panel="referral-follow-ups"] li'), []);
  assert.deepEqual(await texts(s, '[data-panel="referral-follow-ups"] p'), ['None due.']);
});
