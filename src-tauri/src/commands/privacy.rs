//! The practice's privacy duties (the core's `privacy`): the practice (controller) details and
//! the record of processing activities (GDPR Art. 30), written to a file the person chose.

use crate::error::CommandResult;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::State;
use wellkept::export::{self, Exported, Format};
use wellkept::privacy::{self, PracticeDetails};

/// The practice details as saved, or none yet.
#[tauri::command(rename_all = "snake_case")]
pub async fn practice_details(state: State<'_, AppState>) -> CommandResult<Option<PracticeDetails>> {
    Ok(privacy::practice_details(&*state.open_vault().await?).await?)
}

/// Saves the practice details (the controller's name is required).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_practice_details(
    state: State<'_, AppState>,
    details: PracticeDetails,
) -> CommandResult<PracticeDetails> {
    Ok(privacy::set_practice_details(&*state.open_vault().await?, details).await?)
}

/// Writes the record of processing to `path` as a PDF or Markdown (plaintext, with the warning).
#[tauri::command(rename_all = "snake_case")]
pub async fn write_record_of_processing(
    state: State<'_, AppState>,
    format: Format,
    path: PathBuf,
) -> CommandResult<Exported> {
    state.chosen.check(&path)?;
    Ok(export::export_record_of_processing(&*state.open_vault().await?, format, &path).await?)
}
