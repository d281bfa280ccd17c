//! Billing settings (kept in the vault's `settings` table under `billing`) and per-client fees.

use serde::{Deserialize, Serialize};

use super::money::{Currency, MAX_MINOR, Money, RateBasisPoints};
use crate::practice::appointments::SessionMode;
use crate::practice::{SHORT_TEXT, from_json, optional_text, to_json};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// The default fee for sessions of one length and mode.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct DefaultFee {
    /// The session's length in minutes.
    pub minutes: u32,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// The fee, in minor units of the billing currency.
    #[ts(type = "number")]
    pub fee_minor: i64,
}

/// The mentor's business details, printed on every invoice as issued.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BusinessDetails {
    /// The name invoices are issued in.
    pub name: String,
    /// The postal address (several lines).
    #[serde(default)]
    pub address: String,
    /// E-mail for questions about invoices.
    #[serde(default)]
    pub email: Option<String>,
    /// A tax or VAT registration number.
    #[serde(default)]
    pub tax_id: Option<String>,
    /// How to pay (bank details).
    #[serde(default)]
    pub payment_details: Option<String>,
}

/// How the practice bills. Until these are saved nothing is billed: marking a session attended
/// makes no item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct BillingSettings {
    /// The currency of every fee, item and invoice (cannot change once anything was billed).
    pub currency: Currency,
    /// Fees per session length and mode.
    #[serde(default)]
    pub default_fees: Vec<DefaultFee>,
    /// Tax or VAT rate in hundredths of a percent (2000 = 20%); none (the default) adds no tax.
    #[serde(default)]
    pub tax_rate_bp: Option<RateBasisPoints>,
    /// Who invoices are from.
    #[serde(default)]
    pub business: BusinessDetails,
    /// Days from issue to due date.
    pub payment_terms_days: u32,
    /// Whether a no-show is billed.
    #[serde(default)]
    pub bill_no_shows: bool,
    /// Whether a cancellation less than [`Self::late_cancellation_hours`] before the start is billed.
    #[serde(default)]
    pub bill_late_cancellations: bool,
    /// How close to the start a cancellation counts as late.
    pub late_cancellation_hours: u32,
    /// What an invoice line for a session says before its date (no clinical words).
    pub session_wording: String,
}

impl BillingSettings {
    /// Settings for `currency` with no fees, no tax, 14 days' terms, no-shows and late
    /// cancellations not billed, and lines reading "Mentoring session, <date>".
    pub fn new(currency: Currency) -> BillingSettings {
        BillingSettings {
            currency,
            default_fees: Vec::new(),
            tax_rate_bp: None,
            business: BusinessDetails::default(),
            payment_terms_days: 14,
            bill_no_shows: false,
            bill_late_cancellations: false,
            late_cancellation_hours: 24,
            session_wording: "Mentoring session".to_owned(),
        }
    }

    /// The default fee for a session of `minutes` in `mode`, if one is set.
    pub fn default_fee(&self, minutes: i64, mode: SessionMode) -> Option<i64> {
        self.default_fees.iter().find(|f| i64::from(f.minutes) == minutes && f.mode == mode).map(|f| f.fee_minor)
    }

    fn validated(mut self) -> Result<BillingSettings> {
        for f in &self.default_fees {
            if !(0..=MAX_MINOR).contains(&f.fee_minor) {
                return Err(Error::invalid("Fee", "must be between nothing and the largest amount Wellkept accepts"));
            }
            if f.minutes == 0 || f.minutes > 12 * 60 {
                return Err(Error::invalid("Length", "a session lasts between 1 minute and 12 hours"));
            }
        }
        self.default_fees.sort_by_key(|f| (f.minutes, f.mode.key()));
        if self.default_fees.windows(2).any(|w| w[0].minutes == w[1].minutes && w[0].mode == w[1].mode) {
            return Err(Error::invalid("Fee", "two fees are set for the same length and mode; keep one"));
        }
        if self.tax_rate_bp.is_some_and(|r| r > 10_000) {
            return Err(Error::invalid("Tax rate", "is more than 100%"));
        }
        if self.payment_terms_days > 365 {
            return Err(Error::invalid("Payment terms", "at most 365 days"));
        }
        if self.late_cancellation_hours > 14 * 24 {
            return Err(Error::invalid("Late cancellation", "at most 14 days (336 hours) before the session"));
        }
        self.business.name = optional_text("Business name", Some(&self.business.name), SHORT_TEXT)?.unwrap_or_default();
        self.business.address = crate::practice::long_text("Business address", self.business.address.trim(), 2_000)?;
        self.business.email = optional_text("Business e-mail", self.business.email.as_deref(), SHORT_TEXT)?;
        self.business.tax_id = optional_text("Tax number", self.business.tax_id.as_deref(), SHORT_TEXT)?;
        self.business.payment_details =
            optional_text("Payment details", self.business.payment_details.as_deref(), 2_000)?;
        self.session_wording = crate::practice::required_text("Session wording", &self.session_wording, SHORT_TEXT)?;
        Ok(self)
    }
}

/// The billing settings, `None` until saved (billing not set up).
pub async fn billing_settings(vault: &Vault) -> Result<Option<BillingSettings>> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'billing'", params![]).await?;
    row.map(|(json,)| from_json(&json, "billing setting")).transpose()
}

/// The billing settings inside a write.
pub(crate) async fn settings_in(w: &mut Writer<'_>) -> Result<Option<BillingSettings>> {
    let row: Option<(String,)> =
        w.fetch_optional("SELECT value FROM settings WHERE key = 'billing'", params![]).await?;
    row.map(|(json,)| from_json(&json, "billing setting")).transpose()
}

/// The billing settings inside a write, or a message saying to set billing up first.
pub(crate) async fn required_settings(w: &mut Writer<'_>) -> Result<BillingSettings> {
    settings_in(w).await?.ok_or_else(|| {
        Error::invalid("Billing", "billing is not set up yet: choose a currency first (`wellkept billing settings`)")
    })
}

/// Saves the billing settings (replacing the earlier ones). The currency cannot change once an
/// item or invoice exists in another one: amounts are never converted.
pub async fn set_billing_settings(vault: &Vault, settings: BillingSettings) -> Result<BillingSettings> {
    let settings = settings.validated()?;
    let value = to_json(&settings)?;
    let code = settings.currency.code();
    vault
        .write(move |w| {
            Box::pin(async move {
                let other: Option<(String,)> = w
                    .fetch_optional(
                        "SELECT currency FROM billing_items WHERE currency <> ?1
                         UNION ALL SELECT currency FROM billing_invoices WHERE currency <> ?1 LIMIT 1",
                        params![code],
                    )
                    .await?;
                if let Some((used,)) = other {
                    return Err(Error::invalid(
                        "Currency",
                        format!("items and invoices are already in {used}; amounts are never converted, so the currency stays {used}"),
                    ));
                }
                w.exec(
                    "INSERT INTO settings (key, value) VALUES ('billing', ?1) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![value],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    Ok(settings)
}

/// Sets a client's own fee (a sliding scale), used instead of the default fees for their sessions.
pub async fn set_client_fee(vault: &Vault, client_id: &str, fee: Money) -> Result<()> {
    if !(0..=MAX_MINOR).contains(&fee.minor) {
        return Err(Error::invalid("Fee", "must not be negative"));
    }
    let (id, now) = (client_id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                let settings = required_settings(w).await?;
                if settings.currency != fee.currency {
                    return Err(Error::invalid("Fee", format!("fees are in {}", settings.currency)));
                }
                super::live_client(w, &id).await?;
                w.exec(
                    "INSERT INTO billing_client_fees (client_id, fee_minor, updated_at) VALUES (?1, ?2, ?3)
                     ON CONFLICT (client_id) DO UPDATE SET fee_minor = ?2, updated_at = ?3",
                    params![id, fee.minor, now],
                )
                .await?;
                Ok(())
            })
        })
        .await
}

/// Removes a client's own fee: the default fees apply again.
pub async fn clear_client_fee(vault: &Vault, client_id: &str) -> Result<()> {
    vault.exec("DELETE FROM billing_client_fees WHERE client_id = ?", params![client_id]).await?;
    Ok(())
}

/// A client's own fee, if set.
pub async fn client_fee(vault: &Vault, client_id: &str) -> Result<Option<i64>> {
    let row: Option<(i64,)> = vault
        .fetch_optional("SELECT fee_minor FROM billing_client_fees WHERE client_id = ?", params![client_id])
        .await?;
    Ok(row.map(|(f,)| f))
}
