//! Export of the mentor's schedule as an iCalendar file (RFC 5545), for any calendar app.
//!
//! Privacy first: by default an event says only "Session" and how it takes place — no client
//! name and no location (a home address identifies someone as surely as a name). With
//! [`IcsOptions::include_names`] the summary names the client and the location is included.
//! Private notes are never exported.
//!
//! Each appointment is one VEVENT whose times carry its IANA zone (`DTSTART;TZID=Europe/London:
//! 20261019T100000`), with one VTIMEZONE per zone used giving that zone's STANDARD and DAYLIGHT
//! rules, so a calendar program keeps a weekly 10:00 at 10:00 across the clock changes exactly
//! as the app does. A series carries an RRULE that says what the app's own expansion does,
//! cancelled occurrences are EXDATEs, and a moved occurrence is an override VEVENT with the same
//! UID and a RECURRENCE-ID in the zone. Appointments kept in UTC are written in UTC (`…Z`). Lines end in CRLF and are folded
//! at 75 octets without splitting a UTF-8 character (RFC 5545 §3.1).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::{OffsetComponents, OffsetName, Tz};
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
    let mut zones: Vec<Tz> = entries.iter().map(|e| e.appointment.zone()).filter(|z| *z != Tz::UTC).collect();
    zones.sort_by_key(|z| z.name());
    zones.dedup();
    for zone in zones {
        let first_year = entries
            .iter()
            .filter(|e| e.appointment.zone() == zone)
            .map(|e| e.appointment.local_start.year())
            .min()
            .unwrap_or(2026);
        vtimezone(&mut line, zone, first_year);
    }
    for entry in entries {
        let a = &entry.appointment;
        let uid = format!("UID:{}@wellkept", a.id);
        let summary = format!("SUMMARY:{}", escape_text(&summary(entry, include_names)));
        let recurring = a.recurrence != Recurrence::None;
        let zone = a.zone();
        let when = |name: &str, t: DateTime<Utc>| zoned(name, zone, t);
        let single_exception = entry.exceptions.iter().find(|e| e.occurrence_start == a.starts_at);
        // A single appointment that was moved is simply at its new time.
        let (start, end) = match (recurring, single_exception.and_then(|e| e.starts_at.zip(e.ends_at))) {
            (false, Some(moved)) => moved,
            _ => (a.starts_at, a.ends_at),
        };

        line("BEGIN:VEVENT");
        line(&uid);
        line(&format!("DTSTAMP:{}", utc(stamp)));
        line(&when("DTSTART", start));
        line(&when("DTEND", end));
        line(&summary);
        if include_names && let Some(location) = &a.location {
            line(&format!("LOCATION:{}", escape_text(location)));
        }
        if let Some(rule) = rrule(a.rule(), zone) {
            line(&format!("RRULE:{rule}"));
        }
        let cancelled: Vec<DateTime<Utc>> = entry
            .exceptions
            .iter()
            .filter(|e| e.status == OccurrenceStatus::Cancelled)
            .map(|e| e.occurrence_start)
            .collect();
        if recurring && !cancelled.is_empty() {
            let values: Vec<String> = cancelled.iter().map(|t| basic(zone, *t)).collect();
            let name = if zone == Tz::UTC { "EXDATE".to_owned() } else { format!("EXDATE;TZID={}", zone.name()) };
            line(&format!("{name}:{}", values.join(",")));
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
            line(&when("RECURRENCE-ID", e.occurrence_start));
            line(&when("DTSTART", start));
            line(&when("DTEND", end));
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

/// `t` in iCalendar's basic format: local time in `zone`, or UTC with a `Z` for the UTC zone.
fn basic(zone: Tz, t: DateTime<Utc>) -> String {
    if zone == Tz::UTC { utc(t) } else { t.with_timezone(&zone).format("%Y%m%dT%H%M%S").to_string() }
}

/// A date-time property: `NAME;TZID=zone:local` (or `NAME:…Z` in UTC).
fn zoned(name: &str, zone: Tz, t: DateTime<Utc>) -> String {
    if zone == Tz::UTC {
        format!("{name}:{}", utc(t))
    } else {
        format!("{name};TZID={}:{}", zone.name(), basic(zone, t))
    }
}

/// One change of a zone's offset: the instant, the offsets before and after, and the name after.
struct Transition {
    at: DateTime<Utc>,
    from: i32,
    to: i32,
    dst: bool,
    name: String,
}

fn offset_at(zone: Tz, t: DateTime<Utc>) -> chrono_tz::TzOffset {
    zone.offset_from_utc_datetime(&t.naive_utc())
}

/// The changes of `zone`'s offset during `year` (found hour by hour, then to the minute).
fn transitions(zone: Tz, year: i32) -> Vec<Transition> {
    let Some(start) = NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut t = start.and_utc();
    let mut before = offset_at(zone, t).fix().local_minus_utc();
    while t.year() == year {
        let next = t + TimeDelta::hours(1);
        let after = offset_at(zone, next).fix().local_minus_utc();
        if after != before {
            let mut exact = t;
            while offset_at(zone, exact).fix().local_minus_utc() == before {
                exact += TimeDelta::minutes(1);
            }
            let o = offset_at(zone, exact);
            out.push(Transition {
                at: exact,
                from: before,
                to: after,
                dst: !o.dst_offset().is_zero(),
                name: o.abbreviation().unwrap_or_default().to_owned(),
            });
        }
        before = after;
        t = next;
    }
    out
}

/// `+HHMM` / `-HHMM` for an offset in seconds.
fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let m = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", m / 60, m % 60)
}

/// The BYDAY of a yearly rule for the transition on local day `day`: "-1SU" for the last
/// Sunday of its month, "2SU" for the second.
fn by_day(day: NaiveDate) -> String {
    let weekday = match day.weekday() {
        chrono::Weekday::Mon => "MO",
        chrono::Weekday::Tue => "TU",
        chrono::Weekday::Wed => "WE",
        chrono::Weekday::Thu => "TH",
        chrono::Weekday::Fri => "FR",
        chrono::Weekday::Sat => "SA",
        chrono::Weekday::Sun => "SU",
    };
    let last = day.checked_add_signed(TimeDelta::days(7)).is_none_or(|d| d.month() != day.month());
    if last { format!("-1{weekday}") } else { format!("{}{weekday}", (day.day() - 1) / 7 + 1) }
}

/// The local wall time (in the offset before it) at which a transition happens.
fn wall_time(t: &Transition) -> NaiveDateTime {
    t.at.naive_utc() + TimeDelta::seconds(i64::from(t.from))
}

/// A yearly rule for the transition: month and weekday ordinal, if later years follow it.
fn yearly_rule(zone: Tz, first: &Transition, year: i32) -> Option<String> {
    let day = wall_time(first).date();
    let rule = by_day(day);
    let predicted = |y: i32| -> Option<NaiveDate> {
        let candidates: Vec<NaiveDate> = (1..=31)
            .filter_map(|d| NaiveDate::from_ymd_opt(y, day.month(), d))
            .filter(|d| d.weekday() == day.weekday())
            .collect();
        if rule.starts_with("-1") {
            candidates.last().copied()
        } else {
            candidates.get(((day.day() - 1) / 7) as usize).copied()
        }
    };
    // The rule must give the same days as the zone database for the next twenty years.
    for y in year + 1..=year + 20 {
        let actual = transitions(zone, y).into_iter().find(|t| t.dst == first.dst && t.to == first.to)?;
        if Some(wall_time(&actual).date()) != predicted(y) || wall_time(&actual).time() != wall_time(first).time() {
            return None;
        }
    }
    Some(format!("FREQ=YEARLY;BYMONTH={};BYDAY={rule}", day.month()))
}

/// The VTIMEZONE for `zone` from `year` on: a STANDARD and a DAYLIGHT component with yearly
/// rules for a zone that changes its clocks by a fixed rule, a single STANDARD for one that
/// does not, and one component per change (no rule) for a zone whose changes follow no rule.
fn vtimezone(line: &mut impl FnMut(&str), zone: Tz, year: i32) {
    line("BEGIN:VTIMEZONE");
    line(&format!("TZID:{}", zone.name()));
    let changes = transitions(zone, year);
    if changes.is_empty() {
        let jan = NaiveDate::from_ymd_opt(year, 1, 1).and_then(|d| d.and_hms_opt(0, 0, 0)).expect("1 January");
        let o = offset_at(zone, jan.and_utc());
        let offset = utc_offset(o.fix().local_minus_utc());
        line("BEGIN:STANDARD");
        line(&format!("DTSTART:{}", jan.format("%Y%m%dT%H%M%S")));
        line(&format!("TZOFFSETFROM:{offset}"));
        line(&format!("TZOFFSETTO:{offset}"));
        line(&format!("TZNAME:{}", o.abbreviation().unwrap_or_default()));
        line("END:STANDARD");
    } else {
        let ruled: Vec<Option<String>> = changes.iter().map(|t| yearly_rule(zone, t, year)).collect();
        let every_year = ruled.iter().all(Option::is_some);
        let mut extra = Vec::new();
        if !every_year {
            for y in year + 1..=year + 20 {
                extra.extend(transitions(zone, y));
            }
        }
        for (t, rule) in changes
            .iter()
            .zip(&ruled)
            .map(|(t, r)| (t, r.as_ref().filter(|_| every_year)))
            .chain(extra.iter().map(|t| (t, None)))
        {
            let kind = if t.dst { "DAYLIGHT" } else { "STANDARD" };
            line(&format!("BEGIN:{kind}"));
            line(&format!("DTSTART:{}", wall_time(t).format("%Y%m%dT%H%M%S")));
            line(&format!("TZOFFSETFROM:{}", utc_offset(t.from)));
            line(&format!("TZOFFSETTO:{}", utc_offset(t.to)));
            if !t.name.is_empty() {
                line(&format!("TZNAME:{}", t.name));
            }
            if let Some(rule) = rule {
                line(&format!("RRULE:{rule}"));
            }
            line(&format!("END:{kind}"));
        }
    }
    line("END:VTIMEZONE");
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
