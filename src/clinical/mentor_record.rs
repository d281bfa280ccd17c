//! The mentor's own professional record: credentials (with expiry), training and CPD hours, and
//! (in [`super::supervision`]) supervision notes. Each kind goes to the trash and back through
//! [`delete_mentor_record`] / [`restore_mentor_record`].

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::registry::generic::{Live, record_pair};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

record_pair! {
    /// A credential to add, or the new values of one being edited.
    input CredentialInput;
    /// A stored credential.
    stored Credential, table: "credentials", what: "That credential";
    fields {
        /// What it is ("Registered Member, BACP").
        title: String,
        /// Who issued it.
        issuer: String,
        /// Registration or certificate number.
        number: Option<String>,
        /// First day it is valid.
        valid_from: Option<NaiveDate>,
        /// Last day it is valid (renewal due).
        valid_to: Option<NaiveDate>,
        /// Notes.
        notes: String,
    }
}

record_pair! {
    /// Training or CPD to record, or the new values of an entry being edited.
    input TrainingInput;
    /// A stored training or CPD entry.
    stored TrainingRecord, table: "training_records", what: "That training record";
    fields {
        /// Course or activity.
        title: String,
        /// Who ran it.
        provider: String,
        /// The day it was completed.
        completed_on: NaiveDate,
        /// CPD hours (more than 0, at most 1000).
        hours: f64,
        /// Notes (what was learnt, certificate).
        notes: String,
    }
}

/// The parts of the mentor's record, for moving entries to the trash and back.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum MentorRecordKind {
    /// A [`Credential`].
    Credential,
    /// A [`TrainingRecord`].
    Training,
    /// A [`super::SupervisionNote`].
    Supervision,
}

fn check_credential(input: CredentialInput) -> Result<CredentialInput> {
    if let (Some(from), Some(to)) = (input.valid_from, input.valid_to) {
        validate::not_before("valid to", to, from, "valid-from date")?;
    }
    Ok(CredentialInput {
        title: validate::required_line("title", &input.title)?,
        issuer: validate::optional_line("issuer", Some(&input.issuer))?.unwrap_or_default(),
        number: validate::optional_line("number", input.number.as_deref())?,
        notes: validate::notes("notes", &input.notes)?,
        ..input
    })
}

fn check_training(input: TrainingInput) -> Result<TrainingInput> {
    if !(input.hours.is_finite() && input.hours > 0.0 && input.hours <= 1000.0) {
        return Err(Error::invalid("hours", "must be more than 0 and at most 1000"));
    }
    Ok(TrainingInput {
        title: validate::required_line("title", &input.title)?,
        provider: validate::optional_line("provider", Some(&input.provider))?.unwrap_or_default(),
        notes: validate::notes("notes", &input.notes)?,
        ..input
    })
}

/// Adds a credential.
pub async fn add_credential(vault: &Vault, input: CredentialInput) -> Result<Credential> {
    let c = check_credential(input)?;
    let sql = "INSERT INTO credentials(id, created_at, updated_at, title, issuer, number, valid_from, valid_to, \
                     notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";
    Credential::insert(vault, sql, |id, now| {
        params![id, now, now, c.title, c.issuer, c.number, c.valid_from, c.valid_to, c.notes]
    })
    .await
}

/// Edits a credential (a renewal moves `valid_to`).
pub async fn update_credential(vault: &Vault, id: &str, input: CredentialInput) -> Result<Credential> {
    let c = check_credential(input)?;
    let sql = "UPDATE credentials SET title = ?, issuer = ?, number = ?, valid_from = ?, valid_to = ?, \
                         notes = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL";
    let params = params![c.title, c.issuer, c.number, c.valid_from, c.valid_to, c.notes, vault::now(), id];
    Credential::update(vault, id, sql, params).await
}

/// All credentials, soonest expiry first (those that never expire last).
pub async fn list_credentials(vault: &Vault) -> Result<Vec<Credential>> {
    vault
        .fetch_all(
            "SELECT * FROM credentials WHERE deleted_at IS NULL ORDER BY valid_to IS NULL, valid_to, title",
            params![],
        )
        .await
}

/// Credentials that have expired or expire within `within_days` of `as_of`: renewals to see to.
pub async fn list_credentials_expiring(vault: &Vault, as_of: NaiveDate, within_days: u32) -> Result<Vec<Credential>> {
    let until = as_of.checked_add_days(Days::new(u64::from(within_days))).unwrap_or(NaiveDate::MAX);
    vault
        .fetch_all(
            "SELECT * FROM credentials WHERE deleted_at IS NULL AND valid_to IS NOT NULL AND valid_to <= ? \
             ORDER BY valid_to, title",
            params![until],
        )
        .await
}

/// Records training or CPD.
pub async fn add_training(vault: &Vault, input: TrainingInput) -> Result<TrainingRecord> {
    let t = check_training(input)?;
    let sql = "INSERT INTO training_records(id, created_at, updated_at, title, provider, completed_on, hours, \
                     notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
    TrainingRecord::insert(vault, sql, |id, now| {
        params![id, now, now, t.title, t.provider, t.completed_on, t.hours, t.notes]
    })
    .await
}

/// Edits a training entry.
pub async fn update_training(vault: &Vault, id: &str, input: TrainingInput) -> Result<TrainingRecord> {
    let t = check_training(input)?;
    let sql = "UPDATE training_records SET title = ?, provider = ?, completed_on = ?, hours = ?, notes = ?, \
                         updated_at = ? WHERE id = ? AND deleted_at IS NULL";
    let params = params![t.title, t.provider, t.completed_on, t.hours, t.notes, vault::now(), id];
    TrainingRecord::update(vault, id, sql, params).await
}

/// Training completed between `from` and `to` inclusive (either open), newest first.
pub async fn list_training(
    vault: &Vault,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<TrainingRecord>> {
    vault
        .fetch_all(
            "SELECT * FROM training_records WHERE deleted_at IS NULL AND (? IS NULL OR completed_on >= ?) \
             AND (? IS NULL OR completed_on <= ?) ORDER BY completed_on DESC, created_at DESC",
            params![from, from, to, to],
        )
        .await
}

/// Total CPD hours completed between `from` and `to` inclusive (a registration year).
pub async fn cpd_hours(vault: &Vault, from: NaiveDate, to: NaiveDate) -> Result<f64> {
    validate::not_before("to", to, from, "start of the period")?;
    let (hours,) = vault
        .fetch_one::<(f64,)>(
            "SELECT coalesce(sum(hours), 0.0) FROM training_records WHERE deleted_at IS NULL \
             AND completed_on >= ? AND completed_on <= ?",
            params![from, to],
        )
        .await?;
    Ok(hours)
}

/// Moves an entry of the mentor's record to the trash.
pub async fn delete_mentor_record(vault: &Vault, kind: MentorRecordKind, id: &str) -> Result<()> {
    registered(kind).delete(vault, id).await
}

/// Brings an entry of the mentor's record back from the trash.
pub async fn restore_mentor_record(vault: &Vault, kind: MentorRecordKind, id: &str) -> Result<()> {
    registered(kind).restore(vault, id).await
}

fn registered(kind: MentorRecordKind) -> &'static crate::registry::RecordKind {
    use crate::registry::kinds;
    match kind {
        MentorRecordKind::Credential => &kinds::CREDENTIAL,
        MentorRecordKind::Training => &kinds::TRAINING_RECORD,
        MentorRecordKind::Supervision => &kinds::SUPERVISION_NOTE,
    }
}
