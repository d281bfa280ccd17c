//! What merging another computer's changes could not do in full, kept until the person has read
//! it (issue 15: "nothing is ever lost silently"; docs/sync.md, "What a merge could not do").
//!
//! The merge replays every computer's changes in the order of their stamps (`src/vault/mod.rs`,
//! `replay_merged`). A change may find its row already finalised, changed or removed by another
//! computer's change stamped before it, or be refused part-way by a constraint or a trigger:
//! the merge keeps what still fits and notes the change in `sync_merge_notes`. The home
//! computer's snapshot carries the notes to every computer, so a note made at one open is still
//! shown at the next, on every computer, until the person clears it, here or elsewhere.
//!
//! Clearing never deletes a row: a change record that deleted rows would, replayed on a
//! computer that had not noted them yet, itself find less than it removed. It adds the notes'
//! keys to the `sync_notes_cleared` setting (every note ever cleared, on any computer), which
//! the list leaves out.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::params;
use crate::vault::Vault;
use crate::{Error, Result};

/// What a merge could not do with one change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum MergeOutcome {
    /// Part of the change was refused here (a constraint or a trigger): `reason` is what the
    /// database said. The rest of the change was applied.
    PartRefused {
        /// What SQLite said, for each refused statement, `; `-joined.
        reason: String,
    },
    /// The change found part of what it changed already changed, finalised or removed by
    /// another computer's change; what it could still change, it did.
    FoundChanged,
}

/// One change a merge could not apply in full.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MergeNote {
    /// `<device id>:<seq>`: what [`clear`] takes.
    pub key: String,
    /// The computer that saved the change: its name in the list of computers, or, when it is
    /// not listed (any more), "a computer no longer listed (id <first 8 hex digits>)".
    pub computer: String,
    /// Whether that computer is the one this runs on.
    pub this_computer: bool,
    /// When that computer saved the change.
    #[ts(type = "string")]
    pub changed_at: DateTime<Utc>,
    /// When a merge first noted it.
    #[ts(type = "string")]
    pub noted_at: DateTime<Utc>,
    /// What could not be done.
    pub outcome: MergeOutcome,
}

impl MergeNote {
    /// The note as one sentence, times in UTC (the command line's wording; the window words
    /// the same in the person's time zone).
    pub fn describe(&self) -> String {
        let at = self.changed_at.format("%Y-%m-%d %H:%M UTC");
        match &self.outcome {
            MergeOutcome::PartRefused { reason } => format!(
                "Part of a change saved on {} at {at} could not be applied: {reason}. The rest of it was.",
                self.computer
            ),
            MergeOutcome::FoundChanged => format!(
                "A change saved on {} at {at} found part of what it changed already changed, finalised or removed on another computer; the rest of it was applied.",
                self.computer
            ),
        }
    }
}

/// The keys of every note cleared so far.
async fn cleared(vault: &Vault) -> Result<BTreeSet<String>> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'sync_notes_cleared'", params![]).await?;
    Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()).unwrap_or_default())
}

/// The notes not cleared yet, newest change first.
pub async fn list(vault: &Vault) -> Result<Vec<MergeNote>> {
    let rows: Vec<(String, i64, String, String, Option<String>)> = vault
        .fetch_all(
            "SELECT device, seq, changed_at, noted_at, skipped FROM sync_merge_notes \
             ORDER BY changed_at DESC, device, seq DESC",
            params![],
        )
        .await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let cleared = cleared(vault).await?;
    let devices = vault.devices().await?;
    let names = vault.computer_names().await?;
    let time = |text: &str| {
        DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| Error::Internal { detail: format!("a merge note's time {text:?}: {e}") })
    };
    let mut notes = Vec::new();
    for (device, seq, changed_at, noted_at, skipped) in rows {
        let key = format!("{device}:{seq}");
        if cleared.contains(&key) {
            continue;
        }
        let listed = devices.iter().find(|d| d.id == device);
        notes.push(MergeNote {
            key,
            computer: names
                .get(&device)
                .cloned()
                .unwrap_or_else(|| format!("a computer no longer listed (id {})", &device[..8.min(device.len())])),
            this_computer: listed.is_some_and(|d| d.this_computer),
            changed_at: time(&changed_at)?,
            noted_at: time(&noted_at)?,
            outcome: match skipped {
                Some(reason) => MergeOutcome::PartRefused { reason },
                None => MergeOutcome::FoundChanged,
            },
        });
    }
    Ok(notes)
}

/// Clears the notes `keys` (all of those listed when `keys` is empty) on every computer;
/// returns how many were listed and are cleared now. Nothing else changes: what the merge kept
/// stays kept.
pub async fn clear(vault: &Vault, keys: &[String]) -> Result<usize> {
    let listed: Vec<String> = list(vault).await?.into_iter().map(|n| n.key).collect();
    let unknown: Vec<&String> = keys.iter().filter(|k| !listed.contains(k)).collect();
    if let Some(key) = unknown.first() {
        return Err(Error::invalid("Merge note", format!("no note {key} is listed (wellkept sync status lists them)")));
    }
    let chosen: Vec<String> = if keys.is_empty() { listed } else { keys.to_vec() };
    if chosen.is_empty() {
        return Ok(0);
    }
    let mut all = cleared(vault).await?;
    all.extend(chosen.iter().cloned());
    let value = serde_json::to_string(&all)
        .map_err(|e| Error::Internal { detail: format!("cleared merge notes to JSON: {e}") })?;
    vault
        .write(|w| {
            Box::pin(async move {
                w.exec(
                    "INSERT INTO settings (key, value) VALUES ('sync_notes_cleared', ?1) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![value],
                )
                .await
            })
        })
        .await?;
    Ok(chosen.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_outcome_reads_as_one_sentence_with_its_computer_and_utc_time() {
        let at = DateTime::parse_from_rfc3339("2026-04-02T08:00:00Z").expect("time").with_timezone(&Utc);
        let note = |outcome| MergeNote {
            key: "ab:3".into(),
            computer: "Laptop".into(),
            this_computer: false,
            changed_at: at,
            noted_at: at,
            outcome,
        };
        assert_eq!(
            note(MergeOutcome::FoundChanged).describe(),
            "A change saved on Laptop at 2026-04-02 08:00 UTC found part of what it changed already changed, finalised or removed on another computer; the rest of it was applied."
        );
        assert_eq!(
            note(MergeOutcome::PartRefused { reason: "a finalised note cannot be changed".into() }).describe(),
            "Part of a change saved on Laptop at 2026-04-02 08:00 UTC could not be applied: a finalised note cannot be changed. The rest of it was."
        );
    }
}
