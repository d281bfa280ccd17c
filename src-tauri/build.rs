//! Build script: generates Tauri's context and the permission manifest for the app's own
//! commands. Listing the commands here makes every one of them need an explicit `allow-*`
//! permission in `capabilities/`, so the front end can call exactly what is listed there.

/// Every `#[tauri::command]` the shell registers, in snake_case. Keep in sync with
/// `generate_handler!` in `src/lib.rs` (a command missing here fails at run time with
/// "not allowed", which the end-to-end tests catch).
const APP_COMMANDS: &[&str] = &[
    "app_status",
    "create_vault",
    "unlock_with_keychain",
    "unlock_with_passphrase",
    "unlock_with_recovery_key",
    "change_passphrase",
    "save_settings",
    "keep_alive",
    "lock_vault",
    "quick_hide",
    "list_clients",
    "add_client",
    "get_client",
    "update_client",
    "note_templates",
    "list_notes",
    "add_note",
    "get_note",
    "save_note_draft",
    "finalise_note",
    "add_addendum",
    "list_goals",
    "add_goal",
    "add_step",
    "update_step",
    "load_dashboard",
    "add_appointment",
    "upcoming_appointments",
    "list_instruments",
    "record_measure",
    "list_measures",
    "score_history",
    "list_risk_flags",
    "resolve_risk_flag",
    "safety_plan_sections",
    "current_safety_plan",
    "save_safety_plan",
    "list_crisis_lines",
    "record_consent",
    "withdraw_consent",
    "list_consents",
    "log_disclosure",
    "list_disclosures",
    "add_referral",
    "list_referrals",
    "add_resource",
    "list_resources",
    "add_credential",
    "list_credentials",
    "add_training",
    "list_training",
    "cpd_hours",
    "add_supervision_note",
    "list_supervision_notes",
    "add_journal_entry",
    "update_journal_entry",
    "get_journal_entry",
    "list_journal_entries",
    "prompt_of_the_day",
    "add_mood_checkin",
    "mood_series",
    "add_thought_record",
    "list_thought_records",
    "add_activation",
    "list_activations",
    "coping_suggestions",
    "list_coping_strategies",
    "add_suggested_strategy",
    "add_coping_strategy",
    "record_coping_use",
    "add_gratitude_entry",
    "list_gratitude_entries",
    "search_everything",
    "search_kinds",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new().app_manifest(tauri_build::AppManifest::new().commands(APP_COMMANDS)),
    )
    .unwrap_or_else(|error| {
        // A build script reports failure by panicking; the message names the broken file.
        panic!("tauri-build failed: {error:#}");
    });
}
