//! Writing imported entries into the vault's journal, each once.
//!
//! Entries land in `journal_entries` with `origin` (the app's name), `source` and `source_id`
//! (unique together), so importing the same export again, or the same jrnl journal as JSON and
//! as text, adds nothing. Every entry is checked by the journal's own rules before anything is
//! written, and the whole batch is one durable write: all or nothing.
//!
//! Where the journal has no place for something, it is kept another way: a 1–5 mood score is
//! spread over the journal's 1–10 (1, 3, 6, 8, 10); a mood word without a score (Daylio's custom
//! moods) becomes the tag `mood:<word>`; an entry with a mood but no words (most Daylio rows) is
//! titled `Mood: <word>`, since a journal entry needs a title or text; an entry with neither
//! words nor a mood is titled `Entry with no text` rather than refused; starred entries lose
//! the star, and the outcome says how many did.
//!
//! A dry run ([`dry_run`]) runs the same checks as the import, so it refuses exactly what the
//! import would refuse and says the same things about how entries will be stored.

use std::collections::HashSet;

use super::{ImportBatch, ImportedEntry};
use crate::journal::entries::{KIND, check};
use crate::params;
use crate::vault::{Vault, format_time, now};
use crate::{Error, Result};

/// What importing a batch into the journal did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JournalImport {
    /// Entries added to the journal.
    pub added: usize,
    /// Entries skipped because an earlier import already brought them in.
    pub already_in_vault: usize,
    /// Photos, recordings, videos and PDFs attached to the entries added.
    pub attachments: usize,
    /// Things the person should know about how entries were stored.
    pub notes: Vec<String>,
}

/// What importing a batch would do, found by the import's own checks without writing anything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DryRun {
    /// Entries that would be added.
    pub would_add: usize,
    /// Entries an earlier import already added.
    pub already_in_vault: usize,
    /// Photos, recordings, videos and PDFs that would be attached to the entries added.
    pub attachments: usize,
    /// How entries would be stored where the journal has no place for something (as
    /// [`JournalImport::notes`] will say).
    pub notes: Vec<String>,
}

/// Checks every entry exactly as [`import_into_journal`] does and counts what it would add.
/// An entry the import would refuse gives the same error here.
pub async fn dry_run(vault: &Vault, batch: &ImportBatch) -> Result<DryRun> {
    let prepared = prepare(batch)?;
    let held = held_ids(vault, batch).await?;
    let new = batch.entries.iter().filter(|e| !held.contains(&(e.source.as_str(), e.source_id.clone())));
    let attachments = new.flat_map(|e| &e.media).filter(|m| m.missing.is_none()).count();
    let already_in_vault = count_already_imported(vault, batch).await?;
    Ok(DryRun {
        would_add: batch.entries.len() - already_in_vault,
        already_in_vault,
        attachments,
        notes: prepared.notes,
    })
}

async fn held_ids(vault: &Vault, batch: &ImportBatch) -> Result<HashSet<(&'static str, String)>> {
    let mut held = HashSet::new();
    let sources: HashSet<&'static str> = batch.entries.iter().map(|e| e.source.as_str()).collect();
    for source in sources {
        let rows: Vec<(String,)> =
            vault.fetch_all("SELECT source_id FROM journal_entries WHERE source = ?", params![source]).await?;
        held.extend(rows.into_iter().map(|(id,)| (source, id)));
    }
    Ok(held)
}

/// How many of the batch's entries the journal already holds (for the dry-run report).
pub async fn count_already_imported(vault: &Vault, batch: &ImportBatch) -> Result<usize> {
    let held = held_ids(vault, batch).await?;
    Ok(batch.entries.iter().filter(|e| held.contains(&(e.source.as_str(), e.source_id.clone()))).count())
}

/// One entry, checked by the journal's rules and ready to insert.
struct Row {
    origin: &'static str,
    source: &'static str,
    source_id: String,
    created_at: String,
    checked: crate::journal::entries::Checked,
}

/// The batch's entries checked by the journal's rules, and what the person should know about how
/// they will be stored.
struct Prepared {
    rows: Vec<Row>,
    notes: Vec<String>,
}

fn prepare(batch: &ImportBatch) -> Result<Prepared> {
    let total = batch.entries.len();
    let mut titled_by_mood = 0;
    let rows: Vec<Row> = batch
        .entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let (title, tags, mood) = journal_fields(entry);
            if entry.title.is_none() && entry.text.trim().is_empty() && !title.is_empty() {
                titled_by_mood += 1;
            }
            let checked =
                check(Some(entry.entry_date), &title, &entry.text, &None, mood, &tags).map_err(
                    |error| match error {
                        Error::Invalid { field, reason } => Error::Invalid {
                            field: format!("entry {} of {total} (dated {}), {field}", index + 1, entry.entry_date),
                            reason,
                        },
                        other => other,
                    },
                )?;
            Ok(Row {
                origin: entry.source.app_name(),
                source: entry.source.as_str(),
                source_id: entry.source_id.clone(),
                created_at: format_time(entry.created_at),
                checked,
            })
        })
        .collect::<Result<_>>()?;
    let starred = batch.entries.iter().filter(|e| e.starred).count();
    let mut notes = Vec::new();
    if titled_by_mood > 0 {
        let (what, they) = if titled_by_mood == 1 { ("entry", "it is") } else { ("entries", "they are") };
        notes.push(format!(
            "{titled_by_mood} {what} had a mood but no words; {they} titled \"Mood: …\" because a journal entry needs a title or text"
        ));
    }
    if starred > 0 {
        let (what, they) = if starred == 1 { ("entry was", "it was") } else { ("entries were", "they were") };
        notes.push(format!(
            "{starred} {what} starred in the other app; Wellkept's journal has no stars, so {they} imported without one"
        ));
    }
    Ok(Prepared { rows, notes })
}

/// Adds the batch's entries to the journal in one durable write, skipping entries an earlier
/// import already added. If any entry breaks a journal rule, nothing is written and the error
/// names the entry.
pub async fn import_into_journal(vault: &Vault, batch: &ImportBatch) -> Result<JournalImport> {
    let total = batch.entries.len();
    let Prepared { rows, notes } = prepare(batch)?;
    let added = vault
        .write(move |w| {
            Box::pin(async move {
                let at = now();
                let mut added = Vec::new();
                for (index, row) in rows.into_iter().enumerate() {
                    let held: Option<(String,)> = w
                        .fetch_optional(
                            "SELECT id FROM journal_entries WHERE source = ? AND source_id = ?",
                            params![row.source, row.source_id.as_str()],
                        )
                        .await?;
                    if held.is_some() {
                        continue;
                    }
                    let id = crate::vault::new_id();
                    let c = row.checked;
                    w.exec(
                        "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, title, body, prompt, mood, \
                         origin, source, source_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        params![
                            id.as_str(),
                            row.created_at,
                            at,
                            c.entry_date,
                            c.title,
                            c.body,
                            c.prompt,
                            c.mood,
                            row.origin,
                            row.source,
                            row.source_id
                        ],
                    )
                    .await?;
                    crate::journal::add_tags(w, KIND, &id, &c.tags).await?;
                    added.push((index, id));
                }
                Ok(added)
            })
        })
        .await?;
    // The entries are saved; now their media, one file at a time (each at most the attachment
    // limit in memory). A file that cannot be read is reported, never a reason to lose the rest.
    let mut attached = 0;
    let mut failed = Vec::new();
    let mut reader = super::media::MediaReader::open(&batch.media_source);
    for (index, id) in &added {
        for media in batch.entries[*index].media.iter().filter(|m| m.missing.is_none()) {
            let stored = match reader.read(&media.path) {
                Ok(bytes) => crate::attachments::add(vault, "journal_entry", id, &media.name, &bytes)
                    .await
                    .map_err(|e| e.to_string()),
                Err(reason) => Err(reason),
            };
            match stored {
                Ok(_) => attached += 1,
                Err(reason) => failed.push(format!("{} ({reason})", media.path)),
            }
        }
    }
    let mut notes = notes;
    if !failed.is_empty() {
        notes.push(format!(
            "{} could not be attached, though the export listed {}: {}",
            if failed.len() == 1 { "1 file".to_owned() } else { format!("{} files", failed.len()) },
            if failed.len() == 1 { "it" } else { "them" },
            failed.join("; ")
        ));
    }
    let added = added.len();
    Ok(JournalImport { added, already_in_vault: total - added, attachments: attached, notes })
}

/// The journal's title, tags and 1–10 mood for an imported entry.
fn journal_fields(entry: &ImportedEntry) -> (String, Vec<String>, Option<i64>) {
    let mut tags = entry.tags.clone();
    let mut title = entry.title.clone().unwrap_or_default();
    let mut mood = None;
    if let Some(imported) = &entry.mood {
        match imported.score.and_then(journal_mood) {
            Some(score) => mood = Some(score),
            None => tags.push(format!("mood:{}", imported.label)),
        }
        if title.is_empty() && entry.text.trim().is_empty() {
            title = format!("Mood: {}", imported.label);
        }
    }
    if title.trim().is_empty() && entry.text.trim().is_empty() {
        // Nothing to show but the date: kept (the person had it), never refused.
        title = "Entry with no text".to_owned();
    }
    (title, tags, mood)
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
