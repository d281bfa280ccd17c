//! Wellkept's desktop shell: builds the Tauri app, holds the unlocked vault in managed state,
//! and runs the idle watchdog that locks it.
//!
//! The shell is deliberately thin. Everything a user keeps, and every rule about it, lives in the
//! `wellkept` core library; the commands here only translate between the window's JSON and the
//! core's typed API. The window may call exactly the commands listed in `build.rs` and allowed
//! in `capabilities/default.json`.

#![forbid(unsafe_code)]

#[cfg(test)]
mod bindings;
mod chosen_paths;
mod commands;
mod error;
mod reminders;
mod settings;
mod share;
mod startup_trace;
mod state;
mod test_clock;
mod webkit_tuning;

use commands::vault::{LOCKED_EVENT, LockedEvent};
use state::{AppPaths, AppState};
use std::time::Duration;
use tauri::{Emitter, Manager};

/// How often the idle watchdog looks at the clock. Auto-lock fires at most this late.
const WATCHDOG_PERIOD: Duration = Duration::from_secs(5);

/// Starts the app and blocks until its window closes.
pub fn run() {
    startup_trace::mark("main");
    // A pinned clock is for tests only: refuse a malformed one, and say loudly when it is on.
    let test_clock = match wellkept::clock::test_clock_start() {
        Ok(start) => start.is_some(),
        Err(message) => {
            eprintln!("Wellkept could not start: {message}");
            std::process::exit(64);
        }
    };
    let mut builder =
        tauri::Builder::default().plugin(tauri_plugin_notification::init()).plugin(tauri_plugin_dialog::init());
    if let Some(plugin) = test_clock::plugin() {
        builder = builder.plugin(plugin);
    }
    let result = builder
        .setup(move |app| {
            startup_trace::mark("setup");
            // Copies opened from attachments before a crash go at the latest now.
            commands::attachments::remove_opened_copies();
            let paths = resolve_paths(app.handle())?;
            let state = AppState::new(paths);
            // Before the window: the keychain read and the vault's decrypt and load overlap
            // creating the window and loading the page (see `AppState::start_early_unlock`).
            state.start_early_unlock();
            app.manage(state);
            // The window is made here, not from the config at start-up (`"create": false`), so
            // that it comes after the early unlock has started.
            for config in app.config().app.windows.clone() {
                let window = tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?.build()?;
                webkit_tuning::apply(&window)?;
            }
            startup_trace::mark("window-built");
            if test_clock {
                eprintln!("Wellkept: {}", wellkept::clock::describe_test_clock().unwrap_or_default());
                if let Some(window) = app.get_webview_window("main")
                    && let Some(title) = test_clock::title(&window.title().unwrap_or_default())
                {
                    window.set_title(&title)?;
                }
            }
            spawn_idle_watchdog(app.handle().clone());
            spawn_delivery_watch(app.handle().clone());
            reminders::spawn(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::vault::app_status,
            commands::vault::create_vault,
            commands::vault::unlock_with_keychain,
            commands::vault::unlock_with_passphrase,
            commands::vault::unlock_with_recovery_key,
            commands::vault::use_vault_folder,
            commands::vault::change_passphrase,
            commands::vault::rekey_vault,
            commands::vault::save_settings,
            commands::vault::keep_alive,
            commands::vault::lock_vault,
            commands::vault::reload_vault,
            commands::vault::list_devices,
            commands::vault::rename_this_device,
            commands::vault::remove_device,
            commands::vault::move_home,
            commands::sync::list_conflicted_records,
            commands::sync::list_text_conflicts,
            commands::sync::list_merge_notes,
            commands::sync::clear_merge_notes,
            commands::sync::keep_shown_version,
            commands::sync::use_kept_version,
            commands::vault::quick_hide,
            chosen_paths::choose_open_path,
            chosen_paths::choose_save_path,
            commands::practice::list_clients,
            commands::practice::add_client,
            commands::practice::get_client,
            commands::practice::update_client,
            commands::practice::retention_rule,
            commands::practice::set_retention_rule,
            commands::practice::client_retention,
            commands::practice::set_client_retention,
            commands::practice::erase_client,
            commands::practice::list_erasures,
            commands::practice::note_templates,
            commands::practice::list_notes,
            commands::practice::add_note,
            commands::practice::add_private_note,
            commands::practice::get_note,
            commands::practice::save_note_draft,
            commands::practice::finalise_note,
            commands::practice::add_addendum,
            commands::practice::list_goals,
            commands::practice::add_goal,
            commands::practice::update_goal,
            commands::practice::add_step,
            commands::practice::set_goal_status,
            commands::practice::set_goal_next_review,
            commands::practice::add_goal_review,
            commands::practice::list_note_revisions,
            commands::practice::update_step,
            commands::practice::load_dashboard,
            commands::practice::add_appointment,
            commands::practice::upcoming_appointments,
            commands::practice::list_occurrences,
            commands::practice::open_link,
            commands::practice::local_time_zone,
            commands::practice::get_appointment,
            commands::practice::edit_series_from,
            commands::practice::set_occurrence_status,
            commands::practice::cancel_occurrence,
            commands::practice::move_occurrence,
            commands::practice::end_series,
            commands::clinical::list_instruments,
            commands::clinical::record_measure,
            commands::clinical::list_measures,
            commands::clinical::score_history,
            commands::clinical::list_measure_schedules,
            commands::clinical::set_measure_schedule,
            commands::clinical::set_measure_schedule_paused,
            commands::clinical::remove_measure_schedule,
            commands::clinical::list_risk_flags,
            commands::clinical::raise_risk_flag,
            commands::clinical::resolve_risk_flag,
            commands::clinical::update_risk_level,
            commands::clinical::safety_plan_sections,
            commands::clinical::current_safety_plan,
            commands::clinical::save_safety_plan,
            commands::clinical::list_crisis_lines,
            commands::clinical::built_in_crisis_lines,
            commands::clinical::list_countries,
            commands::clinical::add_crisis_line,
            commands::clinical::update_crisis_line,
            commands::clinical::set_crisis_line_hidden,
            commands::clinical::record_consent,
            commands::clinical::withdraw_consent,
            commands::clinical::list_consents,
            commands::clinical::log_disclosure,
            commands::clinical::list_disclosures,
            commands::clinical::disclosures_relying_on,
            commands::clinical::add_referral,
            commands::clinical::set_referral_status,
            commands::clinical::list_referrals,
            commands::clinical::add_resource,
            commands::clinical::list_resources,
            commands::clinical::add_credential,
            commands::clinical::list_credentials,
            commands::clinical::add_training,
            commands::clinical::list_training,
            commands::clinical::cpd_hours,
            commands::clinical::add_supervision_note,
            commands::clinical::list_supervision_notes,
            commands::journal::add_journal_entry,
            commands::journal::update_journal_entry,
            commands::journal::get_journal_entry,
            commands::journal::list_journal_entries,
            commands::journal::prompt_of_the_day,
            commands::journal::daily_reminder,
            commands::journal::save_daily_reminder,
            commands::journal::add_mood_checkin,
            commands::journal::mood_series,
            commands::journal::add_thought_record,
            commands::journal::list_thought_records,
            commands::journal::add_activation,
            commands::journal::list_activations,
            commands::journal::coping_suggestions,
            commands::journal::list_coping_strategies,
            commands::journal::add_suggested_strategy,
            commands::journal::add_coping_strategy,
            commands::journal::record_coping_use,
            commands::journal::add_gratitude_entry,
            commands::journal::list_gratitude_entries,
            commands::search::search_everything,
            commands::search::search_kinds,
            commands::exchange::set_up_exchange,
            commands::exchange::my_contact_card,
            commands::exchange::read_contact_card,
            commands::exchange::add_confirmed_contact,
            commands::exchange::list_contacts,
            commands::exchange::link_client_contact,
            commands::journal::list_mood_checkins,
            commands::exchange::save_share,
            commands::exchange::preview_share_file,
            commands::exchange::import_share_file,
            commands::exchange::received_from_client,
            commands::exchange::list_received_items,
            commands::exchange::file_received_item,
            commands::exchange::set_contact_role,
            commands::exchange::accept_safety_plan_proposal,
            commands::exchange::decline_safety_plan_proposal,
            commands::import::detect_import_format,
            commands::import::preview_import,
            commands::import::import_journal_file,
            commands::export::export_client_record,
            commands::privacy::practice_details,
            commands::privacy::save_practice_details,
            commands::privacy::write_record_of_processing,
            commands::export::export_journal,
            commands::export::print_safety_plan,
            commands::vault::back_up_vault,
            commands::vault::restore_backup,
            commands::trash::move_journal_entry_to_trash,
            commands::trash::move_client_to_trash,
            commands::trash::move_goal_to_trash,
            commands::trash::move_to_trash,
            commands::journal::update_mood_checkin,
            commands::journal::update_thought_record,
            commands::journal::update_activation,
            commands::journal::update_coping_strategy,
            commands::journal::update_gratitude_entry,
            commands::clinical::update_referral,
            commands::clinical::update_resource,
            commands::clinical::update_credential,
            commands::clinical::update_training,
            commands::clinical::update_supervision_note,
            commands::attachments::list_attachments,
            commands::attachments::add_attachment,
            commands::attachments::remove_attachment,
            commands::attachments::attachment_thumbnail,
            commands::attachments::open_attachment,
            commands::trash::list_trash,
            commands::trash::restore_from_trash,
            commands::trash::purge_from_trash,
            commands::trash::empty_trash,
            commands::billing::billing_settings,
            commands::billing::save_billing_settings,
            commands::billing::client_fee,
            commands::billing::set_client_fee,
            commands::billing::list_billable_items,
            commands::billing::adjust_billable_item,
            commands::billing::discount_billable_item,
            commands::billing::write_off_billable_item,
            commands::billing::list_invoices,
            commands::billing::get_invoice,
            commands::billing::create_invoice,
            commands::billing::discard_invoice,
            commands::billing::issue_invoice,
            commands::billing::void_invoice,
            commands::billing::record_payment,
            commands::billing::record_refund,
            commands::billing::client_balance,
            commands::billing::billing_statement,
            commands::billing::overdue_invoices,
            commands::billing::save_invoice_pdf,
            commands::billing::credit_invoice,
            commands::billing::save_statement_pdf,
            commands::billing::export_billing_csv,
            commands::billing::list_payments,
            commands::billing::save_receipt_pdf,
        ])
        .run(tauri::generate_context!());
    if let Err(error) = result {
        // No window to show it in: the terminal or the desktop's log is all there is.
        eprintln!("Wellkept could not start: {error}");
        std::process::exit(1);
    }
}

/// Resolves the vault folder and the settings file from the platform's data and config folders
/// (on Linux `$XDG_DATA_HOME/app.wellkept.desktop/vault` and
/// `$XDG_CONFIG_HOME/app.wellkept.desktop/settings.json`). A vault folder the person chose
/// (`$XDG_CONFIG_HOME/app.wellkept.desktop/vault-folder`) replaces the first; see
/// `AppState::use_vault_folder`.
fn resolve_paths(app: &tauri::AppHandle) -> tauri::Result<AppPaths> {
    let data = app.path().app_data_dir()?;
    let config = app.path().app_config_dir()?;
    Ok(AppPaths {
        vault_dir: data.join("vault"),
        settings_file: config.join("settings.json"),
        location_file: config.join("vault-folder"),
        folder_chosen: false,
    })
}

/// How often the open vault's folder is checked for files another computer's sync delivered:
/// a change shows within this (issue 15 asks for 2 seconds).
const DELIVERY_CHECK_PERIOD: Duration = Duration::from_secs(1);

/// Tells the window, once per arrival, when another computer's files have arrived in the
/// vault folder while it is open here. Polled (two `stat`s a second) rather than watched with
/// inotify: it costs nothing measurable, needs no watcher thread, and also works on network
/// and FUSE folders (some sync clients mount one) where inotify sees nothing.
fn spawn_delivery_watch(app: tauri::AppHandle) {
    use std::sync::atomic::Ordering;
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(DELIVERY_CHECK_PERIOD);
        loop {
            tick.tick().await;
            let state = app.state::<AppState>();
            let arrived = match state.peek_vault().await {
                Ok(vault) => vault.changed_elsewhere().await,
                Err(_) => false,
            };
            // Once per arrival: again only after the window loaded them (`reload_vault` clears
            // it), or after the folder went back to what this computer saw (lock, unlock).
            if !arrived {
                state.delivery_told.store(false, Ordering::SeqCst);
            } else if !state.delivery_told.swap(true, Ordering::SeqCst) {
                let _ = app.emit(commands::vault::CHANGED_ELSEWHERE_EVENT, ());
            }
        }
    });
}

/// Locks the vault once the user has been idle for longer than the configured delay, and tells
/// the window so it clears what it shows. Runs for the life of the app.
fn spawn_idle_watchdog(app: tauri::AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut tick = tokio::time::interval(WATCHDOG_PERIOD);
        loop {
            tick.tick().await;
            let state = app.state::<AppState>();
            if state.idle_for() >= state.auto_lock_after() && state.lock().await {
                let _ = app.emit(LOCKED_EVENT, LockedEvent { reason: "idle" });
            }
        }
    });
}

#[cfg(test)]
mod tests {
    /// The four lists of commands (the handler here, the permission manifest in `build.rs`,
    /// the window's capability, and the calls in the window's one gateway `ui/src/api.js`) must
    /// agree: a command missing from the first three fails at run time with "not allowed"; one
    /// api.js calls that the shell lacks, or one the shell has that api.js never offers, is dead
    /// or broken code. (`tsc` checks each call's arguments and result against `Commands.ts`.)
    #[test]
    fn every_command_is_allowed() {
        let lib = include_str!("lib.rs");
        let api = include_str!("../../ui/src/api.js");
        let build = include_str!("../build.rs");
        let capability: serde_json::Value =
            serde_json::from_str(include_str!("../capabilities/default.json")).expect("the capability file is JSON");

        let handler_start = lib.find("generate_handler![").expect("lib.rs registers a handler");
        let handler_end = lib[handler_start..].find("])").expect("the handler list ends") + handler_start;
        let mut registered: Vec<String> = lib[handler_start..handler_end]
            .lines()
            .filter_map(|l| l.trim().trim_end_matches(',').rsplit("::").next().map(str::to_owned))
            .filter(|name| !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'))
            .collect();
        let list_start = build.find("APP_COMMANDS").expect("build.rs lists the commands");
        let list_end = build[list_start..].find("];").expect("the list ends") + list_start;
        let mut manifest: Vec<String> =
            build[list_start..list_end].split('"').skip(1).step_by(2).map(str::to_owned).collect();
        let mut allowed: Vec<String> = capability["permissions"]
            .as_array()
            .expect("permissions is a list")
            .iter()
            .filter_map(|p| p.as_str()?.strip_prefix("allow-").map(|n| n.replace('-', "_")))
            .collect();
        // Every command goes through `call('name', {...})`; nothing else in api.js invokes.
        let mut called: Vec<String> = api
            .split("call('")
            .skip(1)
            .filter_map(|rest| rest.split_once('\'').map(|(name, _)| name.to_owned()))
            .collect();
        registered.sort();
        manifest.sort();
        allowed.sort();
        called.sort();
        called.dedup();
        assert!(registered.len() > 10, "found the handler's commands: {registered:?}");
        assert_eq!(registered, manifest, "generate_handler! and build.rs disagree");
        assert_eq!(registered, allowed, "generate_handler! and capabilities/default.json disagree");
        assert_eq!(registered, called, "generate_handler! and the commands ui/src/api.js calls disagree");
        assert_eq!(api.matches("invoke(").count(), 1, "api.js invokes only inside call()");
    }
}
