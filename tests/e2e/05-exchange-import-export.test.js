// Issue 5 through the real window: import a Daylio export (dry run, then import, then the
// entries in the journal; a malformed file names its line), export the journal to Markdown with
// the not-encrypted warning, a real exchange between two vaults in two app processes (the second
// app runs under its own tauri-driver with its own data folder: the mentor-and-client pair),
// refusals of a tampered and a foreign file, importing twice, and backup + restore.
// Runs after 01 (the "both" vault exists) and 03 (client "Jo" exists).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { join, resolve } from 'node:path';
import { APP, WEBDRIVER_URL, axeViolations, screenshot, startApp } from './lib/app.js';
import { PASSPHRASE, lockFromHeader, openScreen, waitForDashboard } from './lib/flows.js';
import { Session, sleep } from './lib/webdriver.js';

const FIXTURES = resolve('tests/fixtures/import');
const WORK = join(process.env.E2E_ROOT ?? '/tmp', 'exchange-files');

/** @type {Session} the first vault ("both": the mentor here) */
let a;
/** @type {Session} the second vault (a client's journal) */
let b;
/** @type {import('node:child_process').ChildProcess | undefined} */
let secondDriver;

before(async () => {
  await mkdir(WORK, { recursive: true });
  a = await startApp();
  await waitForDashboard(a);
});
after(async () => {
  await a?.end();
  await b?.end();
  secondDriver?.kill('SIGTERM');
});

/** Sets a field's value the way pasting does, and tells the page. @param {Session} s */
async function paste(s, css, value) {
  await s.waitFor(css);
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** Types a path into a labelled path field (native dialogs cannot be driven). @param {Session} s */
async function typePath(s, id, path) {
  const field = await s.waitFor(`#${id}`);
  await field.clear().catch(() => {});
  await field.type(path);
}

/** @param {Session} s */
async function noSeriousViolations(s, where) {
  assert.deepEqual(await axeViolations(s), [], `no serious or critical accessibility violations on ${where}`);
}

test('a malformed Daylio export is refused with its line; a good one is dry-run, imported and shown', async () => {
  // The window can neither open file dialogs itself nor hand a file command a path the person
  // did not pick: the shell opens the dialogs (behind "Choose…") and remembers what they return.
  // (This debug build also accepts typed paths under the test folders, which the steps below use.)
  const direct = await a.executeAsync(
    "const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('plugin:dialog|open', { options: {} }).then(() => done('allowed'), (e) => done(String(e?.message ?? e)))",
  );
  assert.match(String(direct), /not allowed/i, 'the dialog plugin is not callable from the window');
  const notChosen = '/tmp/wellkept-e2e-not-chosen.wkbackup';
  const typed = await a.executeAsync(
    `const done = arguments[arguments.length - 1]; window.__TAURI__.core.invoke('back_up_vault', { path: ${JSON.stringify(notChosen)} }).then(() => done('written'), (e) => done(String(e?.message ?? e)))`,
  );
  assert.match(String(typed), /Choose… button/, 'a path the dialog did not return is refused');
  assert.equal(existsSync(notChosen), false, 'nothing was written there');
  await openScreen(a, 'import');
  await typePath(a, 'import-path', join(FIXTURES, 'daylio-export-bad-date.csv'));
  await (await a.waitFor('[data-import-form] button[type="submit"]')).click();
  const error = await a.waitFor('[data-import-error]', { text: 'line 3' });
  assert.match(String(await error.text()), /daylio-export-bad-date\.csv/);
  assert.equal(await a.execute("return document.querySelector('#import-format').value"), 'daylio_csv', 'the format was detected');

  await typePath(a, 'import-path', join(FIXTURES, 'daylio-export-six-moods.csv'));
  await (await a.waitFor('[data-import-form] button[type="submit"]')).click();
  await a.waitFor('[data-dry-run]').catch(async (e) => {
    await screenshot(a, 'failure-import-dry-run');
    throw new Error(`no dry run: ${await a.execute("return document.querySelector('wk-import-screen').innerText")}`, { cause: e });
  });
  await a.waitFor('[data-dry-run]', { text: '6 entries from 2024-01-30 to 2024-02-03' });
  await a.waitFor('[data-dry-run]', { text: 'All 6 will be added' });
  // Five of the six moods have a score the journal shows; "ecstatic" (a custom mood) becomes a tag.
  assert.equal(await a.execute("return document.querySelector('[data-dry-run]').textContent"), '6 entries from 2024-01-30 to 2024-02-03, 5 with a mood. All 6 will be added.');
  // Eight activities and the custom mood's tag, as the journal will hold them.
  assert.equal(await a.execute("return document.querySelector('[data-dry-run] + p.muted').textContent"), '9 different tags.');
  assert.deepEqual(await a.execute("return [...document.querySelectorAll('wk-import-screen .notice--warning li')].map((li) => li.textContent)"), [
    'custom moods have no 1–5 score, so they are kept as tags: "ecstatic" (1) as mood:ecstatic',
    '2 entries had a mood but no words; they are titled "Mood: …" because a journal entry needs a title or text',
  ]);
  await noSeriousViolations(a, 'the import screen');
  await screenshot(a, '30-import-dry-run');
  await (await a.waitFor('[data-do-import]')).click();
  await a.waitFor('[data-import-result]', { text: 'Imported 6 entries' });

  // The dry run now knows they are there.
  await (await a.waitFor('[data-import-form] button[type="submit"]')).click();
  await a.waitFor('[data-dry-run]', { text: '6 are already in your journal' });

  await a.press({ key: 'k', ctrl: true });
  const box = await a.waitFor('#global-search');
  await box.clear();
  await box.type('surprise');
  await a.press({ key: '\uE007' });
  await a.waitFor('[data-results] [data-hit]', { text: 'Birthday dinner' });
});

test('the journal exports to Markdown and a client record to PDF, with the not-encrypted warning before and after', async () => {
  await openScreen(a, 'export');
  await a.waitFor('[data-export-journal] [data-before-warning]', { text: 'not encrypted' });
  await paste(a, '#export-from', '2024-01-01');
  await paste(a, '#export-to', '2024-12-31');
  await paste(a, '#export-journal-format', 'markdown');
  const file = join(WORK, 'journal-2024.md');
  await typePath(a, 'export-journal-path', file);
  await (await a.waitFor('[data-export-journal] button[type="submit"]')).click();
  await a.waitFor('[data-export-journal] [data-after-warning]', { text: 'not encrypted' });
  const markdown = await readFile(file, 'utf8');
  assert.match(markdown, /^# /m, 'a Markdown heading');
  assert.match(markdown, /Birthday dinner/);
  assert.match(markdown, /Presentation went badly/);
  await noSeriousViolations(a, 'the export screen');
  await screenshot(a, '31-export');

  // A client's record as PDF (the mentor side of the same screen).
  await paste(a, '#export-client-format', 'pdf');
  // Since issue 13: the export names who it is for and on what basis (written to the log).
  await paste(a, '#export-client-recipient', 'Dr Okafor, Canal Street Surgery');
  await a.waitFor('#export-client-basis option[value="lawful:legitimate_interests"]');
  await paste(a, '#export-client-basis', 'lawful:legitimate_interests');
  const pdf = join(WORK, 'client-record.pdf');
  await typePath(a, 'export-client-path', pdf);
  await (await a.waitFor('[data-export-client] button[type="submit"]')).click();
  await a.waitFor('[data-export-client] [data-after-warning]', { text: 'not encrypted', timeout: 60000 });
  assert.equal((await readFile(pdf)).subarray(0, 5).toString(), '%PDF-');

  // A path inside a missing folder is refused with a message, not a crash.
  await typePath(a, 'export-journal-path', join(WORK, 'no-such-folder', 'x.md'));
  await (await a.waitFor('[data-export-journal] button[type="submit"]')).click();
  await a.waitFor('[data-export-journal] [data-error]', { text: 'folder' });
});

/** Whether something listens on a local port. @param {number} port */
function listening(port) {
  return new Promise((done) => {
    const socket = connect({ host: '127.0.0.1', port }, () => { socket.destroy(); done(true); });
    socket.on('error', () => done(false));
  });
}

/** The first free pair of ports above the first app's driver (for tauri-driver and WebKit). */
async function freePortPair() {
  let port = Number(new URL(WEBDRIVER_URL).port) + 2;
  while ((await listening(port)) || (await listening(port + 1))) port += 2;
  return port;
}

/** tauri-driver: as the script found it, on PATH, or where `cargo install` puts it. */
function tauriDriver() {
  if (process.env.TAURI_DRIVER) return process.env.TAURI_DRIVER;
  const installed = join(process.env.CARGO_HOME ?? join(process.env.REAL_HOME ?? '', '.cargo'), 'bin', 'tauri-driver');
  return existsSync(installed) ? installed : 'tauri-driver';
}

/** The second app: its own tauri-driver and data folder, so its own vault. */
async function startSecondApp() {
  const port = await freePortPair();
  const home = join(process.env.E2E_ROOT ?? '/tmp', 'second-person');
  secondDriver = spawn(tauriDriver(), ['--port', String(port), '--native-port', String(port + 1)], {
    env: { ...process.env, XDG_DATA_HOME: join(home, 'data'), XDG_CONFIG_HOME: join(home, 'config'), XDG_CACHE_HOME: join(home, 'cache') },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !(await listening(port)); i += 1) await sleep(100);
  const s = await Session.start(`http://127.0.0.1:${port}`, APP);
  await s.waitFor('wk-app [data-view] > *', { timeout: 30000 });
  return s;
}

/** First run in the second app: a personal journal. @param {Session} s */
async function createJournalVault(s) {
  await s.waitFor('h1', { text: 'Set up your private vault' });
  await (await s.waitFor('#passphrase')).type(PASSPHRASE);
  await (await s.waitFor('#passphrase-confirm')).type(PASSPHRASE);
  await (await s.waitFor('input[name="purpose"][value="journal"]')).click();
  await (await s.waitFor('button[data-create]')).click();
  await s.waitFor('[data-recovery-key]', { timeout: 60000 });
  const groups = /** @type {string[]} */ (await s.execute(
    "return [...document.querySelectorAll('[data-recovery-key] .recovery-key__group')].map((g) => g.textContent.trim())",
  ));
  await (await s.waitFor('button[data-continue]')).click();
  await s.waitFor('h1', { text: 'Check your copy' });
  const labels = /** @type {string[]} */ (await s.execute(
    "return [...document.querySelectorAll('form[data-confirm] label')].map((l) => l.textContent.trim())",
  ));
  const [first, second] = labels.map((l) => Number(l.replace('Group ', '')));
  await (await s.waitFor('#group-a')).type(groups[first - 1]);
  await (await s.waitFor('#group-b')).type(groups[second - 1]);
  await (await s.waitFor('form[data-confirm] button[type="submit"]')).click();
  await waitForDashboard(s);
}

/** Sets up sharing under `name` and returns the card text and fingerprint. @param {Session} s */
async function setUpSharing(s, name) {
  await openScreen(s, 'exchange');
  const field = await s.waitFor('#exchange-name');
  await field.clear().catch(() => {});
  await field.type(name);
  await (await s.waitFor('[data-setup] button[type="submit"]')).click();
  await s.waitFor('[data-my-card]', { timeout: 30000 });
  const card = /** @type {{text: string, fingerprint: string, qr: boolean}} */ (await s.execute(`return {
    text: document.querySelector('[data-my-card]').value,
    fingerprint: [...document.querySelectorAll('[data-identity] .fingerprint span')].map((g) => g.textContent).join(' '),
    qr: document.querySelector('img[data-qr]')?.complete === true && document.querySelector('img[data-qr]').naturalWidth > 0 };`));
  assert.match(card.text, /check: /);
  assert.match(card.fingerprint, /^\d{4}( \d{4}){5}$/);
  assert.ok(card.qr, 'the QR code image loaded (data: URL allowed by the CSP)');
  return card;
}

/** Adds a contact from its card, confirming the fingerprint and choosing their role. @param {Session} s */
async function addContact(s, cardText, expectedFingerprint, name, role) {
  await openScreen(s, 'exchange');
  await paste(s, '#contact-card-text', cardText);
  await (await s.waitFor('[data-read-card] button[type="submit"]')).click();
  await s.waitFor('[data-pending-contact]', { text: name });
  const shown = await s.execute("return [...document.querySelectorAll('[data-pending-contact] .fingerprint span')].map((g) => g.textContent).join(' ')");
  assert.equal(shown, expectedFingerprint, 'the pasted card shows the owner\'s fingerprint');
  assert.equal(await s.execute("return document.querySelector('[data-save-contact]').disabled"), true, 'cannot save before confirming');
  await (await s.waitFor('[data-compared]')).click();
  await (await s.waitFor(`input[name="new-contact-role"][value="${role}"]`)).click();
  await (await s.waitFor('[data-save-contact]')).click();
  await s.waitFor('[data-contact-list]', { text: name });
}

let clientCard = { text: '', fingerprint: '' };
let mentorCard = { text: '', fingerprint: '' };

test('two vaults in two app processes exchange contact cards after comparing fingerprints', async () => {
  mentorCard = await setUpSharing(a, 'Dr Sam Rivera');
  await noSeriousViolations(a, 'the sharing screen');
  await screenshot(a, '32-my-contact-card');

  b = await startSecondApp();
  await createJournalVault(b);
  clientCard = await setUpSharing(b, 'Jo');
  assert.notEqual(clientCard.fingerprint, mentorCard.fingerprint);

  // A garbled card is refused with a message.
  await openScreen(a, 'exchange');
  await paste(a, '#contact-card-text', clientCard.text.replace('check: ', 'check: x'));
  await (await a.waitFor('[data-read-card] button[type="submit"]')).click();
  await a.waitFor('[data-read-error]', { text: 'could not be read' });

  await paste(a, '#contact-card-text', clientCard.text);
  await (await a.waitFor('[data-read-card] button[type="submit"]')).click();
  await a.waitFor('[data-pending-contact]', { text: 'Jo' });
  await screenshot(a, '33-confirm-fingerprint');
  await noSeriousViolations(a, 'fingerprint confirmation');
  await addContact(a, clientCard.text, clientCard.fingerprint, 'Jo', 'my_client');
  await addContact(b, mentorCard.text, mentorCard.fingerprint, 'Dr Sam Rivera', 'my_mentor');

  // The mentor links client record "Jo" (from 03) to the contact.
  await openScreen(a, 'exchange');
  await a.waitFor('[data-link-form]');
  await a.execute(`const s = document.querySelector('#link-contact');
    s.value = [...s.options].find((o) => o.textContent === 'Jo').value;
    const c = document.querySelector('#link-client');
    c.value = [...c.options].find((o) => o.textContent.startsWith('Jo')).value;`);
  await (await a.waitFor('[data-link-form] button[type="submit"]')).click();
  await a.waitFor('#link-client', { text: '(linked)' });
});

test('the client shares journal entries; the mentor previews, imports, and a second import adds nothing', async () => {
  // The client's journal needs entries: the same Daylio export, imported in the second vault.
  await openScreen(b, 'import');
  await typePath(b, 'import-path', join(FIXTURES, 'daylio-export-six-moods.csv'));
  await (await b.waitFor('[data-import-form] button[type="submit"]')).click();
  await (await b.waitFor('[data-do-import]')).click();
  await b.waitFor('[data-import-result]', { text: 'Imported 6 entries' });

  await openScreen(b, 'share');
  await b.waitFor('[data-group="journal_entries"] input');
  await b.execute(`for (const box of [...document.querySelectorAll('[data-group="journal_entries"] input')].slice(0, 2)) box.click();`);
  const file = join(WORK, 'from-jo.wkshare');
  await typePath(b, 'share-path', file);
  await noSeriousViolations(b, 'the share screen');
  await screenshot(b, '34-share');
  await (await b.waitFor('[data-share] button[type="submit"]')).click();
  await b.waitFor('[data-share-result]', { text: 'Saved 2 items' });
  const bytes = await readFile(file);
  assert.ok(bytes.length > 200, 'a sealed file was written');
  assert.ok(!bytes.includes(Buffer.from('Birthday dinner')), 'the share file does not hold the text in the clear');

  await openScreen(a, 'open-share');
  await typePath(a, 'open-share-path', file);
  await (await a.waitFor('[data-open] button[type="submit"]')).click();
  await a.waitFor('[data-preview] h2', { text: 'From Jo' });
  await a.waitFor('[data-verified]', { text: 'Signature verified' });
  await a.waitFor('[data-share-items]', { text: 'journal entry' });
  await noSeriousViolations(a, 'the share preview');
  await screenshot(a, '35-open-share-preview');
  await (await a.waitFor('[data-import]')).click();
  await a.waitFor('[data-import-result]', { text: 'Added 2 items' });

  await (await a.waitFor('[data-open] button[type="submit"]')).click();
  await a.waitFor('[data-preview]', { text: 'You imported this file before' });
  await (await a.waitFor('[data-import]')).click();
  await a.waitFor('[data-import-result]', { text: 'Nothing new was added' });

  // Filed under the linked client's record, with their words.
  await openScreen(a, 'open-share');
  await a.waitFor('[data-received-items]', { text: 'journal entry' });
  await a.waitFor('[data-received-items]', { text: 'received' });
});

test('a tampered share file and a file that is not a share are refused, naming why', async () => {
  const original = await readFile(join(WORK, 'from-jo.wkshare'));
  const tampered = Buffer.from(original);
  tampered[tampered.length - 40] ^= 0x01;
  await writeFile(join(WORK, 'tampered.wkshare'), tampered);
  await writeFile(join(WORK, 'not-a-share.wkshare'), 'Dear Sam, see you Tuesday.\n');

  await openScreen(a, 'open-share');
  await typePath(a, 'open-share-path', join(WORK, 'tampered.wkshare'));
  await (await a.waitFor('[data-open] button[type="submit"]')).click();
  const tamperedError = String(await (await a.waitFor('[data-open-error]', { text: 'changed' })).text());
  assert.doesNotMatch(tamperedError, /Signature verified/);
  await screenshot(a, '36-tampered-share-refused');

  await typePath(a, 'open-share-path', join(WORK, 'not-a-share.wkshare'));
  await (await a.waitFor('[data-open] button[type="submit"]')).click();
  await a.waitFor('[data-open-error]', { text: 'not a Wellkept share bundle' });

  // The client opening a file sealed for the mentor: not meant for them.
  await openScreen(b, 'open-share');
  await typePath(b, 'open-share-path', join(WORK, 'from-jo.wkshare'));
  await (await b.waitFor('[data-open] button[type="submit"]')).click();
  await b.waitFor('[data-open-error]', { text: 'not one of your confirmed contacts' });
});

test('the mentor shares homework; the client imports it', async () => {
  await openScreen(a, 'share');
  await a.waitFor('input[name="side"][value="from_mentor"]');
  await (await a.waitFor('input[name="side"][value="from_mentor"]')).click();
  await a.waitFor('#homework-title');
  await a.execute(`const c = document.querySelector('#share-contact');
    c.value = [...c.options].find((o) => o.textContent === 'Jo').value;`);
  await (await a.waitFor('#homework-title')).type('Three good things');
  await (await a.waitFor('#homework-instructions')).type('Each evening, write down three things that went well.');
  const file = join(WORK, 'from-sam.wkshare');
  await typePath(a, 'share-path', file);
  await (await a.waitFor('[data-share] button[type="submit"]')).click();
  await a.waitFor('[data-share-result]', { text: 'Saved 1 item' });

  await openScreen(b, 'open-share');
  await typePath(b, 'open-share-path', file);
  await (await b.waitFor('[data-open] button[type="submit"]')).click();
  await b.waitFor('[data-preview] h2', { text: 'From Dr Sam Rivera' });
  await b.waitFor('[data-share-items]', { text: 'Three good things' });
  await (await b.waitFor('[data-import]')).click();
  await b.waitFor('[data-import-result]', { text: 'Added 1 item' });

  // The client then finds it under "From my mentor", with its instructions and who sent it.
  await b.waitFor('[data-from-mentor] [data-received-homework]', { text: 'Three good things' });
  await b.waitFor('[data-from-mentor] [data-received-homework]', { text: 'Each evening, write down three things that went well.' });
  await b.waitFor('[data-from-mentor] [data-received-homework]', { text: 'From Dr Sam Rivera' });
  await noSeriousViolations(b, 'From my mentor');
  await screenshot(b, '36b-from-my-mentor');
});

test('back up now, then restore the backup into a new folder from the unlock screen', async () => {
  await openScreen(a, 'export');
  const backup = join(WORK, 'vault.wkbackup');
  await typePath(a, 'backup-path', backup);
  await (await a.waitFor('[data-backup] button[type="submit"]')).click();
  await a.waitFor('[data-backup] [data-result]', { text: 'Backed up to', timeout: 60000 });
  const head = (await readFile(backup)).subarray(0, 9).toString();
  assert.equal(head, 'WKBACKUP1');

  await lockFromHeader(a);
  await (await a.waitFor('button[data-restore-backup]')).click();
  await typePath(a, 'restore-backup', backup);
  await typePath(a, 'restore-folder', join(WORK, 'restored-vault'));
  await (await a.waitFor('#restore-passphrase')).type(PASSPHRASE);
  await noSeriousViolations(a, 'the restore form');
  await (await a.waitFor('[data-restore] button[type="submit"]')).click();
  await a.waitFor('[data-restored]', { text: 'every part reads correctly', timeout: 120000 });
  await screenshot(a, '37-restore');

  // Restoring over an existing vault is refused.
  await (await a.waitFor('#restore-passphrase')).type(PASSPHRASE);
  await (await a.waitFor('[data-restore] button[type="submit"]')).click();
  await a.waitFor('[data-restore-error]', { text: 'already', timeout: 60000 });

  await (await a.waitFor('button[data-keychain]')).click();
  await waitForDashboard(a);
});
