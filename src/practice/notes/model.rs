//! The shapes of session notes: the stored note, the editor's draft, addenda, and the filter
//! for listing; and how a draft is checked before anything is written.

use crate::registry::generic::text_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::practice::check_day;
use crate::practice::templates::{NoteSection, NoteTemplate, arrange_sections, plain_text};
use crate::vault::Params;
use crate::{Error, Result, params};

text_enum! {
    /// How the session took place.
    #[derive(Default)]
    pub enum SessionMode {
        /// Face to face.
        #[default]
        InPerson = "in_person",
        /// A video call.
        Video = "video",
        /// A phone call.
        Phone = "phone",
    }
}

/// A dated addition to a finalised note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    /// A private note (the mentor's process notes): kept apart from the clinical record, never
    /// exported or shared unless chosen one by one. Set when the note is made; never changes.
    pub private: bool,
    /// Which version of the sections this is ("" for the first): the editor passes it back to
    /// [`super::save_draft_over`], so that a version saved meanwhile on another computer is kept
    /// aside rather than written over ([`crate::sync::conflicts`]).
    pub text_version: String,
}

impl SessionNote {
    /// The note's text, each section under its title.
    pub fn text(&self) -> String {
        plain_text(self.template, &self.sections)
    }
}

/// What the editor holds for a note: used to start one and for every save of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
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
    pub(super) fn validated(mut self) -> Result<NoteDraft> {
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

    /// The values of the columns a note and its revisions both keep, in their order: the day,
    /// the length, the mode, the template and the sections (as JSON).
    pub(super) fn columns(&self) -> Result<Params> {
        let sections = crate::practice::to_json(&self.sections)?;
        Ok(params![self.session_date, self.duration_minutes, self.mode.key(), self.template.as_str(), sections])
    }
}

/// Which notes to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
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
    /// `Some(true)`: private notes only; `Some(false)`: record notes only; `None`: both.
    pub private: Option<bool>,
    /// List the trash instead.
    pub deleted: bool,
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
}
