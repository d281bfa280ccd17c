//! Trash commands: moving a journal entry, a client or a goal to the trash, and the trash screen's list,
//! restore, delete-for-good and empty. Moving to the trash only sets `deleted_at` in the core;
//! purging is the one step that overwrites the text (see `wellkept::trash`).

use crate::error::CommandResult;
use crate::state::AppState;
use tauri::State;
use wellkept::journal::entries;
use wellkept::practice::{clients, goals};
use wellkept::trash::{self, PurgeReport, TrashItem};

/// Moves a journal entry to the trash.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_journal_entry_to_trash(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(entries::delete_entry(&*state.open_vault().await?, &id).await?)
}

/// Moves a client (with their notes, goals and appointments, hidden with them) to the trash.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_client_to_trash(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(clients::delete_client(&*state.open_vault().await?, &id).await?)
}

/// Moves a goal (with its steps and reviews) to the trash.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_goal_to_trash(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(goals::delete_goal(&*state.open_vault().await?, &id).await?)
}

/// Moves a record of one of the kinds edited in a list (a mood check-in, a referral, a
/// credential…; `wellkept::trash::MOVABLE_KINDS`) to the trash.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_to_trash(state: State<'_, AppState>, kind: String, id: String) -> CommandResult<()> {
    Ok(trash::move_to_trash(&*state.open_vault().await?, &kind, &id).await?)
}

/// Everything in the trash, most recently deleted first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_trash(state: State<'_, AppState>) -> CommandResult<Vec<TrashItem>> {
    Ok(trash::list_trash(&*state.open_vault().await?).await?)
}

/// Takes one record out of the trash.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_from_trash(state: State<'_, AppState>, kind: String, id: String) -> CommandResult<()> {
    Ok(trash::restore_from_trash(&*state.open_vault().await?, &kind, &id).await?)
}

/// Deletes one record in the trash for good.
#[tauri::command(rename_all = "snake_case")]
pub async fn purge_from_trash(state: State<'_, AppState>, kind: String, id: String) -> CommandResult<PurgeReport> {
    Ok(trash::purge_from_trash(&*state.open_vault().await?, &kind, &id).await?)
}

/// Deletes everything in the trash for good (except records other records still need).
#[tauri::command(rename_all = "snake_case")]
pub async fn empty_trash(state: State<'_, AppState>) -> CommandResult<PurgeReport> {
    Ok(trash::empty_trash(&*state.open_vault().await?).await?)
}
