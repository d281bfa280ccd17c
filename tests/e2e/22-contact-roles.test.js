// Roles and dates on what a share may change (issue 12, deliverable 6). The fixture of 08 plus
// `--scenario contact-roles` (cli/src/bin/e2e_seed.rs): Dr. Morgan Hale is the owner's mentor,
// Jordan Rivers their client (who shared a safety plan: kept, not filed); the owner's own plan is
// version 1 (warning sign "Not sleeping"; people "Mum" 07700 900123), saved at the pinned clock's
// "now", Thursday 2 April 2026 09:30 in London; the mentor proposed two plans, one made Mon 30
// Mar (before the owner's plan) and one made just after it. The contacts list shows each role;
// the older proposal is refused with the exact reason; the newer one, accepted, is version 2 of
// the plan with exactly its steps; a contact added in the window is given a role; a role changed.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'contact-roles' }));
});
after(() => s?.end());

/** The card the seed wrote beside this run's vault (the newest oracle folder holding one). */
function newContactsCard() {
  const root = process.env.E2E_ROOT ?? '';
  const cards = readdirSync(root).filter((d) => d.startsWith('oracle-'))
    .map((d) => join(root, d, 'data', 'app.wellkept.desktop', 'contact-card.txt')).filter((f) => existsSync(f))
    .sort((x, y) => statSync(x).mtimeMs - statSync(y).mtimeMs);
  assert.ok(cards.length > 0, 'the seed wrote the new contact\'s card');
  return readFileSync(cards[cards.length - 1], 'utf8');
}

/** Clicks the button `css` inside the received safety plan whose heading and "Made" line match. */
async function clickInPlan(made, css) {
  await s.execute(`const li = [...document.querySelectorAll('[data-received-safety-plan]')]
      .find((l) => l.querySelector('[data-proposal-made]').textContent.trim() === arguments[0]);
    li.querySelector(arguments[1]).click();`, [made, css]);
}

async function openReceived() {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-safety-plan] [data-proposal-sections]');
}

test('the contacts list shows each contact with their role and since when', async () => {
  await openScreen(s, 'exchange');
  await s.waitFor('[data-contact-list] li');
  assert.deepEqual(await texts(s, '[data-contact-name]'), ['Dr. Morgan Hale · my mentor', 'Jordan Rivers · my client']);
  assert.deepEqual(await texts(s, '[data-role-since]'), ['since Thu, 2 Apr 2026', 'since Thu, 2 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-contact-list] select option:checked'), ['My mentor', 'My client']);
  assert.deepEqual(await axeViolations(s), []);
});

test('received safety plans: a pending proposal with its sections, an older one, and a client\'s kept unfiled', async () => {
  await openReceived();
  assert.deepEqual(await texts(s, '[data-received-safety-plan] h4'), [
    'Safety plan from Dr. Morgan Hale',
    'Safety plan from Dr. Morgan Hale',
    'Safety plan from Jordan Rivers',
  ]);
  assert.deepEqual(await texts(s, '[data-proposal-made]'), ['Made Thu, 2 Apr 2026', 'Made Mon, 30 Mar 2026', 'Made Wed, 1 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-proposal-state]'), [
    'Proposed by Dr. Morgan Hale. It changes nothing until you accept it; your current plan is kept as an earlier version.',
    'Proposed by Dr. Morgan Hale. It changes nothing until you accept it; your current plan is kept as an earlier version.',
    'Not filed: only a contact you confirmed as your mentor may propose a safety plan, and Jordan Rivers is your client.',
  ]);
  // The newest proposal's sections, in plan order, each with its lines.
  assert.deepEqual(await texts(s, '[data-received-safety-plan]:first-child [data-proposal-sections] h5'), [
    '1. Warning signs that a crisis may be developing',
    '2. Things I can do to take my mind off my problems on my own',
    '4. People I can ask for help',
    'My reasons for living',
  ]);
  assert.deepEqual(await texts(s, '[data-received-safety-plan]:first-child [data-proposal-sections] li'), [
    'Not sleeping',
    'Cancelling plans with friends',
    'Walk to the allotment',
    'Mum 07700 900123',
    'My sister\'s wedding in June',
  ]);
  // Only the two proposals from the mentor can be accepted or declined.
  assert.deepEqual(await texts(s, '[data-accept-proposal]'), ['Accept as my new safety plan', 'Accept as my new safety plan']);
  assert.deepEqual(await texts(s, '[data-decline-proposal]'), ['Decline', 'Decline']);
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, 'contact-roles-proposals');
});

test('a proposal older than my current plan is refused and says so, and my plan is unchanged', async () => {
  await openReceived();
  await clickInPlan('Made Mon, 30 Mar 2026', '[data-accept-proposal]');
  await s.waitFor('[data-proposal-outcome]');
  assert.deepEqual(await texts(s, '[data-proposal-outcome]'), [
    'Proposal: your safety plan was changed after Dr. Morgan Hale made this proposal (your version 1 is newer), so it was not replaced; view both and ask Dr. Morgan Hale for an updated plan if you want their changes',
  ]);
  assert.deepEqual(await texts(s, '[data-view-current-plan]'), ['View my current safety plan']);
  assert.deepEqual(await axeViolations(s), []);
  await (await s.waitFor('[data-view-current-plan]')).click();
  await s.waitFor('#plan-title', { text: 'My safety plan' });
  assert.deepEqual(await texts(s, '.screen__lead'), [
    'Write it when things are calm, in your own words, so it is ready when things are hard. Version 1, saved Thu, 2 Apr 2026.',
  ]);
});

test('accepting the newer proposal makes it version 2 of my plan with exactly its steps', async () => {
  await openReceived();
  await clickInPlan('Made Thu, 2 Apr 2026', '[data-accept-proposal]');
  await s.waitFor('[data-proposal-outcome]', { text: 'version 2' });
  assert.deepEqual(await texts(s, '[data-proposal-outcome]'), ['Dr. Morgan Hale\'s plan is now your safety plan, version 2. Version 1 is kept.']);
  assert.deepEqual(await texts(s, '[data-proposal-state]'), [
    'You accepted this plan: it is a version of your safety plan (see Safety plan).',
    'Proposed by Dr. Morgan Hale. It changes nothing until you accept it; your current plan is kept as an earlier version.',
    'Not filed: only a contact you confirmed as your mentor may propose a safety plan, and Jordan Rivers is your client.',
  ]);

  await openScreen(s, 'safety-plan');
  await s.waitFor('#plan-title', { text: 'My safety plan' });
  assert.deepEqual(await texts(s, '.screen__lead'), [
    'Write it when things are calm, in your own words, so it is ready when things are hard. Version 2, saved Thu, 2 Apr 2026.',
  ]);
  assert.deepEqual(await s.execute(`return [...document.querySelectorAll('[data-plan] input[data-section]')]
    .filter((i) => i.value).map((i) => [i.dataset.section, i.dataset.row, i.dataset.part, i.value].join(' | '))`), [
    'warning_signs | 0 | text | Not sleeping',
    'warning_signs | 1 | text | Cancelling plans with friends',
    'internal_coping | 0 | text | Walk to the allotment',
    'people_to_ask_for_help | 0 | text | Mum',
    'people_to_ask_for_help | 0 | contact | 07700 900123',
    'reasons_for_living | 0 | text | My sister\'s wedding in June',
  ]);
});

test('declining the older proposal marks it declined and leaves version 2', async () => {
  await openReceived();
  await clickInPlan('Made Mon, 30 Mar 2026', '[data-decline-proposal]');
  await s.waitFor('[data-proposal-outcome]', { text: 'declined' });
  assert.deepEqual(await texts(s, '[data-proposal-outcome]'), ['You declined Dr. Morgan Hale\'s plan. Your safety plan is unchanged.']);
  assert.deepEqual(await texts(s, '[data-proposal-state]'), [
    'You accepted this plan: it is a version of your safety plan (see Safety plan).',
    'You declined this plan. Your safety plan was not changed.',
    'Not filed: only a contact you confirmed as your mentor may propose a safety plan, and Jordan Rivers is your client.',
  ]);
  assert.deepEqual(await texts(s, '[data-accept-proposal]'), []);
});

test('a new contact must be given a role before saving, and a role can be changed later', async () => {
  await openScreen(s, 'exchange');
  await s.execute("const t = document.querySelector('#contact-card-text'); t.value = arguments[0]; t.dispatchEvent(new Event('input', { bubbles: true }));", [newContactsCard()]);
  await (await s.waitFor('[data-read-card] button[type="submit"]')).click();
  await s.waitFor('[data-pending-contact]', { text: 'Alex Okafor' });
  assert.deepEqual(await texts(s, '[data-role-choice] legend'), ['Who is Alex Okafor to you?']);
  assert.deepEqual(await texts(s, '[data-role-choice] label'), [
    'My mentor: may propose a safety plan for me to accept',
    'My client: what they share is filed under their client record',
  ]);
  await (await s.waitFor('[data-compared]')).click();
  await (await s.waitFor('[data-save-contact]')).click();
  await s.waitFor('[data-role-error]', { text: 'Choose' });
  assert.deepEqual(await texts(s, '[data-role-error]'), ['Choose whether Alex Okafor is your mentor or your client.']);
  assert.deepEqual(await texts(s, '[data-contact-name]'), ['Dr. Morgan Hale · my mentor', 'Jordan Rivers · my client'], 'nothing saved yet');
  assert.deepEqual(await axeViolations(s), []);
  await (await s.waitFor('input[name="new-contact-role"][value="my_client"]')).click();
  await (await s.waitFor('[data-save-contact]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-contact-name]').length === 3", 'the new contact is listed');
  assert.deepEqual(await texts(s, '[data-contact-name]'), [
    'Alex Okafor · my client',
    'Dr. Morgan Hale · my mentor',
    'Jordan Rivers · my client',
  ]);

  // Jordan Rivers becomes "my mentor" from now on; the plan Jordan sent before stays unfiled.
  await s.execute(`const li = [...document.querySelectorAll('[data-contact-list] li')].find((l) => l.textContent.includes('Jordan Rivers'));
    const sel = li.querySelector('select'); sel.value = 'my_mentor'; sel.dispatchEvent(new Event('change', { bubbles: true }));
    li.querySelector('[data-set-role]').click();`);
  await s.waitFor('[data-role-result]', { text: 'from now on' });
  assert.deepEqual(await texts(s, '[data-role-result]'), ['Jordan Rivers · my mentor from now on.']);
  assert.deepEqual(await texts(s, '[data-contact-name]'), [
    'Alex Okafor · my client',
    'Dr. Morgan Hale · my mentor',
    'Jordan Rivers · my mentor',
  ]);
  await openReceived();
  assert.deepEqual((await texts(s, '[data-proposal-state]'))[2],
    'Not filed: Jordan Rivers was not yet your mentor in Wellkept when this plan arrived. Ask them to share it again.');
});
