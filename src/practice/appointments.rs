//! Appointments: sessions booked with clients, single or repeating weekly or fortnightly, with a
//! reminder. Each is kept as a local date-time in an IANA time zone (`local_start`,
//! `time_zone`), so a weekly 10:00 stays 10:00 on the local clock when the clocks change; the
//! UTC instant of the first session (`starts_at`) is kept beside it for ordering. What happens to one occurrence of a series — cancelled, no-show, attended, moved —
//! is recorded against that occurrence alone ([`set_occurrence_status`], [`move_occurrence`]).
//! The views (today, upcoming, reminders due) live in [`schedule`]; the ICS export in
//! [`super::ics`].

use crate::registry::generic::text_enum;
use chrono::{DateTime, NaiveDate, NaiveDateTime, TimeDelta, Utc};
pub use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::recurrence::occurrence_starts;
use super::{LONG_TEXT, SHORT_TEXT, check_day, live_client, long_text, optional_text};
use crate::vault::{self, Params, Vault, Writer};
use crate::{Error, Result, params};

mod occurrences;
pub mod schedule;

pub use super::notes::SessionMode;
pub use super::recurrence::{Recurrence, RepeatRule, local_zone, parse_zone, resolve_local};
pub use occurrences::{cancel_occurrence, end_series, move_occurrence, set_occurrence_status};
pub use schedule::Occurrence;

/// The longest appointment, minutes (twelve hours: anything longer is a typo).
pub const MAX_LENGTH_MINUTES: i64 = 12 * 60;
/// The most occurrences a series may be booked for (ten years of weekly sessions).
pub const MAX_REPEAT_COUNT: u32 = 520;
/// The earliest reminder, minutes before the start (four weeks).
pub const MAX_REMINDER_MINUTES: u32 = 28 * 24 * 60;
/// How far one occurrence may be moved from its original time; further than this, cancel it and
/// book a new appointment (it keeps every view's look-ups bounded).
pub const MAX_MOVE: TimeDelta = TimeDelta::days(30);

text_enum! {
    /// What happened to one occurrence.
    #[derive(Default)]
    pub enum OccurrenceStatus {
        /// Booked.
        #[default]
        Scheduled = "scheduled",
        /// Called off.
        Cancelled = "cancelled",
        /// The client did not come.
        NoShow = "no_show",
        /// Took place.
        Attended = "attended",
    }
}

/// An appointment (or series) as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Appointment {
    /// Record id.
    pub id: String,
    /// When it was booked.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The client.
    pub client_id: String,
    /// Start of the (first) appointment.
    pub starts_at: DateTime<Utc>,
    /// Its end.
    pub ends_at: DateTime<Utc>,
    /// The IANA time zone the series keeps its local time in ("Europe/London").
    pub time_zone: String,
    /// Start of the (first) appointment on the local clock in `time_zone`: every occurrence of a
    /// series starts at this wall time.
    pub local_start: NaiveDateTime,
    /// In person, video or phone.
    pub mode: SessionMode,
    /// Where: an address, a room, a video link.
    pub location: Option<String>,
    /// How often it repeats.
    pub recurrence: Recurrence,
    /// Last day of the series (local, in `time_zone`), inclusive.
    pub repeat_until: Option<NaiveDate>,
    /// Number of sessions in the series.
    pub repeat_count: Option<u32>,
    /// Remind this many minutes before each start.
    pub reminder_minutes: Option<u32>,
    /// Private notes (never exported).
    pub notes: String,
    /// When it was moved to the trash.
    pub deleted_at: Option<DateTime<Utc>>,
}

impl Appointment {
    /// The series' repetition.
    pub fn rule(&self) -> RepeatRule {
        RepeatRule { recurrence: self.recurrence, until: self.repeat_until, count: self.repeat_count }
    }

    /// The series' time zone (UTC if the stored name is unknown to this build's zone database).
    pub fn zone(&self) -> Tz {
        self.time_zone.parse().unwrap_or(Tz::UTC)
    }

    /// How long each session lasts.
    pub fn length(&self) -> TimeDelta {
        self.ends_at - self.starts_at
    }

    /// Original starts of the occurrences that start in `[from, to)`.
    pub fn occurrences_between(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        occurrence_starts(self.local_start, self.zone(), self.rule(), from, to)
    }

    /// Whether `start` is the original start of one of this appointment's occurrences.
    pub fn has_occurrence(&self, start: DateTime<Utc>) -> bool {
        !self.occurrences_between(start, start + TimeDelta::seconds(1)).is_empty()
    }
}

/// What is entered to book an appointment, and (whole) to change one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct AppointmentDetails {
    /// The client.
    pub client_id: String,
    /// Start of the (first) appointment.
    pub starts_at: DateTime<Utc>,
    /// Its end (after the start).
    pub ends_at: DateTime<Utc>,
    /// The IANA time zone the series keeps its local time in; this computer's zone when absent.
    #[serde(default)]
    #[ts(optional)]
    pub time_zone: Option<String>,
    /// In person, video or phone.
    #[serde(default)]
    pub mode: SessionMode,
    /// Where.
    #[serde(default)]
    pub location: Option<String>,
    /// Repetition.
    #[serde(default)]
    pub repeat: RepeatRule,
    /// Reminder, minutes before.
    #[serde(default)]
    pub reminder_minutes: Option<u32>,
    /// Private notes.
    #[serde(default)]
    pub notes: String,
}

/// A new appointment.
pub type NewAppointment = AppointmentDetails;

/// Details checked, with the zone resolved and the local start worked out.
struct Checked {
    details: AppointmentDetails,
    time_zone: String,
    local_start: String,
}

/// Refuses an end that is not after the start, or more than [`MAX_LENGTH_MINUTES`] after it.
fn check_length(starts_at: DateTime<Utc>, ends_at: DateTime<Utc>) -> Result<()> {
    if ends_at <= starts_at {
        return Err(Error::invalid("End", "must be after the start"));
    }
    if (ends_at - starts_at).num_minutes() > MAX_LENGTH_MINUTES {
        return Err(Error::invalid("End", format!("an appointment lasts at most {} hours", MAX_LENGTH_MINUTES / 60)));
    }
    Ok(())
}

/// The stored form of a local date-time.
fn local_text(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%dT%H:%M:%S").to_string()
}

impl AppointmentDetails {
    /// Details for a session at local `start` in `tz` lasting `minutes`, the rest left at
    /// their defaults (a local time in a skipped or repeated hour resolved by [`resolve_local`]).
    pub fn at_local(client_id: &str, tz: Tz, start: NaiveDateTime, minutes: i64) -> AppointmentDetails {
        let starts_at = resolve_local(tz, start);
        AppointmentDetails {
            client_id: client_id.to_owned(),
            starts_at,
            ends_at: starts_at + TimeDelta::minutes(minutes),
            time_zone: Some(tz.name().to_owned()),
            mode: SessionMode::default(),
            location: None,
            repeat: RepeatRule::default(),
            reminder_minutes: None,
            notes: String::new(),
        }
    }

    fn checked(self) -> Result<Checked> {
        let zone = match self.time_zone.as_deref().map(str::trim) {
            Some(name) if !name.is_empty() => parse_zone(name)?,
            _ => local_zone(),
        };
        let details = self.validated(zone)?;
        // The series is its local time: a start given as the later instant of a repeated hour
        // becomes the earlier one (the rule of [`resolve_local`]), keeping the length.
        let local = details.starts_at.with_timezone(&zone).naive_local();
        let starts_at = resolve_local(zone, local);
        let details = AppointmentDetails {
            time_zone: Some(zone.name().to_owned()),
            starts_at,
            ends_at: starts_at + (details.ends_at - details.starts_at),
            ..details
        };
        let local_start = local_text(local);
        Ok(Checked { details, time_zone: zone.name().to_owned(), local_start })
    }

    fn validated(self, zone: Tz) -> Result<AppointmentDetails> {
        check_day("Start", self.starts_at.date_naive())?;
        let local_day = self.starts_at.with_timezone(&zone).date_naive();
        check_length(self.starts_at, self.ends_at)?;
        let mut repeat = self.repeat;
        if repeat.recurrence == Recurrence::None {
            repeat.until = None;
            repeat.count = None;
        }
        if repeat.until.is_some() && repeat.count.is_some() {
            return Err(Error::invalid("Repeat", "choose an end date or a number of sessions, not both"));
        }
        if let Some(until) = repeat.until {
            check_day("Repeat until", until)?;
            if until < local_day {
                return Err(Error::invalid("Repeat until", format!("{until} is before the first appointment")));
            }
        }
        if let Some(c) = repeat.count
            && !(1..=MAX_REPEAT_COUNT).contains(&c)
        {
            return Err(Error::invalid("Number of sessions", format!("{c} is out of range (1–{MAX_REPEAT_COUNT})")));
        }
        if let Some(m) = self.reminder_minutes
            && m > MAX_REMINDER_MINUTES
        {
            return Err(Error::invalid("Reminder", format!("{m} minutes is out of range (0–{MAX_REMINDER_MINUTES})")));
        }
        Ok(AppointmentDetails {
            client_id: self.client_id.trim().to_owned(),
            location: optional_text("Location", self.location.as_deref(), SHORT_TEXT * 5)?,
            notes: long_text("Notes", &self.notes, LONG_TEXT)?,
            repeat,
            ..self
        })
    }
}

/// Books an appointment (or a series) with a client.
pub async fn add_appointment(vault: &Vault, new: NewAppointment) -> Result<Appointment> {
    let checked = new.checked()?;
    let (id, now) = (vault::new_id(), vault::now());
    let id2 = id.clone();
    vault.write(move |w| Box::pin(async move { insert_appointment(w, checked, &id2, now).await })).await?;
    get_appointment(vault, &id).await
}

/// Writes a checked appointment under `id`, inside a write that may do more.
async fn insert_appointment(w: &mut Writer<'_>, checked: Checked, id: &str, now: DateTime<Utc>) -> Result<()> {
    let Checked { details: d, time_zone, local_start } = checked;
    live_client(w, &d.client_id).await?;
    w.exec(
        "INSERT INTO appointments(id, created_at, updated_at, client_id, starts_at, ends_at, time_zone,
                        local_start, mode, location, recurrence, repeat_until, repeat_count, reminder_minutes, notes)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [params![id, now, now], columns(&d, time_zone, local_start)].concat(),
    )
    .await?;
    Ok(())
}

/// The values of the columns both a booking and a change write, in their order.
fn columns(d: &AppointmentDetails, time_zone: String, local_start: String) -> Params {
    params![
        d.client_id.as_str(),
        d.starts_at,
        d.ends_at,
        time_zone,
        local_start,
        d.mode.key(),
        &d.location,
        d.repeat.recurrence.key(),
        d.repeat.until,
        d.repeat.count,
        d.reminder_minutes,
        &d.notes
    ]
}

async fn live_appointment(w: &mut Writer<'_>, id: &str) -> Result<Appointment> {
    w.fetch_existing("SELECT * FROM appointments WHERE id = ? AND deleted_at IS NULL", params![id], "That appointment")
        .await
}

/// One appointment (including one in the trash).
pub async fn get_appointment(vault: &Vault, id: &str) -> Result<Appointment> {
    vault.fetch_existing("SELECT * FROM appointments WHERE id = ?", params![id], "That appointment").await
}

/// Every live appointment and series, by first start; only this client's when given.
pub async fn list_appointments(vault: &Vault, client_id: Option<&str>) -> Result<Vec<Appointment>> {
    vault
        .fetch_all(
            "SELECT a.* FROM appointments a JOIN clients c ON c.id = a.client_id
             WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL AND (?1 IS NULL OR a.client_id = ?1)
             ORDER BY a.starts_at",
            params![client_id],
        )
        .await
}

/// Changes an appointment or a whole series. Recorded outcomes of occurrences that are no
/// longer part of the series (after its time or repetition changed) are dropped.
pub async fn update_appointment(vault: &Vault, id: &str, update: AppointmentDetails) -> Result<Appointment> {
    let Checked { details: d, time_zone, local_start } = update.checked()?;
    let (id2, now) = (id.to_owned(), vault::now());
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                live_appointment(w, &id2).await?;
                live_client(w, &d.client_id).await?;
                w.exec(
                    "UPDATE appointments SET updated_at = ?, client_id = ?, starts_at = ?, ends_at = ?, time_zone = ?,
                        local_start = ?, mode = ?, location = ?, recurrence = ?, repeat_until = ?, repeat_count = ?,
                        reminder_minutes = ?, notes = ? WHERE id = ?",
                    [params![now], columns(&d, time_zone, local_start), params![id2.as_str()]].concat(),
                )
                .await?;
                let updated = live_appointment(w, &id2).await?;
                drop_stray_exceptions(w, &updated).await
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await?;
    get_appointment(vault, id).await
}

/// The migration that gave appointments a time zone (`20261202010000_appointment_time_zones.sql`).
pub const TIME_ZONE_MIGRATION: i64 = 20261202010000;

/// Moves every appointment the time-zone migration left in UTC to the zone `tz` (this computer's,
/// [`local_zone`]): the first session keeps its instant and gets its local time in `tz`, and each
/// recorded outcome or move is re-keyed to the occurrence it belonged to (the k-th session of
/// the series is still the k-th), whose original start may now differ by the zone's DST shift.
/// Runs once, on the connection, right after that migration (before the vault's new generation
/// is written), like the migration itself; returns how many appointments it moved.
pub async fn adopt_local_zone(conn: &mut sqlx::SqliteConnection, tz: Tz) -> Result<u64> {
    if tz == Tz::UTC {
        return Ok(0);
    }
    let rows: Vec<(String, DateTime<Utc>, Recurrence)> =
        sqlx::query_as("SELECT id, starts_at, recurrence FROM appointments WHERE time_zone = 'UTC'")
            .fetch_all(&mut *conn)
            .await?;
    for (id, first, recurrence) in &rows {
        let local = first.with_timezone(&tz).naive_local();
        sqlx::query("UPDATE appointments SET time_zone = ?, local_start = ? WHERE id = ?")
            .bind(tz.name())
            .bind(local_text(local))
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let step = match recurrence {
            Recurrence::None => continue,
            Recurrence::Weekly => TimeDelta::weeks(1),
            Recurrence::Fortnightly => TimeDelta::weeks(2),
        };
        let keys: Vec<(DateTime<Utc>, String)> = sqlx::query_as(
            "SELECT occurrence_start, occurrence_start FROM appointment_exceptions WHERE appointment_id = ?",
        )
        .bind(id)
        .fetch_all(&mut *conn)
        .await?;
        for (old, stored) in keys {
            let since = old - *first;
            if since.num_seconds() % step.num_seconds() != 0 {
                continue; // not an occurrence of the old series: left as it was
            }
            let k = i32::try_from(since.num_seconds() / step.num_seconds()).unwrap_or(0);
            let new = resolve_local(tz, local + step * k);
            if new != old {
                sqlx::query(
                    "UPDATE appointment_exceptions SET occurrence_start = ? WHERE appointment_id = ? AND occurrence_start = ?",
                )
                .bind(vault::format_time(new))
                .bind(id)
                .bind(stored)
                .execute(&mut *conn)
                .await?;
            }
        }
    }
    Ok(rows.len() as u64)
}

/// Drops recorded outcomes of occurrences `a` no longer has (after its time or repetition changed).
async fn drop_stray_exceptions(w: &mut Writer<'_>, a: &Appointment) -> Result<()> {
    let exceptions: Vec<(DateTime<Utc>,)> = w
        .fetch_all(
            "SELECT occurrence_start FROM appointment_exceptions WHERE appointment_id = ?",
            params![a.id.as_str()],
        )
        .await?;
    for (start,) in exceptions.into_iter().filter(|(s,)| !a.has_occurrence(*s)) {
        w.exec(
            "DELETE FROM appointment_exceptions WHERE appointment_id = ? AND occurrence_start = ?",
            params![a.id.as_str(), start],
        )
        .await?;
    }
    Ok(())
}

/// Changes a series from one occurrence on ("this and all future sessions"): from its first
/// occurrence that is the whole series ([`update_appointment`]); from a later one the series
/// ends the local day before it and a new appointment with `update` takes over from there
/// (the earlier sessions and their outcomes stay as they were). Returns the appointment that
/// now holds the changed sessions.
pub async fn edit_series_from(
    vault: &Vault,
    id: &str,
    occurrence_start: DateTime<Utc>,
    update: AppointmentDetails,
) -> Result<Appointment> {
    let a = get_appointment(vault, id).await?;
    if a.deleted_at.is_some() {
        return Err(Error::NotFound { what: "That appointment" });
    }
    if !a.has_occurrence(occurrence_start) {
        return Err(Error::invalid("Occurrence", "this appointment has no session at that time"));
    }
    let first = a.occurrences_between(a.starts_at - TimeDelta::days(1), a.starts_at + TimeDelta::days(1));
    if a.recurrence == Recurrence::None || first.first() == Some(&occurrence_start) {
        return update_appointment(vault, id, update).await;
    }
    // One durable write: the old series ends the day before and the new one is booked, or
    // neither (bad details, a client gone, a crash between the two all change nothing).
    let checked = update.checked()?;
    let day_before = occurrence_start.with_timezone(&a.zone()).date_naive() - TimeDelta::days(1);
    let (old, new_id, now) = (id.to_owned(), vault::new_id(), vault::now());
    let new_id2 = new_id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                occurrences::end_series_in(w, &old, day_before, now).await?;
                insert_appointment(w, checked, &new_id2, now).await
            })
        })
        .await?;
    get_appointment(vault, &new_id).await
}

/// Moves an appointment or series to the trash.
pub async fn delete_appointment(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::APPOINTMENT.delete(vault, id).await
}

/// Brings an appointment back from the trash.
pub async fn restore_appointment(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::APPOINTMENT.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
    }

    fn details() -> AppointmentDetails {
        AppointmentDetails {
            client_id: "c".into(),
            starts_at: at("2026-11-23T10:00:00Z"),
            ends_at: at("2026-11-23T10:50:00Z"),
            time_zone: Some("Europe/London".into()),
            mode: SessionMode::InPerson,
            location: None,
            repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(6) },
            reminder_minutes: Some(60),
            notes: String::new(),
        }
    }

    fn field(d: AppointmentDetails) -> String {
        match d.checked().map(|c| c.details) {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn validation_names_the_field() {
        assert!(details().checked().is_ok());
        assert_eq!(field(AppointmentDetails { time_zone: Some("Mars/Olympus".into()), ..details() }), "Time zone");
        assert_eq!(field(AppointmentDetails { ends_at: at("2026-11-23T10:00:00Z"), ..details() }), "End");
        assert_eq!(field(AppointmentDetails { ends_at: at("2026-11-24T10:00:00Z"), ..details() }), "End");
        let both =
            RepeatRule { recurrence: Recurrence::Weekly, until: NaiveDate::from_ymd_opt(2026, 12, 31), count: Some(2) };
        assert_eq!(field(AppointmentDetails { repeat: both, ..details() }), "Repeat");
        let early =
            RepeatRule { recurrence: Recurrence::Weekly, until: NaiveDate::from_ymd_opt(2026, 11, 22), count: None };
        assert_eq!(field(AppointmentDetails { repeat: early, ..details() }), "Repeat until");
        let many = RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(0) };
        assert_eq!(field(AppointmentDetails { repeat: many, ..details() }), "Number of sessions");
        assert_eq!(field(AppointmentDetails { reminder_minutes: Some(50_000), ..details() }), "Reminder");
        let single = RepeatRule { recurrence: Recurrence::None, until: None, count: Some(4) };
        let d = AppointmentDetails { repeat: single, ..details() }.checked().expect("ok").details;
        assert_eq!(d.repeat.count, None, "a single appointment has no count");
    }
}
