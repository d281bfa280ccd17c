//! What happens to one occurrence of an appointment or series: its outcome (cancelled, no-show,
//! attended) and moving it to another time, recorded against that occurrence alone.

use chrono::{DateTime, Utc};

use super::{MAX_LENGTH_MINUTES, MAX_MOVE, OccurrenceStatus, live_appointment};
use crate::vault::{self, Vault};
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
                let a = live_appointment(w, &id).await?;
                if !a.has_occurrence(occurrence_start) {
                    return Err(not_an_occurrence(occurrence_start));
                }
                w.exec(
                    "INSERT INTO appointment_exceptions(appointment_id, occurrence_start, status, updated_at)
                     VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT (appointment_id, occurrence_start) DO UPDATE SET status = ?3, updated_at = ?4",
                    params![id, occurrence_start, status.as_str(), now],
                )
                .await?;
                Ok(())
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
    if ends_at <= starts_at {
        return Err(Error::invalid("End", "must be after the start"));
    }
    if (ends_at - starts_at).num_minutes() > MAX_LENGTH_MINUTES {
        return Err(Error::invalid("End", format!("an appointment lasts at most {} hours", MAX_LENGTH_MINUTES / 60)));
    }
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
                let a = live_appointment(w, &id).await?;
                if !a.has_occurrence(occurrence_start) {
                    return Err(not_an_occurrence(occurrence_start));
                }
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

fn not_an_occurrence(start: DateTime<Utc>) -> Error {
    Error::invalid(
        "Occurrence",
        format!("this appointment has no session starting at {}", start.format("%Y-%m-%d %H:%M UTC")),
    )
}
