//! Export of the mentor's schedule as an iCalendar file (RFC 5545), for any calendar app.
//!
//! Privacy first: by default an event says only "Session" and how it takes place — no client
//! name and no location (a home address identifies someone as surely as a name). With
//! [`IcsOptions::include_names`] the summary names the client and the location is included.
//! Private notes are never exported.
//!
//! Each appointment is one VEVENT with times in UTC; a series carries an RRULE that says exactly
//! what the app's own expansion does, cancelled occurrences are EXDATEs, and a moved occurrence
//! is an override VEVENT with the same UID and a RECURRENCE-ID. Lines end in CRLF and are folded
//! at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::appointments::schedule::{OccurrenceException, load_exceptions};
use super::appointments::{Appointment, OccurrenceStatus, Recurrence, SessionMode};
use super::recurrence::rrule;
use crate::vault::{self, Vault};
use crate::{Result, params};

/// What to put in the export.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct IcsOptions {
    /// Name the client in each event's summary and include the location.
    pub include_names: bool,
    /// Only this client's appointments.
    pub client_id: Option<String>,
}

/// One appointment with what the export needs beside it.
#[derive(Debug, Clone)]
pub struct CalendarEntry {
    /// The appointment or series.
    pub appointment: Appointment,
    /// The client's preferred name or name (used only with `include_names`).
    pub client_name: String,
    /// Recorded outcomes and moves of its occurrences.
    pub(crate) exceptions: Vec<OccurrenceException>,
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    #[sqlx(flatten)]
    appointment: Appointment,
    client_name: String,
}

/// The schedule (every live appointment and series) as an iCalendar document.
pub async fn export_ics(vault: &Vault, options: &IcsOptions) -> Result<String> {
    let rows: Vec<EntryRow> = vault
        .fetch_all(
            "SELECT a.*, coalesce(c.preferred_name, c.name) AS client_name
             FROM appointments a JOIN clients c ON c.id = a.client_id
             WHERE a.deleted_at IS NULL AND c.deleted_at IS NULL AND (?1 IS NULL OR a.client_id = ?1)
             ORDER BY a.starts_at, a.id",
            params![options.client_id.as_deref()],
        )
        .await?;
    let ids: Vec<&str> = rows.iter().map(|r| r.appointment.id.as_str()).collect();
    let mut exceptions = load_exceptions(vault, &ids).await?;
    let entries: Vec<CalendarEntry> = rows
        .into_iter()
        .map(|r| {
            let mut mine: Vec<OccurrenceException> = Vec::new();
            exceptions.retain(|(id, _), e| {
                let is_mine = *id == r.appointment.id;
                if is_mine {
                    mine.push(e.clone());
                }
                !is_mine
            });
            mine.sort_by_key(|e| e.occurrence_start);
            CalendarEntry { appointment: r.appointment, client_name: r.client_name, exceptions: mine }
        })
        .collect();
    Ok(render_calendar(&entries, vault::now(), options.include_names))
}

/// Renders entries as an iCalendar document stamped `stamp` (DTSTAMP: when it was exported).
pub fn render_calendar(entries: &[CalendarEntry], stamp: DateTime<Utc>, include_names: bool) -> String {
    let mut out = String::new();
    let mut line = |text: &str| push_folded(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Wellkept//Wellkept practice schedule//EN");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line("X-WR-CALNAME:Wellkept sessions");
    for entry in entries {
        let a = &entry.appointment;
        let uid = format!("UID:{}@wellkept", a.id);
        let summary = format!("SUMMARY:{}", escape_text(&summary(entry, include_names)));
        let recurring = a.recurrence != Recurrence::None;
        let single_exception = entry.exceptions.iter().find(|e| e.occurrence_start == a.starts_at);
        // A single appointment that was moved is simply at its new time.
        let (start, end) = match (recurring, single_exception.and_then(|e| e.starts_at.zip(e.ends_at))) {
            (false, Some(moved)) => moved,
            _ => (a.starts_at, a.ends_at),
        };

        line("BEGIN:VEVENT");
        line(&uid);
        line(&format!("DTSTAMP:{}", utc(stamp)));
        line(&format!("DTSTART:{}", utc(start)));
        line(&format!("DTEND:{}", utc(end)));
        line(&summary);
        if include_names && let Some(location) = &a.location {
            line(&format!("LOCATION:{}", escape_text(location)));
        }
        if let Some(rule) = rrule(a.rule()) {
            line(&format!("RRULE:{rule}"));
        }
        let cancelled: Vec<String> = entry
            .exceptions
            .iter()
            .filter(|e| e.status == OccurrenceStatus::Cancelled)
            .map(|e| utc(e.occurrence_start))
            .collect();
        if recurring && !cancelled.is_empty() {
            line(&format!("EXDATE:{}", cancelled.join(",")));
        }
        if !recurring && single_exception.is_some_and(|e| e.status == OccurrenceStatus::Cancelled) {
            line("STATUS:CANCELLED");
        } else {
            line("STATUS:CONFIRMED");
        }
        alarm(&mut line, a.reminder_minutes);
        line("END:VEVENT");

        // Moved occurrences of a series override their original slot.
        let moved = entry.exceptions.iter().filter(|e| recurring && e.status != OccurrenceStatus::Cancelled);
        for e in moved {
            let Some((start, end)) = e.starts_at.zip(e.ends_at) else { continue };
            line("BEGIN:VEVENT");
            line(&uid);
            line(&format!("DTSTAMP:{}", utc(stamp)));
            line(&format!("RECURRENCE-ID:{}", utc(e.occurrence_start)));
            line(&format!("DTSTART:{}", utc(start)));
            line(&format!("DTEND:{}", utc(end)));
            line(&summary);
            line("STATUS:CONFIRMED");
            alarm(&mut line, a.reminder_minutes);
            line("END:VEVENT");
        }
    }
    line("END:VCALENDAR");
    out
}

fn summary(entry: &CalendarEntry, include_names: bool) -> String {
    let how = match entry.appointment.mode {
        SessionMode::InPerson => "in person",
        SessionMode::Video => "video",
        SessionMode::Phone => "phone",
    };
    if include_names { format!("Session with {} ({how})", entry.client_name) } else { format!("Session ({how})") }
}

fn alarm(line: &mut impl FnMut(&str), reminder_minutes: Option<u32>) {
    if let Some(m) = reminder_minutes {
        line("BEGIN:VALARM");
        line("ACTION:DISPLAY");
        line("DESCRIPTION:Session reminder");
        line(&format!("TRIGGER:-PT{m}M"));
        line("END:VALARM");
    }
}

/// A UTC date-time in iCalendar's basic format.
fn utc(t: DateTime<Utc>) -> String {
    t.format("%Y%m%dT%H%M%SZ").to_string()
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks; other
/// control characters are dropped (they are not allowed in content lines).
pub fn escape_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends one content line, folded so that no physical line exceeds 75 octets (excluding the
/// CRLF): continuation lines start with a space, and a fold never splits a UTF-8 character.
pub fn push_folded(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        if used + c.len_utf8() > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += c.len_utf8();
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests;
