// Attachments in the window (issue 12), on the base fixture plus `--scenario attachments`
// (cli/src/bin/e2e_seed.rs): "allotment.png" (3×2 pixels, 86 bytes) on the journal entry
// "April already", "consent-form.pdf" (85 bytes) on Jo, "sleep-diary.txt" (31 bytes) on Jo's
// finalised note of Thu 19 Mar; all attached at the pinned clock, Thursday 2 April 2026 09:30
// in London. The exact lines on the entry, the note and the client page; the thumbnail's natural
// size read from the <img>; attaching a typed path; "Open" hands a private temporary copy to
// the opener (a stand-in records the path, tests/e2e/lib/record-link.sh) and the copy is gone
// after lock, with the PDF's marker bytes nowhere under the vault folder or the open folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { chooseOption, lockFromHeader, openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

const ROOT = process.env.E2E_ROOT ?? '/tmp';
const WORK = join(ROOT, 'attachment-files');
const LINKS = join(ROOT, 'attachments-opened.txt');
const OPEN_DIR = join(ROOT, 'attachments-open');
const MARKER = 'WELLKEPT-E2E-ATTACHMENT-MARKER';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  await mkdir(WORK, { recursive: true });
  const env = {
    WELLKEPT_OPEN_LINK_WITH: join(import.meta.dirname, 'lib', 'record-link.sh'),
    WELLKEPT_E2E_LINKS: LINKS,
    WELLKEPT_OPEN_DIR: OPEN_DIR,
  };
  s = await startAtDashboard(() => startSeededApp({ scenario: 'attachments', env }));
});
after(() => s?.end());

async function openJo() {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('#client-title', { text: 'Jo (Jordan Rivers)' });
  await s.waitFor('[data-client-attachments] [data-attachment-count]');
}

/** Every file under `dir`, recursively. @param {string} dir @returns {Promise<string[]>} */
async function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...await filesUnder(path));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}

test('the journal entry lists its photo with a thumbnail of the photo’s own size', async () => {
  await openScreen(s, 'journal');
  await s.waitFor('[data-recent] [data-entry-id]');
  await s.execute("[...document.querySelectorAll('[data-recent] [data-entry-id]')].find((b) => b.textContent.includes('April already')).click()");
  await s.waitFor('[data-entry-attachments] [data-attachment-line]');
  assert.deepEqual(await texts(s, '[data-entry-attachments] [data-attachment-line]'), ['allotment.png · 86 bytes · Thu, 2 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-entry-attachments] [data-attachment-count]'), ['1 attachment.']);
  await waitUntil(s, "return document.querySelector('[data-entry-attachments] img')?.complete && document.querySelector('[data-entry-attachments] img').naturalWidth > 0", 'the thumbnail to load');
  const shown = await s.execute("const img = document.querySelector('[data-entry-attachments] img'); return [img.naturalWidth, img.naturalHeight, img.alt, img.src.slice(0, 22)]");
  assert.deepEqual(shown, [3, 2, 'Thumbnail of allotment.png', 'data:image/png;base64,']);
  await s.execute("document.querySelector('[data-entry-attachments]').scrollIntoView({ block: 'center' })");
  await screenshot(s, '25-attachments-entry');
});

test('the client page and the session note list their own files; a typed path is attached, then moved to the trash', async () => {
  await openJo();
  assert.deepEqual(await texts(s, '[data-client-attachments] [data-attachment-line]'), ['consent-form.pdf · 85 bytes · Thu, 2 Apr 2026']);
  assert.deepEqual(await s.execute("return document.querySelectorAll('[data-client-attachments] img').length"), 0, 'no thumbnail for a PDF');
  assert.deepEqual(await axeViolations(s), [], 'no serious or critical accessibility violations on the client page');

  // Attaching: the path is typed (the native dialog cannot be driven), the new line is read back.
  const letter = join(WORK, 'referral letter.txt');
  await writeFile(letter, 'Dear Dr Shah, referral for Jo.\n');
  await replaceText(s, '#attach-path-client', letter);
  await s.execute("document.querySelector('[data-client-attachments] [data-attach-form] button[type=submit]').click()");
  await waitUntil(s, "return document.querySelectorAll('[data-client-attachments] [data-attachment-line]').length === 2", 'the second attachment');
  assert.deepEqual(await texts(s, '[data-client-attachments] [data-attachment-line]'), [
    'consent-form.pdf · 85 bytes · Thu, 2 Apr 2026',
    'referral letter.txt · 31 bytes · Thu, 2 Apr 2026',
  ]);
  assert.deepEqual(await texts(s, '[data-client-attachments] [data-attachment-count]'), ['2 attachments.']);

  // Moved to the trash from the section: the line goes, the count says so, the trash lists it.
  await s.execute("[...document.querySelectorAll('[data-client-attachments] [data-remove]')].at(-1).click()");
  await waitUntil(s, "return document.querySelectorAll('[data-client-attachments] [data-attachment-line]').length === 1", 'the line to go');
  assert.deepEqual(await texts(s, '[data-client-attachments] [data-attachment-line]'), ['consent-form.pdf · 85 bytes · Thu, 2 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-client-attachments] [data-attachment-count]'), ['1 attachment.']);
  await openScreen(s, 'trash');
  await s.waitFor('[data-trash-item^="attachment:"]');
  assert.deepEqual(await texts(s, '[data-trash-item^="attachment:"] p:first-child'), ['Attachment · referral letter.txt']);
  await openJo();

  await s.execute("[...document.querySelectorAll('[data-note]')].find((b) => b.textContent.includes('19 Mar 2026')).click()");
  await s.waitFor('[data-note-attachments] [data-attachment-line]');
  assert.deepEqual(await texts(s, '[data-note-attachments] [data-attachment-line]'), ['sleep-diary.txt · 31 bytes · Thu, 2 Apr 2026']);
});

// A Markdown export copies the attached files, decrypted, into a folder beside it: the export
// screen names that folder (helper-43's sentence, read here word for word), and the folder holds
// Jo's two live files (the one moved to the trash above stays out).
test('a Markdown export of Jo’s record names the folder of its attached files, which holds them decrypted', async () => {
  await openScreen(s, 'export');
  await s.waitFor('[data-export-client]');
  // The list names clients as they like to be called.
  await chooseOption(s, '#export-client', 'Jo');
  await (await s.waitFor('#export-client-access')).click();
  await waitUntil(s, "return document.querySelector('[data-recipient-fields]').hidden", 'recipient and basis hidden');
  await chooseOption(s, '#export-client-format', 'Markdown (.md)');
  const md = join(WORK, 'jo-access.md');
  await replaceText(s, '#export-client-path', md);
  await (await s.waitFor('[data-export-client] button[type="submit"]')).click();
  await s.waitFor('[data-export-client] [data-attachments-folder]', { timeout: 60000 });
  const folder = join(WORK, 'jo-access-attachments');
  assert.deepEqual(await texts(s, '[data-export-client] [data-attachments-folder]'), [
    `Its attached files are in ${folder} (not encrypted either: delete them with it).`,
  ]);
  const files = (await readdir(folder)).sort();
  assert.deepEqual(files, ['consent-form.pdf', 'sleep-diary.txt']);
  assert.ok((await readFile(join(folder, 'consent-form.pdf'), 'latin1')).startsWith('%PDF-'), 'the PDF is decrypted');
});

test('Open hands a private decrypted copy to the opener; after lock it is gone and its bytes are nowhere on disk', async () => {
  await openJo();
  await s.execute("document.querySelector('[data-client-attachments] [data-open]').click()");
  let opened = '';
  for (let i = 0; i < 100 && !opened; i += 1) {
    opened = existsSync(LINKS) ? (await readFile(LINKS, 'utf8')).trim() : '';
    if (!opened) await new Promise((r) => setTimeout(r, 100));
  }
  assert.ok(opened.startsWith(OPEN_DIR), `the opener got a path in the private folder: ${opened}`);
  assert.ok(opened.endsWith('/consent-form.pdf'), opened);
  const copy = await readFile(opened, 'utf8');
  assert.ok(copy.startsWith('%PDF-1.4\n% WELLKEPT-E2E-ATTACHMENT-MARKER'), 'the copy is the decrypted file');
  assert.equal((await stat(opened)).mode & 0o777, 0o600, 'the copy is readable by its owner only');
  assert.equal((await stat(OPEN_DIR)).mode & 0o777, 0o700, 'the folder is private');

  await lockFromHeader(s);
  assert.equal(existsSync(opened), false, 'the copy is removed at lock');
  const scanned = [...await filesUnder(OPEN_DIR)];
  // The vault folder of this run: under the oracle root's data folder.
  const roots = (await readdir(ROOT)).filter((n) => n.startsWith('oracle-')).map((n) => join(ROOT, n, 'data'));
  for (const root of roots) scanned.push(...await filesUnder(root));
  assert.ok(scanned.some((f) => f.includes('/vault/attachments/')), 'the scan covers the vault’s attachments folder');
  const holding = [];
  for (const file of scanned) {
    if ((await readFile(file)).includes(MARKER)) holding.push(file);
  }
  assert.deepEqual(holding, [], 'no file under the vault folder or the open folder holds the plaintext');
});
