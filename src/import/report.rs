//! The dry-run report: what an import would bring in, before anything is written.

use std::collections::HashSet;

use chrono::{DateTime, NaiveDate, Utc};

use super::ImportedEntry;

/// What an import would bring in: counts, the date range, and anything the person should know
/// (items skipped, photos not carried over, moods without a score).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportReport {
    /// Entries that would be imported.
    pub entries: usize,
    /// Of those, entries whose mood has a 1–5 score, shown in the journal as a 1–10 mood. A mood
    /// word without a score (a Daylio custom mood) is kept as a tag instead and is not counted:
    /// the dry run said "6 with a mood" where the journal would show five (session 14's "Left" 5).
    pub with_mood: usize,
    /// Of those, entries with text or a title.
    pub with_text: usize,
    /// Different tags across all entries (compared ignoring case).
    pub distinct_tags: usize,
    /// Photos, audio recordings, videos and PDFs that will be attached to their entries.
    pub attachments: usize,
    /// Entries found more than once in the export, imported once.
    pub duplicates_in_export: usize,
    /// The oldest entry's date.
    pub first: Option<DateTime<Utc>>,
    /// The newest entry's date.
    pub last: Option<DateTime<Utc>>,
    /// The earliest calendar day an entry will be filed under (its own local day: for Day One,
    /// the day where it was written; this, not `first`'s UTC date, is what a person reads).
    pub first_day: Option<NaiveDate>,
    /// The latest calendar day an entry will be filed under.
    pub last_day: Option<NaiveDate>,
    /// Things the person should know before importing, one sentence each.
    pub warnings: Vec<String>,
}

impl ImportReport {
    /// Counts what `entries` holds.
    pub fn new(entries: &[ImportedEntry], duplicates_in_export: usize, warnings: Vec<String>) -> Self {
        // The tags the journal will hold: a mood word without a score becomes one too
        // (`store::journal_fields`), so the dry run's count matches the journal's.
        let tags: HashSet<String> = entries
            .iter()
            .flat_map(|entry| {
                let mood_tag = entry.mood.as_ref().filter(|m| m.score.is_none()).map(|m| format!("mood:{}", m.label));
                entry.tags.iter().cloned().chain(mood_tag).map(|tag| tag.to_lowercase())
            })
            .collect();
        Self {
            entries: entries.len(),
            with_mood: entries.iter().filter(|e| e.mood.as_ref().is_some_and(|m| m.score.is_some())).count(),
            with_text: entries.iter().filter(|e| !e.text.trim().is_empty() || e.title.is_some()).count(),
            distinct_tags: tags.len(),
            attachments: entries.iter().flat_map(|e| &e.media).filter(|m| m.missing.is_none()).count(),
            duplicates_in_export,
            first: entries.iter().map(|e| e.created_at).min(),
            last: entries.iter().map(|e| e.created_at).max(),
            first_day: entries.iter().map(|e| e.entry_date).min(),
            last_day: entries.iter().map(|e| e.entry_date).max(),
            warnings,
        }
    }
}
