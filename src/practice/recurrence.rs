//! Recurrence of appointments: a series repeats every one or two weeks at the same local time in
//! its IANA time zone (a weekly 10:00 in Europe/London is 10:00 before and after the clocks
//! change), until a local day (inclusive) or for a number of sessions, or without end.
//! Expansion here and the RRULE written to ICS files (with a TZID) say exactly the same thing,
//! so the app and any calendar that imports the export agree on every date.
//!
//! A local time the zone does not have or has twice is resolved by one rule ([`resolve_local`]):
//! a time in a skipped hour (clocks go forward) is moved forward by the length of the gap
//! (01:30 on the day London skips 01:00–02:00 becomes 02:30 BST), and a time in a repeated
//! hour (clocks go back) is the earlier of the two instants (01:30 BST, not 01:30 GMT). This is
//! what RFC 5545 §3.3.5 asks of calendar programs, so an imported series lands on the same
//! instants.

use crate::registry::generic::text_enum;
use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
text_enum! {
    /// How often a series repeats.
    #[derive(Default)]
    pub enum Recurrence {
        /// A single appointment.
        #[default]
        None = "none",
        /// Every week.
        Weekly = "weekly",
        /// Every other week.
        Fortnightly = "fortnightly",
    }
}

impl Recurrence {
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
    /// The last day an occurrence may start on (local, in the series' zone), inclusive.
    pub until: Option<NaiveDate>,
    /// How many occurrences in all.
    pub count: Option<u32>,
}

/// The time zone named `name` (an IANA name such as "Europe/London"), or an error a person can
/// act on.
pub fn parse_zone(name: &str) -> crate::Result<Tz> {
    name.trim().parse::<Tz>().map_err(|_| {
        crate::Error::invalid("Time zone", format!("\"{}\" is not a time zone name such as Europe/London", name.trim()))
    })
}

/// This computer's time zone: the `TZ` variable when it names an IANA zone (tests and the
/// end-to-end runs pin it), otherwise the system's zone, otherwise UTC.
pub fn local_zone() -> Tz {
    let from_env = std::env::var("TZ").ok().and_then(|v| v.trim_start_matches(':').parse::<Tz>().ok());
    from_env.or_else(|| iana_time_zone::get_timezone().ok().and_then(|n| n.parse::<Tz>().ok())).unwrap_or(Tz::UTC)
}

/// The instant `local` names in `tz`: the only one, the earlier of two (a repeated hour), or
/// for a skipped hour the same wall time moved forward by the gap (the offset in force before
/// the change applied to it).
pub fn resolve_local(tz: Tz, local: NaiveDateTime) -> DateTime<Utc> {
    match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => {
            let before = tz.offset_from_utc_datetime(&(local - TimeDelta::days(1))).fix();
            (local - TimeDelta::seconds(i64::from(before.local_minus_utc()))).and_utc()
        }
    }
}

/// The instant that ends local `day` in `tz` (the last moment of that day, exclusive bound of
/// the next): used for a series' last day.
pub(crate) fn end_of_local_day(tz: Tz, day: NaiveDate) -> DateTime<Utc> {
    let next = day.succ_opt().unwrap_or(day).and_hms_opt(0, 0, 0).expect("midnight");
    resolve_local(tz, next)
}

/// Starts of the occurrences of a series whose first session starts at local `first` in `tz`,
/// that start in `[from, to)`, in order. Each is `first` plus a whole number of weeks on the
/// local clock, resolved with [`resolve_local`].
pub(crate) fn occurrence_starts(
    first: NaiveDateTime,
    tz: Tz,
    rule: RepeatRule,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<DateTime<Utc>> {
    let Some(weeks) = rule.recurrence.interval_weeks() else {
        let start = resolve_local(tz, first);
        return if start >= from && start < to { vec![start] } else { Vec::new() };
    };
    let step = TimeDelta::weeks(weeks);
    // Jump close to the first occurrence at or after `from` instead of walking from `first`; a
    // zone's offset is less than a day, so two days of slack is always early enough.
    let ahead = from.naive_utc() - first - TimeDelta::days(2);
    let mut index: i64 = if ahead > TimeDelta::zero() { ahead.num_seconds().div_euclid(step.num_seconds()) } else { 0 };
    let mut out = Vec::new();
    loop {
        if rule.count.is_some_and(|c| index >= i64::from(c)) {
            break;
        }
        let Some(local) = first.checked_add_signed(step * i32::try_from(index).unwrap_or(i32::MAX)) else { break };
        if rule.until.is_some_and(|u| local.date() > u) {
            break;
        }
        let start = resolve_local(tz, local);
        if start >= to {
            break;
        }
        if start >= from {
            out.push(start);
        }
        index += 1;
    }
    out
}

/// The RRULE property value for `rule` (`None` for a single appointment). With a DTSTART that
/// carries a TZID, UNTIL is a UTC date-time (RFC 5545 §3.3.10): the end of the last local day.
pub(crate) fn rrule(rule: RepeatRule, tz: Tz) -> Option<String> {
    let weeks = rule.recurrence.interval_weeks()?;
    let mut out = String::from("FREQ=WEEKLY");
    if weeks > 1 {
        out.push_str(&format!(";INTERVAL={weeks}"));
    }
    if let Some(until) = rule.until {
        let last = end_of_local_day(tz, until) - TimeDelta::seconds(1);
        out.push_str(&format!(";UNTIL={}", last.format("%Y%m%dT%H%M%SZ")));
    } else if let Some(count) = rule.count {
        out.push_str(&format!(";COUNT={count}"));
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono_tz::{America, Australia, Europe};

    fn at(s: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
    }

    fn local(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("local time")
    }

    fn day(m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, d).expect("date")
    }

    #[test]
    fn single_appointment_is_in_the_window_or_not() {
        let first = local("2026-11-23T10:00");
        let rule = RepeatRule::default();
        let tz = Tz::UTC;
        let got = occurrence_starts(first, tz, rule, at("2026-11-23T00:00:00Z"), at("2026-11-24T00:00:00Z"));
        assert_eq!(got, [at("2026-11-23T10:00:00Z")]);
        assert!(occurrence_starts(first, tz, rule, at("2026-11-23T10:00:01Z"), at("2026-11-24T00:00:00Z")).is_empty());
        assert_eq!(rrule(rule, tz), None);
    }

    #[test]
    fn weekly_until_includes_the_last_local_day() {
        let rule = RepeatRule { recurrence: Recurrence::Weekly, until: Some(day(11, 23)), count: None };
        let got = occurrence_starts(
            local("2026-11-02T09:30"),
            Tz::UTC,
            rule,
            at("2026-01-01T00:00:00Z"),
            at("2027-01-01T00:00:00Z"),
        );
        let days: Vec<u32> = got.iter().map(|t| chrono::Datelike::day(&t.date_naive())).collect();
        assert_eq!(days, [2, 9, 16, 23]);
        assert_eq!(rrule(rule, Tz::UTC).as_deref(), Some("FREQ=WEEKLY;UNTIL=20261123T235959Z"));
        // In Sydney (UTC+11 in November) the last local day ends at 12:59:59 UTC.
        assert_eq!(rrule(rule, Australia::Sydney).as_deref(), Some("FREQ=WEEKLY;UNTIL=20261123T125959Z"));
        // An 08:00 Sydney session on the 23rd is 21:00 UTC on the 22nd: still in the series.
        let sydney = occurrence_starts(
            local("2026-11-16T08:00"),
            Australia::Sydney,
            rule,
            at("2026-01-01T00:00:00Z"),
            at("2027-01-01T00:00:00Z"),
        );
        assert_eq!(sydney, [at("2026-11-15T21:00:00Z"), at("2026-11-22T21:00:00Z")]);
    }

    #[test]
    fn fortnightly_count_and_window_in_the_middle() {
        let rule = RepeatRule { recurrence: Recurrence::Fortnightly, until: None, count: Some(5) };
        let first = local("2026-11-02T09:30");
        // Occurrences: Nov 2, 16, 30, Dec 14, 28. Window Nov 20 – Dec 20 holds Nov 30 and Dec 14.
        let got = occurrence_starts(first, Tz::UTC, rule, at("2026-11-20T00:00:00Z"), at("2026-12-20T00:00:00Z"));
        assert_eq!(got, [at("2026-11-30T09:30:00Z"), at("2026-12-14T09:30:00Z")]);
        let all = occurrence_starts(first, Tz::UTC, rule, at("2020-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"));
        assert_eq!(all.len(), 5, "count bounds the series");
        assert_eq!(all[4], at("2026-12-28T09:30:00Z"));
        assert_eq!(rrule(rule, Tz::UTC).as_deref(), Some("FREQ=WEEKLY;INTERVAL=2;COUNT=5"));
    }

    #[test]
    fn open_ended_series_is_bounded_by_the_window() {
        let first = local("2026-01-05T18:00");
        let rule = RepeatRule { recurrence: Recurrence::Weekly, until: None, count: None };
        let got = occurrence_starts(first, Tz::UTC, rule, at("2030-06-01T00:00:00Z"), at("2030-06-15T00:00:00Z"));
        assert_eq!(got.len(), 2);
        // A window boundary exactly on an occurrence: start is inclusive, end exclusive.
        let exact = occurrence_starts(first, Tz::UTC, rule, at("2026-01-12T18:00:00Z"), at("2026-01-19T18:00:00Z"));
        assert_eq!(exact, [at("2026-01-12T18:00:00Z")]);
    }

    #[test]
    fn a_weekly_ten_oclock_stays_ten_oclock_across_both_changes() {
        let rule = RepeatRule { recurrence: Recurrence::Weekly, until: None, count: None };
        // London: clocks go forward on 29 March 2026 and back on 25 October 2026.
        let got = occurrence_starts(
            local("2026-03-23T10:00"),
            Europe::London,
            rule,
            at("2026-03-20T00:00:00Z"),
            at("2026-04-01T00:00:00Z"),
        );
        assert_eq!(got, [at("2026-03-23T10:00:00Z"), at("2026-03-30T09:00:00Z")]);
        let got = occurrence_starts(
            local("2026-10-19T10:00"),
            Europe::London,
            rule,
            at("2026-10-01T00:00:00Z"),
            at("2026-10-31T00:00:00Z"),
        );
        assert_eq!(got, [at("2026-10-19T09:00:00Z"), at("2026-10-26T10:00:00Z")]);
        // New York: 8 March and 1 November 2026.
        let got = occurrence_starts(
            local("2026-03-02T10:00"),
            America::New_York,
            rule,
            at("2026-03-01T00:00:00Z"),
            at("2026-03-12T00:00:00Z"),
        );
        assert_eq!(got, [at("2026-03-02T15:00:00Z"), at("2026-03-09T14:00:00Z")]);
        // Sydney: clocks go back on 5 April and forward on 4 October 2026.
        let got = occurrence_starts(
            local("2026-03-30T10:00"),
            Australia::Sydney,
            rule,
            at("2026-03-29T00:00:00Z"),
            at("2026-04-10T00:00:00Z"),
        );
        assert_eq!(got, [at("2026-03-29T23:00:00Z"), at("2026-04-06T00:00:00Z")]);
    }

    #[test]
    fn skipped_and_repeated_hours_follow_the_documented_rule() {
        // London skips 01:00–02:00 on 29 March 2026: 01:30 becomes 02:30 BST (01:30 UTC).
        assert_eq!(resolve_local(Europe::London, local("2026-03-29T01:30")), at("2026-03-29T01:30:00Z"));
        // London has 01:00–02:00 twice on 25 October 2026: the earlier, 01:30 BST (00:30 UTC).
        assert_eq!(resolve_local(Europe::London, local("2026-10-25T01:30")), at("2026-10-25T00:30:00Z"));
        // New York skips 02:00–03:00 on 8 March 2026: 02:30 becomes 03:30 EDT (07:30 UTC).
        assert_eq!(resolve_local(America::New_York, local("2026-03-08T02:30")), at("2026-03-08T07:30:00Z"));
        // Sydney repeats 02:00–03:00 on 5 April 2026: the earlier, 02:30 AEDT (15:30 UTC on the 4th).
        assert_eq!(resolve_local(Australia::Sydney, local("2026-04-05T02:30")), at("2026-04-04T15:30:00Z"));
        // Sydney skips 02:00–03:00 on 4 October 2026: 02:30 becomes 03:30 AEDT (16:30 UTC on the 3rd).
        assert_eq!(resolve_local(Australia::Sydney, local("2026-10-04T02:30")), at("2026-10-03T16:30:00Z"));
        // A weekly 01:30 London series: the skipped day's session is at 02:30, the next back at 01:30.
        let rule = RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(3) };
        let got = occurrence_starts(
            local("2026-03-22T01:30"),
            Europe::London,
            rule,
            at("2026-01-01T00:00:00Z"),
            at("2027-01-01T00:00:00Z"),
        );
        assert_eq!(got, [at("2026-03-22T01:30:00Z"), at("2026-03-29T01:30:00Z"), at("2026-04-05T00:30:00Z")]);
    }
}
