//! Importing from other journal apps, with a dry run first (the core's `import`).
//!
//! Every path must be one the person picked in the native dialog this session (see
//! `chosen_paths`): a path string the window makes up is refused before anything is read.

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::path::PathBuf;
use tauri::State;
use wellkept::import::{self, ImportFormat, LocalTime, store};

/// The import formats as the window names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    /// Day One's export `.zip`.
    DayoneZip,
    /// An unzipped Day One export folder.
    DayoneFolder,
    /// One Day One journal `.json`.
    DayoneJson,
    /// `jrnl --export json`.
    JrnlJson,
    /// A jrnl plain-text journal.
    JrnlText,
    /// Daylio's CSV export.
    DaylioCsv,
}

impl From<ImportKind> for ImportFormat {
    fn from(kind: ImportKind) -> Self {
        match kind {
            ImportKind::DayoneZip => ImportFormat::DayOneZip,
            ImportKind::DayoneFolder => ImportFormat::DayOneFolder,
            ImportKind::DayoneJson => ImportFormat::DayOneJson,
            ImportKind::JrnlJson => ImportFormat::JrnlJson,
            ImportKind::JrnlText => ImportFormat::JrnlText,
            ImportKind::DaylioCsv => ImportFormat::DaylioCsv,
        }
    }
}

impl From<ImportFormat> for ImportKind {
    fn from(format: ImportFormat) -> Self {
        match format {
            ImportFormat::DayOneZip => ImportKind::DayoneZip,
            ImportFormat::DayOneFolder => ImportKind::DayoneFolder,
            ImportFormat::DayOneJson => ImportKind::DayoneJson,
            ImportFormat::JrnlJson => ImportKind::JrnlJson,
            ImportFormat::JrnlText => ImportKind::JrnlText,
            ImportFormat::DaylioCsv => ImportKind::DaylioCsv,
        }
    }
}

/// The dry run: what importing the file would do.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ImportPreview {
    /// Entries in the export (repeats counted once).
    pub entries: usize,
    /// Of those, with a mood.
    pub with_mood: usize,
    /// Distinct tags.
    pub distinct_tags: usize,
    /// The earliest day an entry will be filed under (its own local day, as the journal will
    /// show it; not the UTC date of its instant).
    pub first: Option<NaiveDate>,
    /// The latest day an entry will be filed under.
    pub last: Option<NaiveDate>,
    /// Things the person should know before importing.
    pub warnings: Vec<String>,
    /// Entries the vault already holds from an earlier import (they will be skipped).
    pub already_imported: usize,
}

/// What an import did.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct ImportDone {
    /// Entries added to the journal.
    pub added: usize,
    /// Entries skipped because the vault already held them.
    pub already_in_vault: usize,
    /// How things without a place in the journal were kept, one sentence each.
    pub notes: Vec<String>,
}

/// Guesses a file's import format from its name and first bytes; `None` when unsure, or when
/// the path is not one the person picked (nothing is read then).
#[tauri::command(rename_all = "snake_case")]
pub fn detect_import_format(state: State<'_, AppState>, path: PathBuf) -> Option<ImportKind> {
    state.chosen.check(&path).ok()?;
    ImportFormat::detect(&path).map(ImportKind::from)
}

/// Reads the whole export (nothing is written) and reports what importing it would do.
#[tauri::command(rename_all = "snake_case")]
pub async fn preview_import(
    state: State<'_, AppState>,
    path: PathBuf,
    format: ImportKind,
) -> CommandResult<ImportPreview> {
    state.chosen.check(&path)?;
    let vault = state.open_vault().await?;
    let batch = read(path, format).await?;
    // The import's own checks: an entry the import would refuse is refused here too.
    let dry = store::dry_run(&vault, &batch).await?;
    let report = batch.report;
    Ok(ImportPreview {
        entries: report.entries,
        with_mood: report.with_mood,
        distinct_tags: report.distinct_tags,
        first: report.first_day,
        last: report.last_day,
        warnings: report.warnings.into_iter().chain(dry.notes).collect(),
        already_imported: dry.already_in_vault,
    })
}

/// Imports the export into the journal: all of it or, on any error, none of it.
#[tauri::command(rename_all = "snake_case")]
pub async fn import_journal_file(
    state: State<'_, AppState>,
    path: PathBuf,
    format: ImportKind,
) -> CommandResult<ImportDone> {
    state.chosen.check(&path)?;
    let vault = state.open_vault().await?;
    let batch = read(path, format).await?;
    let done = store::import_into_journal(&vault, &batch).await?;
    Ok(ImportDone { added: done.added, already_in_vault: done.already_in_vault, notes: done.notes })
}

/// Parses an export off the async threads (a large zip takes a while), in this computer's time
/// zone for formats whose dates carry none.
async fn read(path: PathBuf, format: ImportKind) -> CommandResult<import::ImportBatch> {
    tauri::async_runtime::spawn_blocking(move || import::read_export(&path, format.into(), LocalTime::System))
        .await
        .map_err(|_| CommandError::new("internal", "Reading the file stopped unexpectedly. Please try again."))?
        .map_err(|e| CommandError::from(wellkept::Error::from(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn import_kinds_round_trip_through_the_core_formats() {
        for kind in [
            ImportKind::DayoneZip,
            ImportKind::DayoneFolder,
            ImportKind::DayoneJson,
            ImportKind::JrnlJson,
            ImportKind::JrnlText,
            ImportKind::DaylioCsv,
        ] {
            assert_eq!(ImportKind::from(ImportFormat::from(kind)), kind);
        }
        let json = serde_json::to_value(ImportKind::DaylioCsv).expect("serialises");
        assert_eq!(json, "daylio_csv");
    }
}
