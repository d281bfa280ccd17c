// Oracle tests for measures (issue 11): the fixture of 08 plus more measure schedules
// (`--scenario measures`, cli/src/bin/e2e_seed.rs), the clock pinned to Thursday 2 April 2026
// 09:30 in London. The dashboard's exact due and overdue lines; a schedule set and paused on a
// client's page with its next due day; a K10 scored with its published band; the PHQ-9
// difficulty question asked after item 9 and its answer shown with the result.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'measures' }));
});
after(() => s?.end());

/** Sets a <select> or date field as a person choosing from it would (value, then change). */
async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** Clicks the button in the schedule list whose text is `label`. */
async function clickScheduleButton(label) {
  await s.execute("[...document.querySelectorAll('[data-schedules] button')].find((b) => b.textContent.trim() === arguments[0]).click()", [label]);
}

async function openSam() {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Sam Patel')).click()");
  await s.waitFor('#client-title', { text: 'Sam Patel' });
  await s.waitFor('[data-schedule-text], [data-schedules] .muted');
}

test('dashboard lists measures due, most overdue first, with instrument, client, due date and days overdue', async () => {
  await s.waitFor('[data-panel="measures-due"] li');
  assert.deepEqual(await texts(s, '[data-panel="measures-due"] li'), [
    'Sam Patel: GAD-7, due Sun, 15 Mar 2026, overdue 18 days',
    'Jo (Jordan Rivers): K10, due Mon, 30 Mar 2026, overdue 3 days',
    'Sam Patel: WHO-5, due Thu, 2 Apr 2026, due today',
  ]);
});

test('a client\'s schedules: next due days, a paused one, and a new K10 every 6 weeks set in the window', async () => {
  await openSam();
  assert.deepEqual(await texts(s, '[data-schedule-text]'), [
    'PHQ-9 every 2 weeks from Sun, 1 Mar 2026 · paused',
    'GAD-7 every 4 weeks from Sun, 15 Mar 2026 · next due Sun, 15 Mar 2026',
    'WHO-5 every week from Thu, 2 Apr 2026 · next due Thu, 2 Apr 2026',
  ]);
  await choose('#schedule-instrument', 'k10');
  await replaceText(s, '#schedule-weeks', '6');
  await choose('#schedule-start', '2026-04-06');
  await (await s.waitFor('[data-schedule-form] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-schedule-text]').length === 4", 'the K10 schedule is listed');
  await clickScheduleButton('Pause WHO-5');
  await waitUntil(s, "return document.querySelectorAll('[data-pause][data-paused=\"1\"]').length === 2", 'WHO-5 is paused');
  assert.deepEqual(await texts(s, '[data-schedule-text]'), [
    'PHQ-9 every 2 weeks from Sun, 1 Mar 2026 · paused',
    'GAD-7 every 4 weeks from Sun, 15 Mar 2026 · next due Sun, 15 Mar 2026',
    'WHO-5 every week from Thu, 2 Apr 2026 · paused',
    'K10 every 6 weeks from Mon, 6 Apr 2026 · next due Mon, 6 Apr 2026',
  ]);
  await screenshot(s, 'oracle-measure-schedules');
  assert.deepEqual(await axeViolations(s), []);
});

test('a K10 is scored with its published band, and the PHQ-9 asks the difficulty question after item 9', async () => {
  await (await s.waitFor('button[data-measure]')).click();
  await s.waitFor('#measure-title', { text: 'Outcome measure · Sam Patel' });
  await choose('[data-instrument]', 'k10');
  await s.waitFor('.measure__instructions', { text: 'In the past 4 weeks' });
  // The K10 has no difficulty question; its answers run from "None of the time" (1).
  assert.deepEqual(await texts(s, '[data-functional]'), []);
  assert.deepEqual(await texts(s, '[data-item="0"] .choice'), ['None of the time', 'A little of the time', 'Some of the time', 'Most of the time', 'All of the time']);
  for (const [i, v] of [3, 3, 2, 3, 2, 2, 3, 3, 2, 2].entries()) {
    await (await s.waitFor(`input[name="item-${i}"][value="${v}"]`)).click();
  }
  await (await s.waitFor('[data-measure-form] button[type="submit"]')).click();
  await s.waitFor('.measure__result');
  assert.deepEqual(await texts(s, '.measure__result h2, .measure__result p'), ['K10 total: 25 of 50', 'High distress']);

  await choose('[data-instrument]', 'phq9');
  await s.waitFor('[data-functional] legend');
  // Asked after the last item, outside the numbered, scored list.
  assert.equal(await s.execute("return document.querySelector('.measure__items').nextElementSibling.hasAttribute('data-functional')"), true);
  assert.deepEqual(await texts(s, '[data-functional] legend'), [
    'If you checked off any problems, how difficult have these problems made it for you to do your work, take care of things at home, or get along with other people? (not scored)',
  ]);
  assert.deepEqual(await texts(s, '[data-functional] .choice'), ['Not difficult at all', 'Somewhat difficult', 'Very difficult', 'Extremely difficult']);
  for (const [i, v] of [1, 1, 1, 1, 1, 0, 0, 0, 0].entries()) {
    await (await s.waitFor(`input[name="item-${i}"][value="${v}"]`)).click();
  }
  await (await s.waitFor('input[name="functional"][value="2"]')).click();
  await (await s.waitFor('[data-measure-form] button[type="submit"]')).click();
  await s.waitFor('.measure__result');
  // The difficulty answer is shown, and the total is the nine items alone (5, not 7).
  assert.deepEqual(await texts(s, '.measure__result h2, .measure__result p'), [
    'PHQ-9 total: 5 of 27',
    'Mild',
    'Difficulty at work, at home or with other people: Very difficult (not part of the total)',
  ]);
  await screenshot(s, 'oracle-measure-phq9-difficulty');
});

test('after the K10 is given its schedule moves on 6 weeks, the scores show it, and the dashboard drops what was paused', async () => {
  await (await s.waitFor('[data-back]')).click();
  await s.waitFor('#client-title', { text: 'Sam Patel' });
  await waitUntil(s, "return document.querySelectorAll('[data-schedule-text]').length === 4", 'the schedules are listed');
  assert.deepEqual(await texts(s, '[data-schedule-text]'), [
    'PHQ-9 every 2 weeks from Sun, 1 Mar 2026 · paused',
    'GAD-7 every 4 weeks from Sun, 15 Mar 2026 · next due Sun, 15 Mar 2026',
    'WHO-5 every week from Thu, 2 Apr 2026 · paused',
    // Given on Thu 2 Apr: due 42 days later (after the start day, which it would otherwise wait for).
    'K10 every 6 weeks from Mon, 6 Apr 2026 · next due Thu, 14 May 2026',
  ]);
  assert.deepEqual((await texts(s, '.scores li')).sort(), [
    'K10 25 · High distress (Thu, 2 Apr 2026)',
    'PHQ-9 5 · Mild · Very difficult (Thu, 2 Apr 2026)',
  ]);
  await clickScheduleButton('Remove GAD-7 schedule');
  await waitUntil(s, "return document.querySelectorAll('[data-schedule-text]').length === 3", 'the GAD-7 schedule is gone');
  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="measures-due"] li');
  assert.deepEqual(await texts(s, '[data-panel="measures-due"] li'), [
    'Jo (Jordan Rivers): K10, due Mon, 30 Mar 2026, overdue 3 days',
  ]);
});
