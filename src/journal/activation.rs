//! The behavioural-activation log: activities the user plans or has done, each rated for
//! mastery (a sense of achievement) and pleasure, 0–10, and the weekly summary that shows which
//! activities lift their mood.

use crate::registry::generic::text_enum;
use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{Page, check_optional_range, clean_body, fetch_page, required_line};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// The search/trash kind of activation-log entries.
pub const KIND: &str = crate::registry::kinds::ACTIVATION.kind;

text_enum! {
    /// Where an activity stands.
    pub enum ActivationStatus {
        /// Scheduled, not yet done.
        Planned = "planned",
        /// Done.
        Done = "done",
        /// Planned but did not happen.
        Skipped = "skipped",
    }
}

/// One activity in the log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct ActivationEntry {
    /// Its id.
    pub id: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// What the activity is ("walk to the park", "call Mum").
    pub activity: String,
    /// When it is planned for, or when it was done.
    pub at: DateTime<Utc>,
    /// The user's calendar day at that moment.
    pub day: NaiveDate,
    /// Planned, done or skipped.
    pub status: ActivationStatus,
    /// Sense of achievement, 0–10.
    pub mastery: Option<i64>,
    /// Enjoyment, 0–10.
    pub pleasure: Option<i64>,
    /// A note.
    pub note: String,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
}

/// A new activity, or the full new contents of one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewActivation {
    /// What the activity is (required).
    pub activity: String,
    /// When, with the user's UTC offset (required).
    pub at: Option<DateTime<FixedOffset>>,
    /// Planned, done or skipped.
    pub status: ActivationStatus,
    /// Mastery 0–10 (for planned activities, a prediction).
    #[serde(default)]
    pub mastery: Option<i64>,
    /// Pleasure 0–10 (for planned activities, a prediction).
    #[serde(default)]
    pub pleasure: Option<i64>,
    /// A note.
    #[serde(default)]
    pub note: String,
}

/// Which activities to list. Defaults: all, latest first, 50 per page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ActivationFilter {
    /// Earliest day, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest day, inclusive.
    pub to: Option<NaiveDate>,
    /// Only this status.
    pub status: Option<ActivationStatus>,
    /// Page size (0 = 50).
    pub limit: u32,
    /// Entries to skip.
    pub offset: u32,
}

/// One day in a weekly summary (ratings averaged over done activities).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct ActivationDay {
    /// The day.
    pub day: NaiveDate,
    /// Activities done.
    pub done: i64,
    /// Activities still planned.
    pub planned: i64,
    /// Activities skipped.
    pub skipped: i64,
    /// Mean mastery of done activities that were rated.
    pub average_mastery: Option<f64>,
    /// Mean pleasure of done activities that were rated.
    pub average_pleasure: Option<f64>,
}

/// How one activity (by name, case-insensitive) went over the week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct ActivityScore {
    /// The activity's name (one of its spellings that week; names are grouped ignoring case).
    pub activity: String,
    /// Times done.
    pub times: i64,
    /// Mean mastery.
    pub average_mastery: Option<f64>,
    /// Mean pleasure.
    pub average_pleasure: Option<f64>,
}

/// A week of the activation log.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct WeeklyActivationSummary {
    /// First day of the week (as asked for).
    pub week_start: NaiveDate,
    /// Last day (six days later).
    pub week_end: NaiveDate,
    /// Activities done.
    pub done: i64,
    /// Activities still planned.
    pub planned: i64,
    /// Activities skipped.
    pub skipped: i64,
    /// Mean mastery over the week's rated, done activities.
    pub average_mastery: Option<f64>,
    /// Mean pleasure over the week's rated, done activities.
    pub average_pleasure: Option<f64>,
    /// Days that have activities, in order.
    pub days: Vec<ActivationDay>,
    /// Done activities, most enjoyed first.
    pub activities: Vec<ActivityScore>,
}

struct Checked {
    activity: String,
    at: DateTime<Utc>,
    day: NaiveDate,
    status: &'static str,
    mastery: Option<i64>,
    pleasure: Option<i64>,
    note: String,
}

fn check(input: &NewActivation) -> Result<Checked> {
    let at = input.at.ok_or_else(|| Error::invalid("time", "this is required"))?;
    if input.status == ActivationStatus::Done && at.with_timezone(&Utc) > vault::now() + chrono::Duration::minutes(10) {
        return Err(Error::invalid("time", "an activity cannot be marked done before its time"));
    }
    Ok(Checked {
        activity: required_line("activity", &input.activity, 300)?,
        at: at.with_timezone(&Utc),
        day: at.date_naive(),
        status: input.status.key(),
        mastery: check_optional_range("mastery", input.mastery, 0, 10)?,
        pleasure: check_optional_range("pleasure", input.pleasure, 0, 10)?,
        note: clean_body("note", &input.note)?,
    })
}

macro_rules! activation_select {
    () => {
        "SELECT id, created_at, updated_at, activity, at, day, status, mastery, pleasure, note, deleted_at \
         FROM activation_log "
    };
}

/// What "not found" calls an activity.
const WHAT: &str = "That activity";
/// One activity by id.
const GET: &str = concat!(activation_select!(), "WHERE id = ?");

/// Adds an activity to the log.
pub async fn add_activation(vault: &Vault, new: NewActivation) -> Result<ActivationEntry> {
    let c = check(&new)?;
    let (id, now) = (vault::new_id(), vault::now());
    vault
        .exec_and_fetch(
            "INSERT INTO activation_log(id, created_at, updated_at, activity, at, day, status, mastery, \
                     pleasure, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params![id.as_str(), now, now, c.activity, c.at, c.day, c.status, c.mastery, c.pleasure, c.note],
            GET,
            &id,
            WHAT,
        )
        .await
}

/// One activity by id (also from the trash).
pub async fn get_activation(vault: &Vault, id: &str) -> Result<ActivationEntry> {
    vault.fetch_existing(GET, params![id], WHAT).await
}

/// Replaces an activity's contents (not in the trash): e.g. a planned one, now done and rated.
pub async fn update_activation(vault: &Vault, id: &str, update: NewActivation) -> Result<ActivationEntry> {
    let c = check(&update)?;
    let changed = vault
        .exec_and_fetch(
            "UPDATE activation_log SET updated_at = ?, activity = ?, at = ?, day = ?, status = ?, \
                         mastery = ?, pleasure = ?, note = ? WHERE id = ? AND deleted_at IS NULL",
            params![vault::now(), c.activity, c.at, c.day, c.status, c.mastery, c.pleasure, c.note, id],
            GET,
            id,
            WHAT,
        )
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// Activities not in the trash, latest first, one page.
pub async fn list_activations(vault: &Vault, filter: ActivationFilter) -> Result<Page<ActivationEntry>> {
    let sql = concat!(
        activation_select!(),
        "WHERE deleted_at IS NULL AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) \
         AND (?3 IS NULL OR status = ?3) ORDER BY at DESC, id DESC LIMIT ?4 OFFSET ?5"
    );
    let params = params![filter.from, filter.to, filter.status.map(ActivationStatus::key)];
    fetch_page(vault, sql, params, filter.limit, filter.offset).await
}

/// The week starting on `week_start` (the caller picks Monday or Sunday): counts, average
/// mastery and pleasure of what was done, per day, and per activity, most enjoyed first.
pub async fn weekly_activation_summary(vault: &Vault, week_start: NaiveDate) -> Result<WeeklyActivationSummary> {
    let week_end = week_start + chrono::Days::new(6);
    let days = vault
        .fetch_all::<ActivationDay>(
            "SELECT day, sum(status = 'done') AS done, sum(status = 'planned') AS planned, \
             sum(status = 'skipped') AS skipped, \
             avg(CASE WHEN status = 'done' THEN mastery END) AS average_mastery, \
             avg(CASE WHEN status = 'done' THEN pleasure END) AS average_pleasure \
             FROM activation_log WHERE deleted_at IS NULL AND day >= ? AND day <= ? GROUP BY day ORDER BY day",
            params![week_start, week_end],
        )
        .await?;
    let activities = vault
        .fetch_all::<ActivityScore>(
            "SELECT min(activity) AS activity, count(*) AS times, avg(mastery) AS average_mastery, \
             avg(pleasure) AS average_pleasure FROM activation_log \
             WHERE deleted_at IS NULL AND status = 'done' AND day >= ? AND day <= ? \
             GROUP BY lower(activity) ORDER BY average_pleasure DESC NULLS LAST, times DESC, activity",
            params![week_start, week_end],
        )
        .await?;
    let (mastery, pleasure) = vault
        .fetch_one::<(Option<f64>, Option<f64>)>(
            "SELECT avg(mastery), avg(pleasure) FROM activation_log \
             WHERE deleted_at IS NULL AND status = 'done' AND day >= ? AND day <= ?",
            params![week_start, week_end],
        )
        .await?;
    Ok(WeeklyActivationSummary {
        week_start,
        week_end,
        done: days.iter().map(|d| d.done).sum(),
        planned: days.iter().map(|d| d.planned).sum(),
        skipped: days.iter().map(|d| d.skipped).sum(),
        average_mastery: mastery,
        average_pleasure: pleasure,
        days,
        activities,
    })
}

/// Moves an activity to the trash.
pub async fn delete_activation(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::ACTIVATION.delete(vault, id).await
}

/// Takes an activity back out of the trash.
pub async fn restore_activation(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::ACTIVATION.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(status: ActivationStatus, at: &str) -> NewActivation {
        NewActivation {
            activity: "Walk".into(),
            at: Some(DateTime::parse_from_rfc3339(at).expect("valid time")),
            status,
            mastery: None,
            pleasure: None,
            note: String::new(),
        }
    }

    #[test]
    fn future_activities_may_be_planned_but_not_done() {
        assert!(check(&input(ActivationStatus::Planned, "2999-01-01T10:00:00+00:00")).is_ok());
        let err = check(&input(ActivationStatus::Done, "2999-01-01T10:00:00+00:00")).err().expect("future done");
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "time"));
    }

    #[test]
    fn ratings_are_zero_to_ten() {
        let mut i = input(ActivationStatus::Done, "2026-01-01T10:00:00+00:00");
        i.mastery = Some(10);
        i.pleasure = Some(0);
        assert!(check(&i).is_ok());
        i.pleasure = Some(11);
        assert!(matches!(check(&i), Err(Error::Invalid { field, .. }) if field == "pleasure"));
        i.pleasure = None;
        i.mastery = Some(-1);
        assert!(matches!(check(&i), Err(Error::Invalid { field, .. }) if field == "mastery"));
        i.mastery = None;
        i.activity = " ".into();
        assert!(matches!(check(&i), Err(Error::Invalid { field, .. }) if field == "activity"));
    }
}
