//! Payments and refunds against issued invoices, a client's balance, overdue invoices, the
//! statement of account for a date range, and the CSV of invoices and payments for an
//! accountant.

use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::invoices::{Invoice, InvoiceKind, InvoiceStatus, SETTLED, check_dated, get_invoice, outstanding_in};
use super::money::{Currency, MAX_MINOR, Money};
use super::settings::required_settings;
use crate::export::{PLAINTEXT_WARNING, PlaintextWarning, destination};
use crate::practice::{SHORT_TEXT, optional_text, required_text};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// A payment received or a refund paid back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum PaymentKind {
    /// Money received.
    Payment,
    /// Money paid back.
    Refund,
}

/// A payment or refund as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Payment {
    /// Record id.
    pub id: String,
    /// Payment or refund.
    pub kind: PaymentKind,
    /// The invoice it is against.
    pub invoice_id: String,
    /// The client.
    pub client_id: String,
    /// ISO 4217 code.
    pub currency: String,
    /// How much, minor units (always more than nothing).
    #[ts(type = "number")]
    pub amount_minor: i64,
    /// How: "bank transfer", "card", "cash".
    pub method: String,
    /// The day it was paid.
    pub paid_on: NaiveDate,
    /// A reference (the bank's, a cheque number).
    pub reference: Option<String>,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

/// What is entered to record a payment or refund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewPayment {
    /// The issued invoice it is against.
    pub invoice_id: String,
    /// How much.
    pub amount: Money,
    /// How it was paid.
    pub method: String,
    /// The day.
    pub paid_on: NaiveDate,
    /// A reference.
    pub reference: Option<String>,
}

/// Records a full or partial payment against an issued invoice: at most what it still asks for,
/// dated no earlier than the invoice's issue day and no later than today.
pub async fn record_payment(vault: &Vault, new: NewPayment) -> Result<Payment> {
    record(vault, PaymentKind::Payment, new).await
}

/// Records a refund against an invoice: at most what was paid on it and not yet refunded, dated
/// no earlier than the invoice's issue day and no later than today.
pub async fn record_refund(vault: &Vault, new: NewPayment) -> Result<Payment> {
    record(vault, PaymentKind::Refund, new).await
}

async fn record(vault: &Vault, kind: PaymentKind, new: NewPayment) -> Result<Payment> {
    let method = required_text("Method", &new.method, SHORT_TEXT)?;
    let reference = optional_text("Reference", new.reference.as_deref(), SHORT_TEXT)?;
    crate::practice::check_day("Date", new.paid_on)?;
    if !(1..=MAX_MINOR).contains(&new.amount.minor) {
        return Err(Error::invalid("Amount", "must be more than nothing"));
    }
    let (id, now) = (vault::new_id(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                required_settings(w).await?;
                let invoice: Invoice = w
                    .fetch_existing(
                        "SELECT id, kind, number, status, client_id, bill_to, payer, currency, tax_rate_bp,
                            subtotal_minor, tax_minor, total_minor, issued_on, due_on, business, credits_invoice,
                            void_reason, created_at FROM billing_invoices WHERE id = ?",
                        params![new.invoice_id.as_str()],
                        "That invoice",
                    )
                    .await?;
                if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
                    return Err(Error::invalid("Invoice", "payments are recorded against an issued invoice"));
                }
                if invoice.currency() != new.amount.currency {
                    return Err(Error::invalid("Amount", format!("the invoice is in {}", invoice.currency)));
                }
                check_dated("Date", new.paid_on, &invoice)?;
                let limit = match kind {
                    PaymentKind::Payment => outstanding_in(w, &invoice).await?,
                    PaymentKind::Refund => {
                        let (paid,): (i64,) = w
                            .fetch_existing(
                                "SELECT COALESCE(SUM(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END), 0)
                                 FROM billing_payments WHERE invoice_id = ?",
                                params![invoice.id.as_str()],
                                "invoice",
                            )
                            .await?;
                        paid
                    }
                };
                if new.amount.minor > limit {
                    let what = match kind {
                        PaymentKind::Payment => format!("the {} {} still asks for", invoice.money(limit), invoice.label()),
                        PaymentKind::Refund => format!("the {} paid on {} and not yet refunded", invoice.money(limit), invoice.label()),
                    };
                    return Err(Error::invalid("Amount", format!("{} is more than {what}", new.amount)));
                }
                w.exec(
                    "INSERT INTO billing_payments (id, kind, invoice_id, client_id, currency, amount_minor, method,
                        paid_on, reference, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        id2.as_str(),
                        match kind {
                            PaymentKind::Payment => "payment",
                            PaymentKind::Refund => "refund",
                        },
                        invoice.id.as_str(),
                        invoice.client_id.as_str(),
                        invoice.currency.as_str(),
                        new.amount.minor,
                        method,
                        new.paid_on,
                        reference,
                        now
                    ],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    vault
        .fetch_existing(
            "SELECT id, kind, invoice_id, client_id, currency, amount_minor, method, paid_on, reference, created_at
             FROM billing_payments WHERE id = ?",
            params![id],
            "That payment",
        )
        .await
}

/// One payment or refund.
pub async fn get_payment(vault: &Vault, id: &str) -> Result<Payment> {
    vault
        .fetch_existing(
            "SELECT id, kind, invoice_id, client_id, currency, amount_minor, method, paid_on, reference, created_at
             FROM billing_payments WHERE id = ?",
            params![id],
            "That payment",
        )
        .await
}

/// Payments and refunds, a client's or everyone's, by day.
pub async fn list_payments(vault: &Vault, client_id: Option<&str>) -> Result<Vec<Payment>> {
    vault
        .fetch_all(
            "SELECT id, kind, invoice_id, client_id, currency, amount_minor, method, paid_on, reference, created_at
             FROM billing_payments WHERE (?1 IS NULL OR client_id = ?1) ORDER BY paid_on, created_at, rowid",
            params![client_id],
        )
        .await
}

async fn currency(vault: &Vault) -> Result<Currency> {
    Ok(super::billing_settings(vault).await?.map_or(Currency::GBP, |s| s.currency))
}

/// What a client owes now: the issued invoices' totals less payments and credit notes, plus
/// refunds (void invoices count for nothing). Negative when they paid ahead (after a refund was
/// promised, say).
pub async fn client_balance(vault: &Vault, client_id: &str) -> Result<Money> {
    let (owed,): (i64,) = vault
        .fetch_one(
            "SELECT COALESCE((SELECT SUM(CASE kind WHEN 'invoice' THEN total_minor ELSE -total_minor END)
                               FROM billing_invoices WHERE client_id = ?1 AND status = 'issued'), 0)
                  - COALESCE((SELECT SUM(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END)
                               FROM billing_payments WHERE client_id = ?1), 0)",
            params![client_id],
        )
        .await?;
    Ok(Money::new(owed, currency(vault).await?))
}

/// An issued invoice past its due day with something still owed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct OverdueInvoice {
    /// The invoice.
    pub invoice: Invoice,
    /// What it still asks for.
    pub outstanding: Money,
    /// Days since the due day.
    pub days_overdue: i64,
}

/// Issued invoices due before `today` that still ask for something, the longest overdue first:
/// the dashboard's list.
pub async fn overdue_invoices(vault: &Vault, today: NaiveDate) -> Result<Vec<OverdueInvoice>> {
    let ids: Vec<(String,)> = vault
        .fetch_all(
            "SELECT id FROM billing_invoices WHERE kind = 'invoice' AND status = 'issued' AND due_on < ?
             ORDER BY due_on, number",
            params![today],
        )
        .await?;
    let mut out = Vec::new();
    for (id,) in ids {
        let invoice = get_invoice(vault, &id).await?;
        let (settled,): (i64,) = vault.fetch_one(SETTLED, params![id]).await?;
        let owed = invoice.total_minor - settled;
        if owed > 0 {
            let due = invoice.due_on.unwrap_or(today);
            out.push(OverdueInvoice {
                outstanding: invoice.money(owed),
                days_overdue: (today - due).num_days(),
                invoice,
            });
        }
    }
    Ok(out)
}

/// One line of a statement of account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct StatementLine {
    /// The day.
    pub date: NaiveDate,
    /// "Invoice INV-0001", "Payment (bank transfer, ref 123) for INV-0001", "Credit note CN-0002 for INV-0001".
    pub description: String,
    /// What it adds to the balance (an invoice, a refund).
    pub debit: Option<Money>,
    /// What it takes off (a payment, a credit note).
    pub credit: Option<Money>,
    /// The balance after it.
    pub balance: Money,
}

/// A statement of account for a client between two days (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Statement {
    /// The client's name.
    pub client_name: String,
    /// First day.
    pub from: NaiveDate,
    /// Last day.
    pub to: NaiveDate,
    /// The balance before `from`.
    pub opening: Money,
    /// Each invoice, credit note, payment and refund, by day.
    pub lines: Vec<StatementLine>,
    /// The balance at the end of `to`.
    pub closing: Money,
}

/// The statement of account of a client for `from`..=`to`: the opening balance, every issued
/// invoice, credit note, payment and refund in the range with the running balance, and the
/// closing balance. Void invoices are left out (they ask for nothing).
pub async fn statement(vault: &Vault, client_id: &str, from: NaiveDate, to: NaiveDate) -> Result<Statement> {
    crate::practice::check_order("To", Some(from), Some(to))?;
    let client = crate::practice::clients::get_client(vault, client_id).await?;
    let currency = currency(vault).await?;
    // (day, order within the day, description, signed amount)
    let mut entries: Vec<(NaiveDate, i64, String, i64)> = Vec::new();
    for i in super::invoices::list_invoices(vault, Some(client_id)).await? {
        let (Some(day), InvoiceStatus::Issued) = (i.issued_on, i.status) else { continue };
        match i.kind {
            InvoiceKind::Invoice => {
                entries.push((day, i.number.unwrap_or(0), format!("Invoice {}", i.label()), i.total_minor))
            }
            InvoiceKind::CreditNote => {
                let of = match &i.credits_invoice {
                    Some(id) => format!(" for {}", get_invoice(vault, id).await?.label()),
                    None => String::new(),
                };
                entries.push((day, i.number.unwrap_or(0), format!("Credit note {}{of}", i.label()), -i.total_minor));
            }
        }
    }
    for p in list_payments(vault, Some(client_id)).await? {
        let label = get_invoice(vault, &p.invoice_id).await?.label();
        let reference = p.reference.as_deref().map(|r| format!(", ref {r}")).unwrap_or_default();
        let (what, signed) = match p.kind {
            PaymentKind::Payment => ("Payment", -p.amount_minor),
            PaymentKind::Refund => ("Refund", p.amount_minor),
        };
        entries.push((p.paid_on, i64::MAX, format!("{what} ({}{reference}) for {label}", p.method), signed));
    }
    entries.sort_by_key(|a| (a.0, a.1));
    let opening: i64 = entries.iter().filter(|e| e.0 < from).map(|e| e.3).sum();
    let mut balance = opening;
    let mut lines = Vec::new();
    for (date, _, description, signed) in entries.into_iter().filter(|e| e.0 >= from && e.0 <= to) {
        balance += signed;
        lines.push(StatementLine {
            date,
            description,
            debit: (signed > 0).then(|| Money::new(signed, currency)),
            credit: (signed < 0).then(|| Money::new(-signed, currency)),
            balance: Money::new(balance, currency),
        });
    }
    Ok(Statement {
        client_name: client.name,
        from,
        to,
        opening: Money::new(opening, currency),
        lines,
        closing: Money::new(balance, currency),
    })
}

/// What the CSV export wrote.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[must_use = "the person must be shown that the export is not encrypted"]
pub struct BillingExport {
    /// The file written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// How many rows (not counting the header).
    pub rows: u64,
    /// The warning to show: the file is not encrypted.
    pub warning: PlaintextWarning,
}

/// The CSV's header row.
pub const CSV_HEADER: &str =
    "record,number,date,due,client,payer,currency,net,tax,total,status,method,reference,invoice";

/// Writes the invoices, credit notes, payments and refunds dated `from`..=`to` as CSV to `dest`
/// (a file the person chose, outside the vault folder, written whole or not at all), for an
/// accountant: numbers, days, names, amounts, methods. No line descriptions, so no session
/// content. Amounts are plain decimals in the currency ("1234.50"); cells a spreadsheet would
/// read as a formula are prefixed with an apostrophe.
pub async fn export_csv(vault: &Vault, from: NaiveDate, to: NaiveDate, dest: &Path) -> Result<BillingExport> {
    crate::practice::check_order("To", Some(from), Some(to))?;
    let target = destination::check(vault.path(), dest)?;
    let mut rows: Vec<(NaiveDate, i64, Vec<String>)> = Vec::new();
    let invoices = super::invoices::list_invoices(vault, None).await?;
    let label_of = |id: &str| invoices.iter().find(|i| i.id == id).map(Invoice::label).unwrap_or_default();
    for i in &invoices {
        let Some(day) = i.issued_on.filter(|d| *d >= from && *d <= to) else { continue };
        let record = match i.kind {
            InvoiceKind::Invoice => "invoice",
            InvoiceKind::CreditNote => "credit_note",
        };
        let status = match i.status {
            InvoiceStatus::Draft => "draft",
            InvoiceStatus::Issued => "issued",
            InvoiceStatus::Void => "void",
        };
        rows.push((
            day,
            i.number.unwrap_or(0),
            vec![
                record.into(),
                i.label(),
                day.to_string(),
                i.due_on.map(|d| d.to_string()).unwrap_or_default(),
                i.bill_to.clone(),
                i.payer.clone().unwrap_or_default(),
                i.currency.clone(),
                i.money(i.subtotal_minor).decimal(),
                i.money(i.tax_minor).decimal(),
                i.money(i.total_minor).decimal(),
                status.into(),
                String::new(),
                String::new(),
                i.credits_invoice.as_deref().map(label_of).unwrap_or_default(),
            ],
        ));
    }
    for p in list_payments(vault, None).await?.into_iter().filter(|p| p.paid_on >= from && p.paid_on <= to) {
        let invoice = invoices.iter().find(|i| i.id == p.invoice_id);
        let amount = Money::new(p.amount_minor, p.currency.parse().unwrap_or(Currency::GBP)).decimal();
        rows.push((
            p.paid_on,
            i64::MAX,
            vec![
                match p.kind {
                    PaymentKind::Payment => "payment".into(),
                    PaymentKind::Refund => "refund".into(),
                },
                String::new(),
                p.paid_on.to_string(),
                String::new(),
                invoice.map(|i| i.bill_to.clone()).unwrap_or_default(),
                invoice.and_then(|i| i.payer.clone()).unwrap_or_default(),
                p.currency.clone(),
                String::new(),
                String::new(),
                amount,
                String::new(),
                p.method.clone(),
                p.reference.clone().unwrap_or_default(),
                label_of(&p.invoice_id),
            ],
        ));
    }
    rows.sort_by_key(|a| (a.0, a.1));
    let mut text = String::from(CSV_HEADER);
    text.push_str("\r\n");
    for (_, _, cells) in &rows {
        let cells: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        text.push_str(&cells.join(","));
        text.push_str("\r\n");
    }
    destination::write(&target, text.as_bytes())?;
    Ok(BillingExport {
        path: dest.to_owned(),
        bytes: text.len() as u64,
        rows: rows.len() as u64,
        warning: PlaintextWarning { text: PLAINTEXT_WARNING },
    })
}

/// One CSV cell (RFC 4180): quoted when it holds a comma, quote or line break; a leading
/// `= + - @` (or tab) gets an apostrophe so a spreadsheet shows it as text, not a formula.
/// Amounts are written by us and never start with one of those except a minus sign, which a
/// total never has here (totals are not negative).
pub fn csv_cell(value: &str) -> String {
    let value =
        if value.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{value}") } else { value.to_owned() };
    if value.contains([',', '"', '\n', '\r']) { format!("\"{}\"", value.replace('"', "\"\"")) } else { value }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("Ana Ruiz"), "Ana Ruiz");
        assert_eq!(csv_cell("Ruiz, Ana"), "\"Ruiz, Ana\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("line\nbreak"), "\"line\nbreak\"");
    }
}
