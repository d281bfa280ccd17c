//! Supervision notes: the mentor's own record of supervision sessions — when, with whom, what
//! was discussed and the actions agreed. Searchable; trash and restore through
//! [`super::delete_mentor_record`] with [`super::MentorRecordKind::Supervision`].

use chrono::NaiveDate;

use super::validate;
use crate::registry::generic::{Live, record_pair};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

record_pair! {
    /// A supervision session to record, or the new values of one being edited.
    input SupervisionInput;
    /// A stored supervision note.
    stored SupervisionNote, table: "supervision_notes", what: "That supervision note";
    fields {
        /// The day of the session.
        held_on: NaiveDate,
        /// The supervisor.
        supervisor: String,
        /// What was discussed.
        notes: String,
        /// Actions agreed.
        actions: String,
    }
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
    let sql = "INSERT INTO supervision_notes(id, created_at, updated_at, held_on, supervisor, notes, actions) \
                     VALUES (?, ?, ?, ?, ?, ?, ?)";
    SupervisionNote::insert(vault, sql, |id, now| params![id, now, now, s.held_on, s.supervisor, s.notes, s.actions])
        .await
}

/// Edits a supervision note.
pub async fn update_supervision_note(vault: &Vault, id: &str, input: SupervisionInput) -> Result<SupervisionNote> {
    let s = check(input)?;
    let sql = "UPDATE supervision_notes SET held_on = ?, supervisor = ?, notes = ?, actions = ?, \
                         updated_at = ? WHERE id = ? AND deleted_at IS NULL";
    let params = params![s.held_on, s.supervisor, s.notes, s.actions, vault::now(), id];
    SupervisionNote::update(vault, id, sql, params).await
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
    let sql = "SELECT s.* FROM supervision_notes_fts JOIN supervision_notes s ON s.rowid = supervision_notes_fts.rowid \
             WHERE supervision_notes_fts MATCH ? AND s.deleted_at IS NULL ORDER BY bm25(supervision_notes_fts)";
    super::fts_rows(vault, sql, query).await
}
