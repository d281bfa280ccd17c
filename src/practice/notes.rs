//! Session notes: what happened in a session with a client, written in a template's sections.
//!
//! A note starts as a draft. The editor calls [`save_draft`] as the mentor types: it is cheap
//! (nothing is written when nothing changed) and idempotent. [`finalise_note`] signs the note
//! with the time; from then on it is read-only — the API answers [`Error::ReadOnly`] and a
//! trigger in the schema refuses too — and later changes are dated addenda ([`add_addendum`]).
//! Every save of a draft leaves a revision ([`list_revisions`]); autosaves within two minutes of
//! the latest autosave revision's start replace it, so typing does not make thousands of rows.

use chrono::{DateTime, Utc};

use super::templates::plain_text;
use super::{LONG_TEXT, fts_query, required_text};
use crate::sync::conflicts::Versions;
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

mod history;
mod model;
mod rows;

pub use history::{NoteRevision, RevisionKind, list_revisions};
pub use model::{Addendum, MAX_DURATION_MINUTES, NewSessionNote, NoteDraft, NoteFilter, SessionMode, SessionNote};
use rows::{NoteRow, load_notes};

/// Starts a note (a draft) for a session with a client: a record note, part of the client's
/// clinical record.
pub async fn add_note(vault: &Vault, new: NewSessionNote) -> Result<SessionNote> {
    add(vault, new, false).await
}

/// Starts a private note (the mentor's process notes, HIPAA "psychotherapy notes"): a session
/// note kept apart from the clinical record. It is never exported or shared unless chosen one by
/// one ([`crate::export::ClientExport::private_note_ids`]). Whether a note is private is set
/// here, when it is made, and never changes: no save or finalise touches it, and a trigger
/// refuses any statement that would (docs/decisions.md 52).
pub async fn add_private_note(vault: &Vault, new: NewSessionNote) -> Result<SessionNote> {
    add(vault, new, true).await
}

async fn add(vault: &Vault, new: NewSessionNote, private: bool) -> Result<SessionNote> {
    let draft = new.draft.validated()?;
    // A note is of a session that has happened: a later day (a slip of the year) would move the
    // client's last contact, and so their retention, into the future.
    crate::validate::chosen_day("Session date", draft.session_date, None)?;
    let (id, now, client_id) = (vault::new_id(), vault::now(), new.client_id);
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                super::live_client(w, &client_id).await?;
                history::check_goals(w, &client_id, &draft.goal_ids).await?;
                let body = plain_text(draft.template, &draft.sections);
                let values = [params![id2.as_str(), now, now, client_id], draft.columns()?, params![body]].concat();
                // A record note keeps the statement older change logs hold; a private note has
                // its own, the only statement that ever sets `private` (a trigger refuses any
                // change to it afterwards).
                if private {
                    w.exec(
                        "INSERT INTO session_notes(id, created_at, updated_at, client_id, session_date, duration_minutes,
                        mode, template, sections, body, private) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
                        values,
                    )
                    .await?;
                } else {
                    w.exec(
                        "INSERT INTO session_notes(id, created_at, updated_at, client_id, session_date, duration_minutes,
                        mode, template, sections, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        values,
                    )
                    .await?;
                }
                history::set_goals(w, &id2, &draft.goal_ids).await?;
                history::record_revision(w, &id2, RevisionKind::Save, &draft, now).await
            })
        })
        .await?;
    get_note(vault, &id).await
}

/// Autosaves the draft as the mentor types. Nothing is written when nothing changed; an
/// autosave within two minutes of the latest autosave revision replaces that revision.
pub async fn save_draft(vault: &Vault, id: &str, draft: NoteDraft) -> Result<SessionNote> {
    save(vault, id, draft, RevisionKind::Autosave, None).await
}

/// Saves the draft on purpose (the Save button): always leaves its own revision.
pub async fn save_note(vault: &Vault, id: &str, draft: NoteDraft) -> Result<SessionNote> {
    save(vault, id, draft, RevisionKind::Save, None).await
}

/// [`save_draft`] of an edit made from version `base` of the sections
/// ([`SessionNote::text_version`]): if another computer saved a version since, that version is
/// kept aside as a conflict instead of being written over ([`crate::sync::conflicts`]).
pub async fn save_draft_over(vault: &Vault, id: &str, draft: NoteDraft, base: Option<String>) -> Result<SessionNote> {
    save(vault, id, draft, RevisionKind::Autosave, base).await
}

/// [`save_note`] of an edit made from version `base` (see [`save_draft_over`]).
pub async fn save_note_over(vault: &Vault, id: &str, draft: NoteDraft, base: Option<String>) -> Result<SessionNote> {
    save(vault, id, draft, RevisionKind::Save, base).await
}

async fn save(
    vault: &Vault,
    id: &str,
    draft: NoteDraft,
    kind: RevisionKind,
    base: Option<String>,
) -> Result<SessionNote> {
    let draft = draft.validated()?;
    let (id2, now, fresh) = (id.to_owned(), vault::now(), vault::new_id());
    let me = vault.this_device().await?.hex();
    vault
        .write(move |w| {
            Box::pin(async move {
                let current = editable_note(w, &id2).await?;
                if current.same_content(&draft) {
                    return Ok(()); // idempotent: no statement, so no journal record
                }
                crate::validate::chosen_day("Session date", draft.session_date, Some(current.session_date))?;
                history::check_goals(w, &current.client_id, &draft.goal_ids).await?;
                let same_text = current.draft().is_ok_and(|d| d.sections == draft.sections);
                let text = Versions::of(current.text_version, current.text_by, base, same_text, fresh, me);
                let body = plain_text(draft.template, &draft.sections);
                w.exec(
                    "UPDATE session_notes SET updated_at = ?, session_date = ?, duration_minutes = ?, mode = ?,
                        template = ?, sections = ?, body = ?, text_version = ?, text_base = ?, text_by = ? WHERE id = ?",
                    [params![now], draft.columns()?, params![body], text.columns(), params![id2.as_str()]].concat(),
                )
                .await?;
                history::set_goals(w, &id2, &draft.goal_ids).await?;
                history::record_revision(w, &id2, kind, &draft, now).await
            })
        })
        .await?;
    get_note(vault, id).await
}

/// The note `id` inside a write, refusing a finalised note (read-only) or one in the trash.
async fn editable_note(w: &mut vault::Writer<'_>, id: &str) -> Result<NoteRow> {
    let row: NoteRow = w.fetch_existing(rows::SELECT_NOTE, params![id], "That session note").await?;
    if let Some(at) = row.finalised_at {
        return Err(read_only(at));
    }
    if row.deleted_at.is_some() {
        return Err(Error::ReadOnly {
            reason: "That session note is in the trash: restore it first to change it.".into(),
        });
    }
    Ok(row)
}

fn read_only(finalised_at: DateTime<Utc>) -> Error {
    Error::ReadOnly {
        reason: format!(
            "This session note was finalised on {} and can no longer be changed. Add an addendum instead.",
            // This computer's time, as every other time the person reads.
            finalised_at.with_timezone(&chrono::Local).format("%-d %b %Y at %H:%M")
        ),
    }
}

/// Finalises (signs) a draft: from now on it is read-only and takes addenda. A note needs some
/// text to be finalised.
///
/// The signature names the sections it signs: replayed on a computer where an edit made
/// elsewhere at the same time came first, the note is finalised with the text signed here and
/// that edit is kept beside it ([`crate::sync::conflicts`]).
pub async fn finalise_note(vault: &Vault, id: &str) -> Result<SessionNote> {
    let (id2, now) = (id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                let current = editable_note(w, &id2).await?;
                let draft = current.draft()?;
                if draft.sections.iter().all(|s| s.text.trim().is_empty()) {
                    return Err(Error::invalid("Sections", "a note needs some text before it can be finalised"));
                }
                let body = plain_text(draft.template, &draft.sections);
                w.exec(
                    "UPDATE session_notes SET finalised_at = ?, updated_at = ?, sections = ?, body = ?, text_version = ?,
                        text_base = ?, text_by = ? WHERE id = ? AND finalised_at IS NULL",
                    params![
                        now,
                        now,
                        current.sections.as_str(),
                        body,
                        &current.text_version,
                        &current.text_version,
                        &current.text_by,
                        id2.as_str()
                    ],
                )
                .await?;
                history::record_revision(w, &id2, RevisionKind::Finalise, &draft, now).await
            })
        })
        .await?;
    get_note(vault, id).await
}

/// Adds a dated addendum to a finalised note. A draft is edited directly instead.
pub async fn add_addendum(vault: &Vault, note_id: &str, text: &str) -> Result<Addendum> {
    let text = required_text("Addendum", text, LONG_TEXT)?;
    let (id, note_id, now) = (vault::new_id(), note_id.to_owned(), super::now_ms());
    let addendum = Addendum { id, note_id, added_at: now, text };
    let a = addendum.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let row: NoteRow =
                    w.fetch_existing(rows::SELECT_NOTE, params![a.note_id.as_str()], "That session note").await?;
                if row.finalised_at.is_none() {
                    return Err(Error::invalid("Addendum", "this note is still a draft: edit it directly"));
                }
                w.exec(
                    "INSERT INTO note_addenda(id, note_id, added_at, text) VALUES (?, ?, ?, ?)",
                    params![a.id, a.note_id, a.added_at, a.text],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    Ok(addendum)
}

/// One note, with its goals and addenda (including a draft in the trash).
pub async fn get_note(vault: &Vault, id: &str) -> Result<SessionNote> {
    let row: NoteRow = vault.fetch_existing(rows::SELECT_NOTE, params![id], "That session note").await?;
    let mut notes = load_notes(vault, vec![row]).await?;
    notes.pop().ok_or(Error::NotFound { what: "That session note" })
}

/// Notes matching `filter`, newest session first. Without a `client_id`, notes of clients in the
/// trash are left out; asking for one client's notes lists them whatever the client's state.
pub async fn list_notes(vault: &Vault, filter: NoteFilter) -> Result<Vec<SessionNote>> {
    let rows: Vec<NoteRow> = vault
        .fetch_all(
            "SELECT n.*, (SELECT json_group_array(goal_id) FROM session_note_goals g WHERE g.note_id = n.id) AS goal_ids
             FROM session_notes n
             WHERE (n.deleted_at IS NOT NULL) = ?1
               AND (?2 IS NULL OR n.client_id = ?2)
               -- a client in the trash takes their notes out of the general lists
               AND (?2 IS NOT NULL OR n.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))
               AND (?3 IS NULL OR n.session_date >= ?3)
               AND (?4 IS NULL OR n.session_date <= ?4)
               AND (?5 IS NULL OR (n.finalised_at IS NOT NULL) = ?5)
               AND (?6 IS NULL OR n.rowid IN (SELECT rowid FROM session_notes_fts WHERE session_notes_fts MATCH ?6))
               AND (?7 IS NULL OR n.private = ?7)
             ORDER BY n.session_date DESC, n.created_at DESC",
            params![
                filter.deleted,
                filter.client_id,
                filter.from,
                filter.to,
                filter.finalised,
                filter.text.as_deref().and_then(fts_query),
                filter.private
            ],
        )
        .await?;
    load_notes(vault, rows).await
}

/// Moves a draft to the trash. Finalised notes are part of the record and are kept.
pub async fn delete_note(vault: &Vault, id: &str) -> Result<()> {
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                editable_note(w, &id).await?;
                crate::registry::kinds::SESSION_NOTE.delete_in(w, &id).await
            })
        })
        .await
}

/// Brings a draft back from the trash.
pub async fn restore_note(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::SESSION_NOTE.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_message_says_to_add_an_addendum() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T14:05:00Z").expect("time").with_timezone(&Utc);
        let e = read_only(at);
        assert_eq!(e.kind(), "read_only");
        // In this computer's time zone (`cli/tests/cli_private_notes.rs` pins London).
        let local = at.with_timezone(&chrono::Local).format("%-d %b %Y at %H:%M").to_string();
        assert!(e.to_string().contains(&format!("finalised on {local} and can no longer be changed")), "{e}");
        assert!(e.to_string().contains("Add an addendum"), "{e}");
    }
}
