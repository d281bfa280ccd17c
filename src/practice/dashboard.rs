//! The mentor's dashboard: what needs attention today, in one call — today's sessions,
//! reminders due, overdue action steps, and counts for the practice at a glance.
//!
//! Open risk flags and measures due belong to the clinical area (`crate::clinical`, built
//! separately). Their fields are here so the UI has one shape to render; they are `None` — "not
//! available", which the UI must show as such, never as "nothing open" — until the clinical
//! area fills them through [`Dashboard::open_risk_flags`] and [`Dashboard::measures_due`].

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::appointments::schedule::{self, Occurrence};
use super::goals::steps::{self, OverdueStep};
use crate::vault::Vault;
use crate::{Result, params};

/// One line on the dashboard from another area (a risk flag, a measure due).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardItem {
    /// The client it concerns.
    pub client_id: String,
    /// The client's preferred name or name.
    pub client_name: String,
    /// What it is ("Risk flag: high", "PHQ-9 due").
    pub title: String,
    /// The date it refers to (raised on, due on).
    pub date: Option<NaiveDate>,
    /// The record to open (a risk flag id, a measure id).
    pub item_id: String,
}

/// Figures for the practice at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DashboardCounts {
    /// Clients with status active.
    pub active_clients: i64,
    /// Clients with status paused.
    pub paused_clients: i64,
    /// Session notes still in draft (not finalised).
    pub draft_notes: i64,
    /// Goals being worked on (clients' and the vault owner's own).
    pub active_goals: i64,
    /// Open steps past their due date.
    pub overdue_steps: i64,
    /// Sessions today that are not cancelled.
    pub sessions_today: i64,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    /// The mentor's local day the dashboard is for.
    pub today: NaiveDate,
    /// Today's sessions, by start (cancelled ones included, marked by their status).
    pub todays_appointments: Vec<Occurrence>,
    /// Sessions whose reminder time has come and which have not started.
    pub reminders_due: Vec<Occurrence>,
    /// Open steps of active goals due before today, most overdue first.
    pub overdue_steps: Vec<OverdueStep>,
    /// Figures at a glance.
    pub counts: DashboardCounts,
    /// Open risk flags; `None` when the clinical area is not part of this vault's build.
    pub open_risk_flags: Option<Vec<DashboardItem>>,
    /// Outcome measures due; `None` when the clinical area is not part of this vault's build.
    pub measures_due: Option<Vec<DashboardItem>>,
}

/// The dashboard at `now`, for a mentor whose days follow the time zone `tz`.
pub async fn load_dashboard<Tz: TimeZone>(vault: &Vault, now: DateTime<Utc>, tz: &Tz) -> Result<Dashboard> {
    let today = now.with_timezone(tz).date_naive();
    let todays_appointments = schedule::appointments_on(vault, today, tz).await?;
    let reminders_due = schedule::due_reminders(vault, now).await?;
    let overdue_steps = steps::overdue_steps(vault, today, None).await?;
    let mut counts: DashboardCounts = vault
        .fetch_one(
            "SELECT
                (SELECT count(*) FROM clients WHERE deleted_at IS NULL AND status = 'active') AS active_clients,
                (SELECT count(*) FROM clients WHERE deleted_at IS NULL AND status = 'paused') AS paused_clients,
                (SELECT count(*) FROM session_notes n JOIN clients c ON c.id = n.client_id
                  WHERE n.finalised_at IS NULL AND n.deleted_at IS NULL AND c.deleted_at IS NULL) AS draft_notes,
                (SELECT count(*) FROM goals g LEFT JOIN clients c ON c.id = g.client_id
                  WHERE g.status = 'active' AND g.deleted_at IS NULL AND c.deleted_at IS NULL) AS active_goals,
                0 AS overdue_steps,
                0 AS sessions_today",
            params![],
        )
        .await?;
    counts.overdue_steps = i64::try_from(overdue_steps.len()).unwrap_or(i64::MAX);
    let live_today =
        todays_appointments.iter().filter(|o| o.status != super::appointments::OccurrenceStatus::Cancelled);
    counts.sessions_today = i64::try_from(live_today.count()).unwrap_or(i64::MAX);
    Ok(Dashboard {
        today,
        todays_appointments,
        reminders_due,
        overdue_steps,
        counts,
        open_risk_flags: None,
        measures_due: None,
    })
}
