// Issue 15, deliverable 2, for a supervision note (docs/decisions.md 69): its words are a long
// text, so rewritten on two computers at once both versions are kept. The vault is the base
// fixture plus `--scenario devices` (cli/src/bin/e2e_seed.rs): a second computer, "Laptop at
// home", has opened it. The app opens it at the fixture's Thursday 2 April 2026 08:30 UTC (09:30
// in London). The laptop records a supervision note at 07:00 UTC with the real `wellkept`
// binary, which the engine delivers; then the laptop rewrites it at 08:00 UTC (09:00 in London)
// while the mentor, here, rewrites it in the form without having seen that. Delivered, the
// later words (typed here) show, and the laptop's are kept aside under the note, named with
// its computer and time, until the mentor chooses.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { Laptop } from './lib/laptop.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { seededRoot, startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
/** @type {Laptop} */
let laptop;

const LIST = 'section[aria-labelledby="supervision-heading"] [data-items]';
const BOX = `${LIST} wk-text-conflicts [data-text-conflicts]`;

/** The note's own lines in the list (date and supervisor, notes, actions), without the box. */
const noteLines = () => s.execute(`return [...document.querySelectorAll(arguments[0] + ' > li')].map((li) => [...li.children]
  .filter((c) => !c.matches('.record-section__actions, wk-text-conflicts'))
  .map((c) => c.textContent.replace(/\\s+/g, ' ').trim()))`, [LIST]);

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'devices' }));
  laptop = new Laptop(seededRoot(s));
});
after(() => s?.end());

test('a supervision note rewritten here and on the laptop at once: the later words show, the laptop\u2019s are kept aside under it, and "Use this version instead" takes them', async () => {
  await openScreen(s, 'my-record');
  await s.waitFor(`${LIST} li`, { text: 'Nothing recorded yet.' });

  // The laptop records the note; delivered, it shows here by itself (nothing is being typed).
  const added = await laptop.run('2026-04-02T07:00:00Z', [
    'supervision', 'add', '--date', '2026-03-25', '--supervisor', 'Dr. Ann Lee',
    '--notes', 'Talked through Jo\u2019s sleep.', '--actions', 'Review the sleep plan',
  ]);
  const id = /^Added supervision note (\S+)\.$/m.exec(laptop.output)?.[1];
  assert.ok(id, `the laptop printed the note's id: ${laptop.output}`);
  await laptop.deliver(added);
  await waitUntil(s, `return document.querySelector(${JSON.stringify(LIST)}).textContent.includes('Dr. Ann Lee')`, 'the laptop\u2019s note');
  assert.deepEqual(await noteLines(), [['Wed, 25 Mar 2026 · Dr. Ann Lee', 'Talked through Jo\u2019s sleep.', 'Actions: Review the sleep plan']]);

  // The laptop rewrites it (not delivered yet); here, not having seen that, the mentor does too.
  const rewritten = await laptop.run('2026-04-02T08:00:00Z', ['supervision', 'edit', id, '--notes', 'Jo\u2019s sleep, and her fear of endings (on the laptop).']);
  await s.execute(`[...document.querySelectorAll(arguments[0] + ' > li')].find((li) => li.textContent.includes('Dr. Ann Lee')).querySelector('[data-row-edit]').click()`, [LIST]);
  assert.equal(await s.execute("return document.querySelector('#supervision-field-notes').value"), 'Talked through Jo\u2019s sleep.');
  await replaceText(s, '#supervision-field-notes', 'Jo\u2019s sleep; plan the last three sessions.');
  await (await s.waitFor('section[aria-labelledby="supervision-heading"] [data-submit]')).click();
  await waitUntil(s, `return document.querySelector(${JSON.stringify(LIST)}).textContent.includes('last three sessions')`, 'the words saved here');
  assert.equal(await s.execute(`return document.querySelector(arguments[0])`, [BOX]), null, 'nothing kept aside yet');

  // Delivered: the words saved here are later, so they show; the laptop's are kept aside.
  await laptop.deliver(rewritten);
  await s.waitFor(BOX);
  assert.deepEqual(await noteLines(), [['Wed, 25 Mar 2026 · Dr. Ann Lee', 'Jo\u2019s sleep; plan the last three sessions.', 'Actions: Review the sleep plan']]);
  assert.deepEqual(await texts(s, `${BOX} h3`), ['Changed on two computers at once']);
  assert.deepEqual(await texts(s, `${BOX} > p`), [
    'This supervision note was edited on two computers at the same time. The later text is shown above; the other is kept here until you choose, so nothing is lost.',
  ]);
  assert.deepEqual(await texts(s, `${BOX} [data-conflict-source]`), ['The version saved on Laptop at home on Thu, 2 Apr 2026 at 09:00 is kept aside:']);
  assert.deepEqual(
    await s.execute(`return [...document.querySelectorAll(arguments[0])].map((e) => e.textContent)`, [`${BOX} [data-conflict-text]`]),
    ['Jo\u2019s sleep, and her fear of endings (on the laptop).\n\nActions: Review the sleep plan'],
  );
  assert.deepEqual(await texts(s, `${BOX} button`), ['Use this version instead', 'Keep the text shown']);
  assert.deepEqual(await axeViolations(s), []);
  await s.execute(`document.querySelector(arguments[0]).scrollIntoView({ block: 'center' })`, [BOX]);
  await screenshot(s, '34-supervision-two-computers');

  // The mentor takes the laptop's words: the list shows them, and the box is gone.
  await (await s.waitFor(`${BOX} [data-use="0"]`)).click();
  await waitUntil(s, `return document.querySelector(${JSON.stringify(LIST)}).textContent.includes('fear of endings') && !document.querySelector(${JSON.stringify(BOX)})`, 'the laptop\u2019s words, and no box');
  assert.deepEqual(await noteLines(), [['Wed, 25 Mar 2026 · Dr. Ann Lee', 'Jo\u2019s sleep, and her fear of endings (on the laptop).', 'Actions: Review the sleep plan']]);

  // Edited again here from what is shown, nothing more is set aside.
  await s.execute(`[...document.querySelectorAll(arguments[0] + ' > li')].find((li) => li.textContent.includes('Dr. Ann Lee')).querySelector('[data-row-edit]').click()`, [LIST]);
  await replaceText(s, '#supervision-field-actions', 'Review the sleep plan by 9 April');
  await (await s.waitFor('section[aria-labelledby="supervision-heading"] [data-submit]')).click();
  await waitUntil(s, `return document.querySelector(${JSON.stringify(LIST)}).textContent.includes('by 9 April')`, 'the new actions');
  assert.equal(await s.execute(`return document.querySelector(arguments[0])`, [BOX]), null);
});
