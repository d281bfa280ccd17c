// Every kind of record kept in a list can be opened, edited and moved to the trash from the
// window (issue 11, deliverable 6). The fixture of 08 plus the owner's self-help records and the
// mentor's extras (`--scenario every-kind`, cli/src/bin/e2e_seed.rs), the clock pinned to
// Thursday 2 April 2026 09:30 in London. For each kind: a seeded record is opened with "Edit"
// (the same form, filled in), one field is changed, the list shows the exact new text; it is
// moved to the trash, leaves its list and is listed in the trash screen under its exact title.
// One (the referral) is restored and is back in its list.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'every-kind' }));
});
after(() => s?.end());

/** Sets a <select>, range or date field as a person choosing from it would. */
async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/**
 * Each row of a list: the text of each of its parts, the Edit / Move to trash buttons left out.
 * @param {string} list  css of the <ul>
 * @returns {Promise<string[][]>}
 */
async function rows(list) {
  return s.execute(`return [...document.querySelectorAll(arguments[0] + ' > li')].map((li) => [...li.children]
    .filter((c) => !c.matches('.record-section__actions, .coping__use'))
    .map((c) => c.textContent.replace(/\\s+/g, ' ').trim()))`, [list]);
}

/** Clicks "Edit" or "Move to trash" in the row of `list` whose text includes `match`. */
async function clickRow(list, match, which) {
  await waitUntil(s, `return [...document.querySelectorAll(${JSON.stringify(`${list} > li`)})].some((li) => li.textContent.includes(${JSON.stringify(match)}))`, `a row with "${match}"`);
  const label = await s.execute(`const li = [...document.querySelectorAll(arguments[0] + ' > li')].find((l) => l.textContent.includes(arguments[1]));
    const b = li.querySelector('[data-row-' + arguments[2] + ']'); b.click(); return b.getAttribute('aria-label');`, [list, match, which]);
  return label;
}

/** Waits until the list shows `expected` (parts of rows) and returns it, for deepEqual. */
async function listShows(list, match) {
  await waitUntil(s, `return [...document.querySelectorAll(${JSON.stringify(`${list} > li`)})].some((li) => li.textContent.includes(${JSON.stringify(match)}))`, `the list shows "${match}"`);
  return rows(list);
}

/** Waits until no row of the list includes `match`. */
async function goneFrom(list, match) {
  await waitUntil(s, `return ![...document.querySelectorAll(${JSON.stringify(`${list} > li`)})].some((li) => li.textContent.includes(${JSON.stringify(match)}))`, `"${match}" leaves the list`);
}

/** The status line says the record went to the trash. */
async function movedToTrash(what) {
  await s.waitFor('[data-status]', { text: `${what} moved to the trash. You can restore it from Trash.` });
}

/** Titles in the trash screen of one kind, as shown. */
async function trashTitles(kind) {
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item], [data-trash-empty]');
  return texts(s, `[data-trash-item^="${kind}:"] strong`);
}

test('a mood check-in: edited from the journal\'s recent check-ins, then moved to the trash', async () => {
  await openScreen(s, 'journal');
  const list = '[data-checkins]';
  await listShows(list, 'Mood 7/10');
  assert.deepEqual(await rows(list), [
    ['Mood 7/10', 'Thu, 2 Apr 2026 08:00'],
    ['Mood 8/10', 'Wed, 1 Apr 2026 20:00'],
    ['Mood 7/10', 'Tue, 31 Mar 2026 21:00'],
    ['Mood 5/10', 'Tue, 31 Mar 2026 09:00'],
    ['Mood 6/10', 'Sun, 29 Mar 2026 23:30'],
    ['Mood 4/10', 'Sat, 28 Mar 2026 23:30'],
    ['Mood 7/10', 'Tue, 3 Mar 2026 20:00'],
  ]);
  assert.equal(await clickRow(list, 'Thu, 2 Apr 2026 08:00', 'edit'), 'Edit check-in of Thu, 2 Apr 2026 08:00');
  await s.waitFor('[data-checkin-title]', { text: 'Edit check-in of Thu, 2 Apr 2026 08:00' });
  assert.equal(await s.execute("return document.querySelector('#checkin-mood').value"), '7', 'the form is filled in');
  await choose('#checkin-mood', '3');
  await replaceText(s, '#checkin-emotions', 'tired, hopeful');
  await (await s.waitFor('[data-checkin-submit]')).click();
  await s.waitFor('[data-status]', { text: 'Check-in changes saved.' });
  assert.deepEqual((await listShows(list, 'tired, hopeful'))[0], ['Mood 3/10', 'Thu, 2 Apr 2026 08:00 · tired, hopeful'],
    'edited in place: same moment, same local day');
  assert.equal(await s.execute("return document.querySelector('[data-checkin-submit]').textContent"), 'Save check-in');
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '19-journal-checkins');

  await clickRow(list, 'tired, hopeful', 'trash');
  await movedToTrash('Mood check-in');
  await goneFrom(list, 'tired, hopeful');
  assert.equal((await rows(list)).length, 6);
  assert.deepEqual(await trashTitles('mood_checkin'), ['Mood 3/10']);
});

test('a thought record: the balanced thought added, then moved to the trash', async () => {
  await openScreen(s, 'thought-record');
  const list = '[data-recent]';
  assert.deepEqual(await listShows(list, 'Quiet in the supervision group'), [
    ['Wed, 1 Apr 2026', 'Quiet in the supervision group'],
    ['Mon, 30 Mar 2026', 'Missed the bus to the allotment', 'Balanced: Buses are late for everyone; one missed bus is not a wasted day.'],
  ]);
  await clickRow(list, 'Quiet in the supervision group', 'edit');
  assert.equal(await s.execute("return document.querySelector('#tr-situation').value"), 'Quiet in the supervision group');
  assert.equal(await s.execute("return document.querySelector('#tr-thought-0').value"), 'They think I have nothing to offer');
  await replaceText(s, '#tr-balanced', 'Being quiet is not the same as having nothing to offer.');
  await (await s.waitFor('[data-record] [data-submit]')).click();
  await s.waitFor('[data-status]', { text: 'Changes saved.' });
  assert.deepEqual(await listShows(list, 'Being quiet'), [
    ['Wed, 1 Apr 2026', 'Quiet in the supervision group', 'Balanced: Being quiet is not the same as having nothing to offer.'],
    ['Mon, 30 Mar 2026', 'Missed the bus to the allotment', 'Balanced: Buses are late for everyone; one missed bus is not a wasted day.'],
  ]);

  await clickRow(list, 'Quiet in the supervision group', 'trash');
  await movedToTrash('Thought record');
  await goneFrom(list, 'Quiet in the supervision group');
  assert.deepEqual(await trashTitles('thought_record'), ['Quiet in the supervision group']);
});

test('an activity: renamed, marked done with its pleasure, then moved to the trash', async () => {
  await openScreen(s, 'activation');
  const list = '[data-recent]';
  await listShows(list, 'Swim');
  await clickRow(list, 'Swim', 'edit');
  assert.equal(await s.execute("return document.querySelector('#ba-activity').value"), 'Swim');
  await replaceText(s, '#ba-activity', 'Swim 20 lengths');
  await choose('#ba-status', 'done');
  await replaceText(s, '#ba-pleasure', '7');
  await (await s.waitFor('[data-add] [data-submit]')).click();
  await s.waitFor('[data-status]', { text: 'Changes saved.' });
  assert.deepEqual(await listShows(list, 'Swim 20 lengths'), [
    ['Call Mum', 'Fri, 3 Apr 2026 18:00 · Planned'],
    ['Swim 20 lengths', 'Tue, 31 Mar 2026 07:00 · Done · pleasure 7'],
    ['Dig the allotment bed', 'Sun, 29 Mar 2026 23:30 · Done · mastery 8 · pleasure 6'],
    ['Walk by the river', 'Sat, 28 Mar 2026 23:30 · Done · mastery 3 · pleasure 7'],
  ]);

  await clickRow(list, 'Swim 20 lengths', 'trash');
  await movedToTrash('Activity');
  await goneFrom(list, 'Swim 20 lengths');
  assert.deepEqual(await trashTitles('activation'), ['Swim 20 lengths']);
});

test('three good things: one thing reworded, then the entry moved to the trash', async () => {
  await openScreen(s, 'gratitude');
  const list = 'section[aria-labelledby="gratitude-heading"] [data-items]';
  await listShows(list, 'Tue, 31 Mar 2026');
  await clickRow(list, 'Tue, 31 Mar 2026', 'edit');
  assert.equal(await s.execute("return document.querySelector('#gratitude-field-thing1').value"), 'Sun on the river');
  await replaceText(s, '#gratitude-field-thing1', 'Sun on the river at noon');
  await (await s.waitFor('#gratitude [data-submit], section[aria-labelledby="gratitude-heading"] [data-submit]')).click();
  await s.waitFor('[data-status]', { text: 'Changes saved.' });
  await listShows(list, 'at noon');
  assert.deepEqual(await s.execute(`return [...document.querySelectorAll(arguments[0] + ' > li')]
    .map((item) => [item.querySelector('strong').textContent, ...[...item.querySelectorAll('li')].map((li) => li.textContent.replace(/\\s+/g, ' ').trim())])`, [list]), [
    ['Wed, 1 Apr 2026', 'A long call with Mum — We laughed about the clocks', 'Finished the CPD reading', 'Slept eight hours — Phone stayed downstairs'],
    ['Tue, 31 Mar 2026', 'Sun on the river at noon — I went out at lunch', 'Sam\'s seedlings came up — He watered them'],
  ]);

  await clickRow(list, 'Tue, 31 Mar 2026', 'trash');
  await movedToTrash('Gratitude entry');
  await goneFrom(list, 'Tue, 31 Mar 2026');
  assert.deepEqual(await trashTitles('gratitude'), ['Sun on the river at noon — I went out at lunch']);
});

test('a coping strategy: renamed in the toolbox, then moved to the trash', async () => {
  await openScreen(s, 'coping');
  const list = 'section[aria-labelledby="mine-title"] .record-list';
  await listShows(list, 'Text Sam');
  await clickRow(list, 'Text Sam', 'edit');
  await s.waitFor('[data-own-title]', { text: 'Edit Text Sam' });
  await replaceText(s, '#own-name', 'Text Sam after work');
  await (await s.waitFor('[data-own] [data-submit]')).click();
  await s.waitFor('[data-status]', { text: 'Changes saved.' });
  await listShows(list, 'Text Sam after work');
  assert.deepEqual(await texts(s, '.coping__item > strong'), ['Cold water on my face', 'Box breathing', 'Text Sam after work']);

  await clickRow(list, 'Text Sam after work', 'trash');
  await movedToTrash('Strategy');
  await goneFrom(list, 'Text Sam after work');
  assert.deepEqual(await texts(s, '.coping__item > strong'), ['Cold water on my face', 'Box breathing']);
  assert.deepEqual(await trashTitles('coping_strategy'), ['Text Sam after work']);
});

test('a referral and a resource: edited, moved to the trash, and the referral restored', async () => {
  await openScreen(s, 'referrals');
  const referrals = 'section[aria-labelledby="referrals-heading"] [data-items]';
  await listShows(referrals, 'Citizens Advice');
  assert.equal(await clickRow(referrals, 'Citizens Advice', 'edit'), 'Edit Referral to Citizens Advice');
  assert.equal(await s.execute("return document.querySelector('#referrals-field-referred_to').value"), 'Citizens Advice');
  await replaceText(s, '#referrals-field-referred_to', 'Citizens Advice Leeds');
  await choose('#referrals-field-status', 'accepted');
  await (await s.waitFor('section[aria-labelledby="referrals-heading"] [data-submit]')).click();
  await s.waitFor('[data-status]', { text: 'Changes saved.' });
  assert.deepEqual(await listShows(referrals, 'Citizens Advice Leeds'), [
    ['Jo → Steps2Wellbeing Talking Therapies', 'Low mood and poor sleep', 'Sent · Fri, 20 Mar 2026 · follow up Wed, 1 Apr 2026'],
    ['Sam Patel → Citizens Advice Leeds', 'Debt worries', 'Accepted · Fri, 20 Mar 2026 · follow up Mon, 20 Apr 2026'],
  ]);
  await clickRow(referrals, 'Citizens Advice Leeds', 'trash');
  await movedToTrash('Referral');
  await goneFrom(referrals, 'Citizens Advice Leeds');

  const library = 'section[aria-labelledby="resources-heading"] [data-items]';
  await listShows(library, 'Local walking groups');
  await clickRow(library, 'Local walking groups', 'edit');
  await replaceText(s, '#resources-field-title', 'Walking groups from the library');
  await (await s.waitFor('section[aria-labelledby="resources-heading"] [data-submit]')).click();
  await listShows(library, 'Walking groups from the library');
  assert.deepEqual(await texts(s, `${library} > li > strong`), ['Walking groups from the library', 'Sleep hygiene leaflet']);
  await clickRow(library, 'Walking groups from the library', 'trash');
  await movedToTrash('Resource');
  await goneFrom(library, 'Walking groups from the library');

  assert.deepEqual(await trashTitles('referral'), ['Referral to Citizens Advice Leeds']);
  assert.deepEqual(await texts(s, '[data-trash-item^="resource:"] strong'), ['Walking groups from the library']);
  await (await s.waitFor('[data-trash-item^="referral:"] [data-restore]')).click();
  await s.waitGone('[data-trash-item^="referral:"]');
  await openScreen(s, 'referrals');
  assert.deepEqual(await listShows(referrals, 'Citizens Advice Leeds'), [
    ['Jo → Steps2Wellbeing Talking Therapies', 'Low mood and poor sleep', 'Sent · Fri, 20 Mar 2026 · follow up Wed, 1 Apr 2026'],
    ['Sam Patel → Citizens Advice Leeds', 'Debt worries', 'Accepted · Fri, 20 Mar 2026 · follow up Mon, 20 Apr 2026'],
  ], 'restored as it was edited');
});

test('the mentor\'s record: a credential, training and a supervision note edited, then moved to the trash', async () => {
  await openScreen(s, 'my-record');
  const credentials = 'section[aria-labelledby="credentials-heading"] [data-items]';
  await listShows(credentials, 'Coaching diploma');
  await clickRow(credentials, 'Coaching diploma', 'edit');
  assert.equal(await s.execute("return document.querySelector('#credentials-field-valid_to').value"), '2027-06-30');
  await replaceText(s, '#credentials-field-title', 'Coaching diploma (Level 5)');
  await (await s.waitFor('section[aria-labelledby="credentials-heading"] [data-submit]')).click();
  await listShows(credentials, 'Level 5');
  assert.deepEqual(await rows(credentials), [
    ['DBS check', 'Disclosure and Barring Service · valid until Fri, 20 Mar 2026'],
    ['Mental Health First Aid', 'MHFA England · valid until Fri, 15 May 2026'],
    ['Coaching diploma (Level 5)', 'Open College · valid until Wed, 30 Jun 2027'],
  ], 'soonest renewal first');

  const training = 'section[aria-labelledby="training-heading"] [data-items]';
  await listShows(training, 'Suicide awareness');
  await clickRow(training, 'Suicide awareness', 'edit');
  assert.equal(await s.execute("return document.querySelector('#training-field-hours').value"), '6.5');
  await replaceText(s, '#training-field-hours', '7');
  await (await s.waitFor('section[aria-labelledby="training-heading"] [data-submit]')).click();
  await listShows(training, '7 h');
  assert.deepEqual(await rows(training), [['Suicide awareness', 'Zero Suicide Alliance · Tue, 10 Mar 2026 · 7 h']]);
  await s.waitFor('[data-cpd]', { text: 'CPD in the last 12 months: 7 hours.' });

  const supervision = 'section[aria-labelledby="supervision-heading"] [data-items]';
  await listShows(supervision, 'Dr. Ann Lee');
  await clickRow(supervision, 'Dr. Ann Lee', 'edit');
  await replaceText(s, '#supervision-field-actions', 'Review Jo\'s sleep plan by 9 April');
  await (await s.waitFor('section[aria-labelledby="supervision-heading"] [data-submit]')).click();
  await listShows(supervision, 'by 9 April');
  assert.deepEqual(await rows(supervision), [
    ['Wed, 25 Mar 2026 · Dr. Ann Lee', 'Talked through Jo\'s sleep and Sam\'s risk.', 'Actions: Review Jo\'s sleep plan by 9 April'],
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '19-my-record');

  await clickRow(credentials, 'Level 5', 'trash');
  await movedToTrash('Credential');
  await goneFrom(credentials, 'Level 5');
  await clickRow(training, 'Suicide awareness', 'trash');
  await movedToTrash('Training record');
  await goneFrom(training, 'Suicide awareness');
  await s.waitFor('[data-cpd]', { text: 'CPD in the last 12 months: 0 hours.' });
  await clickRow(supervision, 'Dr. Ann Lee', 'trash');
  await movedToTrash('Supervision note');
  await goneFrom(supervision, 'Dr. Ann Lee');

  assert.deepEqual(await trashTitles('credential'), ['Coaching diploma (Level 5)']);
  assert.deepEqual(await texts(s, '[data-trash-item^="training_record:"] strong'), ['Suicide awareness']);
  assert.deepEqual(await texts(s, '[data-trash-item^="supervision_note:"] strong'), ['Supervision with Dr. Ann Lee']);
});

test('the trash lists everything moved there, newest first, with its kind and title', async () => {
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item]');
  assert.deepEqual(await s.execute(`return [...document.querySelectorAll('[data-trash-item]')]
    .map((li) => li.querySelector('.trash__kind').textContent + ' · ' + li.querySelector('strong').textContent)`), [
    'Supervision note · Supervision with Dr. Ann Lee',
    'Training record · Suicide awareness',
    'Credential · Coaching diploma (Level 5)',
    'Resource · Walking groups from the library',
    'Coping strategy · Text Sam after work',
    'Gratitude · Sun on the river at noon — I went out at lunch',
    'Activity · Swim 20 lengths',
    'Thought record · Quiet in the supervision group',
    'Mood check-in · Mood 3/10',
    'Journal entry · Too raw to keep',
    'Client · Casey Byrne',
  ], 'what this test moved, then what the fixture had already deleted');
  assert.deepEqual(await axeViolations(s), []);
});
