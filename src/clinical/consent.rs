//! Consent records and the disclosure log: what a client agreed to share and with whom, and every
//! time something was shared, on what basis.
//!
//! A disclosure on the basis of consent must point at a consent of the same client that was
//! active on the day (given, not expired, not withdrawn); one made under a legal duty must say
//! which duty and why. Neither kind of record is deleted: consent is withdrawn, and the log is
//! append-only (a mistaken entry is corrected by a later one saying so).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// A consent to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewConsent {
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What is consented to ("Share session summaries with my GP").
    pub scope: String,
    /// The day consent was given.
    pub given_on: NaiveDate,
    /// The last day it holds, if it expires.
    pub expires_on: Option<NaiveDate>,
    /// Notes (how it was given: signed form, verbal, e-mail).
    pub notes: String,
}

/// A stored consent.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Consent {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What is consented to.
    pub scope: String,
    /// The day consent was given.
    pub given_on: NaiveDate,
    /// The last day it holds, if it expires.
    pub expires_on: Option<NaiveDate>,
    /// The day it was withdrawn, if it was.
    pub withdrawn_on: Option<NaiveDate>,
    /// Notes.
    pub notes: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

impl Consent {
    /// Whether the consent holds on `day`: given by then, not expired, not withdrawn.
    /// Withdrawal takes effect on the day it is recorded for.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.given_on <= day && self.expires_on.is_none_or(|e| day <= e) && self.withdrawn_on.is_none_or(|w| day < w)
    }
}

/// Records a consent.
pub async fn record_consent(vault: &Vault, new: NewConsent) -> Result<Consent> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    let scope = validate::required_text("scope", &new.scope)?;
    let notes = validate::notes("notes", &new.notes)?;
    if let Some(expires) = new.expires_on {
        validate::not_before("expires on", expires, new.given_on, "day consent was given")?;
    }
    let id = vault::new_id();
    let now = vault::now();
    vault
        .exec_and_fetch(
            "INSERT INTO consents(id, created_at, updated_at, client_id, scope, given_on, expires_on, notes) \
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            params![id.clone(), now, now, client_id, scope, new.given_on, new.expires_on, notes],
            "SELECT * FROM consents WHERE id = ?",
            &id,
            "That consent record",
        )
        .await
}

/// Withdraws a consent from `withdrawn_on`; the record stays, with a note of how if given.
pub async fn withdraw_consent(vault: &Vault, id: &str, withdrawn_on: NaiveDate, note: &str) -> Result<Consent> {
    let note = validate::notes("note", note)?;
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let consent = fetch_consent(w, &id).await?;
                if let Some(on) = consent.withdrawn_on {
                    return Err(Error::ReadOnly { reason: format!("This consent was already withdrawn on {on}.") });
                }
                validate::not_before("withdrawn on", withdrawn_on, consent.given_on, "day consent was given")?;
                let notes = match (consent.notes.is_empty(), note.is_empty()) {
                    (_, true) => consent.notes,
                    (true, false) => format!("Withdrawn: {note}"),
                    (false, false) => format!("{}\n\nWithdrawn: {note}", consent.notes),
                };
                w.exec(
                    "UPDATE consents SET withdrawn_on = ?, notes = ?, updated_at = ? WHERE id = ?",
                    params![withdrawn_on, notes, vault::now(), id.clone()],
                )
                .await?;
                fetch_consent(w, &id).await
            })
        })
        .await
}

async fn fetch_consent(w: &mut Writer<'_>, id: &str) -> Result<Consent> {
    w.fetch_existing::<Consent>("SELECT * FROM consents WHERE id = ?", params![id], "That consent record").await
}

/// A client's consents (`None`: the owner's), newest first; only those active on `active_on`
/// if given.
pub async fn list_consents(
    vault: &Vault,
    client_id: Option<&str>,
    active_on: Option<NaiveDate>,
) -> Result<Vec<Consent>> {
    let all: Vec<Consent> = vault
        .fetch_all(
            "SELECT * FROM consents WHERE client_id IS ? ORDER BY given_on DESC, created_at DESC",
            params![client_id],
        )
        .await?;
    Ok(match active_on {
        Some(day) => all.into_iter().filter(|c| c.is_active_on(day)).collect(),
        None => all,
    })
}

/// Why something was shared.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "basis", rename_all = "snake_case")]
pub enum DisclosureBasis {
    /// The client consented: the consent record that covers it.
    Consent {
        /// Id of the consent record.
        consent_id: String,
    },
    /// A legal duty required it (safeguarding, a court order): which, and why it applied.
    LegalDuty {
        /// The duty and the reasoning.
        explanation: String,
    },
}

/// A disclosure to log.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewDisclosure {
    /// The client whose information was shared, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What was shared.
    pub what: String,
    /// To whom.
    pub recipient: String,
    /// When.
    pub disclosed_on: NaiveDate,
    /// On what basis.
    pub basis: DisclosureBasis,
    /// Notes.
    pub notes: String,
}

/// A logged disclosure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Disclosure {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// What was shared.
    pub what: String,
    /// To whom.
    pub recipient: String,
    /// When.
    pub disclosed_on: NaiveDate,
    /// On what basis.
    pub basis: DisclosureBasis,
    /// Notes.
    pub notes: String,
    /// When it was logged.
    pub created_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct DisclosureRow {
    id: String,
    client_id: Option<String>,
    what: String,
    recipient: String,
    disclosed_on: NaiveDate,
    basis: String,
    consent_id: Option<String>,
    legal_basis: Option<String>,
    notes: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<DisclosureRow> for Disclosure {
    type Error = Error;

    fn try_from(r: DisclosureRow) -> Result<Self> {
        let basis = match (r.basis.as_str(), r.consent_id, r.legal_basis) {
            ("consent", Some(consent_id), _) => DisclosureBasis::Consent { consent_id },
            ("legal_duty", _, Some(explanation)) => DisclosureBasis::LegalDuty { explanation },
            _ => return Err(Error::damaged(format!("the stored disclosure {}", r.id))),
        };
        Ok(Disclosure {
            id: r.id,
            client_id: r.client_id,
            what: r.what,
            recipient: r.recipient,
            disclosed_on: r.disclosed_on,
            basis,
            notes: r.notes,
            created_at: r.created_at,
        })
    }
}

/// Logs a disclosure. Consent must belong to the same client and be active on the day.
pub async fn log_disclosure(vault: &Vault, new: NewDisclosure) -> Result<Disclosure> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    let what = validate::required_text("what was shared", &new.what)?;
    let recipient = validate::required_line("shared with", &new.recipient)?;
    let notes = validate::notes("notes", &new.notes)?;
    let (consent_id, legal_basis) = match new.basis {
        DisclosureBasis::Consent { consent_id } => (Some(consent_id), None),
        DisclosureBasis::LegalDuty { explanation } => {
            (None, Some(validate::required_text("legal duty", &explanation)?))
        }
    };
    let on = new.disclosed_on;
    vault
        .write(move |w| {
            Box::pin(async move {
                if let Some(consent_id) = &consent_id {
                    let consent = w
                        .fetch_optional::<Consent>("SELECT * FROM consents WHERE id = ?", params![consent_id])
                        .await?
                        .filter(|c| c.client_id == client_id)
                        .ok_or_else(|| Error::invalid("consent", "is not one of this client's consent records"))?;
                    if !consent.is_active_on(on) {
                        return Err(Error::invalid(
                            "consent",
                            format!(
                                "“{}” was not in force on {on} (not yet given, expired or withdrawn)",
                                consent.scope
                            ),
                        ));
                    }
                }
                let id = vault::new_id();
                w.exec(
                    "INSERT INTO disclosures(id, created_at, client_id, what, recipient, disclosed_on, basis, \
                     consent_id, legal_basis, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        id.clone(),
                        vault::now(),
                        client_id,
                        what,
                        recipient,
                        on,
                        if consent_id.is_some() { "consent" } else { "legal_duty" },
                        consent_id,
                        legal_basis,
                        notes
                    ],
                )
                .await?;
                w.fetch_one::<DisclosureRow>("SELECT * FROM disclosures WHERE id = ?", params![id]).await?.try_into()
            })
        })
        .await
}

/// A client's disclosure log (`None`: the owner's), newest first.
pub async fn list_disclosures(vault: &Vault, client_id: Option<&str>) -> Result<Vec<Disclosure>> {
    let rows = vault
        .fetch_all::<DisclosureRow>(
            "SELECT * FROM disclosures WHERE client_id IS ? ORDER BY disclosed_on DESC, created_at DESC",
            params![client_id],
        )
        .await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn active_means_given_not_expired_not_withdrawn() {
        let mut c = Consent {
            id: "c".into(),
            client_id: None,
            scope: "GP letters".into(),
            given_on: day("2026-01-10"),
            expires_on: Some(day("2026-12-31")),
            withdrawn_on: None,
            notes: String::new(),
            created_at: Utc::now(),
        };
        assert!(!c.is_active_on(day("2026-01-09")));
        assert!(c.is_active_on(day("2026-01-10")));
        assert!(c.is_active_on(day("2026-12-31")));
        assert!(!c.is_active_on(day("2027-01-01")));
        c.withdrawn_on = Some(day("2026-06-01"));
        assert!(c.is_active_on(day("2026-05-31")));
        assert!(!c.is_active_on(day("2026-06-01")));
    }
}
