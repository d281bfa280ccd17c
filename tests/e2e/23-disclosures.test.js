// Oracle tests for the privacy duties of a practice (issue 13, deliverables 4 and 5), on the
// base fixture plus Robin Hale (`--scenario disclosures`, cli/src/bin/e2e_seed.rs): one
// finalised note, consent "Letters to the GP" (contract, Art. 9(2)(h)) and a safeguarding
// disclosure on Tue 10 Mar 2026; the clock pinned to Thursday 2 April 2026 09:30 in London.
// A consent recorded in the window with its basis; "other" without words refused; Robin's
// record exported to the GP from the window on that consent; a right-of-access export whose
// index page is read back from the Markdown file; and the exact disclosure-log lines and
// "Relied on by 1 disclosure" on the consent screen, and the same log on Robin's client page.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

const WORK = join(process.env.E2E_ROOT ?? '/tmp', 'disclosure-files');

/** @type {import('./lib/webdriver.js').Session} */
let s;

before(async () => {
  await mkdir(WORK, { recursive: true });
  s = await startAtDashboard(() => startSeededApp({ scenario: 'disclosures' }));
});
after(() => s?.end());

/** Sets a <select> or date field as a person choosing from it would (value, then change). */
async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

/** Chooses the option of `css` whose text includes `text`. */
async function chooseByText(css, text) {
  try {
    await waitUntil(s, `return [...(document.querySelector(${JSON.stringify(css)})?.options ?? [])].some((o) => o.textContent.includes(${JSON.stringify(text)}))`, `an option “${text}”`);
  } catch (error) {
    const shown = await s.execute('return [...(document.querySelector(arguments[0])?.options ?? [])].map((o) => o.textContent)', [css]);
    throw new Error(`${/** @type {Error} */ (error).message}; ${css} offers ${JSON.stringify(shown)}`);
  }
  const value = await s.execute(
    "return [...document.querySelector(arguments[0]).options].find((o) => o.textContent.includes(arguments[1])).value",
    [css, text],
  );
  await choose(css, value);
}

async function openRobinsConsent() {
  await openScreen(s, 'consent');
  await s.waitFor('#consent-client option');
  await chooseByText('#consent-client', 'Robin Hale');
  await s.waitFor('[data-consent-basis]');
  await s.waitFor('[data-disclosure-what]');
}

test('a consent is recorded with its lawful basis and Art. 9(2) condition; "other" needs words', async () => {
  await openRobinsConsent();
  assert.deepEqual(await texts(s, '[data-consent-basis]'), ['Contract (Art. 6(1)(b)); Art. 9(2)(h) health or social care']);
  assert.deepEqual(await texts(s, '[data-relied-on]'), ['Relied on by no disclosures']);

  await (await s.waitFor('#consents-heading ~ details summary')).click();
  await replaceText(s, '#consents-field-scope', 'Share my record with my GP');
  await choose('#consents-field-given_on', '2026-04-01');
  await choose('#consents-field-lawful_basis', 'consent');
  await choose('#consents-field-art9_condition', 'other');
  await (await s.waitFor('#consents-heading ~ details [data-submit]')).click();
  await s.waitFor('#consents-heading ~ details [data-error]', { text: 'other' });
  assert.deepEqual(await texts(s, '#consents-heading ~ details [data-error]'), ['Art. 9 condition: “other” needs the condition written out']);

  await choose('#consents-field-art9_condition', 'a');
  await (await s.waitFor('#consents-heading ~ details [data-submit]')).click();
  await waitUntil(s, "return document.querySelectorAll('[data-consent-basis]').length === 2", 'the new consent is listed');
  assert.deepEqual(await texts(s, '[data-consent-status]'), ['Given Wed, 1 Apr 2026 · in force', 'Given Sun, 1 Feb 2026 · in force']);
  assert.deepEqual(await texts(s, '[data-consent-basis]'), [
    'Consent (Art. 6(1)(a)); Art. 9(2)(a) explicit consent',
    'Contract (Art. 6(1)(b)); Art. 9(2)(h) health or social care',
  ]);
  assert.deepEqual(await texts(s, '[data-relied-on]'), ['Relied on by no disclosures', 'Relied on by no disclosures']);
  assert.deepEqual(await axeViolations(s), []);
});

test('exporting the record from the window needs a recipient and a basis, and is written to the log', async () => {
  await openScreen(s, 'export');
  await s.waitFor('[data-export-client]');
  await chooseByText('#export-client', 'Robin Hale');
  await chooseByText('#export-client-basis', 'Consent: Share my record with my GP');
  assert.deepEqual(await texts(s, '#export-client-basis option'), [
    'Choose…',
    'Consent: Share my record with my GP',
    'Consent: Letters to the GP',
    'Contract (Art. 6(1)(b)) without consent',
    'Legal obligation (Art. 6(1)(c)) without consent',
    'Vital interests (Art. 6(1)(d)) without consent',
    'Public task (Art. 6(1)(e)) without consent',
    'Legitimate interests (Art. 6(1)(f)) without consent',
  ]);
  await choose('#export-client-format', 'pdf');
  const pdf = join(WORK, 'robin-gp.pdf');
  await replaceText(s, '#export-client-path', pdf);
  // No recipient: refused, with a message that says what to do.
  await (await s.waitFor('[data-export-client] button[type="submit"]')).click();
  await s.waitFor('[data-export-client] [data-error]', { text: 'recipient' });
  assert.deepEqual(await texts(s, '[data-export-client] [data-error]'), ['recipient: name who the export is for (a person or organisation)']);

  await replaceText(s, '#export-client-recipient', 'Dr Okafor, Canal Street Surgery');
  await (await s.waitFor('[data-export-client] button[type="submit"]')).click();
  await s.waitFor('[data-export-client] [data-after-warning]', { text: 'not encrypted', timeout: 60000 });
  assert.equal((await readFile(pdf)).subarray(0, 5).toString(), '%PDF-');

  // The right of access: everything held, with an index page, to the client themselves.
  await (await s.waitFor('#export-client-access')).click();
  await waitUntil(s, "return document.querySelector('[data-recipient-fields]').hidden", 'recipient and basis hidden');
  await choose('#export-client-format', 'markdown');
  const md = join(WORK, 'robin-access.md');
  await replaceText(s, '#export-client-path', md);
  await (await s.waitFor('[data-export-client] button[type="submit"]')).click();
  await waitUntil(s, "return document.querySelector('[data-export-client] [data-result]').textContent.includes('robin-access.md')", 'the right-of-access export is written');
  const text = await readFile(md, 'utf8');
  const index = text.slice(text.indexOf('# Index'), text.indexOf('# Client details'));
  assert.deepEqual(index.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---')), [
    '| Section | Entries |',
    '| Client details | 1 |',
    '| Risk flags | 0 |',
    '| Safety plan | 0 |',
    '| Outcome measures | 0 |',
    '| Goals | 0 |',
    '| Session notes | 1 |',
    '| Appointments | 0 |',
    '| Consent | 2 |',
    '| Disclosure log | 2 |',
    '| Referrals | 0 |',
    '| Received shares | 0 |',
  ]);
  await screenshot(s, 'oracle-export-right-of-access');
  assert.deepEqual(await axeViolations(s), []);
});

test('the disclosure log shows both automatic entries, and the consent was relied on by 1 disclosure', async () => {
  await openRobinsConsent();
  await waitUntil(s, "return document.querySelectorAll('[data-disclosure-what]').length === 3", 'three log entries');
  assert.deepEqual(await texts(s, '[data-disclosure-what]'), [
    'Right of access, to the client: client record export, Markdown, everything held',
    'Client record export, PDF, all sections',
    'Safeguarding referral',
  ]);
  assert.deepEqual(await texts(s, '[data-disclosure-to]'), [
    'to the client themselves, Thu, 2 Apr 2026',
    'to Dr Okafor, Canal Street Surgery, Thu, 2 Apr 2026',
    "to Children's Services, Riverside Council, Tue, 10 Mar 2026",
  ]);
  assert.deepEqual(await texts(s, '[data-disclosure-basis]'), [
    "Basis: Right of access (GDPR Art. 15), at the client's request",
    'With consent: Share my record with my GP',
    'Basis: Risk to a child disclosed in session',
  ]);
  assert.deepEqual(await texts(s, '[data-relied-on]'), ['Relied on by 1 disclosure', 'Relied on by no disclosures']);
  assert.deepEqual(await texts(s, '[data-relied-item]'), [
    'Thu, 2 Apr 2026: Client record export, PDF, all sections, to Dr Okafor, Canal Street Surgery',
  ]);
  await screenshot(s, 'oracle-disclosure-log');
  assert.deepEqual(await axeViolations(s), []);
});

test("Robin's client page lists the disclosure log, the automatic entries first", async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Robin Hale')).click()");
  await s.waitFor('#client-title', { text: 'Robin Hale' });
  await s.waitFor('[data-client-disclosure]');
  assert.deepEqual(await texts(s, '[data-client-disclosure]'), [
    'Thu, 2 Apr 2026 · Right of access, to the client: client record export, Markdown, everything held · to the client themselves',
    'Thu, 2 Apr 2026 · Client record export, PDF, all sections · to Dr Okafor, Canal Street Surgery',
    "Tue, 10 Mar 2026 · Safeguarding referral · to Children's Services, Riverside Council",
  ]);
  await screenshot(s, 'oracle-client-disclosure-log');
  assert.deepEqual(await axeViolations(s), []);
});
