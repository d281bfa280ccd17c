//! Supervision notes: the mentor's own record of supervision sessions — when, with whom, what
//! was discussed and the actions agreed. Searchable; trash and restore through
//! [`super::delete_mentor_record`] with [`super::MentorRecordKind::Supervision`].

use chrono::NaiveDate;

use super::validate;
use crate::registry::generic::{Live, record_pair};
use crate::sync::conflicts::Versions;
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
    stored_only {
        /// Which version of the notes and actions this is (`None` for the first): an edit passes
        /// it back as `base` to [`update_supervision_note`], so that a version saved meanwhile
        /// on another computer is kept aside rather than written over
        /// ([`crate::sync::conflicts`]).
        text_version: Option<String>,
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
///
/// `base`: the version of the notes and actions the edit was made from
/// ([`SupervisionNote::text_version`]; `Some("")` for the first), or `None` for the version on
/// show now. New notes or actions are a new version; if `base` is not the version on show — it
/// was saved meanwhile on another computer — the version on show is kept aside for the person
/// to choose from (the schema's trigger does it, here and when other computers replay this save:
/// docs/decisions.md 66 and 69).
pub async fn update_supervision_note(
    vault: &Vault,
    id: &str,
    input: SupervisionInput,
    base: Option<String>,
) -> Result<SupervisionNote> {
    let s = check(input)?;
    let (owned, now, fresh) = (id.to_owned(), vault::now(), vault::new_id());
    let by = vault.this_device().await?.hex();
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                let (notes, actions, version, version_by): (String, String, Option<String>, Option<String>) = w
                    .fetch_existing(
                        "SELECT notes, actions, text_version, text_by FROM supervision_notes \
                         WHERE id = ? AND deleted_at IS NULL",
                        params![owned.as_str()],
                        SupervisionNote::WHAT,
                    )
                    .await?;
                let unchanged = notes == s.notes && actions == s.actions;
                let text = Versions::of(version, version_by, base, unchanged, fresh, by);
                // No `deleted_at` test: the row was just read live, and a replayed edit of a note
                // trashed meanwhile on another computer lands in it, so restoring shows the edit
                // (as a journal entry's does).
                w.exec_one(
                    "UPDATE supervision_notes SET held_on = ?, supervisor = ?, notes = ?, actions = ?, \
                         updated_at = ?, text_version = ?, text_base = ?, text_by = ? WHERE id = ?",
                    [
                        params![s.held_on, s.supervisor, s.notes, s.actions, now],
                        text.columns(),
                        params![owned.as_str()],
                    ]
                    .concat(),
                    SupervisionNote::WHAT,
                )
                .await?;
                w.fetch_existing(SupervisionNote::SELECT, params![owned.as_str()], SupervisionNote::WHAT).await
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// One supervision note (not in the trash).
pub async fn get_supervision_note(vault: &Vault, id: &str) -> Result<SupervisionNote> {
    SupervisionNote::get(vault, id).await
}

impl SupervisionNote {
    /// Its notes and actions as one text: the notes, then "Actions: …" if any were agreed.
    pub fn text(&self) -> String {
        crate::sync::conflicts::SupervisionText { notes: self.notes.clone(), actions: self.actions.clone() }
            .plain_text()
    }
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
