//! The mentor's schedule: appointments expanded into occurrences for a span of time, with each
//! occurrence's own outcome or new time applied. Today's and upcoming views and the reminders
//! that are due are built on [`list_occurrences`].

use std::collections::HashMap;

use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, TimeZone, Utc};
use serde::{Deserialize, Serialize};

use super::{Appointment, MAX_MOVE, OccurrenceStatus, SessionMode};
use crate::vault::Vault;
use crate::{Error, Result, params};

/// The longest span one schedule view may cover: open-ended series are expanded for the whole
/// span, so it must be bounded.
pub const MAX_WINDOW: TimeDelta = TimeDelta::days(731);

/// One session on the calendar: an occurrence of an appointment or series.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct Occurrence {
    /// The appointment (series) it belongs to.
    pub appointment_id: String,
    /// The client.
    pub client_id: String,
    /// The client's preferred name, or name, for the calendar.
    pub client_name: String,
    /// Its original start: what identifies it within the series.
    pub occurrence_start: DateTime<Utc>,
    /// When it starts (differs from `occurrence_start` when it was moved).
    pub starts_at: DateTime<Utc>,
    /// When it ends.
    pub ends_at: DateTime<Utc>,
    /// The series' IANA time zone.
    pub time_zone: String,
    /// When it starts on the local clock in `time_zone`.
    pub local_start: NaiveDateTime,
    /// Scheduled, cancelled, no-show or attended.
    pub status: OccurrenceStatus,
    /// Why it was cancelled (only for a cancelled occurrence).
    pub reason: Option<String>,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// Where.
    pub location: Option<String>,
    /// When to remind, if a reminder is set.
    pub reminder_at: Option<DateTime<Utc>>,
    /// Part of a repeating series.
    pub recurring: bool,
    /// Moved from its original time.
    pub moved: bool,
}

/// An outcome or new time recorded for one occurrence.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub(crate) struct OccurrenceException {
    pub appointment_id: String,
    pub occurrence_start: DateTime<Utc>,
    pub status: OccurrenceStatus,
    pub starts_at: Option<DateTime<Utc>>,
    pub ends_at: Option<DateTime<Utc>>,
    pub reason: Option<String>,
}

#[derive(sqlx::FromRow)]
struct ScheduledAppointment {
    #[sqlx(flatten)]
    appointment: Appointment,
    client_name: String,
}

/// Every occurrence that starts in `[from, to)`, by start; only this client's when given.
/// Appointments and clients in the trash are left out; cancelled occurrences are included
/// (with their status), so the calendar can show them struck through.
pub async fn list_occurrences(
    vault: &Vault,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    client_id: Option<&str>,
) -> Result<Vec<Occurrence>> {
    if to <= from {
        return Err(Error::invalid("To", "must be after the start of the period"));
    }
    if to - from > MAX_WINDOW {
        return Err(Error::invalid("To", "a schedule view spans at most two years"));
    }
    // A moved occurrence can land in the window from up to MAX_MOVE outside it.
    let (wide_from, wide_to) = (from - MAX_MOVE, to + MAX_MOVE);
    let series: Vec<ScheduledAppointment> = vault
        .fetch_all(
            "SELECT a.*, coalesce(c.preferred_name, c.name) AS client_name
             FROM appointments a JOIN clients c ON c.id = a.client_id
             WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL AND a.starts_at < ?1
               AND (?2 IS NULL OR a.client_id = ?2)",
            params![wide_to, client_id],
        )
        .await?;
    let ids: Vec<&str> = series.iter().map(|s| s.appointment.id.as_str()).collect();
    let exceptions = load_exceptions(vault, &ids).await?;
    let mut out = Vec::new();
    for s in &series {
        let a = &s.appointment;
        let (length, zone) = (a.length(), a.zone());
        for start in a.occurrences_between(wide_from, wide_to) {
            let exception = exceptions.get(&(a.id.clone(), start));
            let (starts_at, ends_at) = match exception.and_then(|e| e.starts_at.zip(e.ends_at)) {
                Some(moved) => moved,
                None => (start, start + length),
            };
            if starts_at < from || starts_at >= to {
                continue;
            }
            out.push(Occurrence {
                appointment_id: a.id.clone(),
                client_id: a.client_id.clone(),
                client_name: s.client_name.clone(),
                occurrence_start: start,
                starts_at,
                ends_at,
                time_zone: a.time_zone.clone(),
                local_start: starts_at.with_timezone(&zone).naive_local(),
                status: exception.map_or(OccurrenceStatus::Scheduled, |e| e.status),
                reason: exception.filter(|e| e.status == OccurrenceStatus::Cancelled).and_then(|e| e.reason.clone()),
                mode: a.mode,
                location: a.location.clone(),
                reminder_at: a.reminder_minutes.map(|m| starts_at - TimeDelta::minutes(i64::from(m))),
                recurring: a.rule().recurrence != super::Recurrence::None,
                moved: starts_at != start,
            });
        }
    }
    out.sort_by(|a, b| (a.starts_at, &a.appointment_id).cmp(&(b.starts_at, &b.appointment_id)));
    Ok(out)
}

/// The recorded outcomes of the given appointments' occurrences, by (appointment, original start).
pub(crate) async fn load_exceptions(
    vault: &Vault,
    ids: &[&str],
) -> Result<HashMap<(String, DateTime<Utc>), OccurrenceException>> {
    if ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<OccurrenceException> = vault
        .fetch_all(
            "SELECT appointment_id, occurrence_start, status, starts_at, ends_at, reason FROM appointment_exceptions
             WHERE appointment_id IN (SELECT value FROM json_each(?))",
            params![crate::practice::to_json(&ids)?],
        )
        .await?;
    Ok(rows.into_iter().map(|e| ((e.appointment_id.clone(), e.occurrence_start), e)).collect())
}

/// The UTC instants bounding `day` in the time zone `tz` (the mentor's local day).
pub fn day_bounds<Tz: TimeZone>(day: NaiveDate, tz: &Tz) -> (DateTime<Utc>, DateTime<Utc>) {
    let start_of = |d: NaiveDate| {
        let midnight = d.and_hms_opt(0, 0, 0).expect("midnight exists on every calendar day");
        // At a DST change midnight can be skipped or repeated: take the earliest real instant,
        // or for a skipped midnight the moment the clocks jumped to (an hour later at most).
        tz.from_local_datetime(&midnight)
            .earliest()
            .or_else(|| tz.from_local_datetime(&(midnight + TimeDelta::hours(1))).earliest())
            .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
    };
    (start_of(day), start_of(day + TimeDelta::days(1)))
}

/// The sessions on `day` in the mentor's time zone `tz`.
pub async fn appointments_on<Tz: TimeZone>(vault: &Vault, day: NaiveDate, tz: &Tz) -> Result<Vec<Occurrence>> {
    let (from, to) = day_bounds(day, tz);
    list_occurrences(vault, from, to, None).await
}

/// The sessions from `now` for the next `days` days (1–366), cancelled ones left out.
pub async fn upcoming_appointments(vault: &Vault, now: DateTime<Utc>, days: u32) -> Result<Vec<Occurrence>> {
    if !(1..=366).contains(&days) {
        return Err(Error::invalid("Days", format!("{days} is out of range (1–366)")));
    }
    let all = list_occurrences(vault, now, now + TimeDelta::days(i64::from(days)), None).await?;
    Ok(all.into_iter().filter(|o| o.status != OccurrenceStatus::Cancelled).collect())
}

/// Scheduled sessions whose reminder time has come at `now` but which have not started yet.
pub async fn due_reminders(vault: &Vault, now: DateTime<Utc>) -> Result<Vec<Occurrence>> {
    let horizon = now + TimeDelta::minutes(i64::from(super::MAX_REMINDER_MINUTES)) + TimeDelta::seconds(1);
    let soon = list_occurrences(vault, now, horizon, None).await?;
    Ok(soon
        .into_iter()
        .filter(|o| o.status == OccurrenceStatus::Scheduled && o.reminder_at.is_some_and(|r| r <= now))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::FixedOffset;

    #[test]
    fn day_bounds_follow_the_time_zone() {
        let day = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
        let (from, to) = day_bounds(day, &Utc);
        assert_eq!(from.to_rfc3339(), "2026-11-23T00:00:00+00:00");
        assert_eq!(to - from, TimeDelta::days(1));
        let sydney = FixedOffset::east_opt(11 * 3600).expect("offset");
        let (from, _) = day_bounds(day, &sydney);
        assert_eq!(from.to_rfc3339(), "2026-11-22T13:00:00+00:00");
    }
}
