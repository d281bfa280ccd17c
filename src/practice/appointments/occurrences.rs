//! What happens to one occurrence of an appointment or series: its outcome (cancelled, no-show,
//! attended) and moving it to another time, recorded against that occurrence alone.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

use super::{Appointment, MAX_MOVE, OccurrenceStatus, Recurrence, check_length, get_appointment, live_appointment};
use crate::practice::{SHORT_TEXT, optional_text};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// Records what happened to one occurrence (identified by its original start): cancelled,
/// no-show, attended, or back to scheduled.
pub async fn set_occurrence_status(
    vault: &Vault,
    appointment_id: &str,
    occurrence_start: DateTime<Utc>,
    status: OccurrenceStatus,
) -> Result<()> {
    let (id, now) = (appointment_id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                let a = live_occurrence(w, &id, occurrence_start).await?;
                if matches!(status, OccurrenceStatus::Attended | OccurrenceStatus::NoShow) {
                    // Only a session of today or before can have been attended or missed: marking
                    // a later one would bill a session that has not happened. (Today's is
                    // allowed before its hour: a mentor marks the day's sessions as it goes.)
                    let moved: Option<(Option<DateTime<Utc>>,)> = w
                        .fetch_optional(
                            "SELECT starts_at FROM appointment_exceptions WHERE appointment_id = ? AND occurrence_start = ?",
                            params![id.as_str(), occurrence_start],
                        )
                        .await?;
                    let starts = moved.and_then(|(at,)| at).unwrap_or(occurrence_start);
                    let day = starts.with_timezone(&chrono::Local).date_naive();
                    if day > crate::clock::today_local() {
                        return Err(Error::invalid(
                            "Status",
                            format!(
                                "this session is on {}, after today; mark it attended or a no-show on the day or later",
                                day.format("%a %-d %b %Y")
                            ),
                        ));
                    }
                }
                w.exec(
                    "INSERT INTO appointment_exceptions(appointment_id, occurrence_start, status, updated_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (appointment_id, occurrence_start) DO UPDATE SET status = ?3, updated_at = ?4",
                    params![id, occurrence_start, status.key(), now],
                )
                .await?;
                // The session's billable item follows its outcome, in the same durable write.
                crate::billing::items::sync_occurrence_item(w, &a, occurrence_start, status).await
            })
        })
        .await
}

/// Moves one occurrence to a new time (within [`MAX_MOVE`] of its original start); the rest of
/// the series stays where it was.
pub async fn move_occurrence(
    vault: &Vault,
    appointment_id: &str,
    occurrence_start: DateTime<Utc>,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
) -> Result<()> {
    check_length(starts_at, ends_at)?;
    if (starts_at - occurrence_start).abs() > MAX_MOVE {
        return Err(Error::invalid(
            "Start",
            "a session can be moved by up to 30 days; to go further, cancel it and book a new appointment",
        ));
    }
    let (id, now) = (appointment_id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                live_occurrence(w, &id, occurrence_start).await?;
                w.exec(
                    "INSERT INTO appointment_exceptions(appointment_id, occurrence_start, status, starts_at, ends_at,
                        updated_at) VALUES (?1, ?2, 'scheduled', ?3, ?4, ?5)
                     ON CONFLICT (appointment_id, occurrence_start)
                     DO UPDATE SET starts_at = ?3, ends_at = ?4, updated_at = ?5",
                    params![id, occurrence_start, starts_at, ends_at, now],
                )
                .await?;
                Ok(())
            })
        })
        .await
}

/// Cancels one occurrence, saying why (required: "client unwell", "bank holiday"); the rest of
/// the series stays as it was. The reason is kept with the occurrence and never exported.
pub async fn cancel_occurrence(
    vault: &Vault,
    appointment_id: &str,
    occurrence_start: DateTime<Utc>,
    reason: &str,
) -> Result<()> {
    let Some(reason) = optional_text("Reason", Some(reason), SHORT_TEXT * 2)? else {
        return Err(Error::invalid("Reason", "say why the session is cancelled"));
    };
    let (id, now) = (appointment_id.to_owned(), vault::now());
    vault
        .write(move |w| {
            Box::pin(async move {
                let a = live_occurrence(w, &id, occurrence_start).await?;
                w.exec(
                    "INSERT INTO appointment_exceptions(appointment_id, occurrence_start, status, reason, updated_at)
                     VALUES (?1, ?2, 'cancelled', ?3, ?4)
                     ON CONFLICT (appointment_id, occurrence_start)
                     DO UPDATE SET status = 'cancelled', reason = ?3, updated_at = ?4",
                    params![id, occurrence_start, reason, now],
                )
                .await?;
                // A late cancellation is billed when the policy says so; an unbilled item goes.
                crate::billing::items::sync_occurrence_item(w, &a, occurrence_start, OccurrenceStatus::Cancelled).await
            })
        })
        .await
}

/// Ends a series after local day `last_day` (inclusive, in the series' zone): no sessions after
/// it, and outcomes recorded for sessions after it are dropped. A series that already ends
/// sooner is left as it is; a single appointment has no series to end.
pub async fn end_series(vault: &Vault, appointment_id: &str, last_day: NaiveDate) -> Result<Appointment> {
    let (id, now) = (appointment_id.to_owned(), vault::now());
    vault.write(move |w| Box::pin(async move { end_series_in(w, &id, last_day, now).await })).await?;
    get_appointment(vault, appointment_id).await
}

/// [`end_series`] inside a write that may do more (editing a series from a session on ends the
/// old series and books the new one in one durable write).
pub(super) async fn end_series_in(w: &mut Writer<'_>, id: &str, last_day: NaiveDate, now: DateTime<Utc>) -> Result<()> {
    let a = live_appointment(w, id).await?;
    if a.recurrence == Recurrence::None {
        return Err(Error::invalid("Series", "a single session has no series to end; cancel it instead"));
    }
    let first_day = a.local_start.date();
    if last_day < first_day {
        return Err(Error::invalid(
            "Last day",
            format!("the series starts on {first_day}; to remove it all, delete the appointment"),
        ));
    }
    // The day of the series' current last session, when it has one.
    let far = a.starts_at + TimeDelta::days(7 * 2 * i64::from(super::MAX_REPEAT_COUNT));
    let current_last = match (a.repeat_until, a.repeat_count) {
        (Some(until), _) => Some(until),
        (None, Some(_)) => {
            a.occurrences_between(a.starts_at, far).last().map(|t| t.with_timezone(&a.zone()).date_naive())
        }
        (None, None) => None,
    };
    if current_last.is_some_and(|l| l <= last_day) {
        return Ok(());
    }
    w.exec(
        "UPDATE appointments SET updated_at = ?, repeat_until = ?, repeat_count = NULL
                     WHERE id = ? AND deleted_at IS NULL",
        params![now, last_day, id],
    )
    .await?;
    let ended = live_appointment(w, id).await?;
    super::drop_stray_exceptions(w, &ended).await
}

/// The live appointment `id`, inside a write, if it has an occurrence starting at `start`.
async fn live_occurrence(w: &mut Writer<'_>, id: &str, start: DateTime<Utc>) -> Result<Appointment> {
    let a = live_appointment(w, id).await?;
    if !a.has_occurrence(start) {
        return Err(Error::invalid(
            "Occurrence",
            format!("this appointment has no session starting at {}", start.format("%Y-%m-%d %H:%M UTC")),
        ));
    }
    Ok(a)
}
