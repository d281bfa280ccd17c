//! Practice commands: clients, session notes, goals and action steps, the dashboard.

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use tauri::State;
use wellkept::practice::appointments;
use wellkept::practice::clients::{self, Client, ClientDetails, ClientFilter, ClientPatch};
use wellkept::practice::dashboard::{self, Dashboard};
use wellkept::practice::goals::steps::{self, ActionStep, StepDetails};
use wellkept::practice::goals::{self, Goal, GoalDetails, GoalEdit, GoalFilter, GoalReview, GoalStatus, NewReview};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter, NoteRevision, SessionNote};
use wellkept::practice::templates::{NoteTemplate, TemplateSection};
use wellkept::practice::{erasure, retention};

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

/// Starts a private note (a draft): the mentor's process notes, kept apart from the record;
/// private for good (docs/decisions.md 52).
#[tauri::command(rename_all = "snake_case")]
pub async fn add_private_note(state: State<'_, AppState>, note: NewSessionNote) -> CommandResult<SessionNote> {
    Ok(notes::add_private_note(&*state.open_vault().await?, note).await?)
}

/// One note with its addenda.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_note(state: State<'_, AppState>, id: String) -> CommandResult<SessionNote> {
    Ok(notes::get_note(&*state.open_vault().await?, &id).await?)
}

/// Autosaves a draft as the mentor types (durable before it returns). `base`: the note's
/// `text_version` when the editor loaded it, so that a version saved meanwhile on another
/// computer is kept aside instead of written over.
#[tauri::command(rename_all = "snake_case")]
pub async fn save_note_draft(
    state: State<'_, AppState>,
    id: String,
    draft: NoteDraft,
    base: Option<String>,
) -> CommandResult<SessionNote> {
    Ok(notes::save_draft_over(&*state.open_vault().await?, &id, draft, base).await?)
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

/// Rewords a goal and moves its target date (its status has its own command). `base` is the
/// goal's `text_version` as the form was filled from (`""` for the first), so a wording saved
/// meanwhile on another computer is kept aside rather than written over.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_goal(
    state: State<'_, AppState>,
    id: String,
    goal: GoalEdit,
    base: Option<String>,
) -> CommandResult<Goal> {
    Ok(goals::update_goal(&*state.open_vault().await?, &id, goal, base).await?)
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

/// The calendar's sessions starting in `[from, to)` (at most two years), cancelled ones
/// included (with their reason), each with its local time and zone.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_occurrences(
    state: State<'_, AppState>,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> CommandResult<Vec<appointments::Occurrence>> {
    let vault = state.open_vault().await?;
    Ok(appointments::schedule::list_occurrences(&vault, from, to, None).await?)
}

/// This computer's IANA time zone (the one sessions are booked in unless another is chosen).
#[tauri::command(rename_all = "snake_case")]
pub fn local_time_zone() -> String {
    appointments::local_zone().name().to_owned()
}

/// One appointment or series.
#[tauri::command(rename_all = "snake_case")]
pub async fn get_appointment(state: State<'_, AppState>, id: String) -> CommandResult<appointments::Appointment> {
    Ok(appointments::get_appointment(&*state.open_vault().await?, &id).await?)
}

/// Changes a single session, or a series from one of its sessions on (that session and all
/// after it; from the first, the whole series).
#[tauri::command(rename_all = "snake_case")]
pub async fn edit_series_from(
    state: State<'_, AppState>,
    id: String,
    occurrence_start: DateTime<Utc>,
    appointment: appointments::AppointmentDetails,
) -> CommandResult<appointments::Appointment> {
    let vault = state.open_vault().await?;
    Ok(appointments::edit_series_from(&vault, &id, occurrence_start, appointment).await?)
}

/// Records one session's outcome: attended, no-show, or back to scheduled.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_occurrence_status(
    state: State<'_, AppState>,
    id: String,
    occurrence_start: DateTime<Utc>,
    status: appointments::OccurrenceStatus,
) -> CommandResult<()> {
    Ok(appointments::set_occurrence_status(&*state.open_vault().await?, &id, occurrence_start, status).await?)
}

/// Cancels one session, with the reason.
#[tauri::command(rename_all = "snake_case")]
pub async fn cancel_occurrence(
    state: State<'_, AppState>,
    id: String,
    occurrence_start: DateTime<Utc>,
    reason: String,
) -> CommandResult<()> {
    Ok(appointments::cancel_occurrence(&*state.open_vault().await?, &id, occurrence_start, &reason).await?)
}

/// Moves one session to another time; the rest of the series stays.
#[tauri::command(rename_all = "snake_case")]
pub async fn move_occurrence(
    state: State<'_, AppState>,
    id: String,
    occurrence_start: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> CommandResult<()> {
    let vault = state.open_vault().await?;
    Ok(appointments::move_occurrence(&vault, &id, occurrence_start, starts_at, ends_at).await?)
}

/// Ends a series after `last_day` (its local day, inclusive).
#[tauri::command(rename_all = "snake_case")]
pub async fn end_series(
    state: State<'_, AppState>,
    id: String,
    last_day: NaiveDate,
) -> CommandResult<appointments::Appointment> {
    Ok(appointments::end_series(&*state.open_vault().await?, &id, last_day).await?)
}

/// Opens a web link (a session's video link) in the person's browser, through the desktop's own
/// opener (`xdg-open` on Linux, `open` on macOS, the URL handler on Windows). Only `https://`
/// and `http://` links are opened: the text comes from a field anyone who can type in the vault
/// fills in, and a `file:` or custom-scheme link could start a program.
/// `WELLKEPT_OPEN_LINK_WITH` names another program to hand the link to (the end-to-end test
/// records what was opened that way).
#[tauri::command(rename_all = "snake_case")]
pub fn open_link(url: String) -> CommandResult<()> {
    let url = url.trim();
    let web = url.starts_with("https://") || url.starts_with("http://");
    if !web || url.len() > 2000 || url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(crate::error::CommandError::new(
            "invalid",
            "Only web links (https://…) can be opened from Wellkept.",
        ));
    }
    let mut command = match std::env::var_os("WELLKEPT_OPEN_LINK_WITH") {
        Some(program) => std::process::Command::new(program),
        None if cfg!(target_os = "macos") => std::process::Command::new("open"),
        None if cfg!(target_os = "windows") => {
            let mut c = std::process::Command::new("rundll32");
            c.arg("url.dll,FileProtocolHandler");
            c
        }
        None => std::process::Command::new("xdg-open"),
    };
    let mut child = command
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .map_err(|_| {
            crate::error::CommandError::new(
                "unavailable",
                format!("No program to open web links was found on this computer. Copy the link instead: {url}"),
            )
        })?;
    // Reaped in the background; the opener hands the link to the browser and exits.
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod link_tests {
    use super::open_link;

    #[test]
    fn only_web_links_are_handed_to_the_desktop() {
        for url in ["file:///etc/passwd", "javascript:alert(1)", "ftp://x", "https://a b", "smb://server/share", ""] {
            let refused = open_link(url.into()).expect_err(url);
            assert_eq!(refused.message, "Only web links (https://…) can be opened from Wellkept.", "{url}");
        }
    }
}

/// The mentor's local day on the shell's clock.
fn local_today() -> NaiveDate {
    wellkept::clock::now().with_timezone(&chrono::Local).date_naive()
}

/// The practice's retention rule (the default until saved).
#[tauri::command(rename_all = "snake_case")]
pub async fn retention_rule(state: State<'_, AppState>) -> CommandResult<retention::RetentionRule> {
    Ok(retention::retention_rule(&*state.open_vault().await?).await?)
}

/// Saves the practice's retention rule.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_retention_rule(
    state: State<'_, AppState>,
    rule: retention::RetentionRule,
) -> CommandResult<retention::RetentionRule> {
    Ok(retention::set_retention_rule(&*state.open_vault().await?, rule).await?)
}

/// One client's retention today: the last contact, the day it ends, whether it has ended.
#[tauri::command(rename_all = "snake_case")]
pub async fn client_retention(state: State<'_, AppState>, id: String) -> CommandResult<retention::ClientRetention> {
    Ok(retention::client_retention(&*state.open_vault().await?, &id, local_today()).await?)
}

/// One line of the erasure log, with the line the window shows (its day is the local day).
#[derive(Serialize, ts_rs::TS)]
pub struct ErasureView {
    /// The tombstone.
    pub erasure: erasure::Erasure,
    /// "Erased client 1a2b3c4d · 2 Dec 2026 · retention ended".
    pub line: String,
    /// Set right after an erasure whose compaction failed: what is still on the disk.
    pub warning: Option<String>,
}

impl From<erasure::Erasure> for ErasureView {
    fn from(erasure: erasure::Erasure) -> Self {
        let line = erasure.line(erasure.erased_at.with_timezone(&chrono::Local).date_naive());
        Self { erasure, line, warning: None }
    }
}

/// Erases a client and everything that refers to them (see `wellkept::practice::erasure`).
#[tauri::command(rename_all = "snake_case")]
pub async fn erase_client(
    state: State<'_, AppState>,
    id: String,
    request: erasure::EraseRequest,
) -> CommandResult<ErasureView> {
    let report = erasure::erase_client(&*state.open_vault().await?, &id, request, local_today()).await?;
    let mut view = ErasureView::from(report.erasure);
    if !report.compacted {
        view.warning = Some(
            "The record is gone from the vault, but the vault could not be compacted just now: older backup \
             generations still hold it until they rotate out."
                .to_owned(),
        );
    }
    Ok(view)
}

/// The erasure log, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_erasures(state: State<'_, AppState>) -> CommandResult<Vec<ErasureView>> {
    Ok(erasure::list_erasures(&*state.open_vault().await?).await?.into_iter().map(ErasureView::from).collect())
}

/// Sets (or with `None`, clears) a client's own retention; returns their retention today.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_client_retention(
    state: State<'_, AppState>,
    id: String,
    keep: Option<retention::RetentionOverride>,
) -> CommandResult<retention::ClientRetention> {
    let vault = state.open_vault().await?;
    retention::set_client_retention_override(&vault, &id, keep).await?;
    Ok(retention::client_retention(&vault, &id, local_today()).await?)
}
