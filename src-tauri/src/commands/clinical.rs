//! Clinical commands: outcome measures (with the PHQ-9 item-9 risk flag), risk flags, safety
//! plans, the crisis-line directory, consent records, the disclosure log, referrals, the
//! resource library and the mentor's own record (credentials, training/CPD, supervision) — the
//! core's `clinical`.

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use wellkept::clinical::consent::{self, Consent, Disclosure, NewConsent, NewDisclosure};
use wellkept::clinical::countries;
use wellkept::clinical::crisis_lines::{self, CrisisLine, CrisisLineInput};
use wellkept::clinical::instruments::{Definition, Instrument};
use wellkept::clinical::measures::{self, MeasureAdministration, NewMeasure, RecordedMeasure, ScorePoint};
use wellkept::clinical::mentor_record::{self, Credential, CredentialInput, TrainingInput, TrainingRecord};
use wellkept::clinical::referrals::{self, Referral, ReferralInput, ReferralStatus};
use wellkept::clinical::resources::{self, Resource, ResourceInput};
use wellkept::clinical::risk::{self, NewRiskFlag, RiskFlag, RiskLevel, RiskSource};
use wellkept::clinical::safety_plans::{self, SafetyPlan, SafetyPlanContent, SafetyPlanSection};
use wellkept::clinical::schedules::{self, MeasureSchedule, NewMeasureSchedule};
use wellkept::clinical::supervision::{self, SupervisionInput, SupervisionNote};

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

// ---- measure schedules ("PHQ-9 every 4 weeks for this client") ----------------------------

/// A client's (or, with no client, the owner's) measure schedules.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_measure_schedules(
    state: State<'_, AppState>,
    client_id: Option<String>,
) -> CommandResult<Vec<MeasureSchedule>> {
    Ok(schedules::list_measure_schedules(&*state.open_vault().await?, client_id.as_deref()).await?)
}

/// Sets the schedule of one instrument for a client (replacing any earlier one).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_measure_schedule(
    state: State<'_, AppState>,
    schedule: NewMeasureSchedule,
) -> CommandResult<MeasureSchedule> {
    Ok(schedules::set_measure_schedule(&*state.open_vault().await?, schedule).await?)
}

/// Pauses or resumes a schedule (a paused one is never due).
#[tauri::command(rename_all = "snake_case")]
pub async fn set_measure_schedule_paused(
    state: State<'_, AppState>,
    id: String,
    paused: bool,
) -> CommandResult<MeasureSchedule> {
    Ok(schedules::set_measure_schedule_paused(&*state.open_vault().await?, &id, paused).await?)
}

/// Removes a schedule; the administrations already recorded stay.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_measure_schedule(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    Ok(schedules::remove_measure_schedule(&*state.open_vault().await?, &id).await?)
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

/// Raises a risk flag by hand, from the mentor's own judgement, dated today.
#[tauri::command(rename_all = "snake_case")]
pub async fn raise_risk_flag(
    state: State<'_, AppState>,
    client_id: Option<String>,
    level: RiskLevel,
    description: String,
) -> CommandResult<RiskFlag> {
    let new = NewRiskFlag { client_id, source: RiskSource::Mentor, level, description, raised_on: super::today() };
    Ok(risk::raise_risk_flag(&*state.open_vault().await?, new).await?)
}

/// Resolves a risk flag with a note saying what was done, on `resolved_on` (default today).
#[tauri::command(rename_all = "snake_case")]
pub async fn resolve_risk_flag(
    state: State<'_, AppState>,
    id: String,
    note: String,
    resolved_on: Option<NaiveDate>,
) -> CommandResult<RiskFlag> {
    let on = resolved_on.unwrap_or_else(super::today);
    Ok(risk::resolve_risk_flag(&*state.open_vault().await?, &id, on, &note).await?)
}

/// Changes an open flag's level (a concern that grows or eases); a resolved one is refused.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_risk_level(state: State<'_, AppState>, id: String, level: RiskLevel) -> CommandResult<RiskFlag> {
    Ok(risk::update_risk_level(&*state.open_vault().await?, &id, level).await?)
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
    /// What the section asks, said above its lines (step 6's means restriction), if anything.
    pub guidance: Option<&'static str>,
    /// Questions that help fill it in.
    pub prompts: Vec<&'static str>,
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
            guidance: section.guidance(),
            prompts: section.prompts().to_vec(),
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

/// Records a client's consent (scope, given on, expiry).
#[tauri::command(rename_all = "snake_case")]
pub async fn record_consent(state: State<'_, AppState>, consent: NewConsent) -> CommandResult<Consent> {
    Ok(consent::record_consent(&*state.open_vault().await?, consent).await?)
}

/// Withdraws a consent from the day given (default today), with a note.
#[tauri::command(rename_all = "snake_case")]
pub async fn withdraw_consent(
    state: State<'_, AppState>,
    id: String,
    withdrawn_on: Option<NaiveDate>,
    note: String,
) -> CommandResult<Consent> {
    let on = withdrawn_on.unwrap_or_else(super::today);
    Ok(consent::withdraw_consent(&*state.open_vault().await?, &id, on, &note).await?)
}

/// A client's consent records (all, or only those active today).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_consents(
    state: State<'_, AppState>,
    client_id: Option<String>,
    active_only: bool,
) -> CommandResult<Vec<Consent>> {
    let active_on = active_only.then(super::today);
    Ok(consent::list_consents(&*state.open_vault().await?, client_id.as_deref(), active_on).await?)
}

/// The disclosures that relied on a consent record, oldest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn disclosures_relying_on(state: State<'_, AppState>, consent_id: String) -> CommandResult<Vec<Disclosure>> {
    Ok(consent::disclosures_relying_on(&*state.open_vault().await?, &consent_id).await?)
}

/// Logs a disclosure (what, to whom, when, on which consent or legal duty).
#[tauri::command(rename_all = "snake_case")]
pub async fn log_disclosure(state: State<'_, AppState>, disclosure: NewDisclosure) -> CommandResult<Disclosure> {
    Ok(consent::log_disclosure(&*state.open_vault().await?, disclosure).await?)
}

/// A client's disclosure log.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_disclosures(state: State<'_, AppState>, client_id: Option<String>) -> CommandResult<Vec<Disclosure>> {
    Ok(consent::list_disclosures(&*state.open_vault().await?, client_id.as_deref()).await?)
}

/// Adds a referral.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_referral(state: State<'_, AppState>, referral: ReferralInput) -> CommandResult<Referral> {
    Ok(referrals::add_referral(&*state.open_vault().await?, referral).await?)
}

/// Referrals (one client's, or with no client the owner's).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_referrals(state: State<'_, AppState>, client_id: Option<String>) -> CommandResult<Vec<Referral>> {
    Ok(referrals::list_referrals(&*state.open_vault().await?, client_id.as_deref()).await?)
}

/// Moves a referral on (status), with a new follow-up day if given.
#[tauri::command(rename_all = "snake_case")]
pub async fn set_referral_status(
    state: State<'_, AppState>,
    id: String,
    status: ReferralStatus,
    follow_up_on: Option<NaiveDate>,
) -> CommandResult<Referral> {
    Ok(referrals::set_referral_status(&*state.open_vault().await?, &id, status, follow_up_on).await?)
}

/// Adds a resource (a link or notes) to the library.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_resource(state: State<'_, AppState>, resource: ResourceInput) -> CommandResult<Resource> {
    Ok(resources::add_resource(&*state.open_vault().await?, resource).await?)
}

/// The resource library.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_resources(state: State<'_, AppState>) -> CommandResult<Vec<Resource>> {
    Ok(resources::list_resources(&*state.open_vault().await?, None, None).await?)
}

/// Adds a credential (registration, certificate) with its validity.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_credential(state: State<'_, AppState>, credential: CredentialInput) -> CommandResult<Credential> {
    Ok(mentor_record::add_credential(&*state.open_vault().await?, credential).await?)
}

/// The mentor's credentials.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_credentials(state: State<'_, AppState>) -> CommandResult<Vec<Credential>> {
    Ok(mentor_record::list_credentials(&*state.open_vault().await?).await?)
}

/// Records training or CPD.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_training(state: State<'_, AppState>, training: TrainingInput) -> CommandResult<TrainingRecord> {
    Ok(mentor_record::add_training(&*state.open_vault().await?, training).await?)
}

/// Training records, all time.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_training(state: State<'_, AppState>) -> CommandResult<Vec<TrainingRecord>> {
    Ok(mentor_record::list_training(&*state.open_vault().await?, None, None).await?)
}

/// CPD hours between two days (inclusive).
#[tauri::command(rename_all = "snake_case")]
pub async fn cpd_hours(state: State<'_, AppState>, from: NaiveDate, to: NaiveDate) -> CommandResult<f64> {
    Ok(mentor_record::cpd_hours(&*state.open_vault().await?, from, to).await?)
}

/// Adds a supervision note.
#[tauri::command(rename_all = "snake_case")]
pub async fn add_supervision_note(
    state: State<'_, AppState>,
    note: SupervisionInput,
) -> CommandResult<SupervisionNote> {
    Ok(supervision::add_supervision_note(&*state.open_vault().await?, note).await?)
}

/// Supervision notes, newest first.
#[tauri::command(rename_all = "snake_case")]
pub async fn list_supervision_notes(state: State<'_, AppState>) -> CommandResult<Vec<SupervisionNote>> {
    Ok(supervision::list_supervision_notes(&*state.open_vault().await?).await?)
}

/// Edits a referral (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_referral(
    state: State<'_, AppState>,
    id: String,
    referral: ReferralInput,
) -> CommandResult<Referral> {
    Ok(referrals::update_referral(&*state.open_vault().await?, &id, referral).await?)
}

/// Edits a resource in the library (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_resource(
    state: State<'_, AppState>,
    id: String,
    resource: ResourceInput,
) -> CommandResult<Resource> {
    Ok(resources::update_resource(&*state.open_vault().await?, &id, resource).await?)
}

/// Edits a credential (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_credential(
    state: State<'_, AppState>,
    id: String,
    credential: CredentialInput,
) -> CommandResult<Credential> {
    Ok(mentor_record::update_credential(&*state.open_vault().await?, &id, credential).await?)
}

/// Edits a training record (not one in the trash).
#[tauri::command(rename_all = "snake_case")]
pub async fn update_training(
    state: State<'_, AppState>,
    id: String,
    training: TrainingInput,
) -> CommandResult<TrainingRecord> {
    Ok(mentor_record::update_training(&*state.open_vault().await?, &id, training).await?)
}

/// Edits a supervision note (not one in the trash). `base`: the note's `text_version` as the
/// form was filled from (`""` for the first), so a version saved meanwhile on another computer
/// is kept aside rather than written over.
#[tauri::command(rename_all = "snake_case")]
pub async fn update_supervision_note(
    state: State<'_, AppState>,
    id: String,
    note: SupervisionInput,
    base: Option<String>,
) -> CommandResult<SupervisionNote> {
    Ok(supervision::update_supervision_note(&*state.open_vault().await?, &id, note, base).await?)
}
