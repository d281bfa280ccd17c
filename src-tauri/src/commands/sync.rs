//! Commands of the core's `sync` module: the versions of a text kept aside when it was changed
//! on two computers at once, and the person's choice between them (docs/decisions.md 66); what
//! merges could not do in full (`wellkept::sync::notes`).

use tauri::State;
use wellkept::sync::conflicts::{self, ConflictKind, ConflictedRecord, TextConflict};
use wellkept::sync::notes::{self, MergeNote};

use crate::error::CommandResult;
use crate::state::AppState;

/// Every record with versions kept aside (the badge in lists, the dashboard's line).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_conflicted_records(state: State<'_, AppState>) -> CommandResult<Vec<ConflictedRecord>> {
    Ok(conflicts::all(&*state.open_vault().await?).await?)
}

/// The versions kept aside for one record, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_text_conflicts(
    state: State<'_, AppState>,
    kind: ConflictKind,
    record_id: String,
) -> CommandResult<Vec<TextConflict>> {
    Ok(conflicts::for_record(&*state.open_vault().await?, kind, &record_id).await?)
}

/// Keeps the version on show; the version kept aside is let go.
#[tauri::command(rename_all = "snake_case")]
pub async fn keep_shown_version(
    state: State<'_, AppState>,
    kind: ConflictKind,
    record_id: String,
    version: String,
) -> CommandResult<()> {
    Ok(conflicts::keep_shown(&*state.open_vault().await?, kind, &record_id, &version).await?)
}

/// Takes the version kept aside instead (for a finalised note: adds it as an addendum).
#[tauri::command(rename_all = "snake_case")]
pub async fn use_kept_version(
    state: State<'_, AppState>,
    kind: ConflictKind,
    record_id: String,
    version: String,
) -> CommandResult<()> {
    Ok(conflicts::use_version(&*state.open_vault().await?, kind, &record_id, &version).await?)
}

/// What merges could not do in full, not cleared yet, newest first (the Computers card).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_merge_notes(state: State<'_, AppState>) -> CommandResult<Vec<MergeNote>> {
    Ok(notes::list(&*state.open_vault().await?).await?)
}

/// Clears the merge notes `keys` (all listed, when empty) on every computer; how many.
#[tauri::command(rename_all = "snake_case")]
pub async fn clear_merge_notes(state: State<'_, AppState>, keys: Vec<String>) -> CommandResult<usize> {
    Ok(notes::clear(&*state.open_vault().await?, &keys).await?)
}
