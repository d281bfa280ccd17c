/**
 * The words of billing lines, shared by the Billing screen and the dashboard. Amounts are the
 * strings the core formatted (src-tauri/src/commands/billing.rs); nothing here computes money.
 */
import { formatDay } from './dates.js';
import { count } from './plural.js';

/**
 * The line an invoice shows in the list: "INV-0001 · Sam Patel · total £48.00 · paid £20.00 ·
 * balance £28.00 · overdue".
 * @param {import('../bindings/InvoiceView').InvoiceView} v
 */
export function invoiceLine(v) {
  const to = v.invoice.payer ? `${v.invoice.bill_to} (paid by ${v.invoice.payer})` : v.invoice.bill_to;
  return `${v.label} · ${to} · total ${v.total} · paid ${v.paid} · balance ${v.balance} · ${v.state}`;
}

/**
 * The dashboard's line for an overdue invoice: "INV-0001 · Sam Patel · £48.00 due Mon, 30 Mar
 * 2026, overdue 3 days".
 * @param {import('../bindings/InvoiceView').InvoiceView} v
 */
export function overdueLine(v) {
  return `${v.label} · ${v.invoice.bill_to} · ${v.balance} due ${formatDay(v.invoice.due_on)}, overdue ${count(v.days_overdue ?? 0, 'day')}`;
}

