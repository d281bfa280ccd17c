// Oracle tests for billing (issue 14): the fixture of 08 plus billing (`--scenario billing`,
// cli/src/bin/e2e_seed.rs), the clock pinned to Thursday 2 April 2026 09:30 in London. Billing is
// set up (GBP; 50 minutes in person £48.00, by video £45.00; 14 days' terms); Sam's INV-0001 was
// issued Mon 2 Mar, £10.00 paid, due Mon 16 Mar: overdue. Jo's video session yesterday at 10:00
// is marked attended in the calendar → its item is on the Billing screen with its exact line →
// the invoice is created and issued as INV-0002 → a part payment → the exact balances on the
// Billing screen, Jo's page, and the dashboard's overdue line. Every amount is the core's text.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { axeViolations, screenshot } from './lib/app.js';
import { openScreen, replaceText, startAtDashboard } from './lib/flows.js';
import { startSeededApp, texts } from './lib/oracle.js';

/** @type {import('./lib/webdriver.js').Session} */
let s;
/** Where the invoice PDF is saved (a typed path under the run's folder, as the debug build allows). */
const WORK = join(process.env.E2E_ROOT ?? '/tmp', 'billing');

before(async () => {
  mkdirSync(WORK, { recursive: true });
  s = await startAtDashboard(() => startSeededApp({ scenario: 'billing' }));
});
after(() => s?.end());

const SAM_OVERDUE = 'INV-0001 · Sam Patel · total £48.00 · paid £10.00 · balance £38.00 · overdue';

test('the dashboard lists the overdue invoice with what it still asks for, its due day and days overdue', async () => {
  await s.waitFor('[data-panel="overdue-invoices"] li');
  assert.deepEqual(await texts(s, '[data-panel="overdue-invoices"] li'), [
    'INV-0001 · Sam Patel · £38.00 due Mon, 16 Mar 2026, overdue 17 days',
  ]);
});

test('a session marked attended in the calendar becomes an item on the Billing screen', async () => {
  await openScreen(s, 'billing');
  await s.waitFor('[data-invoices] li');
  assert.deepEqual(await texts(s, '[data-unbilled] > p.muted'), ['Nothing to invoice.']);
  assert.deepEqual(await texts(s, '[data-invoices] li'), [SAM_OVERDUE]);

  await openScreen(s, 'appointments');
  await s.waitFor('[data-period]', { text: 'Week of Mon, 30 Mar 2026' });
  await s.execute("[...document.querySelectorAll('[data-session]')].find((b) => b.getAttribute('aria-label').startsWith(arguments[0])).click()", ['10:00–10:50, Jo']);
  await s.waitFor('[data-selected-title]');
  await s.execute("[...document.querySelectorAll('[data-selected] button')].find((b) => b.textContent.trim() === 'Attended').click()");
  await s.waitFor('[data-calendar]', { text: 'Video · Attended' });

  await openScreen(s, 'billing');
  await s.waitFor('[data-item-line]');
  assert.deepEqual(await texts(s, '[data-unbilled] h3'), ['Jordan Rivers · 1 item']);
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 1 Apr 2026 · £45.00']);
  assert.deepEqual(await axeViolations(s), []);
});

test('bad input loses nothing: an amount with too many decimals is refused with a message', async () => {
  await s.execute("document.querySelector('[data-adjust]').click()");
  await replaceText(s, '#item-amount', '40.005');
  await replaceText(s, '#item-reason', 'Sliding scale');
  await (await s.waitFor('[data-item-submit]')).click();
  await s.waitFor('[data-item-error]', { text: 'decimals' });
  assert.deepEqual(await texts(s, '[data-item-error]'), ['Amount: “40.005” has too many decimals: GBP amounts have 2 decimals; write it like 12.50']);
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 1 Apr 2026 · £45.00']);
});

test('create and issue the invoice, record a part payment: exact lines and balances', async () => {
  await (await s.waitFor('[data-create-invoice] button[type="submit"]')).click();
  await s.waitFor('[data-draft-line]');
  assert.deepEqual(await texts(s, '[data-draft-line]'), ['Draft · Jordan Rivers · 1 line · total £45.00']);
  assert.deepEqual(await texts(s, '[data-unbilled] > p.muted'), ['Nothing to invoice.']);
  await (await s.waitFor('[data-issue]')).click();
  await s.waitFor('[data-invoices] li + li');
  assert.deepEqual(await texts(s, '[data-invoices] li'), [
    SAM_OVERDUE,
    'INV-0002 · Jordan Rivers · total £45.00 · paid £0.00 · balance £45.00 · issued',
  ]);

  assert.deepEqual(await texts(s, '#payment-invoice option'), [
    'INV-0001 · Sam Patel · balance £38.00',
    'INV-0002 · Jordan Rivers · balance £45.00',
  ]);
  await s.execute("const el = document.querySelector('#payment-invoice'); el.value = el.options[1].value; el.dispatchEvent(new Event('change', { bubbles: true }));");
  await replaceText(s, '#payment-amount', '50.00');
  await (await s.waitFor('[data-payment-form] button[type="submit"]')).click();
  await s.waitFor('[data-payment-error]', { text: '£' });
  assert.deepEqual(await texts(s, '[data-payment-error]'), ['Amount: £50.00 is more than the £45.00 INV-0002 still asks for']);
  await replaceText(s, '#payment-amount', '20');
  await (await s.waitFor('[data-payment-form] button[type="submit"]')).click();
  await s.waitFor('[data-invoices]', { text: 'balance £25.00' });
  assert.deepEqual(await texts(s, '[data-invoices] li'), [
    SAM_OVERDUE,
    'INV-0002 · Jordan Rivers · total £45.00 · paid £20.00 · balance £25.00 · issued',
  ]);
  assert.deepEqual(await axeViolations(s), []);
  await screenshot(s, '24-billing');
});

test('the client page shows what the client owes', async () => {
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Jordan Rivers')).click()");
  await s.waitFor('[data-client-balance]');
  assert.deepEqual(await texts(s, '[data-client-balance]'), ['Balance: £25.00']);
  await openScreen(s, 'clients');
  await s.waitFor('[data-client]');
  await s.execute("[...document.querySelectorAll('[data-client]')].find((b) => b.textContent.includes('Sam Patel')).click()");
  await s.waitFor('#client-title', { text: 'Sam Patel' });
  await s.waitFor('[data-client-balance]');
  assert.deepEqual(await texts(s, '[data-client-balance]'), ['Balance: £38.00']);
});

test('the invoice saved as a PDF from the window reads back, line by line, with what was paid and is due', async () => {
  await openScreen(s, 'billing');
  await s.waitFor('#pdf-invoice option');
  assert.deepEqual(await texts(s, '#pdf-invoice option'), ['INV-0001 · Sam Patel', 'INV-0002 · Jordan Rivers']);
  await (await s.waitFor('[data-pdf-form] button[type="submit"]')).click();
  await s.waitFor('[data-pdf-error]', { text: 'Choose' });
  assert.deepEqual(await texts(s, '[data-pdf-error]'), ['Choose where to save the PDF, or type its full path.']);
  await s.execute("const el = document.querySelector('#pdf-invoice'); el.value = el.options[1].value; el.dispatchEvent(new Event('change', { bubbles: true }));");
  const file = join(WORK, 'INV-0002.pdf');
  await replaceText(s, '#invoice-pdf-path', file);
  await (await s.waitFor('[data-pdf-form] button[type="submit"]')).click();
  await s.waitFor('[data-pdf-result]', { text: file });
  assert.deepEqual(await texts(s, '[data-pdf-result]'), [
    `Saved ${file}. This file is not encrypted; anyone who can open it can read it. Store it somewhere safe and delete it when done.`,
  ]);
  const lines = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
    .split('\n').map((l) => l.split(/\s+/).filter(Boolean).join(' ')).filter(Boolean);
  assert.deepEqual(lines, [
    'Invoice INV-0002',
    'Invoice INV-0002',
    'Riverside Mentoring',
    'From',
    'Name Riverside Mentoring',
    'Address 2 Riverside Walk',
    'York YO1 7DN',
    'E-mail accounts@riverside.example',
    'Bill to',
    'Name Jordan Rivers',
    'Details',
    'Number INV-0002',
    'Issued 2 Apr 2026',
    'Due 16 Apr 2026',
    'Lines',
    'Description Amount',
    'Mentoring session, 1 Apr 2026 £45.00',
    'Totals',
    'Subtotal £45.00',
    'Total £45.00',
    'Paid £20.00',
    'Balance due £25.00',
    'Payments received',
    'Date What Amount',
    '2 Apr 2026 Payment (bank transfer) £20.00',
    'How to pay',
    'Bank transfer to 20-00-00 12345678',
    'Riverside Mentoring · accounts@riverside.example · Payment terms: 14 days, due 16 Apr 2026 Page 1 of 1',
  ]);
  assert.deepEqual(await axeViolations(s), []);
});

test('the settings card shows the saved settings, refuses a bad tax rate with the core\'s message, and saves', async () => {
  await openScreen(s, 'billing');
  await s.waitFor('[data-settings-form]');
  const values = () => s.execute(`return ['#billing-currency', '#fee-minutes-0', '#fee-mode-0', '#fee-amount-0', '#fee-mode-1', '#fee-amount-1',
    '#fee-mode-2', '#fee-amount-2', '#fee-amount-3', '#billing-tax', '#billing-terms', '#billing-wording', '#billing-name']
    .map((css) => document.querySelector(css).value)`);
  assert.deepEqual(await values(), ['GBP', '50', 'in_person', '48.00', 'phone', '45.00', 'video', '45.00', '', '', '14', 'Mentoring session', 'Riverside Mentoring']);
  await replaceText(s, '#billing-tax', 'twenty');
  await (await s.waitFor('[data-settings-form] button[type="submit"]')).click();
  await s.waitFor('[data-settings-error]', { text: 'Tax rate' });
  assert.deepEqual(await texts(s, '[data-settings-error]'), ['Tax rate: “twenty” is not a percentage; write it like 20 or 7.5']);
  // Emptied as a person deleting the text would (the driver cannot type an empty string).
  await s.execute("const el = document.querySelector('#billing-tax'); el.value = ''; el.dispatchEvent(new Event('input', { bubbles: true }));");
  await replaceText(s, '#fee-amount-2', '50');
  await replaceText(s, '#billing-terms', '30');
  await (await s.waitFor('[data-settings-form] button[type="submit"]')).click();
  await s.waitFor('#billing-terms[value="30"]');
  assert.deepEqual(await values(), ['GBP', '50', 'in_person', '48.00', 'phone', '45.00', 'video', '50.00', '', '', '30', 'Mentoring session', 'Riverside Mentoring']);
});

test('an unbilled item adjusted with a reason, then written off (a reason is required): it leaves the unbilled list', async () => {
  await openScreen(s, 'appointments');
  await s.waitFor('[data-period]', { text: 'Week of Mon, 30 Mar 2026' });
  await s.execute("[...document.querySelectorAll('[data-session]')].find((b) => b.getAttribute('aria-label').startsWith(arguments[0])).click()", ['14:00–14:50, Jo']);
  await s.waitFor('[data-selected-title]');
  await s.execute("[...document.querySelectorAll('[data-selected] button')].find((b) => b.textContent.trim() === 'Attended').click()");
  await s.waitFor('[data-calendar]', { text: 'In person · Attended' });

  await openScreen(s, 'billing');
  await s.waitFor('[data-item-line]');
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 2 Apr 2026 · £48.00']);
  await s.execute("document.querySelector('[data-adjust]').click()");
  await replaceText(s, '#item-amount', '40');
  await replaceText(s, '#item-reason', 'Sliding scale');
  await (await s.waitFor('[data-item-submit]')).click();
  await s.waitFor('[data-item-line]', { text: '£40.00' });
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 2 Apr 2026 · £40.00']);

  await s.execute("document.querySelector('[data-write-off]').click()");
  await (await s.waitFor('[data-item-submit]')).click();
  await s.waitFor('[data-item-error]', { text: 'Reason' });
  assert.deepEqual(await texts(s, '[data-item-error]'), ['Reason: is required']);
  assert.deepEqual(await texts(s, '[data-item-line]'), ['Mentoring session, 2 Apr 2026 · £40.00']);
  await replaceText(s, '#item-reason', 'Goodwill');
  await (await s.waitFor('[data-item-submit]')).click();
  await s.waitFor('[data-unbilled] > p.muted');
  assert.deepEqual(await texts(s, '[data-unbilled] > p.muted'), ['Nothing to invoice.']);
  assert.deepEqual(await axeViolations(s), []);
});
