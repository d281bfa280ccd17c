//! Journal entries: what the client writes, with the day it is about, an optional mood and the
//! prompt it answers, tags, and — for entries brought in from another app or a share bundle —
//! where it came from (`origin`, `source`, `source_id`; the pair is unique, so importing the
//! same thing twice adds nothing).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{Page, check_optional_range, clean_body, clean_line, fetch_page, normalise_tags, required_day};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// The `tags.item_kind` (and search/trash kind) of journal entries.
pub const KIND: &str = crate::registry::kinds::JOURNAL_ENTRY.kind;

/// A journal entry as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct JournalEntry {
    /// Its id.
    pub id: String,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// The day the entry is about.
    pub entry_date: NaiveDate,
    /// Title (may be empty).
    pub title: String,
    /// The text.
    pub body: String,
    /// The reflection prompt it answers, if any.
    pub prompt: Option<String>,
    /// Mood on the day, 1 (lowest) to 10 (best).
    pub mood: Option<i64>,
    /// Tags, alphabetical.
    pub tags: Vec<String>,
    /// Where an imported or shared entry came from, in the user's words ("Day One", "Shared by Sam").
    pub origin: Option<String>,
    /// Machine name of the source ("dayone", "jrnl", "bundle:<sender fingerprint>").
    pub source: Option<String>,
    /// The entry's id in that source.
    pub source_id: Option<String>,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Which version of the title and text this is ("" for the first): an edit passes it back
    /// as [`JournalEntryUpdate::base`], so that a version saved meanwhile on another computer is
    /// kept aside rather than written over ([`crate::sync::conflicts`]). Left out of exports
    /// (where it is empty, so not written).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub text_version: String,
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for JournalEntry {
    fn from_row(row: &'r SqliteRow) -> sqlx::Result<Self> {
        let tags: Option<String> = row.try_get("tags")?;
        Ok(JournalEntry {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            entry_date: row.try_get("entry_date")?,
            title: row.try_get("title")?,
            body: row.try_get("body")?,
            prompt: row.try_get("prompt")?,
            mood: row.try_get("mood")?,
            tags: super::parse_string_list(tags).map_err(|e| sqlx::Error::Decode(e.to_string().into()))?,
            origin: row.try_get("origin")?,
            source: row.try_get("source")?,
            source_id: row.try_get("source_id")?,
            deleted_at: row.try_get("deleted_at")?,
            text_version: row.try_get("text_version")?,
        })
    }
}

/// A new journal entry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct NewJournalEntry {
    /// The day the entry is about (required; not in the future).
    pub entry_date: Option<NaiveDate>,
    /// Title (optional).
    pub title: String,
    /// The text. An entry needs a title or some text.
    pub body: String,
    /// The prompt answered, if any (see [`super::prompts`]).
    pub prompt: Option<String>,
    /// Mood 1–10.
    pub mood: Option<i64>,
    /// Tags.
    pub tags: Vec<String>,
    /// For imports and shared entries: where it came from, in the user's words.
    pub origin: Option<String>,
    /// For imports: the source's machine name; with `source_id`, must be unique.
    pub source: Option<String>,
    /// For imports: the entry's id in the source.
    pub source_id: Option<String>,
}

/// The editable fields of an entry; an update replaces all of them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct JournalEntryUpdate {
    /// The day the entry is about.
    pub entry_date: Option<NaiveDate>,
    /// Title.
    pub title: String,
    /// The text.
    pub body: String,
    /// The prompt answered.
    pub prompt: Option<String>,
    /// Mood 1–10.
    pub mood: Option<i64>,
    /// Tags (replace the old ones).
    pub tags: Vec<String>,
    /// The version of the title and text this edit was made from ([`JournalEntry::text_version`]).
    /// If the entry has changed since — saved on another computer — that version is kept aside
    /// as a conflict for the person to choose from. `None`: the version on show now (an edit
    /// that read the entry just before, like the command line's).
    pub base: Option<String>,
}

/// Which entries to list. Defaults: every entry, newest first, 50 per page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct EntryFilter {
    /// Earliest entry date, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest entry date, inclusive.
    pub to: Option<NaiveDate>,
    /// Only entries with this tag (case-insensitive).
    pub tag: Option<String>,
    /// Page size (0 = 50; at most [`super::MAX_PAGE`]).
    pub limit: u32,
    /// Entries to skip.
    pub offset: u32,
}

/// Checked, cleaned field values ready to store.
pub(crate) struct Checked {
    pub(crate) entry_date: NaiveDate,
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) prompt: Option<String>,
    pub(crate) mood: Option<i64>,
    pub(crate) tags: Vec<String>,
}

/// An entry keeps the words of the prompt it answered. A built-in prompt's id ("gratitude-3"),
/// which windows before issue 8 sent, becomes that prompt's words, so the entry reads right in
/// exports and keeps its prompt when edited; anything else is kept as written.
fn prompt_words(prompt: String) -> String {
    super::prompts::prompt_by_id(&prompt).map_or(prompt, |known| known.text.to_owned())
}

/// Checks and cleans an entry's fields (also used by `crate::import::store` for batches).
pub(crate) fn check(
    entry_date: Option<NaiveDate>,
    title: &str,
    body: &str,
    prompt: &Option<String>,
    mood: Option<i64>,
    tags: &[String],
) -> Result<Checked> {
    let entry_date = required_day("date", entry_date)?;
    let title = clean_line("title", title, 300)?;
    let body = clean_body("text", body)?;
    if title.is_empty() && body.trim().is_empty() {
        return Err(Error::invalid("text", "write something: an entry needs a title or some text"));
    }
    let prompt = match prompt {
        Some(p) => Some(clean_line("prompt", p, 1000)?).filter(|p| !p.is_empty()).map(prompt_words),
        None => None,
    };
    let mood = check_optional_range("mood", mood, 1, 10)?;
    Ok(Checked { entry_date, title, body, prompt, mood, tags: normalise_tags(tags)? })
}

/// The SELECT every entry query shares; tags come back as a JSON array.
macro_rules! entry_select {
    () => {
        "SELECT e.id, e.created_at, e.updated_at, e.entry_date, e.title, e.body, e.prompt, e.mood, \
         e.origin, e.source, e.source_id, e.deleted_at, coalesce(e.text_version, '') AS text_version, \
         (SELECT json_group_array(tag) FROM (SELECT t.tag FROM tags t \
           WHERE t.item_kind = 'journal_entry' AND t.item_id = e.id ORDER BY t.tag COLLATE NOCASE)) AS tags \
         FROM journal_entries e "
    };
}

/// Saves a new entry. An entry with the same `source` and `source_id` as an existing one is
/// refused (use [`import_entry`] to skip duplicates quietly).
pub async fn add_entry(vault: &Vault, new: NewJournalEntry) -> Result<JournalEntry> {
    // A day given here: not after today here (an import keeps the day it was written on).
    if let Some(day) = new.entry_date {
        crate::validate::chosen_day("date", day, None)?;
    }
    match insert(vault, new).await? {
        Some(entry) => Ok(entry),
        None => Err(Error::invalid("source", "an entry from this source with this id is already in the journal")),
    }
}

/// Saves an imported entry unless one with the same `source` and `source_id` exists already;
/// returns `None` when it was skipped. Both fields are required here.
pub async fn import_entry(vault: &Vault, new: NewJournalEntry) -> Result<Option<JournalEntry>> {
    if new.source.is_none() || new.source_id.is_none() {
        return Err(Error::invalid("source", "an imported entry needs its source and its id there"));
    }
    insert(vault, new).await
}

async fn insert(vault: &Vault, new: NewJournalEntry) -> Result<Option<JournalEntry>> {
    let c = check(new.entry_date, &new.title, &new.body, &new.prompt, new.mood, &new.tags)?;
    let origin = new.origin.as_deref().map(|o| clean_line("origin", o, 200)).transpose()?;
    let source = new.source.as_deref().map(|s| clean_line("source", s, 200)).transpose()?;
    let source_id = new.source_id.as_deref().map(|s| clean_line("source id", s, 500)).transpose()?;
    if source.is_some() != source_id.is_some() {
        return Err(Error::invalid("source", "give both the source and the entry's id there, or neither"));
    }
    let now = vault::now();
    let entry = JournalEntry {
        id: vault::new_id(),
        created_at: vault::stored_time(now),
        updated_at: vault::stored_time(now),
        entry_date: c.entry_date,
        title: c.title,
        body: c.body,
        prompt: c.prompt,
        mood: c.mood,
        tags: sorted_as_stored(c.tags.clone()),
        origin,
        source,
        source_id,
        deleted_at: None,
        text_version: String::new(),
    };
    // The saved entry is returned as written, not read back after the write: the row is exactly
    // these values (no column default or trigger changes a journal entry's columns; timestamps
    // are kept to the millisecond as stored), and reading it back cost a round trip to SQLite's
    // thread and a row to decode on every save. `a_saved_entry_is_returned_exactly_as_it_reads_back`
    // (tests/journal_entries.rs) holds the two equal.
    vault
        .write(move |w| {
            Box::pin(async move {
                if let (Some(s), Some(sid)) = (&entry.source, &entry.source_id) {
                    let existing = w
                        .fetch_optional::<(String,)>(
                            "SELECT id FROM journal_entries WHERE source = ? AND source_id = ?",
                            params![s.as_str(), sid.as_str()],
                        )
                        .await?;
                    if existing.is_some() {
                        return Ok(None);
                    }
                }
                w.exec(
                    "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, title, body, prompt, mood, \
                     origin, source, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        entry.id.as_str(),
                        now,
                        now,
                        entry.entry_date,
                        entry.title.as_str(),
                        entry.body.as_str(),
                        &entry.prompt,
                        entry.mood,
                        &entry.origin,
                        &entry.source,
                        &entry.source_id
                    ],
                )
                .await?;
                crate::registry::kinds::JOURNAL_ENTRY.add_tags(w, &entry.id, &c.tags).await?;
                Ok(Some(entry))
            })
        })
        .await
}

/// Tags in the order a query returns them (`ORDER BY tag COLLATE NOCASE`): SQLite's `NOCASE`
/// folds ASCII letters only and compares the rest byte by byte. Tags were deduplicated without
/// case ([`super::normalise_tags`]), so no two compare equal here.
fn sorted_as_stored(mut tags: Vec<String>) -> Vec<String> {
    tags.sort_by(|a, b| a.bytes().map(|c| c.to_ascii_lowercase()).cmp(b.bytes().map(|c| c.to_ascii_lowercase())));
    tags
}

/// One entry by id.
const GET: &str = concat!(entry_select!(), "WHERE e.id = ?");

/// One entry by id (also from the trash, with `deleted_at` set).
pub async fn get_entry(vault: &Vault, id: &str) -> Result<JournalEntry> {
    vault.fetch_existing(GET, params![id], "That journal entry").await
}

/// Replaces an entry's editable fields. Entries in the trash must be restored first.
///
/// A new title or text is a new version ([`JournalEntry::text_version`]); if `update.base` is
/// not the version on show, the version on show is kept aside as a conflict (the schema's
/// trigger does it, here and when other computers replay this save: docs/decisions.md 66).
pub async fn update_entry(vault: &Vault, id: &str, update: JournalEntryUpdate) -> Result<JournalEntry> {
    let c = check(update.entry_date, &update.title, &update.body, &update.prompt, update.mood, &update.tags)?;
    let (id_owned, now, fresh) = (id.to_owned(), vault::now(), vault::new_id());
    let by = vault.this_device().await?.hex();
    let base = update.base;
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                type Stored = (String, String, Option<String>, Option<String>, NaiveDate);
                let (title, body, version, version_by, day): Stored = w
                    .fetch_existing(
                        "SELECT title, body, text_version, text_by, entry_date FROM journal_entries \
                          WHERE id = ? AND deleted_at IS NULL",
                        params![id_owned.as_str()],
                        "That journal entry",
                    )
                    .await?;
                crate::validate::chosen_day("date", c.entry_date, Some(day))?;
                let text = crate::sync::conflicts::Versions::of(
                    version,
                    version_by,
                    base,
                    title == c.title && body == c.body,
                    fresh,
                    by,
                );
                w.exec_one(
                    "UPDATE journal_entries SET updated_at = ?, entry_date = ?, title = ?, body = ?, prompt = ?, \
                         mood = ?, text_version = ?, text_base = ?, text_by = ? WHERE id = ?",
                    [
                        params![now, c.entry_date, c.title, c.body, c.prompt, c.mood],
                        text.columns(),
                        params![id_owned.as_str()],
                    ]
                    .concat(),
                    "That journal entry",
                )
                .await?;
                crate::registry::kinds::JOURNAL_ENTRY.replace_tags(w, &id_owned, &c.tags).await
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await?;
    get_entry(vault, id).await
}

/// Entries not in the trash, newest entry date first (then newest saved first), one page.
pub async fn list_entries(vault: &Vault, filter: EntryFilter) -> Result<Page<JournalEntry>> {
    let tag = filter.tag.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty());
    let sql = concat!(
        entry_select!(),
        "WHERE e.deleted_at IS NULL AND (?1 IS NULL OR e.entry_date >= ?1) AND (?2 IS NULL OR e.entry_date <= ?2) \
         AND (?3 IS NULL OR EXISTS (SELECT 1 FROM tags t WHERE t.item_kind = 'journal_entry' \
           AND t.item_id = e.id AND t.tag = ?3)) \
         ORDER BY e.entry_date DESC, e.created_at DESC, e.id DESC LIMIT ?4 OFFSET ?5"
    );
    fetch_page(vault, sql, params![filter.from, filter.to, tag], filter.limit, filter.offset).await
}

/// A tag and how many live journal entries carry it (for the tag filter).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct TagCount {
    /// The tag (one spelling; tags compare without case).
    pub tag: String,
    /// Entries not in the trash that have it.
    pub count: i64,
}

/// Every tag used on journal entries outside the trash, most used first.
pub async fn list_entry_tags(vault: &Vault) -> Result<Vec<TagCount>> {
    vault
        .fetch_all::<TagCount>(
            "SELECT min(t.tag) AS tag, count(*) AS count FROM tags t JOIN journal_entries e ON e.id = t.item_id \
             WHERE t.item_kind = 'journal_entry' AND e.deleted_at IS NULL \
             GROUP BY t.tag COLLATE NOCASE ORDER BY count DESC, tag COLLATE NOCASE",
            params![],
        )
        .await
}

/// Moves an entry to the trash (it can be restored until the trash is emptied).
pub async fn delete_entry(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::JOURNAL_ENTRY.delete(vault, id).await
}

/// Takes an entry back out of the trash.
pub async fn restore_entry(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::JOURNAL_ENTRY.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid test date"))
    }

    #[test]
    fn an_entry_needs_a_date_and_some_words() {
        let err = check(None, "t", "", &None, None, &[]).err().expect("no date");
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "date"), "{err}");
        let err = check(day("2026-01-02"), " ", "  \n", &None, None, &[]).err().expect("empty");
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "text"), "{err}");
        let err = check(day("2999-01-01"), "t", "", &None, None, &[]).err().expect("future");
        assert!(err.to_string().contains("future"), "{err}");
    }

    #[test]
    fn mood_must_be_one_to_ten_and_prompts_are_tidied() {
        for bad in [0, 11, -3] {
            let err = check(day("2026-01-02"), "t", "", &None, Some(bad), &[]).err().expect("bad mood");
            assert!(matches!(err, Error::Invalid { ref field, .. } if field == "mood"), "{err}");
        }
        let ok = check(day("2026-01-02"), "t", "b\u{1}", &Some("  ".into()), Some(10), &[]).expect("valid");
        assert_eq!(ok.prompt, None);
        assert_eq!(ok.body, "b");
    }

    /// Regression (issue 8): the window saved a prompt's id where the prompt's words belong, so
    /// exports printed "Prompt: gratitude-3".
    #[test]
    fn prompt_saved_as_an_id_is_stored_as_its_words() {
        let by_id = check(day("2026-01-02"), "t", "b", &Some("gratitude-3".into()), None, &[]).expect("valid");
        assert_eq!(by_id.prompt.as_deref(), Some("What is something your body let you do today that you are glad of?"));
        let own = check(day("2026-01-02"), "t", "b", &Some("What went well?".into()), None, &[]).expect("valid");
        assert_eq!(own.prompt.as_deref(), Some("What went well?"));
    }
}
