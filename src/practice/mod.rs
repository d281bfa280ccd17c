//! The mentor's practice: clients, session notes, goals and action plans, appointments, and the
//! dashboard that draws them together.
//!
//! Each area is a module with plain serde + `sqlx::FromRow` structs and `verb_noun` functions
//! that take the [`Vault`]. Input is validated here, at the API, before
//! anything is written: a bad value comes back as [`Error::Invalid`] naming the field as the
//! user sees it, and nothing changes. This module holds the small helpers the areas share:
//! text and date validation, tags, and turning a user's search text into a safe FTS5 query.

pub mod appointments;
pub mod clients;
pub mod dashboard;
pub mod erasure;
pub mod goals;
pub mod ics;
pub mod notes;
mod recurrence;
pub mod retention;
pub mod templates;

use std::collections::HashMap;

use chrono::{Datelike, NaiveDate};

use crate::validate;
use crate::vault::{Vault, Writer};
use crate::{Error, Result, params};

/// Longest single-line text field (names, phone numbers, titles), in characters.
pub(crate) const SHORT_TEXT: usize = 200;
/// Longest free-text field (notes, addresses, needs, note sections), in characters.
pub(crate) const LONG_TEXT: usize = 100_000;
/// A required text field: control characters removed, trimmed, not empty, at most `max`
/// characters ([`crate::validate`]); and free text kept as written (leading spaces can matter in
/// notes), at most `max` characters.
pub(crate) use validate::{required_text, text as long_text};

/// An optional text field: cleaned and trimmed; blank becomes `None`; at most `max` characters.
pub(crate) fn optional_text(field: &str, value: Option<&str>, max: usize) -> Result<Option<String>> {
    let v = validate::trimmed_text(field, value.unwrap_or_default(), max)?;
    Ok((!v.is_empty()).then_some(v))
}

/// Earliest and latest years a day in a record may fall in: outside these a date is a typo
/// (a year of 0202, a birth date in 1800), not a real record.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2200;

/// Checks that a day is plausible for a record.
pub(crate) fn check_day(field: &str, day: NaiveDate) -> Result<NaiveDate> {
    if !(FIRST_YEAR..=LAST_YEAR).contains(&day.year()) {
        return Err(Error::invalid(field, format!("{day} is not a plausible date (years {FIRST_YEAR}–{LAST_YEAR})")));
    }
    Ok(day)
}

/// Parses a day as typed by a person or sent by the UI (`YYYY-MM-DD`).
pub fn parse_day(field: &str, text: &str) -> Result<NaiveDate> {
    let day = NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| Error::invalid(field, format!("“{}” is not a date; use YYYY-MM-DD", text.trim())))?;
    check_day(field, day)
}

/// Checks that `end` (when given) is not before `start` (when given).
pub(crate) fn check_order(field: &str, start: Option<NaiveDate>, end: Option<NaiveDate>) -> Result<()> {
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        return Err(Error::invalid(field, format!("{e} is before the start date {s}")));
    }
    Ok(())
}

/// The FTS5 query for a filter box: every word also matches as a prefix
/// ([`crate::search::query::prefix_query`]). `None` when there is nothing to search for.
pub fn fts_query(text: &str) -> Option<String> {
    crate::search::query::prefix_query(text)
}

/// Tidies a list of tags ([`validate::tags`]) and sorts it.
pub(crate) fn normalise_tags(tags: &[String]) -> Result<Vec<String>> {
    let mut out = validate::tags("Tag", tags)?;
    out.sort_by_key(|t| t.to_lowercase());
    Ok(out)
}

/// Checks, inside a write, that client `id` exists and is not in the trash.
pub(crate) async fn live_client(w: &mut Writer<'_>, id: &str) -> Result<()> {
    w.fetch_existing::<(String,)>(
        "SELECT id FROM clients WHERE id = ? AND deleted_at IS NULL",
        params![id],
        "That client",
    )
    .await
    .map(|_| ())
}

/// The tags of the records `ids` of one kind, by record id, each list sorted.
pub(crate) async fn load_tags(vault: &Vault, kind: &str, ids: &[String]) -> Result<HashMap<String, Vec<String>>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    if ids.is_empty() {
        return Ok(out);
    }
    // One query for the whole list: the ids travel as a JSON array.
    let ids_json = serde_json::to_string(ids).map_err(|e| Error::Internal { detail: e.to_string() })?;
    let rows: Vec<(String, String)> = vault
        .fetch_all(
            "SELECT item_id, tag FROM tags WHERE item_kind = ? AND item_id IN (SELECT value FROM json_each(?))
             ORDER BY tag COLLATE NOCASE",
            params![kind, ids_json],
        )
        .await?;
    for (id, tag) in rows {
        out.entry(id).or_default().push(tag);
    }
    Ok(out)
}

/// The current time at the precision the vault stores (milliseconds), for values that are both
/// written and handed back to the caller.
pub(crate) fn now_ms() -> chrono::DateTime<chrono::Utc> {
    use chrono::SubsecRound;
    crate::vault::now().trunc_subsecs(3)
}

/// Serialises a value the crate built itself (cannot fail for our plain types) to JSON text.
pub(crate) fn to_json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|e| Error::Internal { detail: format!("serialising: {e}") })
}

/// Parses JSON text that this crate wrote into the vault; failure means a damaged record.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|_| Error::damaged(format!("a {what} could not be read")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fts_query_quotes_words_and_drops_operators() {
        assert_eq!(fts_query("  anx  sleep").as_deref(), Some("\"anx\"* \"sleep\"*"));
        assert_eq!(fts_query("NEAR( OR -").as_deref(), Some("\"NEAR(\"* \"OR\"*"));
        assert_eq!(fts_query(" - * "), None);
    }

    #[test]
    fn text_validation_names_the_field() {
        let e = required_text("Name", "   ", 10).expect_err("blank");
        assert_eq!(e.to_string(), "Name: is required");
        let e = optional_text("Pronouns", Some("x".repeat(11).as_str()), 10).expect_err("long");
        assert!(e.to_string().starts_with("Pronouns: is too long"), "{e}");
        assert_eq!(optional_text("Pronouns", Some("  "), 10).expect("blank is none"), None);
        assert_eq!(required_text("Name", " Ana ", 10).expect("ok"), "Ana");
    }

    #[test]
    fn days_are_parsed_and_bounded() {
        assert_eq!(parse_day("Date", "2026-11-23").expect("ok"), NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"));
        assert!(parse_day("Date", "2026-02-30").expect_err("no such day").to_string().starts_with("Date:"));
        assert!(parse_day("Date", "23/11/2026").is_err());
        assert!(parse_day("Date", "0202-01-01").is_err());
    }

    #[test]
    fn tags_are_trimmed_deduplicated_and_sorted() {
        let tags = normalise_tags(&[" Grief ".into(), "anxiety".into(), "grief".into(), "".into()]).expect("ok");
        assert_eq!(tags, vec!["anxiety".to_owned(), "Grief".to_owned()]);
        assert!(normalise_tags(&["x".repeat(61)]).is_err());
    }
}
