// Correcting and removing records through the real window, and getting them back: a journal
// entry is edited (and the edit survives lock and unlock), moved to the trash, restored from the
// trash screen, moved again and deleted for good; a client's details are edited, the client is
// moved to the trash with a confirm step, restored, moved again and the trash emptied; a goal is
// moved to the trash and restored.
// Runs after 01 (the vault exists, holds both practice and journal, and is in the keychain).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { lockFromHeader, openScreen, replaceText, startAtDashboard, waitForDashboard, waitUntil } from './lib/flows.js';
import { sleep } from './lib/webdriver.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  s = await startAtDashboard();
});
after(() => s?.end());

/** @param {string} title */
async function openRecentEntry(title) {
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent]', { text: title });
  await s.execute(`[...document.querySelectorAll('[data-recent] [data-entry-id]')].find((b) => b.textContent.includes(${JSON.stringify(title)})).click()`);
  await waitUntil(s, `return document.querySelector('#entry-title')?.value === ${JSON.stringify(title)}`, `the entry "${title}" is open`);
}

async function entryMovedToTrash() {
  await (await s.waitFor('[data-trash-entry]')).click();
  await s.waitFor('[data-status]', { text: 'moved to the trash' });
  await s.waitFor('h2#entry-title-label', { text: 'New entry' });
}

test('a journal entry is corrected, and the correction survives locking', async () => {
  await openScreen(s, 'journal');
  await (await s.waitFor('#entry-title')).type('Walk in the rain');
  await (await s.waitFor('#entry-body')).type('Cold hands, clear head.');
  await s.waitFor('[data-save-status][data-state="saved"]', { timeout: 20000 });
  await (await s.waitFor('[data-new]')).click();

  await openRecentEntry('Walk in the rain');
  await replaceText(s, '#entry-title', 'Walk in the warm rain');
  await (await s.waitFor('#entry-tags')).type('outdoors, calm');
  await s.execute("const m = document.querySelector('#entry-mood'); m.value = '8'; m.dispatchEvent(new Event('input', { bubbles: true }));");
  await s.waitFor('[data-save-status][data-state="saved"]', { timeout: 20000 });
  await (await s.waitFor('[data-new]')).click();
  await s.waitFor('[data-recent]', { text: 'Walk in the warm rain' });

  await lockFromHeader(s);
  await (await s.waitFor('button[data-keychain]')).click();
  await waitForDashboard(s);
  await openRecentEntry('Walk in the warm rain');
  const [tags, mood, body] = await s.execute(
    "return [document.querySelector('#entry-tags').value, document.querySelector('#entry-mood').value, document.querySelector('#entry-body').value]",
  );
  assert.equal(tags, 'calm, outdoors', 'the tags are saved (sorted)');
  assert.equal(mood, '8');
  assert.equal(body, 'Cold hands, clear head.', 'the text not edited is kept');
});

test('a journal entry moved to the trash leaves the journal, is restored, then deleted for good', async () => {
  await openRecentEntry('Walk in the warm rain');
  await entryMovedToTrash();
  await waitUntil(s, "return !document.querySelector('[data-recent]')?.textContent.includes('Walk in the warm rain')", 'the entry is gone from the journal');

  await openScreen(s, 'trash');
  const item = await s.waitFor('[data-trash-item^="journal_entry:"]', { text: 'Walk in the warm rain' });
  assert.match(String(await item.text()), /Journal entry/i, 'the kind is shown');
  assert.match(String(await item.text()), /deleted/i, 'when it was deleted is shown');
  await (await s.waitFor('[data-trash-item^="journal_entry:"] [data-restore]')).click();
  await s.waitGone('[data-trash-item^="journal_entry:"]');
  await s.waitFor('[data-trash-empty]', { text: 'The trash is empty' });

  await openRecentEntry('Walk in the warm rain');
  await entryMovedToTrash();
  await openScreen(s, 'trash');
  await (await s.waitFor('[data-trash-item^="journal_entry:"] [data-purge]')).click();
  const confirm = await s.waitFor('[data-trash-item^="journal_entry:"] .notice', { text: 'cannot be recovered' });
  assert.match(String(await confirm.text()), /overwritten/);
  assert.equal(await s.execute('return document.activeElement?.hasAttribute("data-purge-confirm")'), true, 'focus moves to the confirm button');
  await (await s.waitFor('[data-purge-confirm]')).click();
  await s.waitFor('[data-trash-empty]', { text: 'The trash is empty' });
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent]');
  await sleep(300);
  await waitUntil(s, "return !document.querySelector('[data-recent]')?.textContent.includes('Walk in the warm rain')", 'the entry stays gone');
});

test('a client is corrected, moved to the trash with a confirm step, and restored', async () => {
  await openScreen(s, 'clients');
  await (await s.waitFor('#client-name')).type('Sam Okafor');
  await (await s.waitFor('button[type="submit"]', { text: 'Add client' })).click();
  await s.waitFor('#client-title', { text: 'Sam Okafor' });

  await (await s.waitFor('[data-client-edit] summary')).click();
  await replaceText(s, '#edit-pronouns', 'he/him');
  await replaceText(s, '#edit-phone', '0161 496 0000');
  await (await s.waitFor('[data-edit-form] button[type="submit"]')).click();
  await s.waitFor('[data-status]', { text: 'Details saved' });
  await s.waitFor('#client-title + p', { text: 'he/him' });
  assert.equal(await s.execute("return document.querySelector('#edit-phone').value"), '0161 496 0000', 'the phone number is saved');

  await (await s.waitFor('[data-client-edit] summary')).click();
  await (await s.waitFor('[data-trash-client]')).click();
  const confirm = await s.waitFor('[data-trash-confirm]', { text: 'restore' });
  assert.match(String(await confirm.text()), /Sam Okafor/);
  await (await s.waitFor('[data-trash-confirm-yes]')).click();
  await s.waitFor('#clients-title');
  await s.waitFor('[data-status]', { text: 'moved to the trash' });
  await waitUntil(s, "const l = document.querySelector('[data-list]'); return !!l && l.textContent.trim() !== '' && !l.textContent.includes('Sam Okafor')", 'the client is gone from the list');

  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item^="client:"]', { text: 'Sam Okafor' });
  await screenshot(s, '40-trash');
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations on the trash');
  await (await s.waitFor('[data-trash-item^="client:"] [data-restore]')).click();
  await s.waitGone('[data-trash-item^="client:"]');

  await openScreen(s, 'clients');
  await s.waitFor('[data-list]', { text: 'Sam Okafor' });
  await s.waitFor('[data-list]', { text: 'he/him' });
});

test('a goal moved to the trash leaves the goal list and comes back', async () => {
  await openScreen(s, 'my-goals');
  await (await s.waitFor('.goal-add summary')).click();
  await (await s.waitFor('#goal-title')).type('Swim twice a week');
  await (await s.waitFor('[data-add-goal] button[type="submit"]')).click();
  await s.waitFor('.goal-list', { text: 'Swim twice a week' });
  await (await s.waitFor('[data-trash-goal]')).click();
  await s.waitFor('[data-status]', { text: 'Goal moved to the trash' });
  await waitUntil(s, "return !document.querySelector('.goal-list')?.textContent.includes('Swim twice a week')", 'the goal is gone from the list');
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item^="goal:"]', { text: 'Swim twice a week' });
  await (await s.waitFor('[data-trash-item^="goal:"] [data-restore]')).click();
  await s.waitGone('[data-trash-item^="goal:"]');
  await openScreen(s, 'my-goals');
  await s.waitFor('.goal-list', { text: 'Swim twice a week' });
});

test('emptying the trash asks first, then deletes everything in it for good', async () => {
  await openScreen(s, 'clients');
  await s.execute(`[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Sam Okafor')).click()`);
  await s.waitFor('#client-title', { text: 'Sam Okafor' });
  await (await s.waitFor('[data-client-edit] summary')).click();
  await (await s.waitFor('[data-trash-client]')).click();
  await (await s.waitFor('[data-trash-confirm-yes]')).click();
  await s.waitFor('#clients-title');

  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item^="client:"]', { text: 'Sam Okafor' });
  await (await s.waitFor('[data-empty]')).click();
  await s.waitFor('[data-trash-body] .notice--warning', { text: 'cannot be recovered' });
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations with the confirm step open');
  await (await s.waitFor('[data-empty-confirm]')).click();
  await s.waitFor('[data-trash-empty]', { text: 'The trash is empty' });
  await s.waitFor('[data-status]', { text: 'for good' });
});
