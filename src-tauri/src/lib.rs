//! Wellkept's desktop shell: builds the Tauri app, holds the unlocked vault in managed state,
//! and runs the idle watchdog that locks it.
//!
//! The shell is deliberately thin. Everything a user keeps, and every rule about it, lives in the
//! `wellkept` core library; the commands here only translate between the window's JSON and the
//! core's typed API. The window may call exactly the commands listed in `build.rs` and allowed
//! in `capabilities/default.json`.

#![forbid(unsafe_code)]

mod commands;
mod error;
mod models;
mod purpose;
mod settings;
mod state;

use models::{LOCKED_EVENT, LockedEvent};
use state::{AppPaths, AppState};
use std::time::Duration;
use tauri::{Emitter, Manager};

/// How often the idle watchdog looks at the clock. Auto-lock fires at most this late.
const WATCHDOG_PERIOD: Duration = Duration::from_secs(5);

/// Starts the app and blocks until its window closes.
pub fn run() {
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .setup(|app| {
            let paths = resolve_paths(app.handle())?;
            app.manage(AppState::new(paths));
            spawn_idle_watchdog(app.handle().clone());
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::create_vault,
            commands::unlock_with_keychain,
            commands::unlock_with_passphrase,
            commands::unlock_with_recovery_key,
            commands::change_passphrase,
            commands::save_settings,
            commands::keep_alive,
            commands::lock_vault,
            commands::quick_hide,
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
/// `$XDG_CONFIG_HOME/app.wellkept.desktop/settings.json`).
fn resolve_paths(app: &tauri::AppHandle) -> tauri::Result<AppPaths> {
    let data = app.path().app_data_dir()?;
    let config = app.path().app_config_dir()?;
    Ok(AppPaths { vault_dir: data.join("vault"), settings_file: config.join("settings.json") })
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
