// Oracle tests for private notes (issue 13, deliverable 3; docs/decisions.md 52), on the base
// fixture plus Casey Moore (`--scenario private_notes`, cli/src/bin/e2e_seed.rs): on Mon 23 Mar
// 2026 a finalised record note and a private draft; the clock pinned to Thursday 2 April 2026
// 09:30 in London. The client page's two sections and the note's badge; a private note started
// from the window; the record exported without the private note (the file read back); the
// export with one chosen (the warning shown, the note in the file, the log saying so); and
// Settings › Practice privacy: the practice details saved, and the record of processing (GDPR
// Art. 30) written as a PDF from its button and read back with pdftotext, line by line.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

const WORK = join(process.env.E2E_ROOT ?? '/tmp', 'private-note-files');
const HUNCH = 'My hunch: the allotment stands for her father. Take it to supervision.';

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  await mkdir(WORK, { recursive: true });
  s = await startAtDashboard(() => startSeededApp({ scenario: 'private_notes' }));
});
after(() => s?.end());

/**
 * One part of the record of processing's fixed lines, from the fixture the command-line test reads
 * too (`tests/fixtures/record-of-processing/expected.txt`: `[name]` starts a part).
 * @param {string} name
 * @returns {Promise<string[]>}
 */
async function fixedPart(name) {
  const text = await readFile(join(import.meta.dirname, '..', 'fixtures', 'record-of-processing', 'expected.txt'), 'utf8');
  const all = text.split('\n');
  const start = all.indexOf(`[${name}]`);
  assert.ok(start >= 0, `no part [${name}] in the record of processing fixture`);
  const rest = all.slice(start + 1);
  const end = rest.findIndex((l) => l.startsWith('['));
  return (end < 0 ? rest : rest.slice(0, end)).filter((l) => l !== '' && !l.startsWith('#'));
}

/** The PDF's text as laid out, one entry per line, runs of spaces made one, blank lines left out. */
async function pdfLines(file) {
  const { stdout } = await promisify(execFile)('pdftotext', ['-layout', file, '-']);
  return stdout.split('\n').map((l) => l.trim().split(/\s+/).join(' ')).filter((l) => l !== '');
}

/** Sets a <select> or field as a person choosing from it would (value, then change). */
async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** Chooses the option of `css` whose text includes `text`. */
async function chooseByText(css, text) {
  await waitUntil(s, `return [...(document.querySelector(${JSON.stringify(css)})?.options ?? [])].some((o) => o.textContent.includes(${JSON.stringify(text)}))`, `an option “${text}”`);
  const value = await s.execute(
    "return [...document.querySelector(arguments[0]).options].find((o) => o.textContent.includes(arguments[1])).value",
    [css, text],
  );
  await choose(css, value);
}

async function openCasey() {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Casey Moore')).click()");
  await s.waitFor('#client-title', { text: 'Casey Moore' });
  await s.waitFor('[data-private-notes] li');
}

test("Casey's page keeps the private note in its own section, and the note says it is not part of the record", async () => {
  await openCasey();
  assert.deepEqual(await texts(s, '#notes-title, #private-notes-title'), ['Session notes', 'Private notes — not part of the record']);
  assert.deepEqual(await texts(s, '[data-notes] li'), ['Mon, 23 Mar 2026 · FREE Finalised · 50 min · in person']);
  assert.deepEqual(await texts(s, '[data-private-notes] li'), ['Mon, 23 Mar 2026 · FREE Private · Draft · 50 min · in person']);
  assert.deepEqual(await texts(s, '[data-private-notes-section] > p'), [
    'Your own process notes. They are left out of every export and share unless you choose one by one.',
  ]);
  await screenshot(s, 'oracle-private-notes-client');
  assert.deepEqual(await axeViolations(s), []);

  await (await s.waitFor('[data-private-notes] [data-note]')).click();
  await s.waitFor('#note-title', { text: 'Private note' });
  assert.deepEqual(await texts(s, '#note-title'), ['Private note · Casey Moore']);
  assert.deepEqual(await texts(s, '[data-private-badge] strong'), ['Private note — not part of the record']);
  assert.equal(await s.execute("return document.querySelector('#section-note').value"), HUNCH);
  assert.deepEqual(await axeViolations(s), []);

  await (await s.waitFor('[data-back]')).click();
  await s.waitFor('[data-notes] [data-note]');
  await (await s.waitFor('[data-notes] [data-note]')).click();
  await s.waitFor('#note-title', { text: 'Session note' });
  assert.deepEqual(await texts(s, '#note-title'), ['Session note · Casey Moore']);
  assert.deepEqual(await texts(s, '[data-private-badge]'), []);
});

test('a private note started from the client page is private from its first save', async () => {
  await openCasey();
  await (await s.waitFor('[data-new-private-note]')).click();
  await s.waitFor('#note-title', { text: 'Private note' });
  assert.deepEqual(await texts(s, '[data-private-badge] strong'), ['Private note — not part of the record']);
  // A new note starts on the SOAP template.
  await replaceText(s, '#section-subjective', 'Notice my own impatience next time.');
  await s.waitFor('[data-save-status][data-state="saved"]');
  await (await s.waitFor('[data-back]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-private-notes] li').length === 2", 'two private notes');
  assert.deepEqual(await texts(s, '[data-private-notes] li'), [
    'Thu, 2 Apr 2026 · SOAP Private · Draft · 50 min · in person',
    'Mon, 23 Mar 2026 · FREE Private · Draft · 50 min · in person',
  ]);
  assert.deepEqual(await texts(s, '[data-notes] li'), ['Mon, 23 Mar 2026 · FREE Finalised · 50 min · in person']);
});

test('the record leaves without the private notes; one chosen goes with a warning, and the log says so', async () => {
  await openScreen(s, 'export');
  await s.waitFor('[data-export-client]');
  await chooseByText('#export-client', 'Casey Moore');
  await waitUntil(s, "return document.querySelectorAll('[data-private-note]').length === 2", 'the private notes to choose from');
  assert.deepEqual(await texts(s, '[data-private-choices] label'), [
    'Private note, Thu, 2 Apr 2026 (draft)',
    'Private note, Mon, 23 Mar 2026 (draft)',
  ]);
  assert.deepEqual(await s.execute("return [...document.querySelectorAll('[data-private-note]')].map((b) => b.checked)"), [false, false]);
  await chooseByText('#export-client-basis', 'Legitimate interests');
  await replaceText(s, '#export-client-recipient', 'Dr Okafor, Canal Street Surgery');
  await choose('#export-client-format', 'markdown');
  const plain = join(WORK, 'casey.md');
  await replaceText(s, '#export-client-path', plain);
  await (await s.waitFor('[data-export-client] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('[data-export-client] [data-result]').textContent.includes('casey.md')", 'the export is written');
  let text = await readFile(plain, 'utf8');
  assert.ok(text.includes('Casey planned the first walk to the allotment.'), 'the record note is exported');
  assert.ok(!text.includes('hunch') && !text.includes('impatience'), 'no private note left the vault');
  assert.ok(!text.includes('Private notes'), 'no private section');

  // Choose the 23 March note: the warning appears beside it, and only it goes.
  await s.execute("[...document.querySelectorAll('[data-private-note]')][1].click()");
  await waitUntil(s, "return [...document.querySelectorAll('[data-private-warning]')].some((w) => !w.hidden)", 'the warning');
  assert.deepEqual(await texts(s, '[data-private-warning]:not([hidden])'), [
    'This private note will leave the vault as part of the client record export. It is not part of the record.',
  ]);
  await screenshot(s, 'oracle-private-note-chosen');
  assert.deepEqual(await axeViolations(s), []);
  const chosen = join(WORK, 'casey-with-note.md');
  await replaceText(s, '#export-client-path', chosen);
  await (await s.waitFor('[data-export-client] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('[data-export-client] [data-result]').textContent.includes('casey-with-note.md')", 'the export with the note is written');
  text = await readFile(chosen, 'utf8');
  const section = text.indexOf('# Private notes — not part of the record');
  assert.ok(section > 0, 'a section of its own');
  assert.ok(text.slice(section).includes(HUNCH), 'the chosen note is in it');
  assert.ok(!text.includes('impatience'), 'the other private note stayed');

  await openCasey();
  await s.waitFor('[data-client-disclosure]');
  assert.deepEqual(await texts(s, '[data-client-disclosure]'), [
    'Thu, 2 Apr 2026 · Client record export, Markdown, all sections, with 1 private note chosen one by one · to Dr Okafor, Canal Street Surgery',
    'Thu, 2 Apr 2026 · Client record export, Markdown, all sections · to Dr Okafor, Canal Street Surgery',
  ]);
});

test('Settings › Practice privacy: the details are saved and the record of processing is written from its button', async () => {
  await openScreen(s, 'settings');
  await s.waitFor('[data-practice-details]');
  await waitUntil(s, "return document.querySelector('[data-practice-status]').textContent !== ''", 'the saved details are read');
  assert.deepEqual(await texts(s, '[data-practice-status]'), ['Not saved yet.']);
  // Without the controller's name: refused, with a message that says what is missing.
  await (await s.waitFor('[data-practice-details] button[type="submit"]')).click();
  await s.waitFor('[data-practice-error]', { text: 'Controller' });
  const refusal = (await texts(s, '[data-practice-error]'))[0];
  assert.ok(refusal.startsWith('Controller:'), refusal);
  await replaceText(s, '#practice-controller', 'Riverside Mentoring (Alex Rowe)');
  await replaceText(s, '#practice-contact', 'alex@riverside.example');
  await replaceText(s, '#practice-retention', 'Seven years after the last session.');
  await (await s.waitFor('[data-practice-details] button[type="submit"]')).click();
  await s.waitFor('[data-practice-status]', { text: 'Saved for' });
  assert.deepEqual(await texts(s, '[data-practice-status]'), ['Saved for Riverside Mentoring (Alex Rowe).']);
  assert.deepEqual(await texts(s, '[data-practice-error]'), ['']);

  const pdf = join(WORK, 'record-of-processing.pdf');
  await replaceText(s, '#rop-path', pdf);
  await (await s.waitFor('[data-write-rop]')).click();
  await s.waitFor('[data-rop-result] [data-after-warning]', { text: 'not encrypted', timeout: 60000 });
  assert.deepEqual(await texts(s, '[data-rop-result] p:first-child'), [`Written to ${pdf}.`]);
  await screenshot(s, 'oracle-record-of-processing');
  assert.deepEqual(await axeViolations(s), []);
  // The fixture (clients Jo, Sam, Alex, Casey Byrne in the trash, Casey Moore; Jo's consents,
  // her referral letter to Talking Therapies on 20 Mar; the owner's mentor as the one contact)
  // plus what the tests above did: a second private note and two exports to Dr Okafor today.
  const part = fixedPart;
  assert.deepEqual(await pdfLines(pdf), [
    ...await part('page_header'),
    ...await part('title'),
    "Controller",
    "Name Riverside Mentoring (Alex Rowe)",
    "Contact alex@riverside.example",
    "From the practice details.",
    "Purposes of processing",
    ...await part('purpose_care'),
    ...await part('purpose_private_notes'),
    "• Arranging sessions (appointments and reminders).",
    ...await part('purpose_sharing'),
    "• Exchanging end-to-end encrypted share files with clients and colleagues.",
    "• Keeping the mentor's professional record (credentials, training, supervision).",
    "Lawful bases recorded on consent records",
    "Lawful basis Consents",
    "Consent (Art. 6(1)(a)) 2",
    "Categories of data subjects",
    "Whose data People",
    "Clients 5",
    "Contacts share files are exchanged with 1",
    "Categories of personal data",
    "Data Records Health data",
    "Client details (name, contact details, date of birth, needs) 5 No",
    "Session notes 4 Yes",
    "Private notes (not part of the record) 2 Yes",
    "Goals and action plans 2 Yes",
    "Appointments 4 No",
    "Outcome measures 2 Yes",
    "Risk flags 3 Yes",
    "Exported from Wellkept Page 1 of 2",
    ...await part('page_header'),
    "Data Records Health data",
    "Consent records 2 No",
    "Disclosure log entries 3 No",
    "Referrals 2 Yes",
    "Counts include records in the trash: they are held until purged.",
    "Recipients",
    "Recipient Disclosures Last",
    "Dr Okafor, Canal Street Surgery 2 2 Apr 2026",
    "Steps2Wellbeing Talking Therapies 1 20 Mar 2026",
    "Share files are exchanged with 1 contact; each one sent is in the client's disclosure log.",
    ...await part('transfers'),
    ...await part('retention_rule'),
    "In the practice's own words: Seven years after the last session.",
    ...await part('security'),
    "Exported from Wellkept Page 2 of 2",
  ]);
});
