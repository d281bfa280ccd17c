//! Desktop reminders: while the vault is unlocked, once a minute, notify for sessions whose
//! reminder time has come, once a day for action steps that are overdue, and once a day for the
//! daily check-in (journal entry, mood check-in or both) at or after the time the person chose in
//! Settings, while it is not yet done (`wellkept::journal::daily_reminder`).
//!
//! Notifications show no client names or note text: they can appear over other windows or on a
//! locked screen, where someone else may read them. Each reminder is shown once per run of the
//! app (the ids and days shown are kept in memory only, so nothing is written to the vault).
//!
//! The loop reads the core's clock (`wellkept::clock::now`), which the end-to-end tests pin to a
//! start time that then runs forward at the real rate, so a reminder due a few seconds after the
//! pin fires a few seconds after start. Those tests also set [`PERIOD_VAR`]
//! (`WELLKEPT_TEST_REMINDER_SECONDS`) to look every few seconds instead of every minute.

use crate::state::AppState;
use std::collections::HashSet;
use std::time::Duration;
use tauri::{AppHandle, Manager};
use tauri_plugin_notification::NotificationExt;
use wellkept::journal::daily_reminder;
use wellkept::practice::appointments::schedule;
use wellkept::practice::goals::steps;

/// How often to look for due reminders, normally.
const PERIOD: Duration = Duration::from_secs(60);

/// For tests: look every this many seconds (1–60) instead of every minute. Read once at start.
pub const PERIOD_VAR: &str = "WELLKEPT_TEST_REMINDER_SECONDS";

/// The loop's period: [`PERIOD`], or what [`PERIOD_VAR`] says when it holds 1 to 60.
fn period() -> Duration {
    match std::env::var(PERIOD_VAR) {
        Err(_) => PERIOD,
        Ok(text) => match text.trim().parse::<u64>() {
            Ok(seconds @ 1..=60) => {
                eprintln!("Wellkept: {PERIOD_VAR}={seconds}: looking for due reminders every {seconds} s");
                Duration::from_secs(seconds)
            }
            _ => {
                eprintln!("Wellkept: {PERIOD_VAR}={text:?} is not a number of seconds from 1 to 60; ignored");
                PERIOD
            }
        },
    }
}

/// Starts the reminder loop for the life of the app.
pub fn spawn(app: AppHandle) {
    let period = period();
    tauri::async_runtime::spawn(async move {
        let mut shown: HashSet<String> = HashSet::new();
        let mut overdue_told_on: Option<chrono::NaiveDate> = None;
        let mut check_in_decided_on: Option<chrono::NaiveDate> = None;
        let mut tick = tokio::time::interval(period);
        loop {
            tick.tick().await;
            let state = app.state::<AppState>();
            let Ok(vault) = state.peek_vault().await else { continue };
            let now = wellkept::clock::now();
            match schedule::due_reminders(&vault, now).await {
                Ok(due) => {
                    for occurrence in due {
                        let key = format!("{}@{}", occurrence.appointment_id, occurrence.occurrence_start);
                        if shown.insert(key) {
                            let at = occurrence.starts_at.with_timezone(&chrono::Local).format("%H:%M");
                            notify(&app, "Session coming up", &format!("You have a session at {at}."));
                        }
                    }
                }
                Err(error) => eprintln!("Wellkept: could not look for session reminders ({})", error.kind()),
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
            let local = now.with_timezone(&chrono::Local).naive_local();
            if let Ok(setting) = wellkept::settings::daily_reminder(&vault).await
                && daily_reminder::time_reached(&setting, local, check_in_decided_on)
                && let Ok(done) = daily_reminder::checked_in_on(&vault, local.date()).await
            {
                check_in_decided_on = Some(local.date());
                if let Some(body) = daily_reminder::reminder_body(setting.what, done) {
                    notify(&app, daily_reminder::TITLE, body);
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
