//! Exporting a client record or the journal as plaintext (the core's `export`).
//!
//! Every path must be one the person picked in the native dialog this session (see
//! `chosen_paths`). Exports return the core's not-encrypted warning, which the window shows.

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use std::path::PathBuf;
use tauri::State;
use wellkept::export::{self, ClientExport, Exported, Format, SafetyPlanPrint};

/// Exports one client's record to `path` (plaintext; the reply carries the warning to show) and
/// writes the disclosure to the client's log: to the request's recipient on its basis, or as a
/// right-of-access export to the client themselves. Private notes go with it only when listed one
/// by one in `private_note_ids` (the window shows the warning for each).
#[tauri::command(rename_all = "snake_case")]
pub async fn export_client_record(
    state: State<'_, AppState>,
    request: ClientExport,
    path: PathBuf,
) -> CommandResult<Exported> {
    state.chosen.check(&path)?;
    Ok(export::export_client_record(&*state.open_vault().await?, &request, &path).await?)
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

/// Prints the current safety plan (the owner's, or a client's) as a PDF at `path`: A4 pages or
/// a wallet card. Its crisis lines are `country`'s, or the country chosen in Settings.
#[tauri::command(rename_all = "snake_case")]
pub async fn print_safety_plan(
    state: State<'_, AppState>,
    client_id: Option<String>,
    print: SafetyPlanPrint,
    country: Option<String>,
    path: PathBuf,
) -> CommandResult<Exported> {
    state.chosen.check(&path)?;
    let country = country.or_else(|| state.settings().country);
    let vault = state.open_vault().await?;
    Ok(export::export_safety_plan(&vault, client_id.as_deref(), country.as_deref(), print, &path).await?)
}
