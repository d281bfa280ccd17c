// Oracle tests for risk flags (issue 11): a seeded vault with open flags of every level, ages
// either side of a week (cli/src/bin/e2e_seed.rs --scenario risk-flags), the clock pinned to
// Thursday 2 April 2026 09:30 in London. The dashboard lists open flags highest level first,
// then oldest, each with how long it has been open, one open more than 7 days marked; a flag
// raised in the window appears there exactly; one resolved with what was done leaves the
// dashboard and stays in the client's history with the note and the day; an open flag whose
// level is changed on the client page moves on the dashboard.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'risk-flags' }));
});
after(() => s?.end());

const ENTER = '\uE007';
const ESCAPE = '\uE00C';

/** The wording of the PHQ-9 item-9 flag the core writes for the answer "Several days". */
const PHQ9_ITEM9_SEVERAL_DAYS =
  'PHQ-9 item 9 (thoughts that you would be better off dead or of hurting yourself in some way) was answered ' +
  '“Several days”. Check in about safety and review the safety plan.';

const SAM_HIGH = 'Sam Patel: High risk · raised Mon, 23 Mar 2026 · open 10 days, over a week · Talked about giving his things away';
const ALEX_NEW = 'Alex Morgan: High risk · raised Thu, 2 Apr 2026 · open since today · Said she feels unsafe at home';
const REST = [
  'Alex Morgan: Medium risk · raised Tue, 24 Mar 2026 · open 9 days, over a week · Missed two sessions without word',
  `Jo (Jordan Rivers): Medium risk · raised Sun, 29 Mar 2026 · open 4 days · ${PHQ9_ITEM9_SEVERAL_DAYS}`,
  // Casey is in the trash: an open flag stays in view.
  'Casey Byrne: Medium risk · raised Tue, 31 Mar 2026 · open 2 days · Lost housing',
  'Sam Patel: Medium risk · raised Wed, 1 Apr 2026 · open 1 day · Sleeping badly again',
  'Jo (Jordan Rivers): Low risk · raised Wed, 18 Mar 2026 · open 15 days, over a week · Drinking more at weekends',
];

/** @param {string} name  opens a client's page from the dashboard's flag panel */
async function openClientFromDashboard(name) {
  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="risk-flags"] li');
  await s.execute(
    "[...document.querySelectorAll('[data-panel=\"risk-flags\"] [data-client]')].find((b) => b.textContent === arguments[0]).click()",
    [name],
  );
  await s.waitFor('#client-title', { text: name });
  await s.waitFor('[data-risk-flags]');
}

test('dashboard: open flags highest level first, then oldest, each with its age; over a week marked', async () => {
  await s.waitFor('[data-panel="risk-flags"] li');
  assert.deepEqual(await texts(s, '[data-panel="risk-flags"] li'), [SAM_HIGH, ...REST]);
  // The three open more than 7 days stand out, in words and in colour.
  assert.deepEqual(await texts(s, '[data-panel="risk-flags"] .risk-flag--old .risk-flag__age strong'), [
    'open 10 days, over a week', 'open 9 days, over a week', 'open 15 days, over a week',
  ]);
  const [marked, plain] = await s.execute(`
    const old = document.querySelector('[data-panel="risk-flags"] .risk-flag--old .risk-flag__age strong');
    const young = document.querySelector('[data-panel="risk-flags"] li:not(.risk-flag--old) .risk-flag__age');
    return [getComputedStyle(old).backgroundColor, getComputedStyle(young).backgroundColor];`);
  assert.notEqual(marked, plain, 'a flag over a week old has a background of its own');
  await screenshot(s, 'risk-flags-dashboard');
});

test('client page: raise a flag with the keyboard; it appears on the page and on the dashboard exactly', async () => {
  await openClientFromDashboard('Alex Morgan');
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [
    'Medium risk · raised Tue, 24 Mar 2026 · open 9 days, over a week · Missed two sessions without word',
  ]);
  assert.deepEqual(await texts(s, '[data-flag-history] li'), [], 'nothing resolved yet');
  assert.deepEqual(await axeViolations(s), []);

  await s.execute('document.querySelector("[data-raise-flag]").focus()');
  await s.press({ key: ENTER });
  await waitUntil(s, 'return document.querySelector("[data-raise-dialog]").open', 'the raise dialog opens');
  assert.equal(await s.execute('return document.activeElement.id'), 'flag-level', 'focus starts on the level');
  // An empty reason is refused, in words, beside the field.
  await (await s.waitFor('[data-raise-form] button[type="submit"]')).click();
  await s.waitFor('[data-raise-error]', { text: 'Say what the concern is.' });
  assert.equal(await s.execute('return document.activeElement.id'), 'flag-reason');
  await s.execute('const l = document.querySelector("#flag-level"); l.value = "high"; l.dispatchEvent(new Event("change"))');
  await (await s.waitFor('#flag-reason')).type('Said she feels unsafe at home');
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, 'risk-flags-raise-dialog');
  await (await s.waitFor('[data-raise-form] button[type="submit"]')).click();
  await s.waitFor('[data-open-flags] [data-flag-text]', { text: 'Said she feels unsafe at home' });
  assert.equal(await s.execute('return document.querySelector("[data-raise-dialog]").open'), false);
  // The client's flags, newest first.
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [
    'High risk · raised Thu, 2 Apr 2026 · open since today · Said she feels unsafe at home',
    'Medium risk · raised Tue, 24 Mar 2026 · open 9 days, over a week · Missed two sessions without word',
  ]);

  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="risk-flags"] li');
  await waitUntil(s, 'return document.querySelector(\'[data-panel="risk-flags"]\').textContent.includes("Said she feels unsafe at home")', 'the new flag is on the dashboard');
  // High before medium; of the two high ones, the older first.
  assert.deepEqual(await texts(s, '[data-panel="risk-flags"] li'), [SAM_HIGH, ALEX_NEW, ...REST]);
});

test('client page: resolve a flag with what was done; it leaves the dashboard and joins the history', async () => {
  await openClientFromDashboard('Sam Patel');
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [
    'Medium risk · raised Wed, 1 Apr 2026 · open 1 day · Sleeping badly again',
    'High risk · raised Mon, 23 Mar 2026 · open 10 days, over a week · Talked about giving his things away',
  ]);
  assert.deepEqual(await texts(s, '[data-flag-history] li'), [
    'High risk · raised Fri, 27 Mar 2026 · Said he has thought about ending his life Resolved Sat, 28 Mar 2026: Safety plan written together; GP informed.',
  ]);
  const resolveHigh = 'document.querySelectorAll("[data-open-flags] [data-resolve]")[1]';
  assert.equal(await s.execute(`return ${resolveHigh}.getAttribute("aria-label")`), 'Resolve the high risk flag raised Mon, 23 Mar 2026');

  // Escape closes the dialog without a change, and focus goes back to the button.
  await s.execute(`${resolveHigh}.click()`);
  await waitUntil(s, 'return document.querySelector("[data-resolve-dialog]").open', 'the resolve dialog opens');
  assert.deepEqual(await texts(s, '[data-resolve-which]'), ['High risk, raised Mon, 23 Mar 2026: Talked about giving his things away']);
  assert.equal(await s.execute('return document.activeElement.id'), 'flag-note');
  assert.equal(await s.execute('return document.querySelector("#flag-resolved-on").value'), '2026-04-02', 'today by default');
  await s.press({ key: ESCAPE });
  await waitUntil(s, 'return !document.querySelector("[data-resolve-dialog]").open', 'Escape closes the dialog');
  assert.equal(await s.execute(`return document.activeElement === ${resolveHigh}`), true, 'focus back on "Resolve…"');

  await s.execute(`${resolveHigh}.click()`);
  await waitUntil(s, 'return document.querySelector("[data-resolve-dialog]").open', 'the resolve dialog opens again');
  await (await s.waitFor('[data-resolve-form] button[type="submit"]')).click();
  await s.waitFor('[data-resolve-error]', { text: 'Say what was done.' });
  await (await s.waitFor('#flag-note')).type('Called Sam; safety plan reviewed; GP informed.');
  await s.execute('const d = document.querySelector("#flag-resolved-on"); d.value = "2026-04-01"; d.dispatchEvent(new Event("input"))');
  await screenshot(s, 'risk-flags-resolve-dialog');
  await (await s.waitFor('[data-resolve-form] button[type="submit"]')).click();
  await s.waitFor('[data-flag-history] li', { text: 'Called Sam' });
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [
    'Medium risk · raised Wed, 1 Apr 2026 · open 1 day · Sleeping badly again',
  ]);
  // Most recently resolved first, each with what was done and the day.
  assert.deepEqual(await texts(s, '[data-flag-history] li'), [
    'High risk · raised Mon, 23 Mar 2026 · Talked about giving his things away Resolved Wed, 1 Apr 2026: Called Sam; safety plan reviewed; GP informed.',
    'High risk · raised Fri, 27 Mar 2026 · Said he has thought about ending his life Resolved Sat, 28 Mar 2026: Safety plan written together; GP informed.',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, 'risk-flags-client-history');

  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="risk-flags"] li');
  await waitUntil(s, 'return !document.querySelector(\'[data-panel="risk-flags"]\').textContent.includes("giving his things away")', 'the resolved flag leaves the dashboard');
  assert.deepEqual(await texts(s, '[data-panel="risk-flags"] li'), [ALEX_NEW, ...REST]);
});

test('client page: change an open flag\'s level; the page and the dashboard order follow', async () => {
  await openClientFromDashboard('Sam Patel');
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [
    'Medium risk · raised Wed, 1 Apr 2026 · open 1 day · Sleeping badly again',
  ]);
  const change = 'document.querySelector("[data-open-flags] [data-change-level]")';
  assert.equal(await s.execute(`return ${change}.getAttribute("aria-label")`), 'Change the level of the medium risk flag raised Wed, 1 Apr 2026');
  await s.execute(`${change}.focus()`);
  await s.press({ key: ENTER });
  await waitUntil(s, 'return document.querySelector("[data-level-dialog]").open', 'the level dialog opens');
  assert.deepEqual(await texts(s, '[data-level-which]'), ['Medium risk, raised Wed, 1 Apr 2026: Sleeping badly again']);
  assert.equal(await s.execute('return document.activeElement.id'), 'flag-new-level', 'focus starts on the level');
  assert.equal(await s.execute('return document.activeElement.value'), 'medium', 'the current level is chosen');
  // The same level again changes nothing and says so.
  await (await s.waitFor('[data-level-form] button[type="submit"]')).click();
  await s.waitFor('[data-level-error]', { text: 'It is already medium risk. Choose another level, or Cancel.' });
  await s.execute('const l = document.querySelector("#flag-new-level"); l.value = "high"; l.dispatchEvent(new Event("change"))');
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, 'risk-flags-level-dialog');
  await (await s.waitFor('[data-level-form] button[type="submit"]')).click();
  await s.waitFor('[data-open-flags] [data-flag-text]', { text: 'High risk' });
  assert.equal(await s.execute('return document.querySelector("[data-level-dialog]").open'), false);
  assert.deepEqual(await texts(s, '[data-open-flags] [data-flag-text]'), [
    'High risk · raised Wed, 1 Apr 2026 · open 1 day · Sleeping badly again',
  ]);

  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="risk-flags"] li');
  await waitUntil(s, 'return document.querySelector(\'[data-panel="risk-flags"]\').textContent.includes("Sam Patel: High risk")', 'the dashboard shows the new level');
  // Now high: before the medium ones, and before Alex's high one raised a day later.
  assert.deepEqual(await texts(s, '[data-panel="risk-flags"] li'), [
    'Sam Patel: High risk · raised Wed, 1 Apr 2026 · open 1 day · Sleeping badly again',
    ALEX_NEW,
    ...REST.filter((line) => !line.includes('Sleeping badly again')),
  ]);
});
