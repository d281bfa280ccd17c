//! How session notes come out of the database: the stored row, and assembling rows into
//! [`SessionNote`]s with their addenda in one extra query.

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, Utc};

use super::{Addendum, NoteDraft, SessionMode, SessionNote};
use crate::practice::templates::{NoteSection, NoteTemplate};
use crate::practice::{from_json, to_json};
use crate::vault::Vault;
use crate::{Result, params};

/// One note with its goal ids as a JSON array.
pub(super) const SELECT_NOTE: &str = "SELECT n.*,
        (SELECT json_group_array(goal_id ORDER BY goal_id) FROM session_note_goals g WHERE g.note_id = n.id) AS goal_ids
     FROM session_notes n WHERE n.id = ?";

/// A `session_notes` row plus its goal ids (JSON).
#[derive(Debug, sqlx::FromRow)]
pub(super) struct NoteRow {
    pub id: String,
    pub client_id: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub session_date: NaiveDate,
    pub duration_minutes: i64,
    pub mode: SessionMode,
    pub template: NoteTemplate,
    pub sections: String,
    pub goal_ids: String,
    pub finalised_at: Option<DateTime<Utc>>,
    pub deleted_at: Option<DateTime<Utc>>,
    pub private: bool,
    pub text_version: Option<String>,
    pub text_by: Option<String>,
}

impl NoteRow {
    /// The row's content as a draft.
    pub fn draft(&self) -> Result<NoteDraft> {
        Ok(NoteDraft {
            session_date: self.session_date,
            // The schema's CHECK keeps this within 1..=600.
            duration_minutes: u32::try_from(self.duration_minutes).unwrap_or(0),
            mode: self.mode,
            template: self.template,
            sections: from_json::<Vec<NoteSection>>(&self.sections, "session note")?,
            goal_ids: from_json::<Vec<String>>(&self.goal_ids, "session note's goals")?,
        })
    }

    /// Whether saving `draft` would change nothing (a damaged row always counts as changed).
    pub fn same_content(&self, draft: &NoteDraft) -> bool {
        self.draft().is_ok_and(|d| &d == draft)
    }

    fn into_note(self, addenda: Vec<Addendum>) -> Result<SessionNote> {
        let d = self.draft()?;
        Ok(SessionNote {
            id: self.id,
            client_id: self.client_id,
            created_at: self.created_at,
            updated_at: self.updated_at,
            session_date: d.session_date,
            duration_minutes: d.duration_minutes,
            mode: d.mode,
            template: d.template,
            sections: d.sections,
            goal_ids: d.goal_ids,
            finalised_at: self.finalised_at,
            deleted_at: self.deleted_at,
            addenda,
            private: self.private,
            text_version: self.text_version.unwrap_or_default(),
        })
    }
}

/// Turns rows into notes, fetching every row's addenda in one query.
pub(super) async fn load_notes(vault: &Vault, rows: Vec<NoteRow>) -> Result<Vec<SessionNote>> {
    let ids: Vec<&str> = rows.iter().filter(|r| r.finalised_at.is_some()).map(|r| r.id.as_str()).collect();
    let mut addenda: HashMap<String, Vec<Addendum>> = HashMap::new();
    if !ids.is_empty() {
        let found: Vec<Addendum> = vault
            .fetch_all(
                "SELECT * FROM note_addenda WHERE note_id IN (SELECT value FROM json_each(?)) ORDER BY added_at, id",
                params![to_json(&ids)?],
            )
            .await?;
        for a in found {
            addenda.entry(a.note_id.clone()).or_default().push(a);
        }
    }
    rows.into_iter()
        .map(|r| {
            let mine = addenda.remove(&r.id).unwrap_or_default();
            r.into_note(mine)
        })
        .collect()
}
