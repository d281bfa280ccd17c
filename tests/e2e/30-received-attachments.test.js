// Attachments on what a client shared (issue 12), on the base fixture plus `--scenario
// received-attachments` (cli/src/bin/e2e_seed.rs): Jo shares a journal entry, a mood check-in and
// a thought record; the owner (Jo's mentor) imports them and attaches "bedside.png" (3×2 pixels,
// 86 bytes) and "sleep-log.pdf" (75 bytes) to the received journal entry. The clock is pinned near
// midnight in a zone behind UTC, Thursday 9 April 2026 23:30 in New York (03:30 UTC on Friday the
// 10th), so every "attached" day must read Thursday the 9th, not the UTC day. Opening an item
// from "Shared by your clients" shows its view with an "Attachments" section: the exact lines,
// the thumbnail's natural size, attaching a typed path, moving one to the trash, and "Open"
// handing a private copy to the stand-in opener (tests/e2e/lib/record-link.sh), gone after lock.
// A second share file from Jo, written by the seed beside the vault, carries her entry "The
// allotment" with two files attached: the preview names them, and importing attaches them to the
// received entry (decision 60).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations } from './lib/app.js';
import { lockFromHeader, openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { cells, seededRoot, startSeededApp, texts } from './lib/oracle.js';

const ROOT = process.env.E2E_ROOT ?? '/tmp';
const WORK = join(ROOT, 'received-attachment-files');
const LINKS = join(ROOT, 'received-attachments-opened.txt');
const OPEN_DIR = join(ROOT, 'received-attachments-open');

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  await mkdir(WORK, { recursive: true });
  const env = {
    WELLKEPT_OPEN_LINK_WITH: join(import.meta.dirname, 'lib', 'record-link.sh'),
    WELLKEPT_E2E_LINKS: LINKS,
    WELLKEPT_OPEN_DIR: OPEN_DIR,
  };
  s = await startAtDashboard(() => startSeededApp({ now: '2026-04-10T03:30:00Z', tz: 'America/New_York', scenario: 'received-attachments', env }));
});
after(() => s?.end());

/** Opens "Open a share file" and the view of the item Jo shared with this title. @param {string} title */
async function openReceived(title) {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-items] [data-received-open]');
  await s.execute("[...document.querySelectorAll('[data-received-open]')].find((b) => b.textContent.trim() === arguments[0]).click()", [title]);
  await s.waitFor('[data-received-title]', { text: title });
  await s.waitFor('[data-received-view] [data-attachment-count]');
}

test('the received journal entry lists its two files on the local day, with a thumbnail of the photo’s own size', async () => {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-items] li');
  // The list itself reads as before: each title is now the button that opens the item.
  assert.deepEqual(await cells(s, '[data-received-items] li'), [
    ['journal entry', 'Slept with the phone downstairs', 'received 2026-04-09', 'Fell asleep before midnight for the first time this month.'],
    ['mood check-in', 'Mood 2 of 5 on 2026-04-01', 'received 2026-04-09', 'Woke up and could not get back to sleep.'],
    ['thought record', 'Boss asked to see me at four', 'received 2026-04-09', 'It is probably about the rota.'],
  ]);
  assert.deepEqual(await s.execute("return document.querySelector('[data-received-view]').hidden"), true, 'no item is open yet');

  await openReceived('Slept with the phone downstairs');
  assert.deepEqual(await texts(s, '[data-received-view] [data-received-meta], [data-received-view] [data-received-detail]'), [
    'Journal entry, received 2026-04-09',
    'Fell asleep before midnight for the first time this month.',
  ]);
  assert.deepEqual(await s.execute("return [...document.querySelectorAll('[data-received-open]')].map((b) => b.getAttribute('aria-expanded'))"), ['true', 'false', 'false']);
  assert.deepEqual(await texts(s, '[data-received-view] h4'), ['Attachments']);
  await s.waitFor('[data-received-view] [data-attachment-line]');
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-line]'), [
    'bedside.png · 86 bytes · Thu, 9 Apr 2026',
    'sleep-log.pdf · 75 bytes · Thu, 9 Apr 2026',
  ]);
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-count]'), ['2 attachments.']);
  await waitUntil(s, "return document.querySelector('[data-received-view] img')?.complete && document.querySelector('[data-received-view] img').naturalWidth > 0", 'the thumbnail to load');
  const shown = await s.execute("return [...document.querySelectorAll('[data-received-view] img')].map((img) => [img.naturalWidth, img.naturalHeight, img.alt, img.src.slice(0, 22)])");
  assert.deepEqual(shown, [[3, 2, 'Thumbnail of bedside.png', 'data:image/png;base64,']], 'one thumbnail, the photo’s, none for the PDF');
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations with a received item open');
});

test('another received item has none; a typed path is attached to it on the local day, then moved to the trash', async () => {
  await openReceived('Mood 2 of 5 on 2026-04-01');
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-count]'), ['No attachments.']);
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-line]'), []);

  const note = join(WORK, 'night notes.txt');
  await writeFile(note, 'Awake at 03:10, read until 04:00.\n');
  await replaceText(s, '#attach-path-received_item', note);
  await s.execute("document.querySelector('[data-received-view] [data-attach-form] button[type=submit]').click()");
  await waitUntil(s, "return document.querySelectorAll('[data-received-view] [data-attachment-line]').length === 1", 'the new attachment');
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-line]'), ['night notes.txt · 34 bytes · Thu, 9 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-count]'), ['1 attachment.']);

  // The journal entry's files are its own: attaching to the check-in did not add to them.
  await openReceived('Slept with the phone downstairs');
  await s.waitFor('[data-received-view] [data-attachment-line]');
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-count]'), ['2 attachments.']);

  await openReceived('Mood 2 of 5 on 2026-04-01');
  await s.waitFor('[data-received-view] [data-remove]');
  await s.execute("document.querySelector('[data-received-view] [data-remove]').click()");
  await waitUntil(s, "return document.querySelector('[data-received-view] [data-attachment-count]')?.textContent === 'No attachments.'", 'the line to go');
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-line]'), []);
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item^="attachment:"]');
  assert.deepEqual(await texts(s, '[data-trash-item^="attachment:"] p:first-child'), ['Attachment · night notes.txt']);
});

test('a share file whose entry has files attached names them before import, and they arrive on the received entry', async () => {
  // Written by the seed beside the vault: Jo's entry "The allotment" with two files, not imported.
  const file = join(seededRoot(s), 'data', 'app.wellkept.desktop', 'jo-allotment.wkshare');
  await openScreen(s, 'open-share');
  await replaceText(s, '#open-share-path', file);
  await (await s.waitFor('[data-open] button[type="submit"]')).click();
  await s.waitFor('[data-preview] h2', { text: 'From Jordan Rivers' });
  assert.deepEqual(await cells(s, '[data-share-items] li'), [['journal entry', 'The allotment']]);
  assert.deepEqual(await texts(s, '[data-share-attachments]'), ['2 attachments: allotment.png, plan.pdf']);
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations on the preview');
  await (await s.waitFor('[data-import]')).click();
  await waitUntil(s, "return document.querySelector('[data-import-result]')?.textContent.startsWith('Added')", 'the import');
  assert.deepEqual(await texts(s, '[data-import-result]'), [
    'Added 1 item. 2 attachments are kept with the shared entry: allotment.png, plan.pdf.',
  ]);

  await openReceived('The allotment');
  await s.waitFor('[data-received-view] [data-attachment-line]');
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-line]'), [
    'allotment.png · 86 bytes · Thu, 9 Apr 2026',
    'plan.pdf · 25 bytes · Thu, 9 Apr 2026',
  ]);
  assert.deepEqual(await texts(s, '[data-received-view] [data-attachment-count]'), ['2 attachments.']);
});

test('Open on a received item’s PDF hands a private decrypted copy to the opener, removed at lock', async () => {
  await openReceived('Slept with the phone downstairs');
  await s.waitFor('[data-received-view] [data-open]');
  await s.execute("[...document.querySelectorAll('[data-received-view] [data-open]')].find((b) => b.getAttribute('aria-label') === 'Open sleep-log.pdf').click()");
  let opened = '';
  for (let i = 0; i < 100 && !opened; i += 1) {
    opened = existsSync(LINKS) ? (await readFile(LINKS, 'utf8')).trim() : '';
    if (!opened) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(opened.startsWith(OPEN_DIR), `the opener got a path in the private folder: ${opened}`);
  assert.ok(opened.endsWith('/sleep-log.pdf'), opened);
  assert.equal(await readFile(opened, 'utf8'), '%PDF-1.4\n% WELLKEPT-E2E-RECEIVED-MARKER sleep log Jo kept for a week\n%%EOF\n', 'the copy is the decrypted file');
  assert.equal((await stat(opened)).mode & 0o777, 0o600, 'the copy is readable by its owner only');

  await lockFromHeader(s);
  assert.equal(existsSync(opened), false, 'the copy is removed at lock');
});
