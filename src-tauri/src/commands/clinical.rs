//! Clinical commands: outcome measures (with the PHQ-9 item-9 risk flag), risk flags, safety
//! plans and the crisis-line directory.

use crate::error::CommandResult;
use crate::state::AppState;
use tauri::State;
use wellkept::clinical::crisis_lines::{self, CrisisLine};
use wellkept::clinical::instruments::{Definition, Instrument};
use wellkept::clinical::measures::{self, MeasureAdministration, NewMeasure, RecordedMeasure, ScorePoint};
use wellkept::clinical::risk::{self, RiskFlag};
use wellkept::clinical::safety_plans::{self, SafetyPlan, SafetyPlanContent, SafetyPlanSection};

/// Every instrument the app can administer: items, answers, bands and source.
#[tauri::command]
pub fn list_instruments() -> Vec<&'static Definition> {
    Instrument::ALL.iter().map(|i| i.definition()).collect()
}

/// Records a completed measure; scores it and, for PHQ-9 item 9 above 0, raises a risk flag
/// in the same write.
#[tauri::command]
pub async fn record_measure(state: State<'_, AppState>, measure: NewMeasure) -> CommandResult<RecordedMeasure> {
    Ok(measures::record_measure(&*state.open_vault().await?, measure).await?)
}

/// A client's (or, with no client, the owner's) administrations, newest first.
#[tauri::command]
pub async fn list_measures(
    state: State<'_, AppState>,
    client_id: Option<String>,
    instrument: Option<Instrument>,
) -> CommandResult<Vec<MeasureAdministration>> {
    Ok(measures::list_measures(&*state.open_vault().await?, client_id.as_deref(), instrument).await?)
}

/// Score history of one instrument, oldest first, for the chart.
#[tauri::command]
pub async fn score_history(
    state: State<'_, AppState>,
    client_id: Option<String>,
    instrument: Instrument,
) -> CommandResult<Vec<ScorePoint>> {
    Ok(measures::score_history(&*state.open_vault().await?, client_id.as_deref(), instrument).await?)
}

/// A client's risk flags (open ones, or all).
#[tauri::command]
pub async fn list_risk_flags(
    state: State<'_, AppState>,
    client_id: Option<String>,
    include_resolved: bool,
) -> CommandResult<Vec<RiskFlag>> {
    Ok(risk::list_risk_flags(&*state.open_vault().await?, client_id.as_deref(), include_resolved).await?)
}

/// Resolves a risk flag with a dated note.
#[tauri::command]
pub async fn resolve_risk_flag(state: State<'_, AppState>, id: String, note: String) -> CommandResult<RiskFlag> {
    Ok(risk::resolve_risk_flag(&*state.open_vault().await?, &id, super::today(), &note).await?)
}

/// One section of the Stanley-Brown plan, for the editor.
#[derive(serde::Serialize)]
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
#[tauri::command]
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
#[tauri::command]
pub async fn current_safety_plan(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> CommandResult<Option<SafetyPlan>> {
    Ok(safety_plans::current_safety_plan(&*state.open_vault().await?, client_id.as_deref()).await?)
}

/// Saves a new version of a safety plan (earlier versions are kept).
#[tauri::command]
pub async fn save_safety_plan(
    state: State<'_, AppState>,
    client_id: Option<String>,
    sections: SafetyPlanContent,
) -> CommandResult<SafetyPlan> {
    Ok(safety_plans::save_safety_plan(&*state.open_vault().await?, client_id.as_deref(), sections).await?)
}

/// The crisis-line directory (built-in lines by country plus the user's own), visible ones.
#[tauri::command]
pub async fn list_crisis_lines(state: State<'_, AppState>, country: Option<String>) -> CommandResult<Vec<CrisisLine>> {
    Ok(crisis_lines::list_crisis_lines(&*state.open_vault().await?, country.as_deref(), false).await?)
}
