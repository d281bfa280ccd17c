//! A date range of the reflection journal, gathered through the journal API for export: the
//! `journal` object of the JSON export (docs/export-schema.md). Items in the trash are left out;
//! everything is oldest first, the order a person reads a journal in.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;

use crate::journal::{
    self, ActivationEntry, ActivationFilter, EntryFilter, GratitudeEntry, GratitudeFilter, JournalEntry, MAX_PAGE,
    MoodCheckIn, MoodDay, MoodFilter, Page, ThoughtRecord, ThoughtRecordFilter,
};
use crate::vault::Vault;
use crate::{Error, Result};

/// Everything exported from the journal between two days.
#[derive(Debug, Clone, Serialize)]
pub struct JournalExport {
    /// When the export was made.
    pub exported_at: DateTime<Utc>,
    /// First day of the range, inclusive.
    pub from: NaiveDate,
    /// Last day of the range, inclusive.
    pub to: NaiveDate,
    /// Journal entries, oldest first.
    pub entries: Vec<JournalEntry>,
    /// Mood check-ins, oldest first.
    pub mood_checkins: Vec<MoodCheckIn>,
    /// The mood chart: one point per day with check-ins, oldest first.
    pub mood_series: Vec<MoodDay>,
    /// Thought records, oldest first.
    pub thought_records: Vec<ThoughtRecord>,
    /// The behavioural-activation log, oldest first.
    pub activation_log: Vec<ActivationEntry>,
    /// Gratitude entries, oldest first.
    pub gratitude: Vec<GratitudeEntry>,
    /// Files attached to the entries, in entry order (absent when there are none); the Markdown
    /// and JSON exports write each beside the document, at `file`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attachments: Vec<super::ExportedAttachment>,
}

/// The longest range one export covers (about 30 years): beyond this a date is a typo.
const MAX_DAYS: i64 = 366 * 30;

/// Gathers the journal from `from` to `to`, inclusive.
pub async fn gather_journal(vault: &Vault, from: NaiveDate, to: NaiveDate) -> Result<JournalExport> {
    if to < from {
        return Err(Error::invalid("To", format!("{to} is before the start of the range, {from}")));
    }
    if (to - from).num_days() > MAX_DAYS {
        return Err(Error::invalid("From", "the range is longer than 30 years; check the dates"));
    }
    let (f, t) = (Some(from), Some(to));
    let entries = all_pages(|offset| {
        journal::entries::list_entries(vault, EntryFilter { from: f, to: t, tag: None, limit: MAX_PAGE, offset })
    })
    .await?;
    // Which version of its text an entry or a thought record is matters to the merge only: an
    // export leaves it out.
    let entries: Vec<JournalEntry> =
        entries.into_iter().map(|e| JournalEntry { text_version: String::new(), ..e }).collect();
    let mood_checkins = all_pages(|offset| {
        journal::mood::list_mood_checkins(vault, MoodFilter { from: f, to: t, limit: MAX_PAGE, offset })
    })
    .await?;
    let thought_records = all_pages(|offset| {
        journal::thought_records::list_thought_records(
            vault,
            ThoughtRecordFilter { from: f, to: t, limit: MAX_PAGE, offset },
        )
    })
    .await?
    .into_iter()
    .map(|r| ThoughtRecord { text_version: None, ..r })
    .collect();
    let activation_log = all_pages(|offset| {
        journal::activation::list_activations(
            vault,
            ActivationFilter { from: f, to: t, status: None, limit: MAX_PAGE, offset },
        )
    })
    .await?;
    let gratitude = all_pages(|offset| {
        journal::gratitude::list_gratitude_entries(vault, GratitudeFilter { from: f, to: t, limit: MAX_PAGE, offset })
    })
    .await?;
    Ok(JournalExport {
        exported_at: crate::vault::now(),
        from,
        to,
        mood_series: journal::mood::mood_series(vault, from, to).await?,
        entries,
        mood_checkins,
        thought_records,
        activation_log,
        gratitude,
        attachments: Vec::new(),
    })
}

/// Reads every page of a newest-first list and returns the items oldest first.
async fn all_pages<T, F, Fut>(mut page: F) -> Result<Vec<T>>
where
    F: FnMut(u32) -> Fut,
    Fut: std::future::Future<Output = Result<Page<T>>>,
{
    let mut out = Vec::new();
    let mut offset = 0u32;
    loop {
        let p = page(offset).await?;
        let n = u32::try_from(p.items.len()).unwrap_or(u32::MAX);
        out.extend(p.items);
        if !p.has_more || n == 0 {
            break;
        }
        offset = offset.saturating_add(n);
    }
    out.reverse();
    Ok(out)
}
