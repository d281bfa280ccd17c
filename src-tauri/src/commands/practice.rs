//! Practice commands: clients, session notes, goals and action steps, the dashboard.

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use serde::Serialize;
use tauri::State;
use wellkept::practice::clients::{self, Client, ClientDetails, ClientFilter, ClientPatch};
use wellkept::practice::dashboard::{self, Dashboard};
use wellkept::practice::goals::steps::{self, ActionStep, StepDetails};
use wellkept::practice::goals::{self, Goal, GoalDetails, GoalFilter, GoalReview, GoalStatus, NewReview};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter, NoteRevision, SessionNote};
use wellkept::practice::templates::{NoteTemplate, TemplateSection};

/// Clients matching a filter (status, tag, text), for the clients list.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_clients(state: State<'_, AppState>, filter: ClientFilter) -> CommandResult<Vec<Client>> {
    Ok(clients::list_clients(&*state.open_vault().await?, filter).await?)
}

/// Adds a client.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_client(state: State<'_, AppState>, details: ClientDetails) -> CommandResult<Client> {
    Ok(clients::add_client(&*state.open_vault().await?, details).await?)
}

/// One client.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_client(state: State<'_, AppState>, id: String) -> CommandResult<Client> {
    Ok(clients::get_client(&*state.open_vault().await?, &id).await?)
}

/// Changes the client fields the patch names; the others keep their stored values.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_client(state: State<'_, AppState>, id: String, patch: ClientPatch) -> CommandResult<Client> {
    Ok(clients::update_client(&*state.open_vault().await?, &id, patch).await?)
}

/// A note template and its sections, for the note editor.
#[derive(Serialize, ts_rs::TS)]
pub struct TemplateInfo {
    /// The template's key (`free`, `soap`...).
    pub template: NoteTemplate,
    /// Its name as shown.
    pub title: &'static str,
    /// Its sections in order.
    pub sections: &'static [TemplateSection],
}

/// Every note template with its sections.
#[tauri::command(rename_all = "snake_case")]
pub fn note_templates() -> Vec<TemplateInfo> {
    NoteTemplate::ALL
        .iter()
        .map(|&template| TemplateInfo { template, title: template.title(), sections: template.sections() })
        .collect()
}

/// Notes matching a filter (client, text, dates, finalised).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_notes(state: State<'_, AppState>, filter: NoteFilter) -> CommandResult<Vec<SessionNote>> {
    Ok(notes::list_notes(&*state.open_vault().await?, filter).await?)
}

/// Starts a session note (a draft).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_note(state: State<'_, AppState>, note: NewSessionNote) -> CommandResult<SessionNote> {
    Ok(notes::add_note(&*state.open_vault().await?, note).await?)
}

/// One note with its addenda.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_note(state: State<'_, AppState>, id: String) -> CommandResult<SessionNote> {
    Ok(notes::get_note(&*state.open_vault().await?, &id).await?)
}

/// Autosaves a draft as the mentor types (durable before it returns).
#[tauri::command(rename_all = "snake_case")]
pub async fn save_note_draft(state: State<'_, AppState>, id: String, draft: NoteDraft) -> CommandResult<SessionNote> {
    Ok(notes::save_draft(&*state.open_vault().await?, &id, draft).await?)
}

/// Finalises a note: read-only from now on; later changes are addenda.
#[tauri::command(rename_all = "snake_case")]
pub async fn finalise_note(state: State<'_, AppState>, id: String) -> CommandResult<SessionNote> {
    Ok(notes::finalise_note(&*state.open_vault().await?, &id).await?)
}

/// Adds a dated addendum to a finalised note.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_addendum(state: State<'_, AppState>, note_id: String, text: String) -> CommandResult<notes::Addendum> {
    Ok(notes::add_addendum(&*state.open_vault().await?, &note_id, &text).await?)
}

/// Goals matching a filter (client, own, status, text), with their steps and reviews.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_goals(state: State<'_, AppState>, filter: GoalFilter) -> CommandResult<Vec<Goal>> {
    Ok(goals::list_goals(&*state.open_vault().await?, filter).await?)
}

/// Adds a SMART goal.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_goal(state: State<'_, AppState>, goal: GoalDetails) -> CommandResult<Goal> {
    Ok(goals::add_goal(&*state.open_vault().await?, goal).await?)
}

/// Sets where a goal stands (active, achieved, paused, dropped).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_goal_status(state: State<'_, AppState>, id: String, status: GoalStatus) -> CommandResult<Goal> {
    Ok(goals::set_goal_status(&*state.open_vault().await?, &id, status).await?)
}

/// Plans (or clears) a goal's next review day.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_goal_next_review(
    state: State<'_, AppState>,
    id: String,
    next_review_on: Option<NaiveDate>,
) -> CommandResult<Goal> {
    Ok(goals::set_next_review(&*state.open_vault().await?, &id, next_review_on).await?)
}

/// Records a review of a goal (day, rating, what was said, the next review day).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_goal_review(
    state: State<'_, AppState>,
    goal_id: String,
    review: NewReview,
) -> CommandResult<GoalReview> {
    Ok(goals::add_review(&*state.open_vault().await?, &goal_id, review).await?)
}

/// A session note's revisions, oldest first (for its history with differences).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_note_revisions(state: State<'_, AppState>, note_id: String) -> CommandResult<Vec<NoteRevision>> {
    Ok(notes::list_revisions(&*state.open_vault().await?, &note_id).await?)
}

/// Adds an action step to a goal.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_step(state: State<'_, AppState>, goal_id: String, step: StepDetails) -> CommandResult<ActionStep> {
    Ok(steps::add_step(&*state.open_vault().await?, &goal_id, step).await?)
}

/// Changes a step (status, progress, due date...).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_step(state: State<'_, AppState>, id: String, step: StepDetails) -> CommandResult<ActionStep> {
    Ok(steps::update_step(&*state.open_vault().await?, &id, step).await?)
}

/// Today's appointments, reminders, overdue steps, counts, open risk flags and measures due.
#[tauri::command(rename_all = "snake_case")]
pub async fn load_dashboard(state: State<'_, AppState>) -> CommandResult<Dashboard> {
    let vault = state.open_vault().await?;
    Ok(dashboard::load_dashboard(&vault, wellkept::clock::now(), &chrono::Local).await?)
}

/// Schedules an appointment (one-off, weekly or fortnightly).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_appointment(
    state: State<'_, AppState>,
    appointment: wellkept::practice::appointments::AppointmentDetails,
) -> CommandResult<wellkept::practice::appointments::Appointment> {
    Ok(wellkept::practice::appointments::add_appointment(&*state.open_vault().await?, appointment).await?)
}

/// Occurrences in the next `days` days (at most 90), soonest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn upcoming_appointments(
    state: State<'_, AppState>,
    days: u32,
) -> CommandResult<Vec<wellkept::practice::appointments::Occurrence>> {
    let vault = state.open_vault().await?;
    Ok(wellkept::practice::appointments::schedule::upcoming_appointments(&vault, wellkept::clock::now(), days.min(90))
        .await?)
}
