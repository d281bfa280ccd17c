// Oracle tests for retention and erasure (issue 13, deliverables 1 and 2; docs/decisions.md 51),
// on the base fixture plus four closed clients (`--scenario retention`, cli/src/bin/e2e_seed.rs):
// Noor Das closed Wed 10 Jan 2018, Pat Quinn closed Sun 3 Feb 2019 (a finalised note about the
// "Quinnfield" allotment), Lee Ward closed Fri 10 May 2024, Kim Ellis closed Fri 1 Mar 2019 but
// born 15 Sep 2005; the clock pinned to Thursday 2 April 2026 09:30 in London.
// The dashboard's "Retention ended" lines; the Settings card changing the rule (and refusing 0);
// Kim's own retention (a day, then years, then the rule again); Lee's page under retention and
// the Erase dialog's refusals (no confirmation, no typed name);
// Lee erased with the typed name, Pat erased after retention from the dashboard; afterwards
// neither is in the clients list, the search or the dashboard, and the erasure log's lines read
// exactly.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard, waitUntil } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
/** Lee Ward's id, once the third test has erased him. */
let erasedLee = '';

before(async () => {
  s = await startAtDashboard(() => startSeededApp({ scenario: 'retention' }));
});
after(() => s?.end());

/** "Erased client 1a2b3c4d": the id's last eight hex digits. */
function erasedLabel(id) {
  const hex = id.replace(/[^0-9a-f]/gi, '');
  return `Erased client ${hex.slice(-8)}`;
}

async function panelLines() {
  await s.waitFor('[data-panel="retention-ended"]');
  return texts(s, '[data-panel="retention-ended"] li, [data-panel="retention-ended"] p');
}

async function search(text) {
  await replaceText(s, '#global-search', text);
  await s.execute("document.querySelector('[data-search]').requestSubmit()");
  // The search screen for *this* query (its heading names it), and its search finished: the
  // previous search's summary must not pass for this one's.
  const heading = `Search: “${text}”`;
  await waitUntil(
    s,
    `const screen = document.querySelector('wk-search-screen');
     return screen?.querySelector('#search-title')?.textContent === ${JSON.stringify(heading)}
       && !screen.querySelector('[data-summary]')?.textContent.includes('Searching');`,
    `the search for ${text} has run`,
  );
  return texts(s, 'wk-search-screen [data-summary]');
}

/** The id of the client listed as `name` in the clients list. */
async function clientId(name) {
  await openScreen(s, 'clients');
  await choose('#client-status', 'closed');
  await waitUntil(s, `return [...document.querySelectorAll('[data-list] [data-client]')].some((b) => b.textContent.includes(${JSON.stringify(name)}))`, `${name} is listed`);
  return s.execute(
    "return [...document.querySelectorAll('[data-list] [data-client]')].find((b) => b.textContent.includes(arguments[0])).getAttribute('data-client')",
    [name],
  );
}

async function choose(css, value) {
  await s.execute(
    "const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true })); el.dispatchEvent(new Event('change', { bubbles: true }));",
    [css, value],
  );
}

test('the dashboard lists the closed records whose retention has ended, by the day it ended', async () => {
  assert.deepEqual(await panelLines(), [
    'Noor Das · closed 10 Jan 2018 · retention ended 10 Jan 2025',
    'Pat Quinn · closed 3 Feb 2019 · retention ended 3 Feb 2026',
  ]);
  await screenshot(s, '26-retention-dashboard');
  assert.deepEqual(await axeViolations(s), []);
});

test('the retention rule is set in Settings; 0 years is refused and nothing is saved', async () => {
  await openScreen(s, 'settings');
  await waitUntil(s, "return document.querySelector('[data-retention-status]')?.textContent.length > 0", 'the rule is shown');
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Records are kept 7 years after the last contact, and for a client whose date of birth you recorded, at least until they turn 25.',
  ]);
  assert.deepEqual(await s.execute("return [document.querySelector('#retention-years').value, document.querySelector('#retention-age').value]"), ['7', '25']);
  await replaceText(s, '#retention-years', '0');
  await (await s.waitFor('[data-retention] button[type="submit"]')).click();
  await s.waitFor('[data-retention-error]', { text: 'Nothing was saved' });
  assert.deepEqual(await texts(s, '[data-retention-error]'), [
    'Years after the last contact: 0 is not a number of years from 1 to 100. Nothing was saved.',
  ]);
  await replaceText(s, '#retention-years', '6');
  await (await s.waitFor('[data-retention] button[type="submit"]')).click();
  await s.waitFor('[data-retention-status]', { text: 'kept 6 years' });
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Records are kept 6 years after the last contact, and for a client whose date of birth you recorded, at least until they turn 25.',
  ]);
  assert.deepEqual(await texts(s, '[data-retention-error]'), ['']);
  assert.deepEqual(await axeViolations(s), []);

  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="retention-ended"] li');
  assert.deepEqual(await panelLines(), [
    'Noor Das · closed 10 Jan 2018 · retention ended 10 Jan 2024',
    'Pat Quinn · closed 3 Feb 2019 · retention ended 3 Feb 2025',
  ]);
});

test('a record under retention is erased only with the client’s name typed; the log says so', async () => {
  const lee = await clientId('Lee Ward');
  erasedLee = lee;
  const kim = await clientId('Kim Ellis');
  await (await s.waitFor(`[data-list] [data-client="${kim}"]`)).click();
  await s.waitFor('[data-client-retention] [data-retention-status]');
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Retention ends on 15 Sep 2030 (counted from the day the client was closed, 1 Mar 2019).',
  ]);
  // Kim's own retention: a day instead of the rule (a date left empty is refused), then back.
  await (await s.waitFor('[data-keep-details] summary')).click();
  await (await s.waitFor('[data-keep-form] input[value="until"]')).click();
  await (await s.waitFor('[data-keep-form] button[type="submit"]')).click();
  await s.waitFor('[data-keep-error]', { text: 'Nothing was saved' });
  assert.deepEqual(await texts(s, '[data-keep-error]'), ['Choose the day to keep the record until. Nothing was saved.']);
  await choose('#keep-until', '2026-01-01');
  await (await s.waitFor('[data-keep-form] button[type="submit"]')).click();
  await s.waitFor('[data-client-retention] [data-retention-status]', { text: 'set for this client' });
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Retention ended on 1 Jan 2026 (the date set for this client). This record may now be erased.',
  ]);
  assert.deepEqual(await texts(s, '[data-keep-error]'), ['']);
  assert.deepEqual(await axeViolations(s), []);
  await (await s.waitFor('[data-keep-form] input[value="years"]')).click();
  await replaceText(s, '#keep-years', '10');
  await (await s.waitFor('[data-keep-form] button[type="submit"]')).click();
  await s.waitFor('[data-client-retention] [data-retention-status]', { text: '10 years' });
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Retention ends on 15 Sep 2030 (10 years set for this client, counted from the day the client was closed, 1 Mar 2019).',
  ]);
  await (await s.waitFor('[data-keep-form] input[value="rule"]')).click();
  await (await s.waitFor('[data-keep-form] button[type="submit"]')).click();
  await s.waitFor('[data-client-retention] [data-retention-status]', { text: 'counted from the day' });
  await waitUntil(s, "return !document.querySelector('[data-client-retention] [data-retention-status]').textContent.includes('set for this client')", 'back to the rule');
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Retention ends on 15 Sep 2030 (counted from the day the client was closed, 1 Mar 2019).',
  ]);

  await clientId('Lee Ward');
  await (await s.waitFor(`[data-list] [data-client="${lee}"]`)).click();
  await s.waitFor('[data-client-retention] [data-retention-status]');
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Retention ends on 10 May 2030 (counted from the day the client was closed, 10 May 2024).',
  ]);
  await (await s.waitFor('[data-erase-client]')).click();
  await s.waitFor('[data-erase-dialog][open]');
  assert.deepEqual(await texts(s, '[data-erase-under-retention]'), [
    'This record is under retention until 10 May 2030. Erase it only for a lawful request.',
  ]);
  // What erasure reaches and what it cannot: backups, and what becomes of one restored (decision 81).
  assert.deepEqual(await texts(s, '[data-erase-warning]'), [
    'This deletes Lee Ward and everything that refers to them — notes (finalised ones too), goals, measures, flags, consents, plans, appointments, what they shared — from the vault and its older snapshots, for good. Issued invoices are kept for the accounts with the name replaced. Backup files made before now still hold this client: delete them (restored on this computer, the client is erased again; elsewhere, they come back).',
  ]);
  assert.equal(await s.execute("return document.querySelector('[data-erase-form] input[name=\"reason\"]:checked').value"), 'lawful_request');
  assert.deepEqual(await axeViolations(s), []);

  await replaceText(s, '#erase-note', 'Letter of 1 Apr 2026');
  await (await s.waitFor('[data-erase-form] button[type="submit"]')).click();
  await s.waitFor('[data-erase-error]', { text: 'Nothing was erased' });
  assert.deepEqual(await texts(s, '[data-erase-error]'), ['Type erase in the last box to confirm. Nothing was erased.']);

  await replaceText(s, '#erase-confirm', 'erase');
  await replaceText(s, '#erase-override', 'Lee');
  await (await s.waitFor('[data-erase-form] button[type="submit"]')).click();
  await s.waitFor('[data-erase-error]', { text: 'kept until' });
  assert.deepEqual(await texts(s, '[data-erase-error]'), [
    "override: This record is kept until 10 May 2030: to erase it anyway, type the client's full name (capitals and spacing do not matter). Nothing was erased.",
  ]);
  assert.equal(await s.execute("return document.querySelector('#erase-note').value"), 'Letter of 1 Apr 2026', 'nothing typed is lost');

  await replaceText(s, '#erase-override', 'Lee Ward');
  await (await s.waitFor('[data-erase-form] button[type="submit"]')).click();
  await s.waitFor('nav a[data-screen="clients"][aria-current="page"]');
  await waitUntil(s, "return document.querySelectorAll('[data-erasure]').length === 1", 'the erasure is logged');
  assert.deepEqual(await texts(s, '[data-erasure]'), [
    `${erasedLabel(lee)} · 2 Apr 2026 · lawful request (Art. 17) · retention overridden · Letter of 1 Apr 2026`,
  ]);
});

test('a record whose retention has ended is erased from the dashboard; it is gone everywhere', async () => {
  const lee = erasedLee;
  assert.deepEqual(await search('Quinnfield'), ['1 match, best first.']);
  const pat = await clientId('Pat Quinn');
  await openScreen(s, 'dashboard');
  const link = `[data-panel="retention-ended"] [data-client="${pat}"]`;
  await s.waitFor(link);
  await s.execute('document.querySelector(arguments[0]).scrollIntoView({ block: "center" })', [link]);
  await (await s.waitFor(link)).click();
  await s.waitFor('[data-client-retention] [data-retention-status]');
  assert.deepEqual(await texts(s, '[data-retention-status]'), [
    'Retention ended on 3 Feb 2025 (counted from the day the client was closed, 3 Feb 2019). This record may now be erased.',
  ]);
  await (await s.waitFor('[data-erase-client]')).click();
  await s.waitFor('[data-erase-dialog][open]');
  assert.deepEqual(await texts(s, '[data-erase-under-retention]'), [], 'no override asked for');
  assert.equal(await s.execute("return document.querySelector('#erase-override')"), null);
  assert.equal(await s.execute("return document.querySelector('[data-erase-form] input[name=\"reason\"]:checked').value"), 'retention_ended');
  await replaceText(s, '#erase-confirm', 'ERASE');
  await (await s.waitFor('[data-erase-form] button[type="submit"]')).click();
  await s.waitFor('nav a[data-screen="clients"][aria-current="page"]');
  await waitUntil(s, "return document.querySelectorAll('[data-erasure]').length === 2", 'both erasures are logged');
  // Newest first; no names.
  assert.deepEqual(await texts(s, '[data-erasure]'), [
    `${erasedLabel(pat)} · 2 Apr 2026 · retention ended`,
    `${erasedLabel(lee)} · 2 Apr 2026 · lawful request (Art. 17) · retention overridden · Letter of 1 Apr 2026`,
  ]);

  await choose('#client-status', '');
  await waitUntil(s, "return document.querySelectorAll('[data-list] [data-client]').length > 0", 'the list is drawn');
  assert.deepEqual(await texts(s, '[data-list] strong'), ['Alex Morgan', 'Jo (Jordan Rivers)', 'Kim Ellis', 'Noor Das', 'Sam Patel']);
  assert.deepEqual(await axeViolations(s), []);

  assert.deepEqual(await search('Quinnfield'), ['Nothing matches. Try fewer or different words; a word ending in * matches its beginning.']);
  assert.deepEqual(await search('Quinn'), ['Nothing matches. Try fewer or different words; a word ending in * matches its beginning.']);
  await openScreen(s, 'dashboard');
  await s.waitFor('[data-panel="retention-ended"] li');
  assert.deepEqual(await panelLines(), ['Noor Das · closed 10 Jan 2018 · retention ended 10 Jan 2024']);
});
