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

test('credit notes against an invoice are named beside what was paid, not counted in it', () => {
  const credited = view({ paid: '£50.00', credited: '£8.00 (CN-0005)', balance: '£38.00', total: '£96.00' });
  assert.equal(invoiceLine(/** @type {any} */ (credited)), 'INV-0001 · Sam Patel · total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00 · overdue');
});

test('the overdue line: what is still owed, the local due day and days overdue, singular for one', () => {
  assert.equal(overdueLine(/** @type {any} */ (view())), 'INV-0001 · Sam Patel · £38.00 due Mon, 16 Mar 2026, overdue 17 days');
  assert.equal(overdueLine(/** @type {any} */ (view({ days_overdue: 1, balance: '¥1,200' }))), 'INV-0001 · Sam Patel · ¥1,200 due Mon, 16 Mar 2026, overdue 1 day');
});

test('a void invoice keeps its number and says why; a credit note names the invoice it credits', () => {
  const voided = view({ state: 'void', invoice: { bill_to: 'Jordan Rivers', payer: null, kind: 'invoice', void_reason: 'wrong payer' } });
  assert.equal(invoiceLine(/** @type {any} */ (voided)), 'INV-0001 · Jordan Rivers · total £48.00 · void: wrong payer');
  const credit = view({ label: 'CN-0003', state: 'issued', total: '£10.00', credits_label: 'INV-0002', invoice: { bill_to: 'Jordan Rivers', payer: null, kind: 'credit_note' } });
  assert.equal(invoiceLine(/** @type {any} */ (credit)), 'CN-0003 · credit note for INV-0002 · Jordan Rivers · total £10.00');
});

test('statement lines: opening, each entry with its debit or credit and the balance after, closing', async () => {
  const st = {
    client_name: 'Jordan Rivers', from: '2026-03-01', to: '2026-04-02', opening: '£0.00', closing: '£25.00',
    lines: [
      { date: '2026-03-02', description: 'Invoice INV-0001', debit: '£45.00', credit: null, balance: '£45.00' },
      { date: '2026-03-05', description: 'Payment (card) for INV-0001', debit: null, credit: '£20.00', balance: '£25.00' },
    ],
  };
  const { statementLines } = await import('../src/lib/billing.js');
  assert.deepEqual(statementLines(/** @type {any} */ (st)), [
    'Sun, 1 Mar 2026 · Opening balance · £0.00',
    'Mon, 2 Mar 2026 · Invoice INV-0001 · debit £45.00 · balance £45.00',
    'Thu, 5 Mar 2026 · Payment (card) for INV-0001 · credit £20.00 · balance £25.00',
    'Thu, 2 Apr 2026 · Closing balance · £25.00',
  ]);
});
