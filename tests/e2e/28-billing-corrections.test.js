// Oracle tests for billing corrections (issue 14): `--scenario billing_corrections`
// (cli/src/bin/e2e_seed.rs), the clock pinned to Thursday 2 April 2026 09:30 in London. On top of
// the `billing` scenario (Sam's INV-0001, £48.00, £10.00 paid), Jo has INV-0002 (£96.00, issued
// Tue 10 Mar, £50.00 paid by card Fri 13 Mar, ref JR-1) and INV-0003 (£48.00, issued Tue 17 Mar,
// nothing paid), and Sam has a draft for his session of Mon 23 Mar. In the window: the draft is
// discarded (its item is unbilled again, and the next invoice issued takes INV-0004: a draft
// used no number); INV-0003 is voided (it keeps its number, its item is unbilled again);
// a credit note against INV-0002 (CN-0005); a refund; a receipt as PDF; Jo's statement for a date range on screen
// and as PDF; the accountant's CSV; invoices found in search; an invoice the owner's own supervisor
// shared, kept as issued. Every amount is the core's text; every list asserted whole.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
/** Where the statement and the CSV are saved (typed paths under the run's folder, as the debug build allows). */
const WORK = join(process.env.E2E_ROOT ?? '/tmp', 'billing-corrections');
const WARNING = 'This file is not encrypted; anyone who can open it can read it. Store it somewhere safe and delete it when done.';

before(async () => {
  mkdirSync(WORK, { recursive: true });
  s = await startAtDashboard(() => startSeededApp({ scenario: 'billing_corrections' }));
  await openScreen(s, 'billing');
  await s.waitFor('[data-invoices] li');
});
after(() => s?.end());

/** Picks the option of a select whose text starts with `start`, as a person choosing it would. @param {string} css @param {string} start */
const choose = (css, start) => s.execute(`const el = document.querySelector(arguments[0]);
  const o = [...el.options].find((x) => x.textContent.trim().startsWith(arguments[1]));
  if (!o) throw new Error('no option ' + arguments[1]);
  el.value = o.value; el.dispatchEvent(new Event('change', { bubbles: true }));`, [css, start]);
/** Sets a date field. @param {string} css @param {string} day */
const setDay = (css, day) => s.execute("const el = document.querySelector(arguments[0]); el.value = arguments[1]; el.dispatchEvent(new Event('input', { bubbles: true }));", [css, day]);
/** A PDF's text as laid out (`pdftotext -layout`), runs of spaces made one, blank lines left out. @param {string} file */
const pdfLines = (file) => execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
  .split('\n').map((l) => l.split(/\s+/).filter(Boolean).join(' ')).filter(Boolean);
/** @param {string} css */
const click = async (css) => (await s.waitFor(css)).click();

const INV1 = 'INV-0001 · Sam Patel · total £48.00 · paid £10.00 · balance £38.00 · overdue';
const INV2 = 'INV-0002 · Jordan Rivers · total £96.00 · paid £50.00 · balance £46.00 · overdue';
const INV3 = 'INV-0003 · Jordan Rivers · total £48.00 · paid £0.00 · balance £48.00 · overdue';
const INV3_VOID = 'INV-0003 · Jordan Rivers · total £48.00 · void: Issued before the fee was agreed';
const INV4 = 'INV-0004 · Sam Patel · total £48.00 · paid £0.00 · balance £48.00 · issued';

test('a discarded draft puts its item back in unbilled, and used no number: the next invoice is INV-0004', async () => {
  assert.deepEqual(await texts(s, '[data-invoices] li'), [INV1, INV2, INV3]);
  assert.deepEqual(await texts(s, '[data-draft-line]'), ['Draft · Sam Patel · 1 line · total £48.00']);
  assert.deepEqual(await texts(s, '[data-unbilled] > p.muted'), ['Nothing to invoice.']);
  await click('[data-discard]');
  await s.waitFor('[data-item-line]');
  assert.deepEqual(await texts(s, '[data-unbilled] h3'), ['Sam Patel · 1 item']);
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 23 Mar 2026 · £48.00']);
  assert.deepEqual(await texts(s, '[data-draft-line]'), []);

  await click('[data-create-invoice] button[type="submit"]');
  await s.waitFor('[data-draft-line]');
  await click('[data-issue]');
  await s.waitFor('[data-invoices] li:nth-child(4)');
  assert.deepEqual(await texts(s, '[data-invoices] li'), [INV1, INV2, INV3, INV4]);
  assert.deepEqual(await texts(s, '[data-unbilled] > p.muted'), ['Nothing to invoice.']);
});

test('void: a reason is required, a paid invoice is refused, and the void one keeps its number; its item is unbilled again', async () => {
  assert.deepEqual(await texts(s, '#correct-invoice option'), [
    'INV-0001 · Sam Patel · balance £38.00',
    'INV-0002 · Jordan Rivers · balance £46.00',
    'INV-0003 · Jordan Rivers · balance £48.00',
    'INV-0004 · Sam Patel · balance £48.00',
  ]);
  await choose('#correct-invoice', 'INV-0003');
  await click('[data-correct-action="void"]');
  await s.waitFor('[data-correct-error]', { text: 'Reason' });
  assert.deepEqual(await texts(s, '[data-correct-error]'), ['Reason: is required']);
  assert.deepEqual(await texts(s, '[data-invoices] li'), [INV1, INV2, INV3, INV4]);

  await choose('#correct-invoice', 'INV-0002');
  await replaceText(s, '#correct-reason', 'Wrong amount');
  await click('[data-correct-action="void"]');
  await s.waitFor('[data-correct-error]', { text: 'INV-0002' });
  assert.deepEqual(await texts(s, '[data-correct-error]'), ['Invoice: INV-0002 has payments or credit notes against it; correct it with a credit note instead']);

  await choose('#correct-invoice', 'INV-0003');
  await replaceText(s, '#correct-reason', 'Issued before the fee was agreed');
  await click('[data-correct-action="void"]');
  await s.waitFor('[data-invoices]', { text: 'void:' });
  assert.deepEqual(await texts(s, '[data-invoices] li'), [INV1, INV2, INV3_VOID, INV4]);
  assert.deepEqual(await texts(s, '[data-unbilled] h3'), ['Jordan Rivers · 1 item']);
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 16 Mar 2026 · £48.00']);
  assert.deepEqual(await texts(s, '#correct-invoice option'), [
    'INV-0001 · Sam Patel · balance £38.00',
    'INV-0002 · Jordan Rivers · balance £46.00',
    'INV-0004 · Sam Patel · balance £48.00',
  ]);
});

test('a credit note takes the next number, names the invoice it credits, and lowers its balance', async () => {
  await choose('#correct-invoice', 'INV-0002');
  await replaceText(s, '#correct-amount', '50');
  await replaceText(s, '#correct-reason', 'Sliding scale agreed');
  await click('[data-correct-action="credit"]');
  await s.waitFor('[data-correct-error]', { text: '£' });
  assert.deepEqual(await texts(s, '[data-correct-error]'), ['Amount: a credit of £50.00 is more than the £46.00 INV-0002 still asks for']);
  await replaceText(s, '#correct-amount', '8');
  await click('[data-correct-action="credit"]');
  await s.waitFor('[data-invoices]', { text: 'CN-0005' });
  assert.deepEqual(await texts(s, '[data-invoices] li'), [
    INV1,
    // A credit note is not a payment: it is named on a line of its own.
    'INV-0002 · Jordan Rivers · total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00 · overdue',
    INV3_VOID,
    INV4,
    'CN-0005 · credit note for INV-0002 · Jordan Rivers · total £8.00',
  ]);
  assert.deepEqual(await axeViolations(s), []);
});

test('a refund: more than was paid is refused; then the balance goes back up by the refund', async () => {
  await choose('#refund-invoice', 'INV-0002');
  await replaceText(s, '#refund-amount', '60');
  await click('[data-refund-form] button[type="submit"]');
  await s.waitFor('[data-refund-error]', { text: '£' });
  assert.deepEqual(await texts(s, '[data-refund-error]'), ['Amount: £60.00 is more than the £50.00 paid on INV-0002 and not yet refunded']);
  await replaceText(s, '#refund-amount', '5');
  await click('[data-refund-form] button[type="submit"]');
  await s.waitFor('[data-invoices]', { text: 'balance £43.00' });
  assert.deepEqual(await texts(s, '[data-invoices] li'), [
    INV1,
    'INV-0002 · Jordan Rivers · total £96.00 · paid £45.00 · credited £8.00 (CN-0005) · balance £43.00 · overdue',
    INV3_VOID,
    INV4,
    'CN-0005 · credit note for INV-0002 · Jordan Rivers · total £8.00',
  ]);
});

test('a receipt for Jo\'s card payment, saved as PDF from the window, reads back line by line', async () => {
  assert.deepEqual(await texts(s, '#receipt-payment option'), [
    'Mon, 9 Mar 2026 · INV-0001 · Sam Patel · £10.00 by bank transfer',
    'Fri, 13 Mar 2026 · INV-0002 · Jordan Rivers · £50.00 by card',
  ]);
  await choose('#receipt-payment', 'Fri, 13 Mar 2026');
  const file = join(WORK, 'receipt.pdf');
  await replaceText(s, '#receipt-pdf-path', file);
  await click('[data-receipt-form] button[type="submit"]');
  await s.waitFor('[data-receipt-result]', { text: file });
  assert.deepEqual(await texts(s, '[data-receipt-result]'), [`Saved ${file}. ${WARNING}`]);
  assert.deepEqual(pdfLines(file), [
    'Receipt for INV-0002',
    'Receipt for INV-0002',
    'Riverside Mentoring',
    'From',
    'Name Riverside Mentoring',
    'Address 2 Riverside Walk',
    'York YO1 7DN',
    'E-mail accounts@riverside.example',
    'Received from',
    'Name Jordan Rivers',
    'Payment',
    'Date 13 Mar 2026',
    'Method card',
    'Reference JR-1',
    'Amount received £50.00',
    'Invoice',
    'Number INV-0002',
    'Issued 10 Mar 2026',
    'Total £96.00',
    'Balance due £43.00',
    'Riverside Mentoring · accounts@riverside.example Page 1 of 1',
  ]);
});

test('Jo\'s statement for 11 Mar to 2 Apr: the opening balance, each line with its running balance, the closing balance; saved as PDF', async () => {
  await choose('#statement-client', 'Jordan Rivers');
  await setDay('#statement-from', '2026-04-03');
  await setDay('#statement-to', '2026-04-02');
  await click('[data-statement-form] button[type="submit"]');
  await s.waitFor('[data-statement-error]', { text: 'To' });
  assert.deepEqual(await texts(s, '[data-statement-error]'), ['To: 2026-04-02 is before the start date 2026-04-03']);
  await setDay('#statement-from', '2026-03-11');
  await click('[data-statement-form] button[type="submit"]');
  await s.waitFor('[data-statement-lines] li');
  assert.deepEqual(await texts(s, '[data-statement-title]'), ['Statement of account: Jordan Rivers, Wed, 11 Mar 2026 to Thu, 2 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-statement-lines] li'), [
    'Wed, 11 Mar 2026 · Opening balance · £96.00',
    'Fri, 13 Mar 2026 · Payment (card, ref JR-1) for INV-0002 · credit £50.00 · balance £46.00',
    'Thu, 2 Apr 2026 · Credit note CN-0005 for INV-0002 · credit £8.00 · balance £38.00',
    'Thu, 2 Apr 2026 · Refund (bank transfer) for INV-0002 · debit £5.00 · balance £43.00',
    'Thu, 2 Apr 2026 · Closing balance · £43.00',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await s.execute("document.querySelector('[data-statement-title]').scrollIntoView({ block: 'start' })");
  await screenshot(s, '28-billing-statement');

  const file = join(WORK, 'statement.pdf');
  await replaceText(s, '#statement-pdf-path', file);
  await click('[data-statement-pdf-form] button[type="submit"]');
  await s.waitFor('[data-statement-pdf-result]', { text: file });
  assert.deepEqual(await texts(s, '[data-statement-pdf-result]'), [`Saved ${file}. ${WARNING}`]);
  assert.deepEqual(pdfLines(file), [
    'Statement of account: Jordan Rivers',
    'Statement of account: Jordan Rivers',
    '11 Mar 2026 to 2 Apr 2026',
    'From',
    'Name Riverside Mentoring',
    'Address 2 Riverside Walk',
    'York YO1 7DN',
    'E-mail accounts@riverside.example',
    'Account',
    'Name Jordan Rivers',
    'Transactions',
    'Date What Debit Credit Balance',
    '11 Mar 2026 Opening balance £96.00',
    '13 Mar 2026 Payment (card, ref JR-1) for INV-0002 £50.00 £46.00',
    '2 Apr 2026 Credit note CN-0005 for INV-0002 £8.00 £38.00',
    '2 Apr 2026 Refund (bank transfer) for INV-0002 £5.00 £43.00',
    '2 Apr 2026 Closing balance £43.00',
    'Balance',
    'Balance due £43.00',
    'Riverside Mentoring · accounts@riverside.example Page 1 of 1',
  ]);
});

test('the accountant\'s CSV from the window: every invoice, credit note, payment and refund in the range, no session words, with the warning', async () => {
  await setDay('#csv-from', '2026-03-01');
  await setDay('#csv-to', '2026-04-02');
  await click('[data-csv-form] button[type="submit"]');
  await s.waitFor('[data-csv-error]', { text: 'Choose' });
  assert.deepEqual(await texts(s, '[data-csv-error]'), ['Choose where to save the CSV, or type its full path.']);
  const file = join(WORK, 'billing.csv');
  await replaceText(s, '#csv-path', file);
  await click('[data-csv-form] button[type="submit"]');
  await s.waitFor('[data-csv-result]', { text: file });
  assert.deepEqual(await texts(s, '[data-csv-result]'), [`Saved ${file} (8 rows). ${WARNING}`]);
  assert.deepEqual(readFileSync(file, 'utf8').split('\r\n'), [
    'record,number,date,due,client,payer,currency,net,tax,total,status,method,reference,invoice',
    'invoice,INV-0001,2026-03-02,2026-03-16,Sam Patel,,GBP,48.00,0.00,48.00,issued,,,',
    'payment,,2026-03-09,,Sam Patel,,GBP,,,10.00,,bank transfer,,INV-0001',
    'invoice,INV-0002,2026-03-10,2026-03-24,Jordan Rivers,,GBP,96.00,0.00,96.00,issued,,,',
    'payment,,2026-03-13,,Jordan Rivers,,GBP,,,50.00,,card,JR-1,INV-0002',
    'invoice,INV-0003,2026-03-17,2026-03-31,Jordan Rivers,,GBP,48.00,0.00,48.00,void,,,',
    'invoice,INV-0004,2026-04-02,2026-04-16,Sam Patel,,GBP,48.00,0.00,48.00,issued,,,',
    'credit_note,CN-0005,2026-04-02,2026-04-02,Jordan Rivers,,GBP,8.00,0.00,8.00,issued,,,INV-0002',
    'refund,,2026-04-02,,Jordan Rivers,,GBP,,,5.00,,bank transfer,,INV-0002',
    '',
  ]);
  assert.deepEqual(await axeViolations(s), []);
});

test('the client page shows Jo\'s balance after the corrections', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('[data-client-balance]');
  assert.deepEqual(await texts(s, '[data-client-balance]'), ['Balance: £43.00']);
});

test('search finds invoices by number (the void one marked void, a credit note by its CN number) and opens the Billing screen', async () => {
  /** @param {string} words */
  const search = async (words) => {
    await s.press({ key: 'k', ctrl: true });
    const box = await s.waitFor('#global-search');
    await box.clear();
    await box.type(words);
    await s.press({ key: '\uE007' });
    await s.waitFor('#search-title', { text: words });
    await s.waitFor('[data-summary]', { text: 'match' });
  };
  await search('INV-0003');
  assert.deepEqual(await texts(s, '[data-summary]'), ['1 match, best first.']);
  assert.deepEqual(await texts(s, '[data-hit] > span:first-child'), ['Invoice INV-0003 (void) · Jordan Rivers Tue, 17 Mar 2026']);
  await search('CN-0005');
  assert.deepEqual(await texts(s, '[data-hit] > span:first-child'), ['Invoice Credit note CN-0005 · Jordan Rivers Thu, 2 Apr 2026']);
  assert.deepEqual(await axeViolations(s), []);
  await click('[data-hit]');
  await s.waitFor('#billing-title');
  await s.waitFor('[data-invoices] li');
  assert.deepEqual(await texts(s, '#billing-title'), ['Billing']);
});

test('an invoice the owner\'s own supervisor shared is kept under "From my mentor" exactly as issued', async () => {
  await openScreen(s, 'open-share');
  await s.waitFor('[data-received-invoice]');
  assert.deepEqual(await texts(s, '[data-from-mentor] h3'), ['Homework', 'Resources', 'Invoices']);
  assert.deepEqual(await texts(s, '[data-received-invoice] h4'), ['Invoice INV-0001']);
  assert.deepEqual(await texts(s, '[data-received-invoice] p.muted'), ['From Priya Shah, received 2026-04-02']);
  assert.deepEqual(await texts(s, '[data-received-invoice] [data-invoice-days]'), ['From Priya Shah Supervision · issued Mon, 23 Mar 2026 · due Mon, 6 Apr 2026']);
  assert.deepEqual(await texts(s, '[data-received-invoice] li'), ['Supervision session, 20 Mar 2026 · £60.00']);
  assert.deepEqual(await texts(s, '[data-received-invoice] [data-invoice-amounts]'), ['Total £60.00 · paid £0.00 · balance £60.00, as issued']);
  assert.deepEqual(await axeViolations(s), []);
});
