//! A session note's history: revisions of its drafts (autosaves coalesced) and its linked goals.

use crate::registry::generic::text_enum;
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::{NoteDraft, SessionMode};
use crate::practice::templates::{NoteSection, NoteTemplate};
use crate::practice::{from_json, to_json};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// Autosaves closer together than this (from the start of the latest autosave revision) share
/// one revision row.
pub const AUTOSAVE_COALESCE: TimeDelta = TimeDelta::minutes(2);

text_enum! {
    /// What made a revision.
    pub enum RevisionKind {
        /// The editor's autosave while typing.
        Autosave = "autosave",
        /// A deliberate save (including the first one, when the note was started).
        Save = "save",
        /// The content as finalised (signed).
        Finalise = "finalise",
    }
}

/// One revision of a note: its content at a save.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NoteRevision {
    /// Record id.
    pub id: String,
    /// The note.
    pub note_id: String,
    /// When this revision was first written.
    pub started_at: DateTime<Utc>,
    /// When it last took a save (later than `started_at` when autosaves were coalesced).
    pub saved_at: DateTime<Utc>,
    /// What made it.
    pub kind: RevisionKind,
    /// The day of the session, as saved.
    pub session_date: NaiveDate,
    /// Length, minutes.
    pub duration_minutes: u32,
    /// Mode.
    pub mode: SessionMode,
    /// Template.
    pub template: NoteTemplate,
    /// Sections.
    pub sections: Vec<NoteSection>,
    /// Linked goals.
    pub goal_ids: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct RevisionRow {
    id: String,
    note_id: String,
    started_at: DateTime<Utc>,
    saved_at: DateTime<Utc>,
    kind: RevisionKind,
    session_date: NaiveDate,
    duration_minutes: i64,
    mode: SessionMode,
    template: NoteTemplate,
    sections: String,
    goal_ids: String,
}

/// Writes a revision for a save of `draft` at `now`: replaces the latest revision when that was an
/// autosave begun less than [`AUTOSAVE_COALESCE`] ago, otherwise adds one.
pub(super) async fn record_revision(
    w: &mut Writer<'_>,
    note_id: &str,
    kind: RevisionKind,
    draft: &NoteDraft,
    now: DateTime<Utc>,
) -> Result<()> {
    let latest: Option<(String, RevisionKind, DateTime<Utc>)> = w
        .fetch_optional(
            "SELECT id, kind, started_at FROM note_revisions WHERE note_id = ? ORDER BY started_at DESC, id DESC LIMIT 1",
            params![note_id],
        )
        .await?;
    let goals = to_json(&draft.goal_ids)?;
    match latest {
        Some((rev_id, latest_kind, started)) if replaces_latest(latest_kind, started, now) => {
            w.exec(
                "UPDATE note_revisions SET saved_at = ?, kind = ?, session_date = ?, duration_minutes = ?, mode = ?,
                    template = ?, sections = ?, goal_ids = ? WHERE id = ?",
                [params![now, kind.key()], draft.columns()?, params![goals, rev_id]].concat(),
            )
            .await?;
        }
        _ => {
            w.exec(
                "INSERT INTO note_revisions(id, note_id, started_at, saved_at, kind, session_date, duration_minutes,
                    mode, template, sections, goal_ids) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [params![vault::new_id(), note_id, now, now, kind.key()], draft.columns()?, params![goals]].concat(),
            )
            .await?;
        }
    }
    Ok(())
}

/// Whether a save at `now` replaces the latest revision rather than adding one: only a recent
/// autosave revision is replaced, so deliberate saves and finalising always stay in the history.
fn replaces_latest(latest: RevisionKind, started: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    latest == RevisionKind::Autosave && now - started < AUTOSAVE_COALESCE
}

/// Checks that every goal linked to a note is a live goal of the note's client.
pub(super) async fn check_goals(w: &mut Writer<'_>, client_id: &str, goal_ids: &[String]) -> Result<()> {
    for g in goal_ids {
        let found: Option<(String,)> = w
            .fetch_optional(
                "SELECT id FROM goals WHERE id = ? AND client_id = ? AND deleted_at IS NULL",
                params![g.as_str(), client_id],
            )
            .await?;
        if found.is_none() {
            return Err(Error::invalid("Goals", "a linked goal is not one of this client's goals (or was deleted)"));
        }
    }
    Ok(())
}

/// Replaces a note's linked goals.
pub(super) async fn set_goals(w: &mut Writer<'_>, note_id: &str, goal_ids: &[String]) -> Result<()> {
    w.exec("DELETE FROM session_note_goals WHERE note_id = ?", params![note_id]).await?;
    for g in goal_ids {
        w.exec("INSERT INTO session_note_goals(note_id, goal_id) VALUES (?, ?)", params![note_id, g.as_str()]).await?;
    }
    Ok(())
}

/// Every revision of a note, oldest first.
pub async fn list_revisions(vault: &Vault, note_id: &str) -> Result<Vec<NoteRevision>> {
    let rows: Vec<RevisionRow> = vault
        .fetch_all("SELECT * FROM note_revisions WHERE note_id = ? ORDER BY started_at, id", params![note_id])
        .await?;
    rows.into_iter()
        .map(|r| {
            Ok(NoteRevision {
                sections: from_json(&r.sections, "note revision")?,
                goal_ids: from_json(&r.goal_ids, "note revision")?,
                id: r.id,
                note_id: r.note_id,
                started_at: r.started_at,
                saved_at: r.saved_at,
                kind: r.kind,
                session_date: r.session_date,
                duration_minutes: u32::try_from(r.duration_minutes).unwrap_or(0),
                mode: r.mode,
                template: r.template,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_recent_autosave_is_replaced() {
        let t0 = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("time").with_timezone(&Utc);
        let soon = t0 + TimeDelta::seconds(119);
        let later = t0 + TimeDelta::seconds(120);
        assert!(replaces_latest(RevisionKind::Autosave, t0, soon));
        assert!(!replaces_latest(RevisionKind::Autosave, t0, later), "two minutes on, a new revision starts");
        assert!(!replaces_latest(RevisionKind::Save, t0, soon), "a deliberate save is never replaced");
        assert!(!replaces_latest(RevisionKind::Finalise, t0, soon));
    }
}
