//! An invoice or credit note (and its receipt: what was paid and what is still due) as a
//! [`Document`] for the PDF writer: who it is from (the business details as issued), who it is
//! billed to, its number and days, its lines ("Mentoring session, 1 Apr 2026": never clinical
//! words), tax, total, paid and the balance due. Amounts are `Money`'s own text.

use chrono::NaiveDate;

use super::document::Document;
use crate::billing::{Invoice, InvoiceKind, InvoiceLine, InvoiceStatus, Money, Payment, PaymentKind, format_rate};

/// What an invoice PDF prints.
pub(crate) struct PrintedInvoice<'a> {
    pub invoice: &'a Invoice,
    pub lines: &'a [InvoiceLine],
    pub payments: &'a [Payment],
    /// Payments less refunds plus credit notes against it.
    pub paid: Money,
    /// What it still asks for.
    pub balance: Money,
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
    doc.heading(2, "From");
    doc.fields(vec![
        ("Name", business.name.clone()),
        ("Address", business.address.clone()),
        ("E-mail", business.email.clone().unwrap_or_default()),
        ("Tax number", business.tax_id.clone().unwrap_or_default()),
    ]);
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
        totals.push(("Paid", p.paid.to_string()));
        totals.push(("Balance due", p.balance.to_string()));
    }
    doc.fields(totals);
    if !p.payments.is_empty() {
        doc.heading(2, "Payments received");
        let rows = p
            .payments
            .iter()
            .map(|pay| {
                let amount = Money::new(pay.amount_minor, i.currency());
                let what = match pay.kind {
                    PaymentKind::Payment => "Payment",
                    PaymentKind::Refund => "Refund",
                };
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
