//! Journal commands: entries (with prompts and mood), mood check-ins and their series, and the
//! client's own tools: thought records, the behavioural-activation log, the coping toolbox and
//! gratitude entries (the core's `journal`).

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use wellkept::journal::Page;
use wellkept::journal::activation::{self, ActivationEntry, ActivationFilter, NewActivation};
use wellkept::journal::coping::{self, CopingStrategy, CopingSuggestion, NewCopingStrategy};
use wellkept::journal::entries::{self, EntryFilter, JournalEntry, JournalEntryUpdate, NewJournalEntry};
use wellkept::journal::mood::{self, MoodCheckIn, MoodDay, MoodFilter, NewMoodCheckIn};
use wellkept::journal::prompts::{self, Prompt};
use wellkept::journal::thought_records::{self, NewThoughtRecord, ThoughtRecord, ThoughtRecordFilter};
use wellkept::settings::DailyReminder;

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

/// The daily check-in reminder as saved (off until the person turns it on).
#[tauri::command(rename_all = "snake_case")]
pub async fn daily_reminder(state: State<'_, AppState>) -> CommandResult<DailyReminder> {
    Ok(wellkept::settings::daily_reminder(&*state.open_vault().await?).await?)
}

/// Saves the daily check-in reminder; the reminder loop (`crate::reminders`) reads it each tick.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_daily_reminder(state: State<'_, AppState>, reminder: DailyReminder) -> CommandResult<DailyReminder> {
    Ok(wellkept::settings::set_daily_reminder(&*state.open_vault().await?, reminder).await?)
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

/// Mood check-ins, newest first, for choosing which to share.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_mood_checkins(state: State<'_, AppState>, filter: MoodFilter) -> CommandResult<Page<MoodCheckIn>> {
    Ok(mood::list_mood_checkins(&*state.open_vault().await?, filter).await?)
}

/// Saves a thought record (situation, moods 0–100, thoughts with one hot thought, evidence,
/// balanced thought, re-rated moods).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_thought_record(state: State<'_, AppState>, record: NewThoughtRecord) -> CommandResult<ThoughtRecord> {
    Ok(thought_records::add_thought_record(&*state.open_vault().await?, record).await?)
}

/// A page of thought records, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_thought_records(
    state: State<'_, AppState>,
    filter: ThoughtRecordFilter,
) -> CommandResult<Page<ThoughtRecord>> {
    Ok(thought_records::list_thought_records(&*state.open_vault().await?, filter).await?)
}

/// Logs an activity (planned, done or skipped; mastery and pleasure 0–10).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_activation(state: State<'_, AppState>, activity: NewActivation) -> CommandResult<ActivationEntry> {
    Ok(activation::add_activation(&*state.open_vault().await?, activity).await?)
}

/// A page of logged activities, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_activations(
    state: State<'_, AppState>,
    filter: ActivationFilter,
) -> CommandResult<Page<ActivationEntry>> {
    Ok(activation::list_activations(&*state.open_vault().await?, filter).await?)
}

/// The built-in coping ideas a person can add to their toolbox.
#[tauri::command(rename_all = "snake_case")]
pub fn coping_suggestions() -> &'static [CopingSuggestion] {
    coping::SUGGESTIONS
}

/// The person's coping toolbox.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_coping_strategies(state: State<'_, AppState>) -> CommandResult<Vec<CopingStrategy>> {
    Ok(coping::list_coping_strategies(&*state.open_vault().await?, None).await?)
}

/// Adds one of the built-in ideas to the toolbox.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_suggested_strategy(
    state: State<'_, AppState>,
    suggestion_id: String,
) -> CommandResult<CopingStrategy> {
    Ok(coping::add_suggested_strategy(&*state.open_vault().await?, &suggestion_id).await?)
}

/// Adds the person's own strategy.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_coping_strategy(
    state: State<'_, AppState>,
    strategy: NewCopingStrategy,
) -> CommandResult<CopingStrategy> {
    Ok(coping::add_coping_strategy(&*state.open_vault().await?, strategy).await?)
}

/// Records that a strategy was used now, with how much it helped (1–5).
#[tauri::command(rename_all = "snake_case")]
pub async fn record_coping_use(
    state: State<'_, AppState>,
    id: String,
    helpfulness: Option<i64>,
) -> CommandResult<CopingStrategy> {
    Ok(coping::record_coping_use(&*state.open_vault().await?, &id, None, helpfulness).await?)
}

/// Saves today's good things (up to three, each with why it mattered).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_gratitude_entry(
    state: State<'_, AppState>,
    entry: wellkept::journal::gratitude::NewGratitudeEntry,
) -> CommandResult<wellkept::journal::gratitude::GratitudeEntry> {
    Ok(wellkept::journal::gratitude::add_gratitude_entry(&*state.open_vault().await?, entry).await?)
}

/// A page of gratitude entries, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_gratitude_entries(
    state: State<'_, AppState>,
    filter: wellkept::journal::gratitude::GratitudeFilter,
) -> CommandResult<Page<wellkept::journal::gratitude::GratitudeEntry>> {
    Ok(wellkept::journal::gratitude::list_gratitude_entries(&*state.open_vault().await?, filter).await?)
}

/// Replaces a mood check-in's contents (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_mood_checkin(
    state: State<'_, AppState>,
    id: String,
    checkin: NewMoodCheckIn,
) -> CommandResult<MoodCheckIn> {
    Ok(mood::update_mood_checkin(&*state.open_vault().await?, &id, checkin).await?)
}

/// Replaces a thought record's contents (not one in the trash). `base`: the record's
/// `text_version` as the form was filled from (`""` for the first), so a version saved
/// meanwhile on another computer is kept aside rather than written over.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_thought_record(
    state: State<'_, AppState>,
    id: String,
    record: NewThoughtRecord,
    base: Option<String>,
) -> CommandResult<ThoughtRecord> {
    Ok(thought_records::update_thought_record(&*state.open_vault().await?, &id, record, base).await?)
}

/// Replaces an activity's contents (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_activation(
    state: State<'_, AppState>,
    id: String,
    activity: NewActivation,
) -> CommandResult<ActivationEntry> {
    Ok(activation::update_activation(&*state.open_vault().await?, &id, activity).await?)
}

/// Replaces a strategy's name, description, kind and rating (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_coping_strategy(
    state: State<'_, AppState>,
    id: String,
    strategy: NewCopingStrategy,
) -> CommandResult<CopingStrategy> {
    Ok(coping::update_coping_strategy(&*state.open_vault().await?, &id, strategy).await?)
}

/// Replaces a gratitude entry's good things (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_gratitude_entry(
    state: State<'_, AppState>,
    id: String,
    entry: wellkept::journal::gratitude::NewGratitudeEntry,
) -> CommandResult<wellkept::journal::gratitude::GratitudeEntry> {
    Ok(wellkept::journal::gratitude::update_gratitude_entry(&*state.open_vault().await?, &id, entry).await?)
}
