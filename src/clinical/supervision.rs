//! Supervision notes: the mentor's own record of supervision sessions — when, with whom, what
//! was discussed and the actions agreed. Searchable; trash and restore through
//! [`super::delete_mentor_record`] with [`super::MentorRecordKind::Supervision`].

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::validate;
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// A supervision session to record, or the new values of one being edited.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct SupervisionInput {
    /// The day of the session.
    pub held_on: NaiveDate,
    /// The supervisor.
    pub supervisor: String,
    /// What was discussed.
    pub notes: String,
    /// Actions agreed.
    pub actions: String,
}

/// A stored supervision note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct SupervisionNote {
    /// Row id.
    pub id: String,
    /// The day of the session.
    pub held_on: NaiveDate,
    /// The supervisor.
    pub supervisor: String,
    /// What was discussed.
    pub notes: String,
    /// Actions agreed.
    pub actions: String,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

fn check(input: SupervisionInput) -> Result<SupervisionInput> {
    let notes = validate::notes("notes", &input.notes)?;
    let actions = validate::notes("actions", &input.actions)?;
    if notes.is_empty() && actions.is_empty() {
        return Err(Error::invalid("notes", "write what was discussed or the actions agreed"));
    }
    Ok(SupervisionInput {
        held_on: input.held_on,
        supervisor: validate::required_line("supervisor", &input.supervisor)?,
        notes,
        actions,
    })
}

/// Records a supervision session.
pub async fn add_supervision_note(vault: &Vault, input: SupervisionInput) -> Result<SupervisionNote> {
    let s = check(input)?;
    let id = vault::new_id();
    let now = vault::now();
    vault
        .exec_and_fetch(
            "INSERT INTO supervision_notes(id, created_at, updated_at, held_on, supervisor, notes, actions) \
                     VALUES (?, ?, ?, ?, ?, ?, ?)",
            params![id.clone(), now, now, s.held_on, s.supervisor, s.notes, s.actions],
            "SELECT * FROM supervision_notes WHERE id = ? AND deleted_at IS NULL",
            &id,
            "That supervision note",
        )
        .await
}

/// Edits a supervision note.
pub async fn update_supervision_note(vault: &Vault, id: &str, input: SupervisionInput) -> Result<SupervisionNote> {
    let s = check(input)?;
    let id = id.to_owned();
    vault
        .exec_and_fetch(
            "UPDATE supervision_notes SET held_on = ?, supervisor = ?, notes = ?, actions = ?, \
                         updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            params![s.held_on, s.supervisor, s.notes, s.actions, vault::now(), id.clone()],
            "SELECT * FROM supervision_notes WHERE id = ? AND deleted_at IS NULL",
            &id,
            "That supervision note",
        )
        .await
}

/// Every supervision note, newest first.
pub async fn list_supervision_notes(vault: &Vault) -> Result<Vec<SupervisionNote>> {
    vault
        .fetch_all(
            "SELECT * FROM supervision_notes WHERE deleted_at IS NULL ORDER BY held_on DESC, created_at DESC",
            params![],
        )
        .await
}

/// Supervision notes matching a full-text query (supervisor, notes, actions), best first.
pub async fn search_supervision_notes(vault: &Vault, query: &str) -> Result<Vec<SupervisionNote>> {
    let query = super::fts_query(query)?;
    vault
        .fetch_all(
            "SELECT s.* FROM supervision_notes_fts JOIN supervision_notes s ON s.rowid = supervision_notes_fts.rowid \
             WHERE supervision_notes_fts MATCH ? AND s.deleted_at IS NULL ORDER BY bm25(supervision_notes_fts)",
            params![query],
        )
        .await
}
