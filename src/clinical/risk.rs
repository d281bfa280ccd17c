//! Risk flags: a concern about a client's (or the vault owner's) safety, where it came from, how
//! serious it is, and when and how it was resolved.
//!
//! Flags are never deleted: resolving one records the date and a note and keeps the row, so the
//! history of concerns stays part of the record. A PHQ-9 item-9 answer above 0 raises a flag in
//! the same durable write as the measure itself ([`super::measures::record_measure`]); that is
//! never the only risk check — mentors raise flags from what they see and hear.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::registry::generic::{Live, text_enum};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

text_enum! {
    /// Where a concern came from.
    pub enum RiskSource {
        /// An outcome measure (PHQ-9 item 9); raised automatically when the measure is recorded.
        Measure = "measure",
        /// The mentor's own judgement.
        Mentor = "mentor",
        /// Something the client said or wrote.
        ClientDisclosure = "client_disclosure",
    }
}

text_enum! {
    /// How serious a concern is.
    #[derive(PartialOrd, Ord)]
    pub enum RiskLevel {
        /// Keep in mind.
        Low = "low",
        /// Follow up soon.
        Medium = "medium",
        /// Act now: check the safety plan and crisis lines.
        High = "high",
    }
}

/// A stored risk flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct RiskFlag {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// Where the concern came from.
    pub source: RiskSource,
    /// How serious it is.
    pub level: RiskLevel,
    /// What the concern is.
    pub description: String,
    /// The day it was raised.
    pub raised_on: NaiveDate,
    /// The measure that raised it, for [`RiskSource::Measure`].
    pub measure_id: Option<String>,
    /// The day it was resolved; `None` while open.
    pub resolved_on: Option<NaiveDate>,
    /// How it was resolved.
    pub resolution_note: Option<String>,
    /// When the row was created.
    pub created_at: DateTime<Utc>,
    /// When the row last changed.
    pub updated_at: DateTime<Utc>,
}

impl RiskFlag {
    /// Whether the flag is still open.
    pub fn is_open(&self) -> bool {
        self.resolved_on.is_none()
    }
}

/// A flag a person raises by hand.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewRiskFlag {
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// Mentor or client disclosure (measure flags are raised by recording the measure).
    pub source: RiskSource,
    /// How serious it is.
    pub level: RiskLevel,
    /// What the concern is.
    pub description: String,
    /// The day it was raised.
    pub raised_on: NaiveDate,
}

/// Raises a risk flag by hand (mentor judgement or a client's disclosure).
pub async fn raise_risk_flag(vault: &Vault, new: NewRiskFlag) -> Result<RiskFlag> {
    if new.source == RiskSource::Measure {
        return Err(Error::invalid("source", "flags from measures are raised by recording the measure"));
    }
    let client_id = validate::client_id(new.client_id.as_deref())?;
    let description = validate::required_text("description", &new.description)?;
    // A flag raised "in the future" would read "open -60 days" and could not be resolved.
    crate::validate::not_after_today("Raised on", new.raised_on)?;
    vault
        .write(move |w| {
            Box::pin(async move {
                let id = insert_flag(w, client_id, new.source, new.level, &description, new.raised_on, None).await?;
                RiskFlag::fetch_in(w, &id).await
            })
        })
        .await
}

/// Inserts a flag inside a write (also used by [`super::measures`]). Returns its id.
pub(crate) async fn insert_flag(
    w: &mut Writer<'_>,
    client_id: Option<String>,
    source: RiskSource,
    level: RiskLevel,
    description: &str,
    raised_on: NaiveDate,
    measure_id: Option<String>,
) -> Result<String> {
    let id = vault::new_id();
    let now = vault::now();
    w.exec(
        "INSERT INTO risk_flags(id, created_at, updated_at, client_id, source, level, description, raised_on, \
         measure_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![id.clone(), now, now, client_id, source.key(), level.key(), description, raised_on, measure_id],
    )
    .await?;
    Ok(id)
}

impl Live for RiskFlag {
    const SELECT: &'static str = "SELECT * FROM risk_flags WHERE id = ?";
    const WHAT: &'static str = "That risk flag";
}

/// Marks a flag resolved on `resolved_on` with a note saying how. The flag stays in the history.
pub async fn resolve_risk_flag(vault: &Vault, id: &str, resolved_on: NaiveDate, note: &str) -> Result<RiskFlag> {
    let note = validate::required_text("resolution note", note)?;
    RiskFlag::change(vault, id, move |flag| {
        if let Some(on) = flag.resolved_on {
            return Err(Error::ReadOnly { reason: format!("This risk flag was already resolved on {on}.") });
        }
        validate::not_before("resolved on", resolved_on, flag.raised_on, "day it was raised")?;
        let sql = "UPDATE risk_flags SET resolved_on = ?, resolution_note = ?, updated_at = ? WHERE id = ?";
        Ok((sql, params![resolved_on, note, vault::now(), flag.id]))
    })
    .await
}

/// Changes an open flag's level (a concern that grows or eases). Resolved flags are history.
pub async fn update_risk_level(vault: &Vault, id: &str, level: RiskLevel) -> Result<RiskFlag> {
    RiskFlag::change(vault, id, move |flag| {
        if !flag.is_open() {
            return Err(Error::ReadOnly { reason: "A resolved risk flag is kept as it was; raise a new one.".into() });
        }
        Ok((
            "UPDATE risk_flags SET level = ?, updated_at = ? WHERE id = ?",
            params![level.key(), vault::now(), flag.id],
        ))
    })
    .await
}

/// One flag by id.
pub async fn get_risk_flag(vault: &Vault, id: &str) -> Result<RiskFlag> {
    RiskFlag::get(vault, id).await
}

/// Every open flag across all clients and the owner, for the dashboard: high first, then oldest
/// (raised the same day: the one raised first; the row order settles a tie to the millisecond).
pub async fn list_open_risk_flags(vault: &Vault) -> Result<Vec<RiskFlag>> {
    vault
        .fetch_all(
            "SELECT * FROM risk_flags WHERE resolved_on IS NULL \
             ORDER BY CASE level WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END, raised_on, created_at, rowid",
            params![],
        )
        .await
}

/// One client's flags (`None`: the owner's), newest first; resolved ones too if asked.
pub async fn list_risk_flags(vault: &Vault, client_id: Option<&str>, include_resolved: bool) -> Result<Vec<RiskFlag>> {
    vault
        .fetch_all(
            "SELECT * FROM risk_flags WHERE client_id IS ? AND (? OR resolved_on IS NULL) \
             ORDER BY raised_on DESC, created_at DESC",
            params![client_id, include_resolved],
        )
        .await
}

/// Flags whose description or resolution note match a full-text query, best match first.
pub async fn search_risk_flags(vault: &Vault, query: &str) -> Result<Vec<RiskFlag>> {
    let sql = "SELECT f.* FROM risk_flags_fts JOIN risk_flags f ON f.rowid = risk_flags_fts.rowid \
             WHERE risk_flags_fts MATCH ? ORDER BY bm25(risk_flags_fts)";
    super::fts_rows(vault, sql, query).await
}
