// The words of billing lines (ui/src/lib/billing.js): the amounts are the core's strings, put
// in place unchanged; days are local calendar days; plurals right.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { invoiceLine, overdueLine } from '../src/lib/billing.js';

/** An invoice view as the shell sends it (only the fields the lines read matter). */
const view = (over = {}) => ({
  label: 'INV-0001', state: 'overdue', total: '£48.00', paid: '£10.00', balance: '£38.00', days_overdue: 17, lines: [],
  subtotal: '£48.00', tax: '£0.00',
  invoice: { bill_to: 'Sam Patel', payer: null, due_on: '2026-03-16' },
  ...over,
});

test('an invoice line names number, who it is billed to, total, paid, balance and state', () => {
  assert.equal(invoiceLine(/** @type {any} */ (view())), 'INV-0001 · Sam Patel · total £48.00 · paid £10.00 · balance £38.00 · overdue');
  const paidBy = view({ invoice: { bill_to: 'Sam Patel', payer: 'Priya Patel', due_on: '2026-03-16' }, state: 'issued' });
  assert.equal(invoiceLine(/** @type {any} */ (paidBy)), 'INV-0001 · Sam Patel (paid by Priya Patel) · total £48.00 · paid £10.00 · balance £38.00 · issued');
});

test('the overdue line: what is still owed, the local due day and days overdue, singular for one', () => {
  assert.equal(overdueLine(/** @type {any} */ (view())), 'INV-0001 · Sam Patel · £38.00 due Mon, 16 Mar 2026, overdue 17 days');
  assert.equal(overdueLine(/** @type {any} */ (view({ days_overdue: 1, balance: '¥1,200' }))), 'INV-0001 · Sam Patel · ¥1,200 due Mon, 16 Mar 2026, overdue 1 day');
});
