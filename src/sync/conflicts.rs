//! Long texts changed on two computers at once: both versions kept, the person chooses
//! (issue 15, deliverable 2; docs/decisions.md 66).
//!
//! A journal entry's title and text, a session note's sections, a supervision note's notes and
//! actions, a thought record's worksheet, a client's notes and a goal's wording are *versioned*: each save
//! that changes them makes a new version and names the version it was made from (its *base*).
//! Every computer replays every computer's saves in the same order (docs/decisions.md 65); when
//! a save's base is not the version on show, its writer never saw that version. The save still
//! shows — the later save wins, as everywhere else in the merge — and the version it replaced
//! is kept aside in `text_conflicts`, with the computer that wrote it and when, until the
//! person chooses ([`keep_shown`] or [`use_version`]). The keeping is done by triggers in the
//! schema (migration `20261207010000_text_conflicts.sql`), so a save made here and the same
//! save replayed on another computer keep the same versions aside, and no change record ever
//! writes a conflict row itself.
//!
//! A note finalised on one computer while it was still being edited on another stays as it
//! was signed: the edit is kept beside it ([`TextConflict::after_final`]) and can be added as
//! an addendum.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::journal::thought_records::{AutomaticThought, NewThoughtRecord, RatedMood, ThoughtRecord};
use crate::practice::notes;
use crate::practice::templates::{NoteSection, NoteTemplate, plain_text};
use crate::vault::{Params, Vault};
use crate::{Result, params};

/// The kinds of record whose text is versioned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    /// A journal entry: its title and text.
    JournalEntry,
    /// A session note: its sections.
    SessionNote,
    /// A supervision note: what was discussed and the actions agreed.
    SupervisionNote,
    /// A thought record: its worksheet (all but its day).
    ThoughtRecord,
    /// A client: the mentor's notes about them.
    Client,
    /// A goal: its title and SMART parts (not its target date or status).
    Goal,
}

impl ConflictKind {
    /// The name in `text_conflicts.kind` (the registry's kind name).
    pub fn key(self) -> &'static str {
        match self {
            Self::JournalEntry => crate::registry::kinds::JOURNAL_ENTRY.kind,
            Self::SessionNote => crate::registry::kinds::SESSION_NOTE.kind,
            Self::SupervisionNote => crate::registry::kinds::SUPERVISION_NOTE.kind,
            Self::ThoughtRecord => crate::registry::kinds::THOUGHT_RECORD.kind,
            Self::Client => crate::registry::kinds::CLIENT.kind,
            Self::Goal => crate::registry::kinds::GOAL.kind,
        }
    }

    fn parse(key: &str) -> Option<Self> {
        [Self::JournalEntry, Self::SessionNote, Self::SupervisionNote, Self::ThoughtRecord, Self::Client, Self::Goal]
            .into_iter()
            .find(|k| k.key() == key)
    }
}

/// A version of a record's text kept aside because another version was saved over it without
/// seeing it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct TextConflict {
    /// What kind of record.
    pub kind: ConflictKind,
    /// The record's id.
    pub record_id: String,
    /// The version's id ("" for a record's first text): what [`keep_shown`] and
    /// [`use_version`] take.
    pub version: String,
    /// The computer that wrote it (32 hex digits), if known.
    pub device: Option<String>,
    /// That computer's name as the list of computers has it, or "<name> (no longer listed)"
    /// once it was taken off the list ([`Vault::computer_names`]); `None` if neither knows it
    /// (removed before names were kept, or never opened this vault with a build that names
    /// computers).
    pub device_name: Option<String>,
    /// When it was saved.
    pub written_at: DateTime<Utc>,
    /// A journal entry's or a goal's title; empty for the other kinds.
    pub title: String,
    /// A journal entry's text, a note's sections as plain text (each under its title), a
    /// supervision note's notes and then, if any, "Actions: …", a thought record's worksheet
    /// as plain text ([`ThoughtRecordText::plain_text`]), a client's notes, or a goal's SMART
    /// parts ([`GoalText::plain_text`]).
    pub text: String,
    /// A note's sections; empty for the other kinds.
    pub sections: Vec<NoteSection>,
    /// A supervision note's notes and actions; `None` for the other kinds.
    pub supervision: Option<SupervisionText>,
    /// An edit saved on another computer before it saw the note finalised: it stays beside the
    /// note, which keeps the text that was signed. Choosing it adds it as an addendum.
    pub after_final: bool,
}

/// A supervision note's versioned words, as kept aside.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SupervisionText {
    /// What was discussed.
    pub notes: String,
    /// Actions agreed.
    pub actions: String,
}

impl SupervisionText {
    /// The notes, then "Actions: …" on a paragraph of its own if any were agreed (as the
    /// window's list of supervision notes shows them).
    pub fn plain_text(&self) -> String {
        match (self.notes.is_empty(), self.actions.is_empty()) {
            (_, true) => self.notes.clone(),
            (true, false) => format!("Actions: {}", self.actions),
            (false, false) => format!("{}\n\nActions: {}", self.notes, self.actions),
        }
    }
}

/// A thought record's versioned worksheet, as kept aside (JSON in `text_conflicts.text`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ThoughtRecordText {
    situation: String,
    moods: Vec<RatedMood>,
    automatic_thoughts: Vec<AutomaticThought>,
    evidence_for: String,
    evidence_against: String,
    balanced_thought: String,
    balanced_belief: Option<i64>,
}

impl ThoughtRecordText {
    /// The worksheet as a person reads it: a paragraph per part, empty parts left out —
    /// "Situation: …", "Moods: hurt 70% → 30%, tired 40%", "Automatic thoughts: …" (the hot
    /// one marked, each with its belief), "Evidence for: …", "Evidence against: …", "Balanced
    /// thought (believed 60%): …".
    pub(crate) fn plain_text(&self) -> String {
        let pct = |v: Option<i64>| v.map(|b| format!(" {b}%")).unwrap_or_default();
        let moods = self
            .moods
            .iter()
            .map(|m| {
                format!("{} {}%{}", m.name, m.intensity, m.rerated.map(|r| format!(" → {r}%")).unwrap_or_default())
            })
            .collect::<Vec<_>>()
            .join(", ");
        let thoughts = self
            .automatic_thoughts
            .iter()
            .map(|t| {
                let belief = t.belief.map(|b| format!("believed {b}%")).into_iter();
                let notes: Vec<String> = belief.chain(t.hot.then(|| "the hot thought".to_owned())).collect();
                if notes.is_empty() { t.text.clone() } else { format!("{} ({})", t.text, notes.join(", ")) }
            })
            .collect::<Vec<_>>()
            .join("; ");
        let balanced = match self.balanced_belief {
            Some(_) => format!("Balanced thought (believed{})", pct(self.balanced_belief)),
            None => "Balanced thought".to_owned(),
        };
        [
            ("Situation".to_owned(), self.situation.clone()),
            ("Moods".to_owned(), moods),
            ("Automatic thoughts".to_owned(), thoughts),
            ("Evidence for".to_owned(), self.evidence_for.clone()),
            ("Evidence against".to_owned(), self.evidence_against.clone()),
            (balanced, self.balanced_thought.clone()),
        ]
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| format!("{label}: {text}"))
        .collect::<Vec<_>>()
        .join("\n\n")
    }

    /// A stored record's worksheet.
    pub(crate) fn of(r: &ThoughtRecord) -> Self {
        Self {
            situation: r.situation.clone(),
            moods: r.moods.clone(),
            automatic_thoughts: r.automatic_thoughts.clone(),
            evidence_for: r.evidence_for.clone(),
            evidence_against: r.evidence_against.clone(),
            balanced_thought: r.balanced_thought.clone(),
            balanced_belief: r.balanced_belief,
        }
    }

    /// The record `current` with this worksheet in it (its day kept).
    fn into_record(self, current: &ThoughtRecord) -> NewThoughtRecord {
        NewThoughtRecord {
            record_date: Some(current.record_date),
            situation: self.situation,
            moods: self.moods,
            automatic_thoughts: self.automatic_thoughts,
            evidence_for: self.evidence_for,
            evidence_against: self.evidence_against,
            balanced_thought: self.balanced_thought,
            balanced_belief: self.balanced_belief,
        }
    }
}

/// A goal's versioned SMART parts, as kept aside (JSON in `text_conflicts.text`; its title is
/// in `text_conflicts.title`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GoalText {
    specific: String,
    measurable: String,
    achievable: String,
    relevant: String,
}

impl GoalText {
    /// A paragraph per part, empty ones left out: "Specific: …", "Measurable: …",
    /// "Achievable: …", "Relevant: …" (the words the goal form uses).
    pub(crate) fn plain_text(&self) -> String {
        [
            ("Specific", &self.specific),
            ("Measurable", &self.measurable),
            ("Achievable", &self.achievable),
            ("Relevant", &self.relevant),
        ]
        .into_iter()
        .filter(|(_, text)| !text.trim().is_empty())
        .map(|(label, text)| format!("{label}: {text}"))
        .collect::<Vec<_>>()
        .join("\n\n")
    }

    /// A stored goal's SMART parts.
    pub(crate) fn of(g: &crate::practice::goals::Goal) -> Self {
        Self {
            specific: g.specific.clone(),
            measurable: g.measurable.clone(),
            achievable: g.achievable.clone(),
            relevant: g.relevant.clone(),
        }
    }
}

/// A record with versions kept aside, for lists and `wellkept sync status`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ConflictedRecord {
    /// What kind of record.
    pub kind: ConflictKind,
    /// The record's id.
    pub record_id: String,
    /// How a person finds it: "Journal entry of 2026-12-01 “Title”", "Session note of
    /// 2026-12-01 with Sam Doe".
    pub label: String,
    /// How many versions are kept aside.
    pub versions: u32,
}

/// The version columns a save of a versioned text writes (`text_version`, `text_base`,
/// `text_by`), decided inside the save's write from the row as it is then.
pub(crate) struct Versions {
    version: Option<String>,
    base: Option<String>,
    by: Option<String>,
}

impl Versions {
    /// `current` and `current_by`: the version on show and its computer. `base`: the version
    /// the edit was made from — `None` for the one on show now, `Some("")` for the record's
    /// first text. `unchanged`: the edit leaves the text as it is on show, so it is no new
    /// version (a change of mood alone never conflicts). `fresh`: a new version id; `me`: this
    /// computer.
    pub(crate) fn of(
        current: Option<String>,
        current_by: Option<String>,
        base: Option<String>,
        unchanged: bool,
        fresh: String,
        me: String,
    ) -> Self {
        let base = match base {
            None => current.clone(),
            Some(b) if b.is_empty() => None,
            Some(b) => Some(b),
        };
        if unchanged && base == current {
            Self { version: current.clone(), base: current, by: current_by }
        } else {
            Self { version: Some(fresh), base, by: Some(me) }
        }
    }

    /// `text_version`, `text_base`, `text_by`, in that order.
    pub(crate) fn columns(&self) -> Params {
        params![&self.version, &self.base, &self.by]
    }
}

type ConflictRow = (String, String, String, Option<String>, DateTime<Utc>, String, String, bool, Option<NoteTemplate>);

/// The versions kept aside for one record, oldest first.
pub async fn for_record(vault: &Vault, kind: ConflictKind, record_id: &str) -> Result<Vec<TextConflict>> {
    let rows: Vec<ConflictRow> = vault
        .fetch_all(
            "SELECT c.kind, c.record_id, c.version, c.device, c.written_at, c.title, c.text, c.after_final, \
                    (SELECT n.template FROM session_notes n WHERE n.id = c.record_id) \
               FROM text_conflicts c WHERE c.kind = ? AND c.record_id = ? ORDER BY c.written_at, c.version",
            params![kind.key(), record_id],
        )
        .await?;
    let names = vault.computer_names().await.unwrap_or_default();
    rows.into_iter().map(|row| conflict_from_row(row, &names)).collect()
}

fn conflict_from_row(row: ConflictRow, names: &std::collections::HashMap<String, String>) -> Result<TextConflict> {
    let (kind, record_id, version, device, written_at, title, text, after_final, template) = row;
    let kind = ConflictKind::parse(&kind)
        .ok_or_else(|| crate::Error::damaged(format!("a kept-aside version names an unknown kind ({kind})")))?;
    let (text, sections, supervision) = match kind {
        ConflictKind::JournalEntry => (text, Vec::new(), None),
        ConflictKind::SessionNote => {
            let sections: Vec<NoteSection> = crate::practice::from_json(&text, "kept-aside note version")?;
            (plain_text(template.unwrap_or_default(), &sections), sections, None)
        }
        ConflictKind::SupervisionNote => {
            let words: SupervisionText = crate::practice::from_json(&text, "kept-aside supervision note version")?;
            (words.plain_text(), Vec::new(), Some(words))
        }
        ConflictKind::ThoughtRecord => {
            let worksheet: ThoughtRecordText = crate::practice::from_json(&text, "kept-aside thought record version")?;
            (worksheet.plain_text(), Vec::new(), None)
        }
        ConflictKind::Client => (text, Vec::new(), None),
        ConflictKind::Goal => {
            let parts: GoalText = crate::practice::from_json(&text, "kept-aside goal version")?;
            (parts.plain_text(), Vec::new(), None)
        }
    };
    let device_name = device.as_ref().and_then(|d| names.get(d).cloned());
    Ok(TextConflict {
        kind,
        record_id,
        version,
        device,
        device_name,
        written_at,
        title,
        text,
        sections,
        supervision,
        after_final,
    })
}

/// Every record with versions kept aside, by kind (clients' notes, goals, journal entries,
/// session notes, supervision notes, thought records), each kind by its label (so by date, or
/// for goals by title).
pub async fn all(vault: &Vault) -> Result<Vec<ConflictedRecord>> {
    let rows: Vec<(String, String, String, i64)> = vault
        .fetch_all(
            "SELECT c.kind, c.record_id, \
                    CASE c.kind \
                      WHEN 'journal_entry' THEN (SELECT 'Journal entry of ' || e.entry_date || \
                           CASE WHEN e.title = '' THEN '' ELSE ' “' || e.title || '”' END \
                           FROM journal_entries e WHERE e.id = c.record_id) \
                      WHEN 'session_note' THEN (SELECT 'Session note of ' || n.session_date || ' with ' || k.name \
                           FROM session_notes n JOIN clients k ON k.id = n.client_id WHERE n.id = c.record_id) \
                      WHEN 'supervision_note' THEN (SELECT 'Supervision note of ' || s.held_on || ' with ' || s.supervisor \
                           FROM supervision_notes s WHERE s.id = c.record_id) \
                      WHEN 'thought_record' THEN (SELECT 'Thought record of ' || t.record_date \
                           FROM thought_records t WHERE t.id = c.record_id) \
                      WHEN 'goal' THEN (SELECT 'Goal “' || g.title || '”' || \
                           CASE WHEN g.client_id IS NULL THEN ' (your own)' ELSE ' for ' || k.name END \
                           FROM goals g LEFT JOIN clients k ON k.id = g.client_id WHERE g.id = c.record_id) \
                      ELSE (SELECT 'Notes on ' || k.name FROM clients k WHERE k.id = c.record_id) \
                    END AS label, \
                    count(*) \
               FROM text_conflicts c GROUP BY c.kind, c.record_id ORDER BY c.kind, label, c.record_id",
            params![],
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(kind, record_id, label, versions)| {
            Some(ConflictedRecord {
                kind: ConflictKind::parse(&kind)?,
                record_id,
                label,
                versions: u32::try_from(versions).unwrap_or(u32::MAX),
            })
        })
        .collect())
}

/// The person keeps the version on show: the version kept aside is let go.
pub async fn keep_shown(vault: &Vault, kind: ConflictKind, record_id: &str, version: &str) -> Result<()> {
    vault
        .exec_one(
            "DELETE FROM text_conflicts WHERE kind = ? AND record_id = ? AND version = ?",
            params![kind.key(), record_id, version],
            "That version",
        )
        .await
}

/// The person takes the version kept aside: it becomes the version on show (saved as a new
/// version made from the one on show, so nothing else is set aside), and is no longer kept
/// aside. For a finalised note, it is added to the note as a dated addendum instead: the signed
/// text never changes.
pub async fn use_version(vault: &Vault, kind: ConflictKind, record_id: &str, version: &str) -> Result<()> {
    // The one version, without the computers' names (`for_record` decrypts every device file
    // for those, and choosing needs only the words).
    let row: ConflictRow = vault
        .fetch_optional(
            "SELECT c.kind, c.record_id, c.version, c.device, c.written_at, c.title, c.text, c.after_final, \
                    (SELECT n.template FROM session_notes n WHERE n.id = c.record_id) \
               FROM text_conflicts c WHERE c.kind = ? AND c.record_id = ? AND c.version = ?",
            params![kind.key(), record_id, version],
        )
        .await?
        .ok_or(crate::Error::NotFound { what: "That version" })?;
    let words = row.6.clone();
    let kept = conflict_from_row(row, &std::collections::HashMap::new())?;
    match kind {
        ConflictKind::JournalEntry => {
            let entry = crate::journal::entries::get_entry(vault, record_id).await?;
            let update = crate::journal::entries::JournalEntryUpdate {
                entry_date: Some(entry.entry_date),
                title: kept.title,
                body: kept.text,
                prompt: entry.prompt,
                mood: entry.mood,
                tags: entry.tags,
                base: Some(entry.text_version),
            };
            crate::journal::entries::update_entry(vault, record_id, update).await?;
        }
        ConflictKind::SessionNote => {
            let note = notes::get_note(vault, record_id).await?;
            if note.finalised_at.is_some() {
                // A finalised note keeps the text that was signed; what was written beside it
                // joins it as a dated addendum.
                notes::add_addendum(vault, record_id, &kept.text).await?;
            } else {
                let draft = notes::NoteDraft {
                    session_date: note.session_date,
                    duration_minutes: note.duration_minutes,
                    mode: note.mode,
                    template: note.template,
                    sections: kept.sections,
                    goal_ids: note.goal_ids,
                };
                notes::save_note_over(vault, record_id, draft, Some(note.text_version)).await?;
            }
        }
        ConflictKind::SupervisionNote => {
            use crate::clinical::supervision;
            let note = supervision::get_supervision_note(vault, record_id).await?;
            // Always there for this kind: `conflict_from_row` reads it from the kept JSON.
            let words = kept
                .supervision
                .ok_or_else(|| crate::Error::damaged("a kept-aside supervision note version has no words"))?;
            let input = supervision::SupervisionInput {
                held_on: note.held_on,
                supervisor: note.supervisor,
                notes: words.notes,
                actions: words.actions,
            };
            let base = Some(note.text_version.unwrap_or_default());
            supervision::update_supervision_note(vault, record_id, input, base).await?;
        }
        ConflictKind::ThoughtRecord => {
            use crate::journal::thought_records;
            let current = thought_records::get_thought_record(vault, record_id).await?;
            let worksheet: ThoughtRecordText = crate::practice::from_json(&words, "kept-aside thought record version")?;
            let base = Some(current.text_version.clone().unwrap_or_default());
            thought_records::update_thought_record(vault, record_id, worksheet.into_record(&current), base).await?;
        }
        ConflictKind::Client => {
            use crate::practice::clients;
            let current = clients::get_client(vault, record_id).await?;
            let patch = clients::ClientPatch {
                notes: Some(words),
                notes_base: Some(current.text_version.unwrap_or_default()),
                ..clients::ClientPatch::default()
            };
            clients::update_client(vault, record_id, patch).await?;
        }
        ConflictKind::Goal => {
            use crate::practice::goals;
            let current = goals::get_goal(vault, record_id).await?;
            let parts: GoalText = crate::practice::from_json(&words, "kept-aside goal version")?;
            let edit = goals::GoalEdit {
                title: kept.title,
                specific: parts.specific,
                measurable: parts.measurable,
                achievable: parts.achievable,
                relevant: parts.relevant,
                target_date: current.target_date,
            };
            let base = Some(current.text_version.unwrap_or_default());
            goals::update_goal(vault, record_id, edit, base).await?;
        }
    }
    keep_shown(vault, kind, record_id, version).await
}
