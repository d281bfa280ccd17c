//! The client's reflection journal: entries with prompts, mood check-ins, thought records,
//! the behavioural-activation log, gratitude and the coping toolbox.
//!
//! Each part has its own file with its typed API (`add_…`, `get_…`, `list_…`, `update_…`,
//! `delete_…` (soft), `restore_…`). Inputs are validated here, before anything reaches the vault:
//! a bad value is an [`Error::Invalid`] naming the field as the user sees it, and nothing is
//! written. Validation rules are `crate::validate`'s; tagging and the trash come from the record-kind
//! registry (`crate::registry`).
//!
//! The client's own goals, self-assessments and safety plan belong to `practice` and `clinical`
//! (the same tables serve mentor and client); this module does not duplicate them.

pub mod activation;
pub mod coping;
pub mod daily_reminder;
pub mod entries;
pub mod gratitude;
pub mod mood;
pub mod prompts;
pub mod thought_records;

use serde::{Deserialize, Serialize};
use sqlx::sqlite::SqliteRow;

use crate::vault::{Params, Vault};
use crate::{Error, Result};

pub use activation::{ActivationEntry, ActivationFilter, ActivationStatus, NewActivation, WeeklyActivationSummary};
pub use coping::{CopingCategory, CopingStrategy, CopingSuggestion, NewCopingStrategy};
pub use entries::{EntryFilter, JournalEntry, JournalEntryUpdate, NewJournalEntry, TagCount};
pub use gratitude::{GratitudeEntry, GratitudeFilter, GratitudeItem, NewGratitudeEntry};
pub use mood::{MoodCheckIn, MoodDay, MoodFilter, NewMoodCheckIn};
pub use prompts::{Prompt, PromptTheme};
pub use thought_records::{AutomaticThought, NewThoughtRecord, RatedMood, ThoughtRecord, ThoughtRecordFilter};

/// One page of a list, newest first. `has_more` says whether another page follows.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, ts_rs::TS)]
pub struct Page<T> {
    /// The items on this page.
    pub items: Vec<T>,
    /// Whether asking for the next page (offset + limit) would return more.
    pub has_more: bool,
}

impl<T> Page<T> {
    /// Builds a page from up to `limit + 1` fetched rows: the extra row only signals `has_more`.
    pub(crate) fn from_overfetch(mut items: Vec<T>, limit: u32) -> Self {
        let limit = limit as usize;
        let has_more = items.len() > limit;
        items.truncate(limit);
        Page { items, has_more }
    }
}

/// One page of a list query whose last two parameters are its `LIMIT` and `OFFSET` (`params` are
/// the ones before them): the size clamped by [`page_limit`], one extra row fetched for `has_more`.
pub(crate) async fn fetch_page<T>(
    vault: &Vault,
    sql: &'static str,
    mut params: Params,
    limit: u32,
    offset: u32,
) -> Result<Page<T>>
where
    T: for<'r> sqlx::FromRow<'r, SqliteRow> + Send + Unpin + 'static,
{
    let limit = page_limit(limit);
    params.extend(crate::params![limit + 1, offset]);
    Ok(Page::from_overfetch(vault.fetch_all(sql, params).await?, limit))
}

/// The largest page a list call returns; bigger requests are clamped.
pub const MAX_PAGE: u32 = 500;

/// Clamps a requested page size to `1..=MAX_PAGE` (0 means "the default", 50).
pub(crate) fn page_limit(limit: u32) -> u32 {
    match limit {
        0 => 50,
        n => n.min(MAX_PAGE),
    }
}

pub(crate) use crate::validate::{clean_text, line as clean_line, required_line};

/// Free text (a note, a body): control characters removed, trailing whitespace trimmed.
pub(crate) fn clean_body(field: &str, s: &str) -> Result<String> {
    /// About 200 pages of text: far beyond any real entry, small enough to keep the vault snappy.
    const MAX_BODY_CHARS: usize = 500_000;
    let cleaned = clean_text(s).trim_end().to_owned();
    if cleaned.chars().count() > MAX_BODY_CHARS {
        return Err(Error::invalid(field, "this text is too long; split it into several entries"));
    }
    Ok(cleaned)
}

/// Checks that a rating lies in `lo..=hi`.
pub(crate) fn check_range(field: &str, value: i64, lo: i64, hi: i64) -> Result<i64> {
    if (lo..=hi).contains(&value) {
        Ok(value)
    } else {
        Err(Error::invalid(field, format!("must be a whole number from {lo} to {hi} (got {value})")))
    }
}

/// Checks an optional rating.
pub(crate) fn check_optional_range(field: &str, value: Option<i64>, lo: i64, hi: i64) -> Result<Option<i64>> {
    value.map(|v| check_range(field, v, lo, hi)).transpose()
}

/// Refuses a day that has not begun anywhere on Earth ([`crate::validate::begun_somewhere`]).
/// This is the rule for every stored day, including an imported entry written today in
/// Auckland, which is tomorrow in London, and an edit on this computer of an entry another
/// computer, ahead of this one, dated its own today (decision 79). A day a person *chooses* here
/// is held to this computer's today as well ([`crate::validate::chosen_day`]).
pub(crate) fn check_not_future(field: &str, day: chrono::NaiveDate) -> Result<chrono::NaiveDate> {
    crate::validate::begun_somewhere(field, day)?;
    Ok(day)
}

/// A required day that has begun somewhere ([`check_not_future`]).
pub(crate) fn required_day(field: &str, day: Option<chrono::NaiveDate>) -> Result<chrono::NaiveDate> {
    check_not_future(field, day.ok_or_else(|| Error::invalid(field, "this is required"))?)
}

/// Tidies a tag list ([`crate::validate::tags`]).
pub(crate) fn normalise_tags(tags: &[String]) -> Result<Vec<String>> {
    crate::validate::tags("tags", tags)
}

pub(crate) use crate::registry::add_tags;

/// Parses a JSON array of strings produced by `json_group_array` in a query.
pub(crate) fn parse_string_list(json: Option<String>) -> Result<Vec<String>> {
    match json {
        None => Ok(Vec::new()),
        Some(text) => serde_json::from_str(&text).map_err(|e| Error::Internal { detail: format!("tag list: {e}") }),
    }
}

/// Parses a JSON column this module wrote; a parse failure means the row is damaged.
pub(crate) fn parse_json_column<T: serde::de::DeserializeOwned>(what: &str, json: &str) -> Result<T> {
    serde_json::from_str(json).map_err(|_| Error::damaged(format!("a saved {what} could not be read")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_text_strips_highlight_markers_but_keeps_lines() {
        assert_eq!(clean_text("a\u{1}b\u{2}c\nd\te\u{7}"), "abc\nd\te");
    }

    #[test]
    fn tags_are_trimmed_and_deduplicated_case_insensitively() {
        let tags = normalise_tags(&["  Work ".into(), "work".into(), "".into(), "sleep".into()]).expect("valid tags");
        assert_eq!(tags, vec!["Work".to_owned(), "sleep".to_owned()]);
        let long = "x".repeat(65);
        assert!(matches!(normalise_tags(&[long]), Err(Error::Invalid { field, .. }) if field == "tags"));
    }

    #[test]
    fn ranges_name_the_field_and_the_bounds() {
        assert_eq!(check_range("mood", 10, 1, 10).expect("in range"), 10);
        let err = check_range("mood", 11, 1, 10).expect_err("out of range");
        assert_eq!(err.to_string(), "mood: must be a whole number from 1 to 10 (got 11)");
        assert!(check_optional_range("energy", None, 1, 10).expect("absent is fine").is_none());
    }

    #[test]
    fn required_lines_refuse_blank_text() {
        assert!(
            matches!(required_line("situation", "  \n ", 100), Err(Error::Invalid { field, .. }) if field == "situation")
        );
        assert_eq!(required_line("situation", " at work\n", 100).expect("valid"), "at work");
    }

    #[test]
    fn pages_know_whether_more_follow() {
        let page = Page::from_overfetch(vec![1, 2, 3], 2);
        assert_eq!(page.items, vec![1, 2]);
        assert!(page.has_more);
        assert!(!Page::from_overfetch(vec![1, 2], 2).has_more);
        assert_eq!(page_limit(0), 50);
        assert_eq!(page_limit(10_000), MAX_PAGE);
    }
}
