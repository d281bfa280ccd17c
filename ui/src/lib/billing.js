/**
 * The words of billing lines, shared by the Billing screen and the dashboard. Amounts are the
 * strings the core formatted (src-tauri/src/commands/billing.rs); nothing here computes money.
 */
import { formatDay } from './dates.js';
import { count } from './plural.js';

/**
 * The line an invoice shows in the list: "INV-0001 · Sam Patel · total £48.00 · paid £20.00 ·
 * balance £28.00 · overdue", with "credited £8.00 (CN-0005)" before the balance when credit notes
 * lowered it (they are not payments); a void one keeps its number ("INV-0002 · Jo · total £45.00 · void:
 * wrong payer"); a credit note names the invoice it credits ("CN-0003 · credit note for INV-0002
 * · Jo · total £10.00").
 * @param {import('../bindings/InvoiceView').InvoiceView} v
 */
export function invoiceLine(v) {
  const to = v.invoice.payer ? `${v.invoice.bill_to} (paid by ${v.invoice.payer})` : v.invoice.bill_to;
  if (v.invoice.kind === 'credit_note') return `${v.label} · credit note for ${v.credits_label ?? ''} · ${to} · total ${v.total}`;
  if (v.state === 'void') return `${v.label} · ${to} · total ${v.total} · void: ${v.invoice.void_reason ?? ''}`;
  const credited = v.credited ? ` · credited ${v.credited}` : '';
  return `${v.label} · ${to} · total ${v.total} · paid ${v.paid}${credited} · balance ${v.balance} · ${v.state}`;
}

/**
 * The dashboard's line for an overdue invoice: "INV-0001 · Sam Patel · £48.00 due Mon, 30 Mar
 * 2026, overdue 3 days".
 * @param {import('../bindings/InvoiceView').InvoiceView} v
 */
export function overdueLine(v) {
  return `${v.label} · ${v.invoice.bill_to} · ${v.balance} due ${formatDay(v.invoice.due_on)}, overdue ${count(v.days_overdue ?? 0, 'day')}`;
}

/**
 * The lines of a statement as a person reads them: the opening balance, each invoice, credit note,
 * payment and refund with its debit or credit and the balance after it, the closing
 * balance. Amounts are the core's text.
 * @param {import('../bindings/StatementView').StatementView} st
 */
export function statementLines(st) {
  return [
    `${formatDay(st.from)} · Opening balance · ${st.opening}`,
    ...st.lines.map((l) => `${formatDay(l.date)} · ${l.description} · ${l.debit ? `debit ${l.debit}` : `credit ${l.credit}`} · balance ${l.balance}`),
    `${formatDay(st.to)} · Closing balance · ${st.closing}`,
  ];
}
