//! Invoices and credit notes: a draft made from a client's unbilled items; issuing gives it the
//! next number in the same durable write that makes it issued (gapless, never reused); an
//! issued invoice is read-only: it can be voided (keeping its number) or corrected by a credit
//! note, which takes the next number too.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::money::{Currency, Money, RateBasisPoints, tax_on};
use super::settings::{BusinessDetails, required_settings};
use crate::practice::{SHORT_TEXT, from_json, optional_text, required_text, to_json};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// An invoice or a credit note.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum InvoiceKind {
    /// Asks for payment.
    Invoice,
    /// Reduces what an issued invoice asks for.
    CreditNote,
}

/// Where an invoice is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum InvoiceStatus {
    /// Being prepared: no number, can be discarded.
    Draft,
    /// Numbered and sent: read-only.
    Issued,
    /// Cancelled after issue: keeps its number, asks for nothing.
    Void,
}

/// An invoice or credit note as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Invoice {
    /// Record id.
    pub id: String,
    /// Invoice or credit note.
    pub kind: InvoiceKind,
    /// Its number, from issue on.
    pub number: Option<i64>,
    /// Draft, issued or void.
    pub status: InvoiceStatus,
    /// The client.
    pub client_id: String,
    /// The client's name as on the invoice.
    pub bill_to: String,
    /// Who pays, when not the client (a parent, an employer, an insurer): name and address.
    pub payer: Option<String>,
    /// ISO 4217 code.
    pub currency: String,
    /// The tax rate, hundredths of a percent; none when no tax is charged.
    pub tax_rate_bp: Option<RateBasisPoints>,
    /// Sum of the lines before tax.
    #[ts(type = "number")]
    pub subtotal_minor: i64,
    /// Sum of the lines' tax.
    #[ts(type = "number")]
    pub tax_minor: i64,
    /// Subtotal plus tax.
    #[ts(type = "number")]
    pub total_minor: i64,
    /// The day it was issued.
    pub issued_on: Option<NaiveDate>,
    /// The day payment is due.
    pub due_on: Option<NaiveDate>,
    /// The business details as issued (JSON of [`BusinessDetails`]).
    pub business: Option<String>,
    /// For a credit note: the invoice it credits.
    pub credits_invoice: Option<String>,
    /// Why it was voided.
    pub void_reason: Option<String>,
    /// When it was made.
    pub created_at: DateTime<Utc>,
}

impl Invoice {
    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency.parse().unwrap_or(Currency::GBP)
    }

    /// An amount in the invoice's currency.
    pub fn money(&self, minor: i64) -> Money {
        Money::new(minor, self.currency())
    }

    /// "INV-0007", "CN-0008", or "Draft".
    pub fn label(&self) -> String {
        match (self.number, self.kind) {
            (None, _) => "Draft".to_owned(),
            (Some(n), InvoiceKind::Invoice) => format!("INV-{n:04}"),
            (Some(n), InvoiceKind::CreditNote) => format!("CN-{n:04}"),
        }
    }

    /// The business details it was issued with.
    pub fn business_details(&self) -> Option<BusinessDetails> {
        self.business.as_deref().and_then(|b| from_json(b, "invoice's business details").ok())
    }
}

/// One line of an invoice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct InvoiceLine {
    /// Its place on the invoice, from 1.
    pub position: i64,
    /// The billable item it bills, if any.
    pub item_id: Option<String>,
    /// What it says.
    pub description: String,
    /// Before tax, minor units.
    #[ts(type = "number")]
    pub net_minor: i64,
    /// Tax, minor units.
    #[ts(type = "number")]
    pub tax_minor: i64,
}

const SELECT_INVOICE: &str = "SELECT id, kind, number, status, client_id, bill_to, payer, currency, tax_rate_bp,
    subtotal_minor, tax_minor, total_minor, issued_on, due_on, business, credits_invoice, void_reason, created_at
    FROM billing_invoices WHERE id = ?";

/// One invoice or credit note.
pub async fn get_invoice(vault: &Vault, id: &str) -> Result<Invoice> {
    vault.fetch_existing(SELECT_INVOICE, params![id], "That invoice").await
}

async fn invoice_in(w: &mut Writer<'_>, id: &str) -> Result<Invoice> {
    w.fetch_existing(SELECT_INVOICE, params![id], "That invoice").await
}

/// Finds an invoice by its id or by its label or number as a person types it ("INV-0007",
/// "CN-0008", "7").
pub async fn find_invoice(vault: &Vault, wanted: &str) -> Result<Invoice> {
    let text = wanted.trim().to_ascii_uppercase();
    let digits = text.trim_start_matches("INV-").trim_start_matches("CN-");
    if let Ok(n) = digits.parse::<i64>() {
        let row: Option<(String,)> =
            vault.fetch_optional("SELECT id FROM billing_invoices WHERE number = ?", params![n]).await?;
        return match row {
            Some((id,)) => get_invoice(vault, &id).await,
            None => Err(Error::invalid("Invoice", format!("there is no invoice numbered {}", wanted.trim()))),
        };
    }
    get_invoice(vault, wanted.trim()).await
}

/// Invoices and credit notes, a client's or everyone's, by number (drafts last).
pub async fn list_invoices(vault: &Vault, client_id: Option<&str>) -> Result<Vec<Invoice>> {
    vault
        .fetch_all(
            "SELECT id, kind, number, status, client_id, bill_to, payer, currency, tax_rate_bp, subtotal_minor,
                tax_minor, total_minor, issued_on, due_on, business, credits_invoice, void_reason, created_at
             FROM billing_invoices WHERE (?1 IS NULL OR client_id = ?1)
             ORDER BY number IS NULL, number, created_at",
            params![client_id],
        )
        .await
}

/// An invoice's lines, in order.
pub async fn invoice_lines(vault: &Vault, invoice_id: &str) -> Result<Vec<InvoiceLine>> {
    vault
        .fetch_all(
            "SELECT position, item_id, description, net_minor, tax_minor FROM billing_invoice_lines
             WHERE invoice_id = ? ORDER BY position",
            params![invoice_id],
        )
        .await
}

/// Makes a draft invoice from every unbilled item of the client (not written off), billed to
/// the client or to `payer` (a parent, employer or insurer: name and address). Tax, when the
/// settings charge it, is worked out per line ([`tax_on`]).
pub async fn create_draft(vault: &Vault, client_id: &str, payer: Option<&str>) -> Result<Invoice> {
    let payer = optional_text("Payer", payer, SHORT_TEXT * 3)?;
    let (id, client, now) = (vault::new_id(), client_id.to_owned(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let settings = required_settings(w).await?;
                let bill_to = super::live_client(w, &client).await?;
                let items: Vec<(String, String, i64)> = w
                    .fetch_all(
                        "SELECT id, description, amount_minor - discount_minor FROM billing_items
                         WHERE client_id = ? AND invoice_id IS NULL AND written_off = 0
                         ORDER BY service_date, created_at",
                        params![client.as_str()],
                    )
                    .await?;
                if items.is_empty() {
                    return Err(Error::invalid("Invoice", "this client has nothing unbilled to invoice"));
                }
                let rate = settings.tax_rate_bp;
                let lines: Vec<(String, String, i64, i64)> = items
                    .into_iter()
                    .map(|(item, description, net)| {
                        let tax = rate.map_or(0, |r| tax_on(net, r));
                        (item, description, net, tax)
                    })
                    .collect();
                let subtotal: i64 = lines.iter().map(|l| l.2).sum();
                let tax: i64 = lines.iter().map(|l| l.3).sum();
                w.exec(
                    "INSERT INTO billing_invoices (id, kind, status, client_id, bill_to, payer, currency, tax_rate_bp,
                        subtotal_minor, tax_minor, total_minor, created_at, updated_at)
                     VALUES (?1, 'invoice', 'draft', ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                    params![
                        id2.as_str(),
                        client.as_str(),
                        bill_to,
                        payer,
                        settings.currency.code(),
                        rate,
                        subtotal,
                        tax,
                        subtotal + tax,
                        now
                    ],
                )
                .await?;
                for (position, (item, description, net, tax)) in lines.into_iter().enumerate() {
                    w.exec(
                        "INSERT INTO billing_invoice_lines (invoice_id, position, item_id, description, net_minor,
                            tax_minor) VALUES (?, ?, ?, ?, ?, ?)",
                        params![id2.as_str(), position as i64 + 1, item.as_str(), description, net, tax],
                    )
                    .await?;
                    w.exec(
                        "UPDATE billing_items SET invoice_id = ?, updated_at = ? WHERE id = ? AND invoice_id IS NULL",
                        params![id2.as_str(), now, item],
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .await?;
    get_invoice(vault, &id).await
}

/// Discards a draft: its items are unbilled again. An issued invoice cannot be discarded.
pub async fn discard_draft(vault: &Vault, id: &str) -> Result<()> {
    let (id, now) = (id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                let invoice = invoice_in(w, &id).await?;
                if invoice.status != InvoiceStatus::Draft {
                    return Err(read_only(&invoice));
                }
                w.exec(
                    "UPDATE billing_items SET invoice_id = NULL, updated_at = ? WHERE invoice_id = ?",
                    params![now, id.as_str()],
                )
                .await?;
                w.exec("DELETE FROM billing_invoice_lines WHERE invoice_id = ?", params![id.as_str()]).await?;
                w.exec("DELETE FROM billing_invoices WHERE id = ? AND status = 'draft'", params![id.as_str()]).await?;
                Ok(())
            })
        })
        .await
}

fn read_only(invoice: &Invoice) -> Error {
    Error::invalid(
        "Invoice",
        format!("{} is issued and cannot change; void it or correct it with a credit note", invoice.label()),
    )
}

/// The next number, inside the write that uses it: one more than the highest ever issued.
/// Numbers are never removed (issued invoices and credit notes are never deleted, a voided one
/// keeps its number), so this is gapless and never reuses one; and because it is read and used
/// inside one durable write, which the vault runs one at a time, two issues cannot take the
/// same number, and a crash leaves either both the number and the issued invoice or neither.
async fn next_number(w: &mut Writer<'_>) -> Result<i64> {
    let (max,): (Option<i64>,) =
        w.fetch_existing("SELECT MAX(number) FROM billing_invoices", params![], "numbers").await?;
    Ok(max.unwrap_or(0) + 1)
}

/// Issues a draft on `today`: it takes the next number, its due date (`today` plus the payment
/// terms) and the business details as they are now, all in one durable write. From then on it is
/// read-only.
pub async fn issue_invoice(vault: &Vault, id: &str, today: NaiveDate) -> Result<Invoice> {
    let (id, now) = (id.to_owned(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let settings = required_settings(w).await?;
                let invoice = invoice_in(w, &id2).await?;
                if invoice.status != InvoiceStatus::Draft {
                    return Err(read_only(&invoice));
                }
                if settings.business.name.is_empty() {
                    return Err(Error::invalid(
                        "Business name",
                        "an invoice says who it is from: set your business name in the billing settings first",
                    ));
                }
                let number = next_number(w).await?;
                let due = today + TimeDelta::days(i64::from(settings.payment_terms_days));
                w.exec(
                    "UPDATE billing_invoices SET status = 'issued', number = ?1, issued_on = ?2, due_on = ?3,
                        business = ?4, updated_at = ?5 WHERE id = ?6 AND status = 'draft'",
                    params![number, today, due, to_json(&settings.business)?, now, id2.as_str()],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    get_invoice(vault, &id).await
}

/// Voids an issued invoice that nothing was paid or credited against: it keeps its number and
/// shows as void; its items are unbilled again (to go on a new invoice or be written off).
pub async fn void_invoice(vault: &Vault, id: &str, reason: &str) -> Result<Invoice> {
    let reason = required_text("Reason", reason, SHORT_TEXT * 2)?;
    let (id, now) = (id.to_owned(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let invoice = invoice_in(w, &id2).await?;
                match invoice.status {
                    InvoiceStatus::Draft => {
                        return Err(Error::invalid("Invoice", "a draft has no number to keep; discard it instead"));
                    }
                    InvoiceStatus::Void => return Err(Error::invalid("Invoice", format!("{} is already void", invoice.label()))),
                    InvoiceStatus::Issued => {}
                }
                let (touched,): (i64,) = w
                    .fetch_existing(
                        "SELECT (SELECT COUNT(*) FROM billing_payments WHERE invoice_id = ?1)
                              + (SELECT COUNT(*) FROM billing_invoices WHERE credits_invoice = ?1 AND status = 'issued')",
                        params![id2.as_str()],
                        "invoice",
                    )
                    .await?;
                if touched > 0 {
                    return Err(Error::invalid(
                        "Invoice",
                        format!("{} has payments or credit notes against it; correct it with a credit note instead", invoice.label()),
                    ));
                }
                w.exec(
                    "UPDATE billing_invoices SET status = 'void', void_reason = ?1, updated_at = ?2
                     WHERE id = ?3 AND status = 'issued'",
                    params![reason, now, id2.as_str()],
                )
                .await?;
                w.exec(
                    "UPDATE billing_items SET invoice_id = NULL, updated_at = ? WHERE invoice_id = ?",
                    params![now, id2.as_str()],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    get_invoice(vault, &id).await
}

/// Issues a credit note on `today` against an issued invoice, for `net` before tax (tax at the
/// invoice's rate, [`tax_on`]); its total may not exceed what the invoice still asks for. It
/// takes the next number. `today` may not be before the invoice was issued nor after today on
/// the vault's clock ([`check_dated`]).
pub async fn credit_note(
    vault: &Vault,
    invoice_id: &str,
    net: Money,
    reason: &str,
    today: NaiveDate,
) -> Result<Invoice> {
    let reason = required_text("Reason", reason, SHORT_TEXT * 2)?;
    if net.minor <= 0 {
        return Err(Error::invalid("Amount", "a credit note is for more than nothing"));
    }
    let (invoice_id, id, now) = (invoice_id.to_owned(), vault::new_id(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let settings = required_settings(w).await?;
                let invoice = invoice_in(w, &invoice_id).await?;
                if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
                    return Err(Error::invalid("Invoice", "only an issued invoice can be credited"));
                }
                if invoice.currency() != net.currency {
                    return Err(Error::invalid("Amount", format!("the invoice is in {}", invoice.currency)));
                }
                check_dated("Date", today, &invoice)?;
                let tax = invoice.tax_rate_bp.map_or(0, |r| tax_on(net.minor, r));
                let owed = outstanding_in(w, &invoice).await?;
                if net.minor + tax > owed {
                    // The amount is given before tax: with tax, both figures, or the one the
                    // mentor typed would not be the one refused.
                    let credit = match invoice.tax_rate_bp {
                        Some(rate) if tax > 0 => format!(
                            "{} before tax ({} with tax at {})",
                            invoice.money(net.minor),
                            invoice.money(net.minor + tax),
                            super::format_rate(rate)
                        ),
                        _ => invoice.money(net.minor).to_string(),
                    };
                    return Err(Error::invalid(
                        "Amount",
                        format!(
                            "a credit of {credit} is more than the {} {} still asks for",
                            invoice.money(owed),
                            invoice.label()
                        ),
                    ));
                }
                let number = next_number(w).await?;
                w.exec(
                    "INSERT INTO billing_invoices (id, kind, number, status, client_id, bill_to, payer, currency,
                        tax_rate_bp, subtotal_minor, tax_minor, total_minor, issued_on, due_on, business,
                        credits_invoice, created_at, updated_at)
                     VALUES (?1, 'credit_note', ?2, 'issued', ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13, ?14, ?14)",
                    params![
                        id2.as_str(),
                        number,
                        invoice.client_id.as_str(),
                        invoice.bill_to.as_str(),
                        invoice.payer.clone(),
                        invoice.currency.as_str(),
                        invoice.tax_rate_bp,
                        net.minor,
                        tax,
                        net.minor + tax,
                        today,
                        to_json(&settings.business)?,
                        invoice.id.as_str(),
                        now
                    ],
                )
                .await?;
                w.exec(
                    "INSERT INTO billing_invoice_lines (invoice_id, position, description, net_minor, tax_minor)
                     VALUES (?, 1, ?, ?, ?)",
                    params![id2.as_str(), format!("Credit for {}: {reason}", invoice.label()), net.minor, tax],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    get_invoice(vault, &id).await
}

/// Refuses `day`, the day of a payment, refund or credit note against `invoice`, when it is
/// before the invoice was issued or after today (the vault's clock in this computer's time zone,
/// the day billing calls "today" everywhere). Either would make the statement and the balance
/// disagree: a payment before the invoice shows as money owed back in the month before, and a
/// payment yet to come is already taken off what the client owes now.
pub(crate) fn check_dated(field: &str, day: NaiveDate, invoice: &Invoice) -> Result<()> {
    if let Some(issued) = invoice.issued_on
        && day < issued
    {
        return Err(Error::invalid(field, format!("{day} is before {} was issued ({issued})", invoice.label())));
    }
    let today = vault::now().with_timezone(&chrono::Local).date_naive();
    if day > today {
        return Err(Error::invalid(field, format!("{day} is in the future (today is {today})")));
    }
    Ok(())
}

/// What an issued invoice still asks for: its total less payments and issued credit notes, plus
/// refunds. Nothing for a draft, a void invoice or a credit note.
pub(crate) async fn outstanding_in(w: &mut Writer<'_>, invoice: &Invoice) -> Result<i64> {
    if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
        return Ok(0);
    }
    let (settled,): (i64,) = w.fetch_existing(SETTLED, params![invoice.id.as_str()], "invoice").await?;
    Ok(invoice.total_minor - settled)
}

/// Payments less refunds plus issued credit notes against invoice `?1`.
pub(crate) const SETTLED: &str = "SELECT
    COALESCE((SELECT SUM(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END)
              FROM billing_payments WHERE invoice_id = ?1), 0)
  + COALESCE((SELECT SUM(total_minor) FROM billing_invoices
              WHERE credits_invoice = ?1 AND status = 'issued'), 0)";

/// What has gone against an issued invoice, as its PDF prints it: what was paid (payments less
/// refunds), what was credited (its issued credit notes, by number) and what it still asks for
/// (the total less both, as [`outstanding`]). All nothing for a draft, a void invoice or a
/// credit note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settlement {
    /// Payments received less refunds paid back.
    pub paid: Money,
    /// The issued credit notes' totals.
    pub credited: Money,
    /// The issued credit notes against it, by number ("CN-0002").
    pub credit_notes: Vec<String>,
    /// What it still asks for: the total less `paid` and `credited`.
    pub balance: Money,
}

/// What was paid, credited and is still owed on an invoice ([`Settlement`]).
pub async fn settlement(vault: &Vault, invoice: &Invoice) -> Result<Settlement> {
    if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
        let none = invoice.money(0);
        return Ok(Settlement { paid: none, credited: none, credit_notes: Vec::new(), balance: none });
    }
    let (paid,): (i64,) = vault
        .fetch_one(
            "SELECT COALESCE(SUM(CASE kind WHEN 'payment' THEN amount_minor ELSE -amount_minor END), 0)
             FROM billing_payments WHERE invoice_id = ?",
            params![invoice.id.as_str()],
        )
        .await?;
    let notes: Vec<(i64, i64)> = vault
        .fetch_all(
            "SELECT number, total_minor FROM billing_invoices
             WHERE credits_invoice = ? AND kind = 'credit_note' AND status = 'issued' ORDER BY number",
            params![invoice.id.as_str()],
        )
        .await?;
    let credited: i64 = notes.iter().map(|n| n.1).sum();
    let credit_notes = notes.iter().map(|n| format!("CN-{:04}", n.0)).collect();
    Ok(Settlement {
        paid: invoice.money(paid),
        credited: invoice.money(credited),
        credit_notes,
        balance: invoice.money(invoice.total_minor - paid - credited),
    })
}

/// What an issued invoice still asks for ([`outstanding_in`]).
pub async fn outstanding(vault: &Vault, invoice: &Invoice) -> Result<Money> {
    if invoice.kind != InvoiceKind::Invoice || invoice.status != InvoiceStatus::Issued {
        return Ok(invoice.money(0));
    }
    let (settled,): (i64,) = vault.fetch_existing(SETTLED, params![invoice.id.as_str()], "invoice").await?;
    Ok(invoice.money(invoice.total_minor - settled))
}
