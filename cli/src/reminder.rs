//! `wellkept reminder …`: the daily check-in reminder that the desktop app shows (a notification
//! once a day at or after a time of day, while today's journal entry or mood check-in is missing).
//! Kept in the vault by `wellkept::settings`; the wording matches the Settings screen.

use wellkept::Result;
use wellkept::settings::{self, CheckInKind, DailyReminder};
use wellkept::vault::Vault;

/// Daily check-in reminder commands.
#[derive(clap::Subcommand)]
pub enum ReminderAction {
    /// What is set.
    Show,
    /// Turn the daily check-in reminder on, at a time of day (HH:MM, 24-hour clock, this
    /// computer's time zone).
    Daily {
        /// The time of day, like 20:30.
        #[arg(long)]
        at: String,
        /// What to remind about: journal, mood or both.
        #[arg(long, value_enum, default_value = "both")]
        what: What,
    },
    /// Turn the daily check-in reminder off (its time and kind are kept).
    Off,
}

/// What the daily reminder is about.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum What {
    /// Today's journal entry.
    Journal,
    /// Today's mood check-in.
    Mood,
    /// Both.
    Both,
}

pub async fn run(vault: &Vault, action: ReminderAction) -> Result<()> {
    let current = settings::daily_reminder(vault).await?;
    let shown = match action {
        ReminderAction::Show => current,
        ReminderAction::Daily { at, what } => {
            let what = match what {
                What::Journal => CheckInKind::Journal,
                What::Mood => CheckInKind::Mood,
                What::Both => CheckInKind::Both,
            };
            settings::set_daily_reminder(vault, DailyReminder { enabled: true, time: at, what }).await?
        }
        ReminderAction::Off => settings::set_daily_reminder(vault, DailyReminder { enabled: false, ..current }).await?,
    };
    println!("Daily check-in reminder: {}", describe(&shown));
    Ok(())
}

/// "Every day at 20:30, while today's journal entry or mood check-in is missing." or "Off."
fn describe(r: &DailyReminder) -> String {
    if !r.enabled {
        return "Off.".to_owned();
    }
    let what = match r.what {
        CheckInKind::Journal => "today's journal entry is",
        CheckInKind::Mood => "today's mood check-in is",
        CheckInKind::Both => "today's journal entry or mood check-in is",
    };
    format!("Every day at {}, while {what} missing.", r.time)
}
