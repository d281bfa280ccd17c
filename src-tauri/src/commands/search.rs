//! Global search (Ctrl+K): one ranked full-text query over everything the vault keeps, through
//! the core's `search` module; results carry snippets with the matching words marked.

use crate::error::CommandResult;
use crate::state::AppState;
use tauri::State;
use wellkept::search::{self, SearchQuery, SearchResults};

/// Searches every kind of record (or only `query.kinds`), best matches first.
#[tauri::command(rename_all = "snake_case")]
pub async fn search_everything(state: State<'_, AppState>, query: SearchQuery) -> CommandResult<SearchResults> {
    Ok(search::search(&*state.open_vault().await?, query).await?)
}

/// The kinds of record search covers, as `[kind, label]` pairs, for the filter menu.
#[tauri::command(rename_all = "snake_case")]
pub fn search_kinds() -> Vec<(&'static str, &'static str)> {
    search::search_kinds()
}
