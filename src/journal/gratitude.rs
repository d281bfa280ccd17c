//! Gratitude entries in the "three good things" style: for a day, a short list of things that
//! went well, each with why it happened (the "why" is what makes the exercise work).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{Page, clean_line, fetch_page, parse_json_column, required_day};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// The search/trash kind of gratitude entries.
pub const KIND: &str = crate::registry::kinds::GRATITUDE.kind;

/// The most good things one entry holds.
pub const MAX_ITEMS: usize = 10;

/// One good thing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct GratitudeItem {
    /// What went well.
    pub thing: String,
    /// Why it happened (optional, encouraged).
    #[serde(default)]
    pub why: String,
}

/// A gratitude entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct GratitudeEntry {
    /// Its id.
    pub id: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// The day it is about.
    pub entry_date: NaiveDate,
    /// The good things, in the order written.
    pub items: Vec<GratitudeItem>,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for GratitudeEntry {
    fn from_row(row: &'r SqliteRow) -> sqlx::Result<Self> {
        let items: String = row.try_get("items")?;
        Ok(GratitudeEntry {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            entry_date: row.try_get("entry_date")?,
            items: parse_json_column("gratitude entry", &items)
                .map_err(|e| sqlx::Error::Decode(e.to_string().into()))?,
            deleted_at: row.try_get("deleted_at")?,
        })
    }
}

/// A new gratitude entry, or the full new contents of one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct NewGratitudeEntry {
    /// The day (required, not in the future).
    pub entry_date: Option<NaiveDate>,
    /// One to [`MAX_ITEMS`] good things; blank rows are dropped.
    pub items: Vec<GratitudeItem>,
}

/// Which gratitude entries to list. Defaults: all, newest first, 50 per page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct GratitudeFilter {
    /// Earliest day, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest day, inclusive.
    pub to: Option<NaiveDate>,
    /// Page size (0 = 50).
    pub limit: u32,
    /// Entries to skip.
    pub offset: u32,
}

/// Validated entry: the day, the items as JSON, and the same words as plain lines for search.
fn check(input: &NewGratitudeEntry) -> Result<(NaiveDate, String, String)> {
    let day = required_day("date", input.entry_date)?;
    let mut items = Vec::new();
    for item in &input.items {
        let thing = clean_line("good thing", &item.thing, 500)?;
        let why = clean_line("why it happened", &item.why, 1000)?;
        if thing.is_empty() {
            if why.is_empty() {
                continue; // an untouched blank row in the form
            }
            return Err(Error::invalid("good thing", "say what went well before why it happened"));
        }
        items.push(GratitudeItem { thing, why });
    }
    if items.is_empty() {
        return Err(Error::invalid("good thing", "write at least one good thing"));
    }
    if items.len() > MAX_ITEMS {
        return Err(Error::invalid("good thing", format!("keep it to {MAX_ITEMS} good things per entry")));
    }
    let text = items
        .iter()
        .map(|i| if i.why.is_empty() { i.thing.clone() } else { format!("{} — {}", i.thing, i.why) })
        .collect::<Vec<_>>()
        .join("\n");
    let json = serde_json::to_string(&items).map_err(|e| Error::Internal { detail: e.to_string() })?;
    Ok((day, json, text))
}

macro_rules! gratitude_select {
    () => {
        "SELECT id, created_at, updated_at, entry_date, items, deleted_at FROM gratitude_entries "
    };
}

/// What "not found" calls a gratitude entry.
const WHAT: &str = "That gratitude entry";
/// One gratitude entry by id.
const GET: &str = concat!(gratitude_select!(), "WHERE id = ?");

/// Saves a gratitude entry.
pub async fn add_gratitude_entry(vault: &Vault, new: NewGratitudeEntry) -> Result<GratitudeEntry> {
    let (day, items, text) = check(&new)?;
    crate::validate::chosen_day("date", day, None)?;
    let (id, now) = (vault::new_id(), vault::now());
    vault
        .exec_and_fetch(
            "INSERT INTO gratitude_entries(id, created_at, updated_at, entry_date, items, items_text) \
                     VALUES (?, ?, ?, ?, ?, ?)",
            params![id.as_str(), now, now, day, items, text],
            GET,
            &id,
            WHAT,
        )
        .await
}

/// One gratitude entry by id (also from the trash).
pub async fn get_gratitude_entry(vault: &Vault, id: &str) -> Result<GratitudeEntry> {
    vault.fetch_existing(GET, params![id], WHAT).await
}

/// Replaces a gratitude entry's contents (not in the trash).
pub async fn update_gratitude_entry(vault: &Vault, id: &str, update: NewGratitudeEntry) -> Result<GratitudeEntry> {
    let (day, items, text) = check(&update)?;
    crate::validate::chosen_day("date", day, Some(get_gratitude_entry(vault, id).await?.entry_date))?;
    let changed = vault
        .exec_and_fetch(
            "UPDATE gratitude_entries SET updated_at = ?, entry_date = ?, items = ?, items_text = ? \
                         WHERE id = ? AND deleted_at IS NULL",
            params![vault::now(), day, items, text, id],
            GET,
            id,
            WHAT,
        )
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// Gratitude entries not in the trash, newest first, one page.
pub async fn list_gratitude_entries(vault: &Vault, filter: GratitudeFilter) -> Result<Page<GratitudeEntry>> {
    let sql = concat!(
        gratitude_select!(),
        "WHERE deleted_at IS NULL AND (?1 IS NULL OR entry_date >= ?1) AND (?2 IS NULL OR entry_date <= ?2) \
         ORDER BY entry_date DESC, created_at DESC, id DESC LIMIT ?3 OFFSET ?4"
    );
    fetch_page(vault, sql, params![filter.from, filter.to], filter.limit, filter.offset).await
}

/// Moves a gratitude entry to the trash.
pub async fn delete_gratitude_entry(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::GRATITUDE.delete(vault, id).await
}

/// Takes a gratitude entry back out of the trash.
pub async fn restore_gratitude_entry(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::GRATITUDE.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(thing: &str, why: &str) -> GratitudeItem {
        GratitudeItem { thing: thing.into(), why: why.into() }
    }

    #[test]
    fn blank_rows_are_dropped_and_the_search_text_pairs_thing_and_why() {
        let input = NewGratitudeEntry {
            entry_date: NaiveDate::from_ymd_opt(2026, 11, 1),
            items: vec![item("Sunny walk", "I went out early"), item("", ""), item("Soup", "")],
        };
        let (_, json, text) = check(&input).expect("valid");
        assert_eq!(text, "Sunny walk — I went out early\nSoup");
        let back: Vec<GratitudeItem> = serde_json::from_str(&json).expect("items JSON");
        assert_eq!(back.len(), 2);
    }

    #[test]
    fn an_entry_needs_a_good_thing_and_a_why_needs_its_thing() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 1);
        let empty = NewGratitudeEntry { entry_date: day, items: vec![item(" ", "")] };
        assert!(matches!(check(&empty), Err(Error::Invalid { field, .. }) if field == "good thing"));
        let orphan_why = NewGratitudeEntry { entry_date: day, items: vec![item("", "because")] };
        assert!(matches!(check(&orphan_why), Err(Error::Invalid { field, .. }) if field == "good thing"));
        let too_many = NewGratitudeEntry { entry_date: day, items: vec![item("x", ""); MAX_ITEMS + 1] };
        assert!(check(&too_many).is_err());
    }
}
