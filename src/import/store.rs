//! Writing imported entries into the vault's journal, each once.
//!
//! Every imported entry gets a row in `import_origins` keyed by (source app, source id), so
//! importing the same export again, or the same jrnl journal as JSON and as text, adds nothing.
//! All entries of a batch are written in one durable write: all or nothing.
//!
//! The journal table has a 1–10 mood and no mood word or favourite flag, so: a 1–5 mood score
//! is spread over 1–10 (1, 3, 6, 8, 10); a mood word without a score (Daylio's custom moods)
//! becomes the tag `mood:<word>`; starred entries are imported without the star, and the
//! outcome says how many there were.

use std::collections::HashSet;

use super::{ImportBatch, ImportSource};
use crate::params;
use crate::vault::{Vault, format_time, new_id, now};
use crate::{Error, Result};

/// What importing a batch into the journal did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalImport {
    /// Entries added to the journal.
    pub added: usize,
    /// Entries skipped because an earlier import already brought them in.
    pub already_in_vault: usize,
    /// Things the person should know about how entries were stored.
    pub notes: Vec<String>,
}

/// How many of the batch's entries the vault already holds (for the dry-run report).
pub async fn count_already_imported(vault: &Vault, batch: &ImportBatch) -> Result<usize> {
    let mut held = HashSet::new();
    let sources: HashSet<ImportSource> = batch.entries.iter().map(|e| e.source).collect();
    for source in sources {
        let rows: Vec<(String,)> =
            vault.fetch_all("SELECT source_id FROM import_origins WHERE source = ?", params![source.as_str()]).await?;
        held.extend(rows.into_iter().map(|(id,)| (source, id)));
    }
    Ok(batch.entries.iter().filter(|e| held.contains(&(e.source, e.source_id.clone()))).count())
}

/// Adds the batch's entries to the journal in one durable write, skipping entries an earlier
/// import already added.
pub async fn import_into_journal(vault: &Vault, batch: &ImportBatch) -> Result<JournalImport> {
    struct Row {
        source: &'static str,
        source_id: String,
        created_at: String,
        entry_date: String,
        title: String,
        body: String,
        mood: Option<i64>,
        tags: Vec<String>,
    }
    let rows: Vec<Row> = batch
        .entries
        .iter()
        .map(|entry| {
            let mut tags = entry.tags.clone();
            let mood = entry.mood.as_ref().and_then(|mood| match mood.score {
                Some(score) => journal_mood(score),
                None => {
                    tags.push(format!("mood:{}", mood.label));
                    None
                }
            });
            Row {
                source: entry.source.as_str(),
                source_id: entry.source_id.clone(),
                created_at: format_time(entry.created_at),
                entry_date: entry.entry_date.format("%Y-%m-%d").to_string(),
                title: entry.title.clone().unwrap_or_default(),
                body: entry.text.clone(),
                mood,
                tags,
            }
        })
        .collect();
    let starred = batch.entries.iter().filter(|e| e.starred).count();
    let total = rows.len();
    let added = vault
        .write(move |w| {
            Box::pin(async move {
                let at = format_time(now());
                let mut added = 0;
                for row in rows {
                    let held: Option<(String,)> = w
                        .fetch_optional(
                            "SELECT item_id FROM import_origins WHERE source = ? AND source_id = ?",
                            params![row.source, row.source_id.clone()],
                        )
                        .await?;
                    if held.is_some() {
                        continue;
                    }
                    let id = new_id();
                    w.exec(
                        "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, title, body, mood) \
                         VALUES (?, ?, ?, ?, ?, ?, ?)",
                        params![id.clone(), row.created_at, at.clone(), row.entry_date, row.title, row.body, row.mood],
                    )
                    .await?;
                    for tag in row.tags {
                        w.exec(
                            "INSERT OR IGNORE INTO tags(item_kind, item_id, tag) VALUES ('journal_entry', ?, ?)",
                            params![id.clone(), tag],
                        )
                        .await?;
                    }
                    w.exec(
                        "INSERT INTO import_origins(source, source_id, item_kind, item_id, imported_at) \
                         VALUES (?, ?, 'journal_entry', ?, ?)",
                        params![row.source, row.source_id, id, at.clone()],
                    )
                    .await?;
                    added += 1;
                }
                Ok::<usize, Error>(added)
            })
        })
        .await?;
    let mut notes = Vec::new();
    if starred > 0 {
        notes.push(format!(
            "{starred} entries were starred in the other app; Wellkept's journal has no stars, so they were imported without one"
        ));
    }
    Ok(JournalImport { added, already_in_vault: total - added, notes })
}

/// A 1 (worst) to 5 (best) mood on the journal's 1–10 scale, ends kept at the ends.
fn journal_mood(score: u8) -> Option<i64> {
    match score {
        1 => Some(1),
        2 => Some(3),
        3 => Some(6),
        4 => Some(8),
        5 => Some(10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::journal_mood;

    #[test]
    fn moods_spread_over_the_journal_scale() {
        let mapped: Vec<Option<i64>> = (0..=6).map(journal_mood).collect();
        assert_eq!(mapped, [None, Some(1), Some(3), Some(6), Some(8), Some(10), None]);
    }
}
