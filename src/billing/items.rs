//! Billable items: made from sessions automatically when an occurrence is marked (attended; a
//! no-show or late cancellation when the policy bills them), or added by hand; adjusted,
//! discounted or written off with a reason while not on an invoice.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::money::{Currency, MAX_MINOR, Money};
use super::settings::{BillingSettings, required_settings, settings_in};
use crate::practice::appointments::{Appointment, OccurrenceStatus};
use crate::practice::{SHORT_TEXT, required_text};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// What an item bills for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum ItemKind {
    /// An attended session.
    Session,
    /// A session the client missed (billed only when the policy says so).
    NoShow,
    /// A session cancelled late (billed only when the policy says so).
    LateCancellation,
    /// Anything added by hand.
    Other,
}

impl ItemKind {
    fn as_str(self) -> &'static str {
        match self {
            ItemKind::Session => "session",
            ItemKind::NoShow => "no_show",
            ItemKind::LateCancellation => "late_cancellation",
            ItemKind::Other => "other",
        }
    }
}

/// A billable item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct BillableItem {
    /// Record id.
    pub id: String,
    /// The client billed.
    pub client_id: String,
    /// The appointment of the session it bills, if any.
    pub appointment_id: Option<String>,
    /// The session's original start, if any.
    pub occurrence_start: Option<DateTime<Utc>>,
    /// What it bills for.
    pub kind: ItemKind,
    /// The day of the service (the session's local day).
    pub service_date: NaiveDate,
    /// What the invoice line says.
    pub description: String,
    /// ISO 4217 code.
    pub currency: String,
    /// The amount before discount, minor units.
    #[ts(type = "number")]
    pub amount_minor: i64,
    /// The discount, minor units.
    #[ts(type = "number")]
    pub discount_minor: i64,
    /// Written off: never invoiced.
    pub written_off: bool,
    /// Why it was adjusted, discounted or written off.
    pub reason: Option<String>,
    /// The invoice (draft or issued) it is on.
    pub invoice_id: Option<String>,
}

impl BillableItem {
    /// The currency.
    pub fn currency(&self) -> Currency {
        self.currency.parse().unwrap_or(Currency::GBP)
    }

    /// What is billed: the amount less the discount.
    pub fn net(&self) -> Money {
        Money::new(self.amount_minor - self.discount_minor, self.currency())
    }
}

/// The line an item shows for a session on `day`: "Mentoring session, 19 Oct 2026".
pub fn session_line(wording: &str, kind: ItemKind, day: NaiveDate) -> String {
    let what = match kind {
        ItemKind::NoShow => "Missed session",
        ItemKind::LateCancellation => "Late cancellation",
        ItemKind::Session | ItemKind::Other => wording,
    };
    format!("{what}, {}", day.format("%-d %b %Y"))
}

/// Keeps the billable item of one occurrence in step with its outcome, inside the write that
/// records the outcome: at most one item per occurrence; an item not yet on an invoice follows
/// the outcome (made, changed or removed); one on an invoice or written off stays as it is
/// (corrections then go by credit note). Nothing happens until billing is set up.
pub(crate) async fn sync_occurrence_item(
    w: &mut Writer<'_>,
    appointment: &Appointment,
    occurrence_start: DateTime<Utc>,
    status: OccurrenceStatus,
) -> Result<()> {
    let Some(settings) = settings_in(w).await? else {
        return Ok(());
    };
    let existing: Option<(String, String, Option<String>, bool)> = w
        .fetch_optional(
            "SELECT id, kind, invoice_id, written_off FROM billing_items
             WHERE appointment_id = ? AND occurrence_start = ?",
            params![appointment.id.as_str(), occurrence_start],
        )
        .await?;
    // When it takes place: a moved session's new time. A cancellation's notice counts to it,
    // and the item is dated on its day.
    let moved: Option<(Option<DateTime<Utc>>,)> = w
        .fetch_optional(
            "SELECT starts_at FROM appointment_exceptions WHERE appointment_id = ? AND occurrence_start = ?",
            params![appointment.id.as_str(), occurrence_start],
        )
        .await?;
    let held = moved.and_then(|(m,)| m).unwrap_or(occurrence_start);
    let wanted = billable_kind(&settings, status, held);
    if let Some((id, kind, invoice_id, written_off)) = existing {
        if invoice_id.is_some() || written_off {
            return Ok(());
        }
        if wanted.is_some_and(|k| k.as_str() == kind) {
            return Ok(()); // marked again: still exactly one item
        }
        w.exec("DELETE FROM billing_items WHERE id = ? AND invoice_id IS NULL", params![id]).await?;
    }
    let Some(kind) = wanted else {
        return Ok(());
    };
    let fee: Option<(i64,)> = w
        .fetch_optional(
            "SELECT fee_minor FROM billing_client_fees WHERE client_id = ?",
            params![appointment.client_id.as_str()],
        )
        .await?;
    let amount = fee
        .map(|(f,)| f)
        .or_else(|| settings.default_fee(appointment.length().num_minutes(), appointment.mode))
        .unwrap_or(0);
    let day = held.with_timezone(&appointment.zone()).date_naive();
    let now = vault::now();
    w.exec(
        "INSERT INTO billing_items (id, client_id, appointment_id, occurrence_start, kind, service_date, description,
            currency, amount_minor, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![
            vault::new_id(),
            appointment.client_id.as_str(),
            appointment.id.as_str(),
            occurrence_start,
            kind.as_str(),
            day,
            session_line(&settings.session_wording, kind, day),
            settings.currency.code(),
            amount,
            now
        ],
    )
    .await?;
    Ok(())
}

/// Whether an outcome is billed under the policy, and as what; `start` is when the session
/// takes place (a moved session's new start), which a cancellation's notice is counted to.
fn billable_kind(settings: &BillingSettings, status: OccurrenceStatus, start: DateTime<Utc>) -> Option<ItemKind> {
    match status {
        OccurrenceStatus::Attended => Some(ItemKind::Session),
        OccurrenceStatus::NoShow if settings.bill_no_shows => Some(ItemKind::NoShow),
        OccurrenceStatus::Cancelled if settings.bill_late_cancellations => {
            let notice = start - crate::clock::now();
            (notice < chrono::TimeDelta::hours(i64::from(settings.late_cancellation_hours)))
                .then_some(ItemKind::LateCancellation)
        }
        _ => None,
    }
}

/// A client's items (every client's when `None`), by day; only those not yet invoiced nor
/// written off when `unbilled_only`.
pub async fn list_items(vault: &Vault, client_id: Option<&str>, unbilled_only: bool) -> Result<Vec<BillableItem>> {
    vault
        .fetch_all(
            "SELECT id, client_id, appointment_id, occurrence_start, kind, service_date, description,
                currency, amount_minor, discount_minor, written_off, reason, invoice_id FROM billing_items
             WHERE (?1 IS NULL OR client_id = ?1) AND (?2 = 0 OR (invoice_id IS NULL AND written_off = 0))
             ORDER BY service_date, created_at",
            params![client_id, unbilled_only],
        )
        .await
}

/// One item.
pub async fn get_item(vault: &Vault, id: &str) -> Result<BillableItem> {
    vault
        .fetch_existing(
            "SELECT id, client_id, appointment_id, occurrence_start, kind, service_date, description,
                currency, amount_minor, discount_minor, written_off, reason, invoice_id FROM billing_items WHERE id = ?",
            params![id],
            "That billable item",
        )
        .await
}

/// Adds an item by hand (a report, a missed-session fee agreed separately).
pub async fn add_item(
    vault: &Vault,
    client_id: &str,
    day: NaiveDate,
    description: &str,
    amount: Money,
) -> Result<BillableItem> {
    let description = required_text("Description", description, SHORT_TEXT)?;
    crate::practice::check_day("Date", day)?;
    check_amount("Amount", amount.minor)?;
    let (id, client, now) = (vault::new_id(), client_id.to_owned(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let settings = required_settings(w).await?;
                same_currency(&settings, amount)?;
                super::live_client(w, &client).await?;
                w.exec(
                    "INSERT INTO billing_items (id, client_id, kind, service_date, description, currency, amount_minor,
                        created_at, updated_at) VALUES (?1, ?2, 'other', ?3, ?4, ?5, ?6, ?7, ?7)",
                    params![id2, client, day, description, amount.currency.code(), amount.minor, now],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    get_item(vault, &id).await
}

/// Sets an item's amount (before discount), saying why.
pub async fn adjust_item(vault: &Vault, id: &str, amount: Money, reason: &str) -> Result<BillableItem> {
    check_amount("Amount", amount.minor)?;
    change_open_item(vault, id, reason, move |w, id, reason, now| {
        Box::pin(async move {
            same_currency(&required_settings(w).await?, amount)?;
            w.exec(
                "UPDATE billing_items SET amount_minor = ?1, discount_minor = MIN(discount_minor, ?1), reason = ?2,
                    updated_at = ?3 WHERE id = ?4 AND invoice_id IS NULL AND written_off = 0",
                params![amount.minor, reason, now, id],
            )
            .await?;
            Ok(())
        })
    })
    .await
}

/// Discounts an item by an amount (at most its amount), saying why.
pub async fn discount_item(vault: &Vault, id: &str, discount: Money, reason: &str) -> Result<BillableItem> {
    check_amount("Discount", discount.minor)?;
    let item = get_item(vault, id).await?;
    if discount.minor > item.amount_minor {
        return Err(Error::invalid(
            "Discount",
            format!("is more than the item's {}", Money::new(item.amount_minor, item.currency())),
        ));
    }
    change_open_item(vault, id, reason, move |w, id, reason, now| {
        Box::pin(async move {
            same_currency(&required_settings(w).await?, discount)?;
            w.exec(
                "UPDATE billing_items SET discount_minor = ?1, reason = ?2, updated_at = ?3
                 WHERE id = ?4 AND invoice_id IS NULL AND written_off = 0 AND amount_minor >= ?1",
                params![discount.minor, reason, now, id],
            )
            .await?;
            Ok(())
        })
    })
    .await
}

/// Writes an item off: it is never invoiced; the reason is kept.
pub async fn write_off_item(vault: &Vault, id: &str, reason: &str) -> Result<BillableItem> {
    change_open_item(vault, id, reason, move |w, id, reason, now| {
        Box::pin(async move {
            w.exec(
                "UPDATE billing_items SET written_off = 1, reason = ?1, updated_at = ?2
                 WHERE id = ?3 AND invoice_id IS NULL AND written_off = 0",
                params![reason, now, id],
            )
            .await?;
            Ok(())
        })
    })
    .await
}

async fn change_open_item<F>(vault: &Vault, id: &str, reason: &str, change: F) -> Result<BillableItem>
where
    F: for<'w, 'c> FnOnce(&'w mut Writer<'c>, String, String, DateTime<Utc>) -> crate::vault::BoxFuture<'w, Result<()>>
        + Send
        + 'static,
{
    let reason = required_text("Reason", reason, SHORT_TEXT * 2)?;
    let (id, now) = (id.to_owned(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let (invoice_id, written_off): (Option<String>, bool) = w
                    .fetch_existing(
                        "SELECT invoice_id, written_off FROM billing_items WHERE id = ?",
                        params![id2.as_str()],
                        "That billable item",
                    )
                    .await?;
                if invoice_id.is_some() {
                    return Err(Error::invalid(
                        "Item",
                        "is on an invoice; discard the draft first, or correct an issued invoice with a credit note",
                    ));
                }
                if written_off {
                    return Err(Error::invalid("Item", "was written off"));
                }
                change(w, id2, reason, now).await
            })
        })
        .await?;
    get_item(vault, &id).await
}

fn check_amount(field: &str, minor: i64) -> Result<()> {
    if !(0..=MAX_MINOR).contains(&minor) {
        return Err(Error::invalid(field, "must be between nothing and the largest amount Wellkept accepts"));
    }
    Ok(())
}

pub(crate) fn same_currency(settings: &BillingSettings, m: Money) -> Result<()> {
    if settings.currency != m.currency {
        return Err(Error::invalid("Amount", format!("amounts are in {}", settings.currency)));
    }
    Ok(())
}
