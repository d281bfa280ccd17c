//! Journal commands: entries (with prompts and mood), mood check-ins and their series.

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use wellkept::journal::Page;
use wellkept::journal::entries::{self, EntryFilter, JournalEntry, JournalEntryUpdate, NewJournalEntry};
use wellkept::journal::mood::{self, MoodCheckIn, MoodDay, NewMoodCheckIn};
use wellkept::journal::prompts::{self, Prompt};

/// Writes a new journal entry.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_journal_entry(state: State<'_, AppState>, entry: NewJournalEntry) -> CommandResult<JournalEntry> {
    Ok(entries::add_entry(&*state.open_vault().await?, entry).await?)
}

/// Saves an entry's full new contents (the editor autosaves through this as the user types).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_journal_entry(
    state: State<'_, AppState>,
    id: String,
    entry: JournalEntryUpdate,
) -> CommandResult<JournalEntry> {
    Ok(entries::update_entry(&*state.open_vault().await?, &id, entry).await?)
}

/// One entry.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_journal_entry(state: State<'_, AppState>, id: String) -> CommandResult<JournalEntry> {
    Ok(entries::get_entry(&*state.open_vault().await?, &id).await?)
}

/// A page of entries, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_journal_entries(
    state: State<'_, AppState>,
    filter: EntryFilter,
) -> CommandResult<Page<JournalEntry>> {
    Ok(entries::list_entries(&*state.open_vault().await?, filter).await?)
}

/// Today's reflection prompt.
#[tauri::command(rename_all = "snake_case")]
pub fn prompt_of_the_day() -> &'static Prompt {
    prompts::prompt_of_the_day(super::today())
}

/// Records a mood check-in.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_mood_checkin(state: State<'_, AppState>, checkin: NewMoodCheckIn) -> CommandResult<MoodCheckIn> {
    Ok(mood::add_mood_checkin(&*state.open_vault().await?, checkin).await?)
}

/// Daily mood averages between two days (inclusive), for the chart.
#[tauri::command(rename_all = "snake_case")]
pub async fn mood_series(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> CommandResult<Vec<MoodDay>> {
    Ok(mood::mood_series(&*state.open_vault().await?, from, to).await?)
}
