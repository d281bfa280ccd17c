//! Billing's business documents for the PDF writer: an invoice or credit note (who it is from —
//! the business details as issued —, who it is billed to, its number and days, its lines
//! ("Mentoring session, 1 Apr 2026": never clinical words), tax, total, what was paid (payments
//! less refunds), what was credited (credit notes, by number), the balance due, and each payment
//! and refund, a refund as a negative amount so the list adds up to what was paid), a receipt
//! for one payment, and a client's statement of account. Amounts are `Money`'s own text. They
//! are sent to a payer, so their running header and footer carry the business's details and
//! payment terms, not the record export's "Confidential · not encrypted" / "Exported from
//! Wellkept" (decision 53).

use chrono::NaiveDate;

use super::document::{Document, Running};
use crate::billing::{
    BusinessDetails, Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, Money, Payment, PaymentKind, Settlement,
    Statement, format_rate,
};

/// What an invoice PDF prints.
pub(crate) struct PrintedInvoice<'a> {
    pub invoice: &'a Invoice,
    pub lines: &'a [InvoiceLine],
    pub payments: &'a [Payment],
    /// What was paid, credited and is still owed.
    pub settlement: &'a Settlement,
}

fn day(d: Option<NaiveDate>) -> String {
    d.map(|d| d.format("%-d %b %Y").to_string()).unwrap_or_default()
}

/// The document of an invoice or credit note.
pub(crate) fn build(p: &PrintedInvoice<'_>) -> Document {
    let i = p.invoice;
    let title = match (i.kind, i.status) {
        (InvoiceKind::CreditNote, _) => format!("Credit note {}", i.label()),
        (_, InvoiceStatus::Void) => format!("Invoice {} (void)", i.label()),
        _ => format!("Invoice {}", i.label()),
    };
    let business = i.business_details().unwrap_or_default();
    let mut doc = Document::new(title, vec![business.name.clone()]);
    let terms = match (i.kind, i.status, i.issued_on, i.due_on) {
        (InvoiceKind::Invoice, InvoiceStatus::Issued, Some(on), Some(due)) => {
            Some(format!("Payment terms: {} days, due {}", (due - on).num_days(), day(Some(due))))
        }
        _ => None,
    };
    doc.running = business_running(&business, terms);
    from_fields(&mut doc, &business);
    doc.heading(2, "Bill to");
    doc.fields(vec![("Name", i.bill_to.clone()), ("Paid by", i.payer.clone().unwrap_or_default())]);
    doc.heading(2, "Details");
    doc.fields(vec![
        ("Number", i.label()),
        ("Issued", day(i.issued_on)),
        ("Due", if i.kind == InvoiceKind::Invoice { day(i.due_on) } else { String::new() }),
        (
            "Status",
            if i.status == InvoiceStatus::Void {
                format!("Void: {}", i.void_reason.clone().unwrap_or_default())
            } else {
                String::new()
            },
        ),
    ]);
    doc.heading(2, "Lines");
    let taxed = i.tax_rate_bp.is_some();
    let rows = p
        .lines
        .iter()
        .map(|l| {
            let mut row = vec![l.description.clone(), i.money(l.net_minor).to_string()];
            if taxed {
                row.push(i.money(l.tax_minor).to_string());
            }
            row
        })
        .collect();
    if taxed {
        doc.table(&[("Description", 4.0), ("Amount", 1.2), ("Tax", 1.2)], rows, "No lines.");
    } else {
        doc.table(&[("Description", 4.0), ("Amount", 1.2)], rows, "No lines.");
    }
    doc.heading(2, "Totals");
    let mut totals = vec![("Subtotal", i.money(i.subtotal_minor).to_string())];
    if let Some(rate) = i.tax_rate_bp {
        totals.push(("Tax", format!("{} at {}", i.money(i.tax_minor), format_rate(rate))));
    }
    totals.push(("Total", i.money(i.total_minor).to_string()));
    if i.kind == InvoiceKind::Invoice && i.status == InvoiceStatus::Issued {
        let s = p.settlement;
        totals.push(("Paid", s.paid.to_string()));
        if !s.credit_notes.is_empty() {
            totals.push(("Credited", format!("{} ({})", s.credited, s.credit_notes.join(", "))));
        }
        totals.push(("Balance due", s.balance.to_string()));
    }
    doc.fields(totals);
    if !p.payments.is_empty() {
        let refunded = p.payments.iter().any(|pay| pay.kind == PaymentKind::Refund);
        doc.heading(2, if refunded { "Payments and refunds" } else { "Payments received" });
        let rows = p
            .payments
            .iter()
            .map(|pay| {
                let (what, minor) = match pay.kind {
                    PaymentKind::Payment => ("Payment", pay.amount_minor),
                    PaymentKind::Refund => ("Refund", -pay.amount_minor),
                };
                let amount = Money::new(minor, i.currency());
                vec![
                    pay.paid_on.format("%-d %b %Y").to_string(),
                    format!("{what} ({})", pay.method),
                    amount.to_string(),
                ]
            })
            .collect();
        doc.table(&[("Date", 1.2), ("What", 3.0), ("Amount", 1.2)], rows, "");
    }
    if i.kind == InvoiceKind::Invoice
        && let Some(details) = business.payment_details.as_deref()
    {
        doc.heading(2, "How to pay");
        doc.paragraph(details);
    }
    doc
}

/// The running header and footer of a business document: no clinical-export wording, the
/// business's name, e-mail and tax number and, when given, the payment terms.
pub(crate) fn business_running(b: &BusinessDetails, terms: Option<String>) -> Running {
    Running::business(
        "",
        &[
            b.name.clone(),
            b.email.clone().unwrap_or_default(),
            b.tax_id.as_deref().map(|t| format!("Tax number {t}")).unwrap_or_default(),
            terms.unwrap_or_default(),
        ],
    )
}

fn from_fields(doc: &mut Document, b: &BusinessDetails) {
    doc.heading(2, "From");
    doc.fields(vec![
        ("Name", b.name.clone()),
        ("Address", b.address.clone()),
        ("E-mail", b.email.clone().unwrap_or_default()),
        ("Tax number", b.tax_id.clone().unwrap_or_default()),
    ]);
}

/// A client's statement of account for a date range: who it is from (the business details as
/// they are now), who it is for, the opening balance, each invoice, credit note, payment and
/// refund with the running balance, and the closing balance. Amounts are `Money`'s own text.
pub(crate) fn statement(s: &Statement, business: &BusinessDetails) -> Document {
    let range = format!("{} to {}", day(Some(s.from)), day(Some(s.to)));
    let mut doc = Document::new(format!("Statement of account: {}", s.client_name), vec![range]);
    doc.running = business_running(business, None);
    from_fields(&mut doc, business);
    doc.heading(2, "Account");
    doc.fields(vec![("Name", s.client_name.clone())]);
    doc.heading(2, "Transactions");
    let mut rows = vec![vec![
        day(Some(s.from)),
        "Opening balance".to_owned(),
        String::new(),
        String::new(),
        s.opening.to_string(),
    ]];
    for l in &s.lines {
        rows.push(vec![
            day(Some(l.date)),
            l.description.clone(),
            l.debit.map(|m| m.to_string()).unwrap_or_default(),
            l.credit.map(|m| m.to_string()).unwrap_or_default(),
            l.balance.to_string(),
        ]);
    }
    rows.push(vec![day(Some(s.to)), "Closing balance".to_owned(), String::new(), String::new(), s.closing.to_string()]);
    doc.table(&[("Date", 1.2), ("What", 3.6), ("Debit", 1.2), ("Credit", 1.2), ("Balance", 1.2)], rows, "");
    doc.heading(2, "Balance");
    doc.fields(vec![("Balance due", s.closing.to_string())]);
    doc
}

/// What a receipt prints.
pub(crate) struct PrintedReceipt<'a> {
    /// The payment received.
    pub payment: &'a Payment,
    /// The invoice it paid (its business details are the ones it was issued with).
    pub invoice: &'a Invoice,
    /// What the invoice still asks for now.
    pub balance: Money,
}

/// A receipt for one payment: who received it (the business details the invoice was issued
/// with), who paid, the day, method and reference, the amount, and the invoice it paid with its
/// total and what it still asks for.
pub(crate) fn receipt(p: &PrintedReceipt<'_>) -> Document {
    let (pay, i) = (p.payment, p.invoice);
    let business = i.business_details().unwrap_or_default();
    let mut doc = Document::new(format!("Receipt for {}", i.label()), vec![business.name.clone()]);
    doc.running = business_running(&business, None);
    from_fields(&mut doc, &business);
    doc.heading(2, "Received from");
    doc.fields(vec![("Name", i.bill_to.clone()), ("Paid by", i.payer.clone().unwrap_or_default())]);
    doc.heading(2, "Payment");
    doc.fields(vec![
        ("Date", day(Some(pay.paid_on))),
        ("Method", pay.method.clone()),
        ("Reference", pay.reference.clone().unwrap_or_default()),
        ("Amount received", i.money(pay.amount_minor).to_string()),
    ]);
    doc.heading(2, "Invoice");
    doc.fields(vec![
        ("Number", i.label()),
        ("Issued", day(i.issued_on)),
        ("Total", i.money(i.total_minor).to_string()),
        ("Balance due", p.balance.to_string()),
    ]);
    doc
}
