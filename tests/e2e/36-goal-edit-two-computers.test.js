// A goal can be edited, and its wording is versioned (docs/decisions.md 73). The vault is the
// base fixture plus `--scenario devices` (cli/src/bin/e2e_seed.rs): a second computer, "Laptop
// at home", has opened it. The app opens it at the fixture's Thursday 2 April 2026 08:30 UTC
// (09:30 in London). Jo's goal "Sleep before midnight" was set with a title only. The laptop
// rewords it with the real `wellkept` binary (`wellkept goal edit`) at 08:00 UTC (09:00 in
// London), earlier than the edit made here, which it has not seen; delivered, the wording saved
// here shows and the laptop's is kept aside under the goal, named with its computer and time,
// until chosen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { Laptop } from './lib/laptop.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { seededRoot, startSeededApp, steps, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
/** @type {Laptop} */
let laptop;

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'devices' }));
  laptop = new Laptop(seededRoot(s));
});
after(() => s?.end());

/** @param {string} css */
const exactTexts = (css) => s.execute('return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)', [css]);

/** The goal's SMART parts as shown: [part, words] pairs. @param {string} goal css of the goal */
const smart = (goal) => s.execute(
  'return [...document.querySelectorAll(arguments[0] + " [data-goal-smart] dt")].map((dt) => [dt.textContent, dt.nextElementSibling.textContent])',
  [goal],
);

/** Jo's steps, as the seed wrote them: rewording the goal leaves them as they were. */
const JOS_STEPS = [
  'Keep a sleep diary | Client · due Mon, 30 Mar 2026 | Overdue | todo',
  'No screens after 23:00 | Client · due Thu, 9 Apr 2026 |  | todo',
  'Buy an alarm clock | Client · due Fri, 27 Mar 2026 |  | done',
];

test('a goal reworded here and on the laptop at once: the later wording shows, the laptop\u2019s is kept aside under the goal, and "Use this version instead" takes it', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  await s.waitFor('wk-goal-list [data-goal]');
  const goalId = await s.execute("return document.querySelector('wk-goal-list [data-goal]').getAttribute('data-goal')");
  const GOAL = `[data-goal="${goalId}"]`;
  const BOX = `${GOAL} wk-text-conflicts [data-text-conflicts]`;
  assert.deepEqual(await steps(s), [['Sleep before midnight active', ...JOS_STEPS]]);
  assert.deepEqual(await smart(GOAL), [], 'set with a title only: no SMART part is shown');

  // The laptop rewords the goal (not delivered yet).
  const reworded = await laptop.run('2026-04-02T08:00:00Z', [
    'goal', 'edit', goalId, '--specific', 'In bed by 23:30', '--measurable', 'Sleep diary, five nights in seven',
  ]);
  assert.ok(laptop.output.startsWith(`Saved goal ${goalId}.\n`), laptop.output);

  // Here, not having seen that, the mentor rewords it too. A blank title is refused first,
  // with the reason, and nothing changes.
  await (await s.waitFor(`${GOAL} .goal__edit-form summary`, { text: 'Edit \u201cSleep before midnight\u201d' })).click();
  assert.deepEqual(
    await s.execute(`return ['title', 'specific', 'measurable', 'achievable', 'relevant', 'target'].map((k) => document.querySelector('#edit-goal-' + k + '-${goalId}').value)`),
    ['Sleep before midnight', '', '', '', '', ''],
  );
  await replaceText(s, `#edit-goal-title-${goalId}`, ' ');
  await (await s.waitFor(`[data-edit-goal="${goalId}"] button[type="submit"]`)).click();
  await s.waitFor(`[data-edit-goal-error="${goalId}"]`, { text: 'Title: is required' });
  await replaceText(s, `#edit-goal-title-${goalId}`, 'Asleep before midnight on weeknights');
  await replaceText(s, `#edit-goal-specific-${goalId}`, 'Lights out by 23:30 on weeknights');
  await replaceText(s, `#edit-goal-relevant-${goalId}`, 'Mornings with the children');
  await (await s.waitFor(`[data-edit-goal="${goalId}"] button[type="submit"]`)).click();
  await s.waitFor('[data-status]', { text: 'Goal saved.' });
  await s.waitFor(`${GOAL} .goal__title`, { text: 'Asleep before midnight on weeknights' });
  assert.deepEqual(await smart(GOAL), [
    ['Specific', 'Lights out by 23:30 on weeknights'],
    ['Relevant', 'Mornings with the children'],
  ]);
  assert.equal(await s.execute('return document.querySelector(arguments[0])', [BOX]), null, 'nothing kept aside yet');

  // Delivered: the wording saved here is later, so it shows; the laptop's is kept aside under it.
  await laptop.deliver(reworded);
  await s.waitFor(BOX);
  assert.deepEqual(await steps(s), [['Asleep before midnight on weeknights active', ...JOS_STEPS]]);
  assert.deepEqual(await smart(GOAL), [
    ['Specific', 'Lights out by 23:30 on weeknights'],
    ['Relevant', 'Mornings with the children'],
  ]);
  assert.deepEqual(await texts(s, `${BOX} h3`), ['Changed on two computers at once']);
  assert.deepEqual(await texts(s, `${BOX} > p`), [
    'This goal was edited on two computers at the same time. The later text is shown above; the other is kept here until you choose, so nothing is lost.',
  ]);
  assert.deepEqual(await texts(s, `${BOX} [data-conflict-source]`), ['The version saved on Laptop at home on Thu, 2 Apr 2026 at 09:00 is kept aside:']);
  assert.deepEqual(await texts(s, `${BOX} [data-conflict-title]`), ['Sleep before midnight']);
  assert.deepEqual(await exactTexts(`${BOX} [data-conflict-text]`), ['Specific: In bed by 23:30\n\nMeasurable: Sleep diary, five nights in seven']);
  assert.deepEqual(await texts(s, `${BOX} button`), ['Use this version instead', 'Keep the text shown']);
  assert.deepEqual(await axeViolations(s), []);
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: \'center\' })', [BOX]);
  await screenshot(s, '36-goal-two-computers');

  // The mentor takes the laptop's wording: the goal shows it, the box is gone, the steps and
  // status are as they were.
  await (await s.waitFor(`${BOX} [data-use="0"]`)).click();
  await waitUntil(s, `return document.querySelector('${GOAL} .goal__title')?.textContent.includes('Sleep before midnight') && !document.querySelector(${JSON.stringify(BOX)})`, 'the laptop\u2019s wording, and no box');
  assert.deepEqual(await steps(s), [['Sleep before midnight active', ...JOS_STEPS]]);
  assert.deepEqual(await smart(GOAL), [
    ['Specific', 'In bed by 23:30'],
    ['Measurable', 'Sleep diary, five nights in seven'],
  ]);

  // A new target date alone is no new wording: saved, nothing is set aside, and the date shows.
  await (await s.waitFor(`${GOAL} .goal__edit-form summary`, { text: 'Edit \u201cSleep before midnight\u201d' })).click();
  assert.equal(await s.execute(`return document.querySelector('#edit-goal-measurable-${goalId}').value`), 'Sleep diary, five nights in seven', 'the form holds the wording taken');
  await s.execute(`const el = document.querySelector('#edit-goal-target-${goalId}'); el.value = '2026-05-31'; el.dispatchEvent(new Event('input'));`);
  await (await s.waitFor(`[data-edit-goal="${goalId}"] button[type="submit"]`)).click();
  await s.waitFor(`${GOAL} .muted`, { text: 'Target: Sun, 31 May 2026' });
  assert.equal(await s.execute('return document.querySelector(arguments[0])', [BOX]), null, 'nothing kept aside for a date');
  assert.equal(await s.execute(`return document.activeElement === document.querySelector('${GOAL} .goal__edit-form summary')`), true, 'the focus back on Edit');
});

test('a step\u2019s words, who does it and its due day are corrected in place; a blank step is refused; its status stays', async () => {
  const goalId = await s.execute("return document.querySelector('wk-goal-list [data-goal]').getAttribute('data-goal')");
  const GOAL = `[data-goal="${goalId}"]`;
  const stepId = await s.execute(`return [...document.querySelectorAll('${GOAL} .step')].find((li) => li.textContent.includes('Keep a sleep diary')).getAttribute('data-step')`);
  const FORM = `[data-step-edit="${stepId}"]`;

  // Cancel leaves it as it was, the focus back on its Edit button.
  await (await s.waitFor(`[data-edit-step="${stepId}"]`)).click();
  await s.waitFor(FORM);
  assert.deepEqual(
    await s.execute(`return ['desc', 'owner', 'due'].map((k) => document.querySelector('#step-edit-' + k + '-${stepId}').value)`),
    ['Keep a sleep diary', 'client', '2026-03-30'],
  );
  assert.equal(await s.execute('return document.activeElement.id'), `step-edit-desc-${stepId}`);
  await (await s.waitFor(`${FORM} [data-step-cancel]`)).click();
  await waitUntil(s, `return !document.querySelector('${FORM}') && document.activeElement === document.querySelector('[data-edit-step="${stepId}"]')`, 'the step shown again, Edit focused');
  assert.deepEqual(await steps(s), [['Sleep before midnight active', ...JOS_STEPS]]);

  // A blank step is refused with the reason; then the corrected one is saved.
  await (await s.waitFor(`[data-edit-step="${stepId}"]`)).click();
  await replaceText(s, `#step-edit-desc-${stepId}`, ' ');
  await (await s.waitFor(`${FORM} button[type="submit"]`)).click();
  await s.waitFor(`${FORM} [data-step-error]`, { text: 'Step: is required' });
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: \'center\' })', [FORM]);
  await screenshot(s, '36-step-edit-refused');
  await replaceText(s, `#step-edit-desc-${stepId}`, 'Keep a sleep diary, with the time of waking');
  await s.execute(`const el = document.querySelector('#step-edit-owner-${stepId}'); el.value = 'mentor'; el.dispatchEvent(new Event('change'));`);
  await s.execute(`const el = document.querySelector('#step-edit-due-${stepId}'); el.value = '2026-04-06'; el.dispatchEvent(new Event('input'));`);
  await (await s.waitFor(`${FORM} button[type="submit"]`)).click();
  await s.waitFor('[data-status]', { text: 'Step saved.' });
  await waitUntil(s, `return !document.querySelector('${FORM}')`, 'the step shown again');
  // No longer overdue (due Mon 6 Apr, after today), still to do, still first.
  assert.deepEqual(await steps(s), [[
    'Sleep before midnight active',
    'Keep a sleep diary, with the time of waking | Mentor · due Mon, 6 Apr 2026 |  | todo',
    ...JOS_STEPS.slice(1),
  ]]);
  assert.equal(await s.execute('return document.activeElement.getAttribute("data-edit-step")'), stepId);
  assert.deepEqual(await axeViolations(s), []);
});
