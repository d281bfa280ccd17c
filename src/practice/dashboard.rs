//! The mentor's dashboard: what needs attention today, in one call — today's sessions,
//! reminders due, overdue action steps, goals to review, and counts for the practice at a glance.
//!
//! Open risk flags, measures due, referral follow-ups and credential renewals come from the
//! clinical area ([`crate::clinical::clinical_attention`]) and are carried whole in
//! [`Dashboard::clinical`]. Risk flags are never filtered here, not even for a client in the
//! trash: an open concern about someone's safety stays in view until it is resolved. Measures due
//! are dropped for clients who are closed or in the trash.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::appointments::schedule::{self, Occurrence};
use super::goals::steps::{self, OverdueStep};
use super::goals::{GoalReviewDue, list_goal_reviews_due};
use super::retention::{ClientRetention, retention_ended};
use crate::billing::{OverdueInvoice, overdue_invoices};
use crate::clinical::{ClinicalAttention, clinical_attention};
use crate::vault::Vault;
use crate::{Result, params};

/// Figures for the practice at a glance.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
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
    /// Risk flags not yet resolved.
    pub open_risk_flags: i64,
    /// Scheduled outcome measures due today or overdue.
    pub measures_due: i64,
    /// Sessions today that are not cancelled.
    pub sessions_today: i64,
}

/// Everything the dashboard shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct Dashboard {
    /// The mentor's local day the dashboard is for.
    pub today: NaiveDate,
    /// Today's sessions, by start (cancelled ones included, marked by their status).
    pub todays_appointments: Vec<Occurrence>,
    /// Sessions whose reminder time has come and which have not started.
    pub reminders_due: Vec<Occurrence>,
    /// Open steps of active goals due before today, most overdue first.
    pub overdue_steps: Vec<OverdueStep>,
    /// Active and paused goals whose review day has come, earliest first.
    pub goal_reviews_due: Vec<GoalReviewDue>,
    /// Figures at a glance.
    pub counts: DashboardCounts,
    /// Open risk flags (high first), measures due, referral follow-ups, credentials to renew.
    pub clinical: ClinicalAttention,
    /// Issued invoices past their due day that still ask for something, longest overdue first
    /// ([`crate::billing::overdue_invoices`]).
    pub overdue_invoices: Vec<OverdueInvoice>,
    /// Closed clients whose retention has ended (their record may now be erased), the longest
    /// ended first ([`crate::practice::retention::retention_ended`]).
    pub retention_ended: Vec<ClientRetention>,
}

/// The dashboard at `now`, for a mentor whose days follow the time zone `tz`.
pub async fn load_dashboard<Tz: TimeZone>(vault: &Vault, now: DateTime<Utc>, tz: &Tz) -> Result<Dashboard> {
    let today = now.with_timezone(tz).date_naive();
    let todays_appointments = schedule::appointments_on(vault, today, tz).await?;
    let reminders_due = schedule::due_reminders(vault, now).await?;
    let overdue_steps = steps::overdue_steps(vault, today, None).await?;
    let goal_reviews_due = list_goal_reviews_due(vault, today).await?;
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
                0 AS open_risk_flags,
                0 AS measures_due,
                0 AS sessions_today",
            params![],
        )
        .await?;
    let mut clinical = clinical_attention(vault, today).await?;
    // Measures are not due for someone the mentor no longer sees (closed, or in the trash); the
    // clinical query leaves that join to us. Risk flags stay whatever the client's status.
    let inactive: Vec<(String,)> =
        vault.fetch_all("SELECT id FROM clients WHERE status = 'closed' OR deleted_at IS NOT NULL", params![]).await?;
    clinical
        .measures_due
        .retain(|m| m.schedule.client_id.as_ref().is_none_or(|c| !inactive.iter().any(|(id,)| id == c)));
    let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
    counts.overdue_steps = count(overdue_steps.len());
    counts.open_risk_flags = count(clinical.open_risk_flags.len());
    counts.measures_due = count(clinical.measures_due.len());
    let live_today =
        todays_appointments.iter().filter(|o| o.status != super::appointments::OccurrenceStatus::Cancelled);
    counts.sessions_today = count(live_today.count());
    let overdue_invoices = overdue_invoices(vault, today).await?;
    let retention_ended = retention_ended(vault, today).await?;
    Ok(Dashboard {
        today,
        todays_appointments,
        reminders_due,
        overdue_steps,
        goal_reviews_due,
        counts,
        clinical,
        overdue_invoices,
        retention_ended,
    })
}
