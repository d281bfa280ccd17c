//! Moving records in and out of the vault: importing from other journal apps (with a dry run
//! first), exporting a client record or the journal as plaintext, and encrypted backups.
//!
//! Every path must be one the person picked in the native dialog this session (see
//! `chosen_paths`): a path string the window makes up is refused before anything is read or
//! written. Exports return the core's not-encrypted warning, which the window shows.

use crate::error::{CommandError, CommandResult};
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::State;
use wellkept::export::{self, Exported, Format};
use wellkept::import::{self, ImportFormat, LocalTime, store};
use wellkept::vault::{Unlock, Vault};

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
    /// Oldest entry.
    pub first: Option<DateTime<Utc>>,
    /// Newest entry.
    pub last: Option<DateTime<Utc>>,
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

/// A backup written.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BackupDone {
    /// Where.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// A backup restored and checked.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RestoreDone {
    /// The new vault folder.
    pub folder: PathBuf,
    /// Whether the restored vault's current generation verified with the passphrase given.
    pub verified: bool,
    /// What verify found wrong, if anything.
    pub problems: Vec<String>,
    /// The folder this app opens its vault from (the restored one is elsewhere until moved).
    pub app_vault_folder: PathBuf,
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
    let already_imported = store::count_already_imported(&vault, &batch).await?;
    let report = batch.report;
    Ok(ImportPreview {
        entries: report.entries,
        with_mood: report.with_mood,
        distinct_tags: report.distinct_tags,
        first: report.first,
        last: report.last,
        warnings: report.warnings,
        already_imported,
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

/// Exports one client's record to `path` (plaintext; the reply carries the warning to show).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_client_record(
    state: State<'_, AppState>,
    client_id: String,
    format: Format,
    path: PathBuf,
) -> CommandResult<Exported> {
    state.chosen.check(&path)?;
    Ok(export::export_client_record(&*state.open_vault().await?, &client_id, format, &path).await?)
}

/// Exports the journal between two days (inclusive) to `path` (plaintext, with the warning).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_journal(
    state: State<'_, AppState>,
    from: NaiveDate,
    to: NaiveDate,
    format: Format,
    path: PathBuf,
) -> CommandResult<Exported> {
    state.chosen.check(&path)?;
    Ok(export::export_journal(&*state.open_vault().await?, from, to, format, &path).await?)
}

/// Writes an encrypted backup of the whole vault to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn back_up_vault(state: State<'_, AppState>, path: PathBuf) -> CommandResult<BackupDone> {
    state.chosen.check(&path)?;
    let bytes = state.open_vault().await?.backup_to(&path).await?;
    Ok(BackupDone { path, bytes })
}

/// Restores a backup file into a new, empty vault folder and verifies it with the passphrase.
/// Works while locked: it does not touch the vault this app has open.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    state: State<'_, AppState>,
    backup: PathBuf,
    folder: PathBuf,
    passphrase: SecretString,
) -> CommandResult<RestoreDone> {
    state.touch();
    state.chosen.check(&backup)?;
    state.chosen.check(&folder)?;
    if same_folder(&folder, &state.paths.vault_dir) {
        return Err(wellkept::Error::invalid(
            "New vault folder",
            "choose a new, empty folder, not the vault Wellkept already uses",
        )
        .into());
    }
    wellkept::vault::restore_backup(&backup, &folder)?;
    let restored = Vault::load(&folder)?;
    let report = restored.verify(Unlock::Passphrase(passphrase)).await?;
    let problems = report.generations.iter().filter_map(|g| g.problem.clone()).collect();
    Ok(RestoreDone { folder, verified: report.current_ok(), problems, app_vault_folder: state.paths.vault_dir.clone() })
}

/// Whether two paths name the same folder (comparing resolved paths when they exist).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
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

    #[test]
    fn the_same_folder_is_recognised_through_dots() {
        let here = std::env::current_dir().expect("tests run in a folder");
        assert!(same_folder(&here, &here.join(".")));
        assert!(!same_folder(&here, &here.join("elsewhere-that-does-not-exist")));
    }
}
