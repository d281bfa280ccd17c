//! Clinical commands: outcome measures (with the PHQ-9 item-9 risk flag), risk flags, safety
//! plans and the crisis-line directory.

use crate::error::CommandResult;
use crate::state::AppState;
use tauri::State;
use wellkept::clinical::countries;
use wellkept::clinical::crisis_lines::{self, CrisisLine, CrisisLineInput};
use wellkept::clinical::instruments::{Definition, Instrument};
use wellkept::clinical::measures::{self, MeasureAdministration, NewMeasure, RecordedMeasure, ScorePoint};
use wellkept::clinical::risk::{self, RiskFlag};
use wellkept::clinical::safety_plans::{self, SafetyPlan, SafetyPlanContent, SafetyPlanSection};

/// Every instrument the app can administer: items, answers, bands and source.
#[tauri::command(rename_all = "snake_case")]
pub fn list_instruments() -> Vec<&'static Definition> {
    Instrument::ALL.iter().map(|i| i.definition()).collect()
}

/// Records a completed measure; scores it and, for PHQ-9 item 9 above 0, raises a risk flag
/// in the same write.
#[tauri::command(rename_all = "snake_case")]
pub async fn record_measure(state: State<'_, AppState>, measure: NewMeasure) -> CommandResult<RecordedMeasure> {
    Ok(measures::record_measure(&*state.open_vault().await?, measure).await?)
}

/// A client's (or, with no client, the owner's) administrations, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_measures(
    state: State<'_, AppState>,
    client_id: Option<String>,
    instrument: Option<Instrument>,
) -> CommandResult<Vec<MeasureAdministration>> {
    Ok(measures::list_measures(&*state.open_vault().await?, client_id.as_deref(), instrument).await?)
}

/// Score history of one instrument, oldest first, for the chart.
#[tauri::command(rename_all = "snake_case")]
pub async fn score_history(
    state: State<'_, AppState>,
    client_id: Option<String>,
    instrument: Instrument,
) -> CommandResult<Vec<ScorePoint>> {
    Ok(measures::score_history(&*state.open_vault().await?, client_id.as_deref(), instrument).await?)
}

/// A client's risk flags (open ones, or all).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_risk_flags(
    state: State<'_, AppState>,
    client_id: Option<String>,
    include_resolved: bool,
) -> CommandResult<Vec<RiskFlag>> {
    Ok(risk::list_risk_flags(&*state.open_vault().await?, client_id.as_deref(), include_resolved).await?)
}

/// Resolves a risk flag with a dated note.
#[tauri::command(rename_all = "snake_case")]
pub async fn resolve_risk_flag(state: State<'_, AppState>, id: String, note: String) -> CommandResult<RiskFlag> {
    Ok(risk::resolve_risk_flag(&*state.open_vault().await?, &id, super::today(), &note).await?)
}

/// One section of the Stanley-Brown plan, for the editor.
#[derive(serde::Serialize, ts_rs::TS)]
pub struct SectionInfo {
    /// The section's key.
    pub section: SafetyPlanSection,
    /// Its step number on the Stanley-Brown form, if it has one (crisis lines and reasons for
    /// living have none).
    pub step: Option<u8>,
    /// Its heading.
    pub title: &'static str,
    /// Whether its items take a phone number.
    pub has_contacts: bool,
}

/// The safety plan's sections in the order the plan is worked through.
#[tauri::command(rename_all = "snake_case")]
pub fn safety_plan_sections() -> Vec<SectionInfo> {
    SafetyPlanSection::ALL
        .iter()
        .map(|&section| SectionInfo {
            section,
            step: section.step(),
            title: section.title(),
            has_contacts: section.has_contacts(),
        })
        .collect()
}

/// The current safety plan of a client (or, with no client, the owner's own), if written.
#[tauri::command(rename_all = "snake_case")]
pub async fn current_safety_plan(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> CommandResult<Option<SafetyPlan>> {
    Ok(safety_plans::current_safety_plan(&*state.open_vault().await?, client_id.as_deref()).await?)
}

/// Saves a new version of a safety plan (earlier versions are kept).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_safety_plan(
    state: State<'_, AppState>,
    client_id: Option<String>,
    sections: SafetyPlanContent,
) -> CommandResult<SafetyPlan> {
    Ok(safety_plans::save_safety_plan(&*state.open_vault().await?, client_id.as_deref(), sections).await?)
}

/// The crisis-line directory (built-in lines by country plus the user's own): the visible
/// ones, or with `include_hidden` every line (for managing the directory).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_crisis_lines(
    state: State<'_, AppState>,
    country: Option<String>,
    include_hidden: Option<bool>,
) -> CommandResult<Vec<CrisisLine>> {
    let vault = state.open_vault().await?;
    Ok(crisis_lines::list_crisis_lines(&vault, country.as_deref(), include_hidden.unwrap_or(false)).await?)
}

/// The built-in crisis lines, without a vault: what the crisis button shows while locked.
#[tauri::command(rename_all = "snake_case")]
pub fn built_in_crisis_lines() -> Vec<CrisisLine> {
    crisis_lines::built_in_crisis_lines()
}

/// A country a person can choose, for the country pickers.
#[derive(serde::Serialize, ts_rs::TS)]
pub struct CountryChoice {
    /// ISO 3166-1 alpha-2 code ("GB").
    pub code: &'static str,
    /// English name ("United Kingdom").
    pub name: &'static str,
}

/// Every country, by name, for choosing one's own and a crisis line's.
#[tauri::command(rename_all = "snake_case")]
pub fn list_countries() -> Vec<CountryChoice> {
    let mut all: Vec<CountryChoice> =
        countries::COUNTRIES.iter().map(|&(code, name)| CountryChoice { code, name }).collect();
    all.sort_by(|a, b| a.name.cmp(b.name));
    all
}

/// Adds a crisis line of the person's own.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_crisis_line(state: State<'_, AppState>, line: CrisisLineInput) -> CommandResult<CrisisLine> {
    Ok(crisis_lines::add_crisis_line(&*state.open_vault().await?, line).await?)
}

/// Edits a crisis line, built-in or the person's own.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_crisis_line(
    state: State<'_, AppState>,
    id: String,
    line: CrisisLineInput,
) -> CommandResult<CrisisLine> {
    Ok(crisis_lines::update_crisis_line(&*state.open_vault().await?, &id, line).await?)
}

/// Hides a crisis line from the directory, or shows it again.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_crisis_line_hidden(state: State<'_, AppState>, id: String, hidden: bool) -> CommandResult<CrisisLine> {
    Ok(crisis_lines::set_crisis_line_hidden(&*state.open_vault().await?, &id, hidden).await?)
}
