//! Desktop reminders: while the vault is unlocked, once a minute, notify for sessions whose
//! reminder time has come and, once a day, for action steps that are overdue.
//!
//! Notifications show no client names or note text: they can appear over other windows or on a
//! locked screen, where someone else may read them. Each reminder is shown once per run of the
//! app (the ids shown are kept in memory only).

use crate::state::AppState;
use std::collections::HashSet;
use std::time::Duration;
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;
use wellkept::practice::appointments::schedule;
use wellkept::practice::goals::steps;

/// How often to look for due reminders.
const PERIOD: Duration = Duration::from_secs(60);

/// Starts the reminder loop for the life of the app.
pub fn spawn(app: AppHandle) {
    tauri::async_runtime::spawn(async move {
        let mut shown: HashSet<String> = HashSet::new();
        let mut overdue_told_on: Option<chrono::NaiveDate> = None;
        let mut tick = tokio::time::interval(PERIOD);
        loop {
            tick.tick().await;
            let state = app.state::<AppState>();
            let Ok(vault) = state.peek_vault().await else { continue };
            let now = wellkept::clock::now();
            if let Ok(due) = schedule::due_reminders(&vault, now).await {
                for occurrence in due {
                    let key = format!("{}@{}", occurrence.appointment_id, occurrence.occurrence_start);
                    if shown.insert(key) {
                        let at = occurrence.starts_at.with_timezone(&chrono::Local).format("%H:%M");
                        notify(&app, "Session coming up", &format!("You have a session at {at}."));
                    }
                }
            }
            let today = wellkept::clock::today_local();
            if overdue_told_on != Some(today)
                && let Ok(overdue) = steps::overdue_steps(&vault, today, None).await
            {
                overdue_told_on = Some(today);
                if !overdue.is_empty() {
                    let n = overdue.len();
                    let what = if n == 1 { "1 action step is".to_owned() } else { format!("{n} action steps are") };
                    notify(&app, "Steps overdue", &format!("{what} past due. Open Wellkept to review them."));
                }
            }
        }
    });
}

fn notify(app: &AppHandle, title: &str, body: &str) {
    if let Err(error) = app.notification().builder().title(title).body(body).show() {
        // No notification service (a bare X session, CI): the dashboard still lists them.
        eprintln!("Wellkept: could not show a desktop notification: {error}");
    }
}
