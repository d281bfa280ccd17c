//! Measure schedules ("PHQ-9 every 14 days for this client") and the dashboard's "measures due"
//! query. A measure is due `every_days` after it was last given, or on the schedule's start day
//! if it has never been given.

use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::instruments::Instrument;
use super::validate;
use crate::registry::generic::Live;
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// A schedule to set.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewMeasureSchedule {
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// Which instrument.
    pub instrument: Instrument,
    /// How often, in days (1–366).
    pub every_days: u32,
    /// The first due day when the instrument has never been given.
    pub starts_on: NaiveDate,
}

/// A stored schedule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeasureSchedule {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// Which instrument.
    pub instrument: Instrument,
    /// How often, in days.
    pub every_days: u32,
    /// The first due day when never given.
    pub starts_on: NaiveDate,
    /// Paused schedules are never due.
    pub paused: bool,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A measure that is due (or overdue) on the day asked about.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeasureDue {
    /// The schedule.
    pub schedule: MeasureSchedule,
    /// When the instrument was last given, if ever.
    pub last_administered_on: Option<NaiveDate>,
    /// The day it became due.
    pub due_on: NaiveDate,
    /// Days past `due_on` (0 = due today).
    pub days_overdue: i64,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    client_id: Option<String>,
    instrument: String,
    every_days: i64,
    starts_on: NaiveDate,
    paused: bool,
    updated_at: DateTime<Utc>,
    last_on: Option<NaiveDate>,
}

impl TryFrom<Row> for MeasureSchedule {
    type Error = Error;

    fn try_from(r: Row) -> Result<Self> {
        let damaged = || Error::damaged(format!("the stored measure schedule {}", r.id));
        Ok(MeasureSchedule {
            instrument: Instrument::from_key(&r.instrument).ok_or_else(damaged)?,
            every_days: u32::try_from(r.every_days).map_err(|_| damaged())?,
            id: r.id,
            client_id: r.client_id,
            starts_on: r.starts_on,
            paused: r.paused,
            updated_at: r.updated_at,
        })
    }
}

/// Sets (or replaces) the schedule of one instrument for one client or the owner.
pub async fn set_measure_schedule(vault: &Vault, new: NewMeasureSchedule) -> Result<MeasureSchedule> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    if !(1..=366).contains(&new.every_days) {
        return Err(Error::invalid("every (days)", "must be between 1 and 366"));
    }
    vault
        .write(move |w| {
            Box::pin(async move {
                let now = vault::now();
                let existing = w
                    .fetch_optional::<(String,)>(
                        "SELECT id FROM measure_schedules WHERE client_id IS ? AND instrument = ?",
                        params![client_id.clone(), new.instrument.key()],
                    )
                    .await?;
                let id = match existing {
                    Some((id,)) => {
                        w.exec(
                            "UPDATE measure_schedules SET every_days = ?, starts_on = ?, paused = 0, updated_at = ? \
                             WHERE id = ?",
                            params![new.every_days, new.starts_on, now, id.clone()],
                        )
                        .await?;
                        id
                    }
                    None => {
                        let id = vault::new_id();
                        w.exec(
                            "INSERT INTO measure_schedules(id, created_at, updated_at, client_id, instrument, \
                             every_days, starts_on) VALUES (?, ?, ?, ?, ?, ?, ?)",
                            params![
                                id.clone(),
                                now,
                                now,
                                client_id,
                                new.instrument.key(),
                                new.every_days,
                                new.starts_on
                            ],
                        )
                        .await?;
                        id
                    }
                };
                Row::fetch_in(w, &id).await?.try_into()
            })
        })
        .await
}

impl Live for Row {
    const SELECT: &'static str = "SELECT *, NULL AS last_on FROM measure_schedules WHERE id = ?";
    const WHAT: &'static str = "That measure schedule";
}

/// Pauses or resumes a schedule (a client on a break).
pub async fn set_measure_schedule_paused(vault: &Vault, id: &str, paused: bool) -> Result<MeasureSchedule> {
    let sql = "UPDATE measure_schedules SET paused = ?, updated_at = ? WHERE id = ?";
    Row::update(vault, id, sql, params![paused, vault::now(), id]).await?.try_into()
}

/// Removes a schedule (the administrations already given stay).
pub async fn remove_measure_schedule(vault: &Vault, id: &str) -> Result<()> {
    let id = id.to_owned();
    vault.exec_one("DELETE FROM measure_schedules WHERE id = ?", params![id], "That measure schedule").await
}

/// One client's schedules (`None`: the owner's).
pub async fn list_measure_schedules(vault: &Vault, client_id: Option<&str>) -> Result<Vec<MeasureSchedule>> {
    let rows = vault
        .fetch_all::<Row>(
            "SELECT *, NULL AS last_on FROM measure_schedules WHERE client_id IS ? ORDER BY instrument",
            params![client_id],
        )
        .await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Every measure due on or before `as_of`, across all clients and the owner, most overdue first.
pub async fn list_measures_due(vault: &Vault, as_of: NaiveDate) -> Result<Vec<MeasureDue>> {
    let rows = vault
        .fetch_all::<Row>(
            "SELECT s.*, (SELECT max(m.administered_on) FROM measure_administrations m \
             WHERE m.client_id IS s.client_id AND m.instrument = s.instrument AND m.deleted_at IS NULL) AS last_on \
             FROM measure_schedules s WHERE s.paused = 0",
            params![],
        )
        .await?;
    let mut due = Vec::new();
    for row in rows {
        let last = row.last_on;
        let schedule = MeasureSchedule::try_from(row)?;
        let due_on = due_date(last, schedule.starts_on, schedule.every_days);
        if due_on <= as_of {
            let days_overdue = (as_of - due_on).num_days();
            due.push(MeasureDue { schedule, last_administered_on: last, due_on, days_overdue });
        }
    }
    due.sort_by(|a, b| b.days_overdue.cmp(&a.days_overdue).then(a.schedule.id.cmp(&b.schedule.id)));
    Ok(due)
}

/// When a scheduled measure is next due.
pub fn due_date(last_administered_on: Option<NaiveDate>, starts_on: NaiveDate, every_days: u32) -> NaiveDate {
    match last_administered_on {
        // Never later than the start day: a schedule set up after a measure was given counts
        // from that measure, but a new start day is honoured if it is later.
        Some(last) => last.checked_add_days(Days::new(u64::from(every_days))).unwrap_or(NaiveDate::MAX).max(starts_on),
        None => starts_on,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("test date")
    }

    #[test]
    fn due_counts_from_the_last_administration_or_the_start_day() {
        assert_eq!(due_date(None, day("2026-11-01"), 14), day("2026-11-01"));
        assert_eq!(due_date(Some(day("2026-11-01")), day("2026-10-01"), 14), day("2026-11-15"));
        // A later start day (schedule restarted after a break) wins.
        assert_eq!(due_date(Some(day("2026-11-01")), day("2026-12-01"), 14), day("2026-12-01"));
    }
}
