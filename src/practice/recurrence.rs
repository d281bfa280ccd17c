//! Recurrence of appointments: a series repeats every one or two weeks at the same UTC time,
//! until a day (inclusive, in UTC) or for a number of sessions, or without end. Expansion here
//! and the RRULE written to ICS files say exactly the same thing, so the app and any calendar
//! that imports the export agree on every date.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// How often a series repeats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, sqlx::Type, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "TEXT", rename_all = "snake_case")]
pub enum Recurrence {
    /// A single appointment.
    #[default]
    None,
    /// Every week.
    Weekly,
    /// Every other week.
    Fortnightly,
}

impl Recurrence {
    /// The stored form.
    pub fn as_str(self) -> &'static str {
        match self {
            Recurrence::None => "none",
            Recurrence::Weekly => "weekly",
            Recurrence::Fortnightly => "fortnightly",
        }
    }

    fn interval_weeks(self) -> Option<i64> {
        match self {
            Recurrence::None => None,
            Recurrence::Weekly => Some(1),
            Recurrence::Fortnightly => Some(2),
        }
    }
}

/// A series' repetition: how often, and when it stops.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, ts_rs::TS)]
pub struct RepeatRule {
    /// How often.
    pub recurrence: Recurrence,
    /// The last day an occurrence may start on (UTC), inclusive.
    pub until: Option<NaiveDate>,
    /// How many occurrences in all.
    pub count: Option<u32>,
}

/// Starts of the occurrences of a series beginning at `first` that start in `[from, to)`, in order.
pub(crate) fn occurrence_starts(
    first: DateTime<Utc>,
    rule: RepeatRule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let Some(weeks) = rule.recurrence.interval_weeks() else {
        return if first >= from && first < to { vec![first] } else { Vec::new() };
    };
    let step = TimeDelta::weeks(weeks);
    // Jump straight to the first occurrence at or after `from` instead of walking from `first`.
    let mut index: i64 = if from > first { (from - first).num_seconds().div_euclid(step.num_seconds()) } else { 0 };
    let mut out = Vec::new();
    loop {
        if rule.count.is_some_and(|c| index >= i64::from(c)) {
            break;
        }
        let Some(start) = first.checked_add_signed(step * i32::try_from(index).unwrap_or(i32::MAX)) else { break };
        if start >= to || rule.until.is_some_and(|u| start.date_naive() > u) {
            break;
        }
        if start >= from {
            out.push(start);
        }
        index += 1;
    }
    out
}

/// The RRULE property value for `rule` (`None` for a single appointment).
pub(crate) fn rrule(rule: RepeatRule) -> Option<String> {
    let weeks = rule.recurrence.interval_weeks()?;
    let mut out = String::from("FREQ=WEEKLY");
    if weeks > 1 {
        out.push_str(&format!(";INTERVAL={weeks}"));
    }
    if let Some(until) = rule.until {
        // With a UTC DTSTART, UNTIL must be a UTC date-time: the end of that day.
        out.push_str(&format!(";UNTIL={}T235959Z", until.format("%Y%m%d")));
    } else if let Some(count) = rule.count {
        out.push_str(&format!(";COUNT={count}"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    #[test]
    fn single_appointment_is_in_the_window_or_not() {
        let first = at("2026-11-23T10:00:00Z");
        let rule = RepeatRule::default();
        assert_eq!(occurrence_starts(first, rule, at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z")), [first]);
        assert!(occurrence_starts(first, rule, at("2026-11-23T10:00:01Z"), at("2026-11-24T00:00:00Z")).is_empty());
        assert_eq!(rrule(rule), None);
    }

    #[test]
    fn weekly_until_includes_the_last_day() {
        let first = at("2026-11-02T09:30:00Z");
        let rule = RepeatRule { recurrence: Recurrence::Weekly, until: Some(day(11, 23)), count: None };
        let got = occurrence_starts(first, rule, at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
        let days: Vec<u32> = got.iter().map(|t| chrono::Datelike::day(&t.date_naive())).collect();
        assert_eq!(days, [2, 9, 16, 23]);
        assert_eq!(rrule(rule).as_deref(), Some("FREQ=WEEKLY;UNTIL=20261123T235959Z"));
    }

    #[test]
    fn fortnightly_count_and_window_in_the_middle() {
        let first = at("2026-11-02T09:30:00Z");
        let rule = RepeatRule { recurrence: Recurrence::Fortnightly, until: None, count: Some(5) };
        // Occurrences: Nov 2, 16, 30, Dec 14, 28. Window Nov 20 – Dec 20 holds Nov 30 and Dec 14.
        let got = occurrence_starts(first, rule, at("2026-11-20T00:00:00Z"), at("2026-12-20T00:00:00Z"));
        assert_eq!(got, [at("2026-11-30T09:30:00Z"), at("2026-12-14T09:30:00Z")]);
        let all = occurrence_starts(first, rule, at("2020-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"));
        assert_eq!(all.len(), 5, "count bounds the series");
        assert_eq!(all[4], at("2026-12-28T09:30:00Z"));
        assert_eq!(rrule(rule).as_deref(), Some("FREQ=WEEKLY;INTERVAL=2;COUNT=5"));
    }

    #[test]
    fn open_ended_series_is_bounded_by_the_window() {
        let first = at("2026-01-05T18:00:00Z");
        let rule = RepeatRule { recurrence: Recurrence::Weekly, until: None, count: None };
        let got = occurrence_starts(first, rule, at("2030-06-01T00:00:00Z"), at("2030-06-15T00:00:00Z"));
        assert_eq!(got.len(), 2);
        assert!(got.iter().all(|t| (*t - first).num_seconds() % (7 * 86_400) == 0));
        // A window boundary exactly on an occurrence: start is inclusive, end exclusive.
        let exact = occurrence_starts(first, rule, at("2026-01-12T18:00:00Z"), at("2026-01-19T18:00:00Z"));
        assert_eq!(exact, [at("2026-01-12T18:00:00Z")]);
    }
}
