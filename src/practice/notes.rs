//! Session notes: what happened in a session with a client, written in a template's sections.
//!
//! A note starts as a draft. The editor calls [`save_draft`] as the mentor types: it is cheap
//! (nothing is written when nothing changed) and idempotent. [`finalise_note`] signs the note
//! with the time; from then on it is read-only — the API answers [`Error::ReadOnly`] and a
//! trigger in the schema refuses too — and later changes are dated addenda ([`add_addendum`]).
//! Every save of a draft leaves a revision ([`list_revisions`]); autosaves within two minutes of
//! the latest autosave revision's start replace it, so typing does not make thousands of rows.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::templates::{NoteSection, NoteTemplate, arrange_sections, plain_text};
use super::{LONG_TEXT, check_day, fts_query, required_text};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

mod history;
mod rows;

pub use history::{NoteRevision, RevisionKind, list_revisions};
use rows::{NoteRow, load_notes};

/// How the session took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum SessionMode {
    /// Face to face.
    #[default]
    InPerson,
    /// A video call.
    Video,
    /// A phone call.
    Phone,
}

impl SessionMode {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            SessionMode::InPerson => "in_person",
            SessionMode::Video => "video",
            SessionMode::Phone => "phone",
        }
    }
}

/// A dated addition to a finalised note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Addendum {
    /// Record id.
    pub id: String,
    /// The note it adds to.
    pub note_id: String,
    /// When it was added (its date).
    pub added_at: DateTime<Utc>,
    /// What was added.
    pub text: String,
}

/// A session note as stored, with its linked goals and addenda.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SessionNote {
    /// Record id.
    pub id: String,
    /// The client the session was with.
    pub client_id: String,
    /// When the note was started.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The day of the session.
    pub session_date: NaiveDate,
    /// Length of the session, minutes (1–600).
    pub duration_minutes: u32,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// The template the sections follow.
    pub template: NoteTemplate,
    /// Every section of the template, in order.
    pub sections: Vec<NoteSection>,
    /// Goals the session worked on.
    pub goal_ids: Vec<String>,
    /// When the note was finalised (signed); `None` while it is a draft.
    pub finalised_at: Option<DateTime<Utc>>,
    /// When the draft was moved to the trash.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Dated addenda, oldest first.
    pub addenda: Vec<Addendum>,
}

impl SessionNote {
    /// The note's text, each section under its title.
    pub fn text(&self) -> String {
        plain_text(self.template, &self.sections)
    }
}

/// What the editor holds for a note: used to start one and for every save of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteDraft {
    /// The day of the session.
    pub session_date: NaiveDate,
    /// Length, minutes (1–600).
    pub duration_minutes: u32,
    /// In person, video or phone.
    #[serde(default)]
    pub mode: SessionMode,
    /// The template.
    #[serde(default)]
    pub template: NoteTemplate,
    /// Section texts by key (missing sections are empty).
    #[serde(default)]
    pub sections: Vec<NoteSection>,
    /// Goals the session worked on.
    #[serde(default)]
    pub goal_ids: Vec<String>,
}

/// A new session note: the client and the first draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSessionNote {
    /// The client the session was with.
    pub client_id: String,
    /// The note's content.
    #[serde(flatten)]
    pub draft: NoteDraft,
}

/// Longest session a note may record, minutes (ten hours: anything longer is a typo).
pub const MAX_DURATION_MINUTES: u32 = 600;

impl NoteDraft {
    fn validated(mut self) -> Result<NoteDraft> {
        check_day("Session date", self.session_date)?;
        if !(1..=MAX_DURATION_MINUTES).contains(&self.duration_minutes) {
            return Err(Error::invalid(
                "Duration",
                format!("{} minutes is out of range (1–{MAX_DURATION_MINUTES})", self.duration_minutes),
            ));
        }
        self.sections = arrange_sections(self.template, &self.sections)?;
        let mut goals: Vec<String> = Vec::new();
        for g in self.goal_ids.iter().map(|g| g.trim()).filter(|g| !g.is_empty()) {
            if !goals.iter().any(|o| o == g) {
                goals.push(g.to_owned());
            }
        }
        goals.sort();
        self.goal_ids = goals;
        Ok(self)
    }
}

/// Which notes to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct NoteFilter {
    /// Only this client's notes.
    pub client_id: Option<String>,
    /// Only notes whose text matches these words (prefix match).
    pub text: Option<String>,
    /// Sessions on or after this day.
    pub from: Option<NaiveDate>,
    /// Sessions on or before this day.
    pub to: Option<NaiveDate>,
    /// `Some(true)`: finalised only; `Some(false)`: drafts only.
    pub finalised: Option<bool>,
    /// List the trash instead.
    pub deleted: bool,
}

/// Starts a note (a draft) for a session with a client.
pub async fn add_note(vault: &Vault, new: NewSessionNote) -> Result<SessionNote> {
    let draft = new.draft.validated()?;
    let (id, now, client_id) = (vault::new_id(), vault::now(), new.client_id);
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let client: Option<(String,)> = w
                    .fetch_optional(
                        "SELECT id FROM clients WHERE id = ? AND deleted_at IS NULL",
                        params![client_id.as_str()],
                    )
                    .await?;
                if client.is_none() {
                    return Err(Error::NotFound { what: "That client" });
                }
                history::check_goals(w, &client_id, &draft.goal_ids).await?;
                let sections = super::to_json(&draft.sections)?;
                w.exec(
                    "INSERT INTO session_notes(id, created_at, updated_at, client_id, session_date, duration_minutes,
                        mode, template, sections, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        id2.as_str(),
                        now,
                        now,
                        client_id,
                        draft.session_date,
                        draft.duration_minutes,
                        draft.mode.as_str(),
                        draft.template.as_str(),
                        sections,
                        plain_text(draft.template, &draft.sections),
                    ],
                )
                .await?;
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
    save(vault, id, draft, RevisionKind::Autosave).await
}

/// Saves the draft on purpose (the Save button): always leaves its own revision.
pub async fn save_note(vault: &Vault, id: &str, draft: NoteDraft) -> Result<SessionNote> {
    save(vault, id, draft, RevisionKind::Save).await
}

async fn save(vault: &Vault, id: &str, draft: NoteDraft, kind: RevisionKind) -> Result<SessionNote> {
    let draft = draft.validated()?;
    let (id2, now) = (id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                let current = editable_note(w, &id2).await?;
                if current.same_content(&draft) {
                    return Ok(()); // idempotent: no statement, so no journal record
                }
                history::check_goals(w, &current.client_id, &draft.goal_ids).await?;
                let sections = super::to_json(&draft.sections)?;
                w.exec(
                    "UPDATE session_notes SET updated_at = ?, session_date = ?, duration_minutes = ?, mode = ?,
                        template = ?, sections = ?, body = ? WHERE id = ?",
                    params![
                        now,
                        draft.session_date,
                        draft.duration_minutes,
                        draft.mode.as_str(),
                        draft.template.as_str(),
                        sections,
                        plain_text(draft.template, &draft.sections),
                        id2.as_str(),
                    ],
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
    let row: NoteRow =
        w.fetch_optional(rows::SELECT_NOTE, params![id]).await?.ok_or(Error::NotFound { what: "That session note" })?;
    if let Some(at) = row.finalised_at {
        return Err(read_only(at));
    }
    if row.deleted_at.is_some() {
        return Err(Error::NotFound { what: "That session note (it is in the trash: restore it first)" });
    }
    Ok(row)
}

fn read_only(finalised_at: DateTime<Utc>) -> Error {
    Error::ReadOnly {
        reason: format!(
            "This session note was finalised on {} and can no longer be changed. Add an addendum instead.",
            finalised_at.format("%-d %b %Y at %H:%M UTC")
        ),
    }
}

/// Finalises (signs) a draft: from now on it is read-only and takes addenda. A note needs some
/// text to be finalised.
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
                w.exec(
                    "UPDATE session_notes SET finalised_at = ?, updated_at = ? WHERE id = ? AND finalised_at IS NULL",
                    params![now, now, id2.as_str()],
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
                let row: NoteRow = w
                    .fetch_optional(rows::SELECT_NOTE, params![a.note_id.as_str()])
                    .await?
                    .ok_or(Error::NotFound { what: "That session note" })?;
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
    let row: NoteRow = vault
        .fetch_optional(rows::SELECT_NOTE, params![id])
        .await?
        .ok_or(Error::NotFound { what: "That session note" })?;
    let mut notes = load_notes(vault, vec![row]).await?;
    notes.pop().ok_or(Error::NotFound { what: "That session note" })
}

/// Notes matching `filter`, newest session first.
pub async fn list_notes(vault: &Vault, filter: NoteFilter) -> Result<Vec<SessionNote>> {
    let rows: Vec<NoteRow> = vault
        .fetch_all(
            "SELECT n.*, (SELECT json_group_array(goal_id) FROM session_note_goals g WHERE g.note_id = n.id) AS goal_ids
             FROM session_notes n
             WHERE (n.deleted_at IS NOT NULL) = ?1
               AND (?2 IS NULL OR n.client_id = ?2)
               AND (?3 IS NULL OR n.session_date >= ?3)
               AND (?4 IS NULL OR n.session_date <= ?4)
               AND (?5 IS NULL OR (n.finalised_at IS NOT NULL) = ?5)
               AND (?6 IS NULL OR n.rowid IN (SELECT rowid FROM session_notes_fts WHERE session_notes_fts MATCH ?6))
             ORDER BY n.session_date DESC, n.created_at DESC",
            params![
                filter.deleted,
                filter.client_id,
                filter.from,
                filter.to,
                filter.finalised,
                filter.text.as_deref().and_then(fts_query)
            ],
        )
        .await?;
    load_notes(vault, rows).await
}

/// Moves a draft to the trash. Finalised notes are part of the record and are kept.
pub async fn delete_note(vault: &Vault, id: &str) -> Result<()> {
    let (id, now) = (id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                editable_note(w, &id).await?;
                w.exec("UPDATE session_notes SET deleted_at = ? WHERE id = ?", params![now, id]).await?;
                Ok(())
            })
        })
        .await
}

/// Brings a draft back from the trash.
pub async fn restore_note(vault: &Vault, id: &str) -> Result<()> {
    let id = id.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let n = w
                    .exec(
                        "UPDATE session_notes SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL",
                        params![id],
                    )
                    .await?;
                if n == 0 {
                    return Err(Error::NotFound { what: "That session note in the trash" });
                }
                Ok(())
            })
        })
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft() -> NoteDraft {
        NoteDraft {
            session_date: NaiveDate::from_ymd_opt(2026, 11, 23).expect("valid date"),
            duration_minutes: 50,
            mode: SessionMode::Video,
            template: NoteTemplate::Soap,
            sections: vec![NoteSection { key: "plan".into(), text: "Sleep diary".into() }],
            goal_ids: vec![" g2".into(), "g1".into(), "g2".into()],
        }
    }

    #[test]
    fn draft_validation_completes_sections_and_cleans_goals() {
        let d = draft().validated().expect("valid");
        assert_eq!(d.sections.len(), 4);
        assert_eq!(d.goal_ids, ["g1", "g2"]);
        for minutes in [0, 601] {
            let e = NoteDraft { duration_minutes: minutes, ..draft() }.validated().expect_err("range");
            assert!(e.to_string().starts_with("Duration:"), "{e}");
        }
        let old = NoteDraft { session_date: NaiveDate::from_ymd_opt(1026, 1, 1).expect("date"), ..draft() };
        assert!(old.validated().expect_err("year").to_string().starts_with("Session date:"));
    }

    #[test]
    fn read_only_message_says_to_add_an_addendum() {
        let at = DateTime::parse_from_rfc3339("2026-11-23T14:05:00Z").expect("time").with_timezone(&Utc);
        let e = read_only(at);
        assert_eq!(e.kind(), "read_only");
        assert!(e.to_string().contains("finalised on 23 Nov 2026 at 14:05 UTC"), "{e}");
        assert!(e.to_string().contains("Add an addendum"), "{e}");
    }
}
