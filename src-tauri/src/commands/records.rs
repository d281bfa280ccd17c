//! Commands for consent records, the disclosure log, referrals, the resource library and the
//! mentor's own record (credentials, training/CPD, supervision).

use crate::error::CommandResult;
use crate::state::AppState;
use chrono::NaiveDate;
use tauri::State;
use wellkept::clinical::consent::{self, Consent, Disclosure, NewConsent, NewDisclosure};
use wellkept::clinical::mentor_record::{self, Credential, CredentialInput, TrainingInput, TrainingRecord};
use wellkept::clinical::referrals::{self, Referral, ReferralInput};
use wellkept::clinical::resources::{self, Resource, ResourceInput};
use wellkept::clinical::supervision::{self, SupervisionInput, SupervisionNote};

/// Records a client's consent (scope, given on, expiry).
#[tauri::command(rename_all = "snake_case")]
pub async fn record_consent(state: State<'_, AppState>, consent: NewConsent) -> CommandResult<Consent> {
    Ok(consent::record_consent(&*state.open_vault().await?, consent).await?)
}

/// Withdraws a consent as of today, with a note.
#[tauri::command(rename_all = "snake_case")]
pub async fn withdraw_consent(state: State<'_, AppState>, id: String, note: String) -> CommandResult<Consent> {
    Ok(consent::withdraw_consent(&*state.open_vault().await?, &id, super::today(), &note).await?)
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
