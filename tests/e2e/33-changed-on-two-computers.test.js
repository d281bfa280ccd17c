// Issue 15, deliverable 2, through the window: a text changed on two computers at the same time
// keeps both versions. The later one shows; the other is kept aside, named with its computer and
// time, with a badge, until the person chooses (docs/decisions.md 66). The vault is the base
// fixture plus `--scenario devices` (cli/src/bin/e2e_seed.rs): a second computer, "Laptop at
// home", has opened it. The app opens it at the fixture's Thursday 2 April 2026 08:30 UTC (09:30
// in London). The laptop edits with the real `wellkept` binary on its own copy of the folder, on
// its clock at 08:00 UTC (09:00 in London): earlier than the edit typed here, which it has not
// seen, so the text typed here shows and the laptop's is kept aside. The engine's delivery is
// every file the laptop changed, renamed into place as Syncthing does; the editor being open
// with the typed text, the window waits behind its banner until "Show them".
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
/** @param {string[]} args @param {string} [clock] the laptop's clock: 08:00 UTC unless said */
const onTheLaptop = (args, clock = '2026-04-02T08:00:00Z') => laptop.run(clock, args);
/** @param {[string, Buffer][]} files */
const deliver = (files) => laptop.deliver(files);

const status = () => s.execute("return document.querySelector('[data-status]').textContent");

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'devices' }));
  laptop = new Laptop(seededRoot(s));
});
after(() => s?.end());

test('a journal entry edited here and on the laptop at once: the later text shows, the laptop\u2019s is kept aside with a badge, and "Use this version instead" takes it', async () => {
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent] [data-entry-id]');
  const id = /** @type {string} */ (await s.execute("return [...document.querySelectorAll('[data-recent] [data-entry-id]')].find((b) => b.textContent.includes('April already')).dataset.entryId"));
  // The laptop rewrites the entry first (on its clock), before it has seen anything from here.
  const files = await onTheLaptop(['journal', 'edit', id, 'Rewritten on the laptop, on the train.']);
  const names = files.map(([n]) => n);
  assert.ok(!names.some((n) => n.startsWith('data/')), `the laptop wrote only its own files (${names.join(', ')})`);

  // Here, not having seen that, the person opens the entry and rewrites it too.
  await s.execute("[...document.querySelectorAll('[data-recent] [data-entry-id]')].find((b) => b.textContent.includes('April already')).click()");
  await s.waitFor('#entry-title-label', { text: 'Entry for' });
  assert.deepEqual(await s.execute("return document.querySelector('#entry-body').value"), "A good day at the allotment with Sam's seedlings.");
  assert.equal(await s.execute("return document.querySelector('[data-text-conflicts]')"), null, 'no versions kept aside yet');
  await replaceText(s, '#entry-body', 'Rewritten here, at my desk.');
  await s.waitFor('[data-save-status][data-state="saved"]');

  // The delivery arrives while the entry is open in the editor: the banner waits; "Show them"
  // draws the same entry again, now with the laptop's version kept aside above it.
  await deliver(files);
  await (await s.waitFor('[data-show-changes]')).click();
  await s.waitFor('[data-text-conflicts]');
  assert.equal(await status(), 'Showing the changes from the other computer.');
  assert.deepEqual(await texts(s, '#entry-title-label'), ['Entry for Wed, 1 Apr 2026'], 'the same entry, open');
  assert.deepEqual(await s.execute("return ['#entry-title', '#entry-body'].map((css) => document.querySelector(css).value)"), ['April already', 'Rewritten here, at my desk.'], 'the later text shows: the one typed here');
  assert.deepEqual(await texts(s, '[data-text-conflicts] h2'), ['Changed on two computers at once']);
  assert.deepEqual(await texts(s, '[data-text-conflicts] > p'), [
    'This entry was edited on two computers at the same time. The later text is shown below; the other is kept here until you choose, so nothing is lost.',
  ]);
  assert.deepEqual(await texts(s, '[data-conflict-source]'), ['The version saved on Laptop at home on Thu, 2 Apr 2026 at 09:00 is kept aside:']);
  assert.deepEqual(await texts(s, '[data-conflict-title]'), ['April already']);
  assert.deepEqual(await texts(s, '[data-conflict-text]'), ['Rewritten on the laptop, on the train.']);
  assert.deepEqual(await texts(s, '[data-text-conflicts] button'), ['Use this version instead', 'Keep the text shown']);
  // The list marks the entry too.
  await waitUntil(s, "return document.querySelector('[data-recent] [data-conflict-badge]') !== null", 'the badge in the list');
  assert.deepEqual(await texts(s, '[data-recent] li'), [
    'April already Wed, 1 Apr 2026 · mood 8/10 Changed on two computers',
    'Last day of March Tue, 31 Mar 2026 · mood 5/10',
    'The clocks went forward Sun, 29 Mar 2026 · mood 6/10',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await s.execute("document.querySelector('#entry-title-label').scrollIntoView({ block: 'start' })");
  await screenshot(s, '33-changed-on-two-computers');

  // The person takes the laptop's words.
  await (await s.waitFor('[data-text-conflicts] [data-use="0"]')).click();
  await s.waitGone('[data-text-conflicts]');
  assert.deepEqual(await s.execute("return document.querySelector('#entry-body').value"), 'Rewritten on the laptop, on the train.');
  await waitUntil(s, "return document.querySelector('[data-recent] [data-conflict-badge]') === null", 'the badge to go');
  assert.deepEqual(await texts(s, '[data-recent] li'), [
    'April already Wed, 1 Apr 2026 · mood 8/10',
    'Last day of March Tue, 31 Mar 2026 · mood 5/10',
    'The clocks went forward Sun, 29 Mar 2026 · mood 6/10',
  ]);
});

test('a draft note edited here and on the laptop at once keeps the laptop\u2019s text aside; "Keep the text shown" lets it go', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Sam Patel')).click()");
  await s.waitFor('[data-note]');
  await s.execute("[...document.querySelectorAll('[data-note]')].find((b) => b.textContent.includes('27 Mar 2026')).click()");
  await s.waitFor('#section-note');
  const id = /** @type {string} */ (await s.execute("return document.querySelector('wk-note-screen').noteId"));
  assert.equal(await s.execute("return document.querySelector('#section-note').value"), 'Sam wants to get back to the allotment.');

  const files = await onTheLaptop(['note', 'edit', id, '--text', 'Sam asked about a half plot (written on the laptop).']);
  await replaceText(s, '#section-note', 'Sam will ask the allotment society on Monday.');
  await s.waitFor('[data-save-status][data-state="saved"]');

  await deliver(files);
  await (await s.waitFor('[data-show-changes]')).click();
  await s.waitFor('[data-text-conflicts]');
  assert.equal(await s.execute("return document.querySelector('#section-note').value"), 'Sam will ask the allotment society on Monday.', 'the later text shows');
  assert.deepEqual(await texts(s, '[data-text-conflicts] > p'), [
    'This note was edited on two computers at the same time. The later text is shown below; the other is kept here until you choose, so nothing is lost.',
  ]);
  assert.deepEqual(await texts(s, '[data-conflict-source]'), ['The version saved on Laptop at home on Thu, 2 Apr 2026 at 09:00 is kept aside:']);
  assert.deepEqual(await texts(s, '[data-conflict-text]'), ['Sam asked about a half plot (written on the laptop).']);
  assert.deepEqual(await axeViolations(s), []);

  await (await s.waitFor('[data-text-conflicts] [data-keep="0"]')).click();
  await s.waitGone('[data-text-conflicts]');
  assert.equal(await s.execute("return document.querySelector('#section-note').value"), 'Sam will ask the allotment society on Monday.');
  // Typing goes on saving over the text shown, with nothing more set aside.
  await replaceText(s, '#section-note', 'Sam will ask the allotment society on Monday, then call.');
  await s.waitFor('[data-save-status][data-state="saved"]');
  assert.equal(await s.execute("return document.querySelector('[data-text-conflicts]')"), null);
});

test('the laptop\u2019s later edit of a note finalised here meanwhile is named under Computers in Settings until cleared', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Sam Patel')).click()");
  await s.waitFor('[data-note]');
  await s.execute("[...document.querySelectorAll('[data-note]')].find((b) => b.textContent.includes('27 Mar 2026')).click()");
  await s.waitFor('#section-note');
  const id = /** @type {string} */ (await s.execute("return document.querySelector('wk-note-screen').noteId"));
  // The laptop edits the draft at 10:00 UTC (11:00 in London), later than the finalisation
  // here, which it has not seen: merged in the order of their stamps, its edit finds the note
  // finalised.
  const files = await onTheLaptop(['note', 'edit', id, '--text', 'Sam would rather share a plot (the laptop, later).'], '2026-04-02T10:00:00Z');
  await (await s.waitFor('button[data-finalise]')).click();
  await s.waitFor('.notice', { text: 'read-only' });

  await openScreen(s, 'settings');
  await s.waitFor('[data-device-list] [data-device-name]');
  assert.equal(await s.execute("return document.querySelector('[data-merge-notes]').hidden"), true, 'nothing noted before the delivery');
  await deliver(files);
  // Nothing is being typed on Settings: the changes show by themselves, and the card says
  // what the merge could not do.
  await waitUntil(s, "return document.querySelector('[data-merge-notes]')?.hidden === false", 'the merge note');
  assert.deepEqual(await texts(s, '[data-merge-notes-title]'), ['What a merge could not do in full (1 change)']);
  assert.deepEqual(await texts(s, '[data-merge-notes] > p'), [
    "Changes made on one computer before it saw another's. Whatever still fitted was applied, and any text replaced unseen is kept beside its record.",
  ]);
  assert.deepEqual(await texts(s, '[data-merge-note-list] > li'), [
    'A change saved on Laptop at home on Thu, 2 Apr 2026 at 11:00 found part of what it changed already changed, finalised or removed on another computer; the rest of it was applied.',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await s.execute("document.querySelector('[data-merge-notes]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '33-merge-notes');

  await (await s.waitFor('[data-clear-merge-notes]')).click();
  await waitUntil(s, "return document.querySelector('[data-merge-notes]').hidden === true", 'the notes to be cleared');
  assert.equal(await status(), 'Cleared 1 merge note.');
  // Cleared in the vault, not only on screen: Settings drawn afresh lists none.
  await openScreen(s, 'journal');
  await openScreen(s, 'settings');
  await s.waitFor('[data-device-list] [data-device-name]');
  assert.equal(await s.execute("return document.querySelector('[data-merge-notes]').hidden"), true);
  assert.deepEqual(await texts(s, '[data-merge-note-list] > li'), []);
});
