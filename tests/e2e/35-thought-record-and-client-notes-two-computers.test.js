// Issue 15, deliverable 2, for a thought record's worksheet and a client's general notes
// (docs/decisions.md 70): each is a long text, so rewritten on two computers at once both
// versions are kept. The vault is the base fixture plus `--scenario devices`
// (cli/src/bin/e2e_seed.rs): a second computer, "Laptop at home", has opened it. The app opens
// it at the fixture's Thursday 2 April 2026 08:30 UTC (09:30 in London). The laptop writes with
// the real `wellkept` binary (`wellkept thought …`, `wellkept client edit`) at 08:00 UTC (09:00
// in London), earlier than what is typed here, which it has not seen; delivered, the words typed
// here show and the laptop's are kept aside, named with its computer and time, until chosen.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { Laptop } from './lib/laptop.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { cells, seededRoot, startSeededApp, texts } from './lib/oracle.js';

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

test('a thought record worked through here and on the laptop at once: the later worksheet shows, the laptop\u2019s is kept aside under it, and "Use this version instead" takes it', async () => {
  const LIST = '[data-recent]';
  const BOX = `${LIST} wk-text-conflicts [data-text-conflicts]`;
  await openScreen(s, 'thought-record');
  await s.waitFor(`${LIST} li`, { text: 'Your thought records will appear here.' });

  // The laptop writes the record; delivered, it shows here by itself.
  const added = await laptop.run('2026-04-02T07:00:00Z', [
    'thought', 'add', '--date', '2026-03-30', '--situation', 'Missed the bus to the allotment',
    '--mood', 'Frustrated=70', '--thought', 'I can never get anything right',
  ]);
  const id = /^Added thought record (\S+)\.$/m.exec(laptop.output)?.[1];
  assert.ok(id, `the laptop printed the record's id: ${laptop.output}`);
  await laptop.deliver(added);
  await waitUntil(s, `return document.querySelector('${LIST}').textContent.includes('Missed the bus')`, 'the laptop\u2019s record');
  assert.deepEqual(await cells(s, `${LIST} li`), [['Mon, 30 Mar 2026', 'Missed the bus to the allotment']]);

  // The laptop works it through (not delivered yet); here, not having seen that, so does the person.
  const worked = await laptop.run('2026-04-02T08:00:00Z', [
    'thought', 'edit', id, '--evidence-against', 'The bus left early.', '--balanced', 'One missed bus is not a wasted day.', '--belief', '60',
  ]);
  await (await s.waitFor(`${LIST} [data-row-edit]`)).click();
  assert.equal(await s.execute("return document.querySelector('#tr-situation').value"), 'Missed the bus to the allotment');
  await replaceText(s, '#tr-balanced', 'Buses are late for everyone.');
  await (await s.waitFor('[data-record] [data-submit]', { text: 'Save changes' })).click();
  await waitUntil(s, `return document.querySelector('${LIST}').textContent.includes('Buses are late')`, 'the worksheet saved here');
  assert.equal(await s.execute('return document.querySelector(arguments[0])', [BOX]), null, 'nothing kept aside yet');

  // Delivered: the worksheet saved here is later, so it shows; the laptop's is kept aside.
  await laptop.deliver(worked);
  await s.waitFor(BOX);
  assert.deepEqual(
    (await cells(s, `${LIST} li`)).map((row) => row.slice(0, 3)),
    [['Mon, 30 Mar 2026', 'Missed the bus to the allotment', 'Balanced: Buses are late for everyone.']],
  );
  assert.deepEqual(await texts(s, `${BOX} h3`), ['Changed on two computers at once']);
  assert.deepEqual(await texts(s, `${BOX} > p`), [
    'This thought record was edited on two computers at the same time. The later text is shown above; the other is kept here until you choose, so nothing is lost.',
  ]);
  assert.deepEqual(await texts(s, `${BOX} [data-conflict-source]`), ['The version saved on Laptop at home on Thu, 2 Apr 2026 at 09:00 is kept aside:']);
  assert.deepEqual(await exactTexts(`${BOX} [data-conflict-text]`), [
    'Situation: Missed the bus to the allotment\n\n'
      + 'Moods: Frustrated 70%\n\n'
      + 'Automatic thoughts: I can never get anything right (the hot thought)\n\n'
      + 'Evidence against: The bus left early.\n\n'
      + 'Balanced thought (believed 60%): One missed bus is not a wasted day.',
  ]);
  assert.deepEqual(await texts(s, `${BOX} button`), ['Use this version instead', 'Keep the text shown']);
  assert.deepEqual(await axeViolations(s), []);
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: \'center\' })', [BOX]);
  await screenshot(s, '35-thought-record-two-computers');

  // The person opens the record to compare (the form holds the words shown), then takes the
  // laptop's worksheet: the list shows it, the box is gone, and the form holds it too.
  await (await s.waitFor(`${LIST} [data-row-edit]`)).click();
  assert.equal(await s.execute("return document.querySelector('#tr-balanced').value"), 'Buses are late for everyone.');
  await (await s.waitFor(`${BOX} [data-use="0"]`)).click();
  await waitUntil(s, `return document.querySelector('${LIST}').textContent.includes('One missed bus') && !document.querySelector(${JSON.stringify(BOX)})`, 'the laptop\u2019s worksheet, and no box');
  assert.deepEqual(await cells(s, `${LIST} li`), [['Mon, 30 Mar 2026', 'Missed the bus to the allotment', 'Balanced: One missed bus is not a wasted day.']]);
  await waitUntil(s, "return document.querySelector('#tr-balanced').value === 'One missed bus is not a wasted day.'", 'the form filled with the worksheet taken');
  assert.deepEqual(
    await s.execute("return ['#tr-situation', '#tr-mood-0', '#tr-int-0', '#tr-thought-0', '#tr-against'].map((css) => document.querySelector(css).value)"),
    ['Missed the bus to the allotment', 'Frustrated', '70', 'I can never get anything right', 'The bus left early.'],
  );
  assert.deepEqual(await texts(s, '[data-record] [data-submit]'), ['Save changes']);

  // Saved from there, it is made from the version taken: nothing is set aside again.
  await replaceText(s, '#tr-for', 'I was late.');
  await (await s.waitFor('[data-record] [data-submit]', { text: 'Save changes' })).click();
  await s.waitFor('[data-record] [data-submit]', { text: 'Save thought record' });
  await waitUntil(s, "return !document.querySelector('#tr-balanced').value", 'the form emptied after the save');
  assert.deepEqual(await cells(s, `${LIST} li`), [['Mon, 30 Mar 2026', 'Missed the bus to the allotment', 'Balanced: One missed bus is not a wasted day.']]);
  assert.equal(await s.execute('return document.querySelector(arguments[0])', [BOX]), null);
});

test('a client\u2019s general notes rewritten here and on the laptop at once: the later notes stay in Edit details, the laptop\u2019s are kept aside above it, and "Use this version instead" takes them', async () => {
  const BOX = 'wk-text-conflicts[kind="client"] [data-text-conflicts]';
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });

  // The laptop rewrites Jo's notes (not delivered yet); here, not having seen that, so does the mentor.
  const rewritten = await laptop.run('2026-04-02T08:00:00Z', ['client', 'edit', 'Jordan Rivers', '--notes', 'Prefers evening sessions (written on the laptop).']);
  assert.equal(laptop.output, 'Saved Jordan Rivers.\n');
  await (await s.waitFor('[data-client-edit] summary')).click();
  assert.equal(await s.execute("return document.querySelector('#edit-notes').value"), '');
  await replaceText(s, '#edit-notes', 'Works nights; mornings are hard.');
  await (await s.waitFor('[data-edit-form] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Details saved' });
  assert.equal(await s.execute('return document.querySelector(arguments[0])', [BOX]), null, 'nothing kept aside yet');

  // Delivered (nothing is being typed, so the screen draws itself again): the notes saved here
  // are later, so they stay; the laptop's are kept aside above Edit details.
  await laptop.deliver(rewritten);
  await s.waitFor(BOX);
  assert.deepEqual(await texts(s, `${BOX} h2`), ['Changed on two computers at once']);
  assert.deepEqual(await texts(s, `${BOX} > p`), [
    'The general notes were edited on two computers at the same time. The later notes are in Edit details below; the other version is kept here until you choose, so nothing is lost.',
  ]);
  assert.deepEqual(await texts(s, `${BOX} [data-conflict-source]`), ['The version saved on Laptop at home on Thu, 2 Apr 2026 at 09:00 is kept aside:']);
  assert.deepEqual(await exactTexts(`${BOX} [data-conflict-text]`), ['Prefers evening sessions (written on the laptop).']);
  assert.deepEqual(await texts(s, `${BOX} button`), ['Use this version instead', 'Keep the text shown']);
  // Edit details is open under the box, on the later notes: both versions are on screen.
  assert.equal(await s.execute("return document.querySelector('[data-client-edit]').open"), true);
  assert.equal(await s.execute("return document.querySelector('#edit-notes').value"), 'Works nights; mornings are hard.', 'the later notes are the ones in Edit details');
  assert.deepEqual(await axeViolations(s), []);
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: \'center\' })', [BOX]);
  await screenshot(s, '35-client-notes-two-computers');

  // The mentor takes the laptop's notes: the box is gone, and Edit details, still open, holds
  // them, the focus on them.
  await (await s.waitFor(`${BOX} [data-use="0"]`)).click();
  await waitUntil(s, `return document.querySelector('#edit-notes')?.value === 'Prefers evening sessions (written on the laptop).' && !document.querySelector(${JSON.stringify(BOX)})`, 'the laptop\u2019s notes, and no box');
  assert.equal(await s.execute("return document.querySelector('[data-client-edit]').open"), true);
  assert.equal(await s.execute('return document.activeElement.id'), 'edit-notes');

  // A change of phone number alone leaves the notes be and sets nothing aside.
  await replaceText(s, '#edit-phone', '0161 496 0000');
  await (await s.waitFor('[data-edit-form] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('#edit-phone')?.value === '0161 496 0000'", 'the phone number saved');
  assert.equal(await s.execute("return document.querySelector('#edit-notes').value"), 'Prefers evening sessions (written on the laptop).');
  assert.equal(await s.execute('return document.querySelector(arguments[0])', [BOX]), null);
});
