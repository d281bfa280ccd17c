//! ICS escaping, folding, and golden files of a schedule rendered with and without names.

use chrono::{DateTime, NaiveDate, Utc};

use super::*;
use crate::practice::appointments::RepeatRule;
use chrono_tz::Tz;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

#[test]
fn text_is_escaped() {
    assert_eq!(
        escape_text("Room 2, 14 Park Row; Leeds\\North\r\nFloor 1\nBell"),
        "Room 2\\, 14 Park Row\\; Leeds\\\\North\\nFloor 1\\nBell"
    );
    assert_eq!(escape_text("tab\there\u{7}"), "tabhere", "control characters are dropped");
}

#[test]
fn long_lines_fold_at_75_octets_without_splitting_characters() {
    let mut out = String::new();
    push_folded(&mut out, &format!("SUMMARY:{}", "a".repeat(200)));
    let lines: Vec<&str> = out.split("\r\n").collect();
    assert_eq!(lines.last(), Some(&""), "ends with CRLF");
    let lines = &lines[..lines.len() - 1];
    assert_eq!(lines[0].len(), 75);
    assert!(lines[1..].iter().all(|l| l.starts_with(' ') && l.len() <= 75));
    let unfolded: String = lines.iter().enumerate().map(|(i, l)| if i == 0 { *l } else { &l[1..] }).collect();
    assert_eq!(unfolded, format!("SUMMARY:{}", "a".repeat(200)));

    // Two-byte characters straddling the limit move whole to the next line.
    let mut out = String::new();
    let text = format!("X:{}", "é".repeat(60));
    push_folded(&mut out, &text);
    for l in out.split("\r\n") {
        assert!(l.len() <= 75, "{} octets", l.len());
    }
    let first = out.split("\r\n").next().expect("a line");
    assert_eq!(first.len(), 74, "2 + 36×2 = 74; one more é would make 76");
    let unfolded = out.replace("\r\n ", "");
    assert_eq!(unfolded, format!("{text}\r\n"));

    // Exactly 75 octets: no fold.
    let mut out = String::new();
    push_folded(&mut out, &"b".repeat(75));
    assert_eq!(out, format!("{}\r\n", "b".repeat(75)));
}

fn appointment(id: &str, start: &str, end: &str, mode: SessionMode, repeat: RepeatRule, zone: Tz) -> Appointment {
    Appointment {
        id: id.into(),
        created_at: at("2026-11-01T09:00:00Z"),
        updated_at: at("2026-11-01T09:00:00Z"),
        client_id: format!("client-{id}"),
        starts_at: at(start),
        ends_at: at(end),
        time_zone: zone.name().into(),
        local_start: at(start).with_timezone(&zone).naive_local(),
        mode,
        location: None,
        recurrence: repeat.recurrence,
        repeat_until: repeat.until,
        repeat_count: repeat.count,
        reminder_minutes: None,
        notes: "Private: never exported".into(),
        deleted_at: None,
    }
}

fn exception(id: &str, original: &str, status: OccurrenceStatus, moved: Option<(&str, &str)>) -> OccurrenceException {
    OccurrenceException {
        appointment_id: id.into(),
        occurrence_start: at(original),
        status,
        starts_at: moved.map(|(s, _)| at(s)),
        ends_at: moved.map(|(_, e)| at(e)),
        reason: None,
    }
}

/// Three appointments that exercise every feature of the export.
fn schedule() -> Vec<CalendarEntry> {
    let weekly = RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(6) };
    // Ana: weekly 10:00 in London from 19 October, across the change of 25 October.
    let mut ana = appointment(
        "0001",
        "2026-10-19T09:00:00Z",
        "2026-10-19T09:50:00Z",
        SessionMode::InPerson,
        weekly,
        chrono_tz::Europe::London,
    );
    ana.location = Some("Room 2, 14 Park Row; Leeds\nRing the bell".into());
    ana.reminder_minutes = Some(60);
    let single = RepeatRule::default();
    let ben = appointment("0002", "2026-11-24T17:30:00Z", "2026-11-24T18:20:00Z", SessionMode::Video, single, Tz::UTC);
    let fortnightly =
        RepeatRule { recurrence: Recurrence::Fortnightly, until: NaiveDate::from_ymd_opt(2027, 1, 31), count: None };
    let mut zoe = appointment(
        "0003",
        "2026-11-25T08:00:00Z",
        "2026-11-25T09:00:00Z",
        SessionMode::Phone,
        fortnightly,
        chrono_tz::America::New_York,
    );
    zoe.location =
        Some("Ōtsuka Community Centre, Upper Floor — the long corridor past the café, door marked “Quiet Room”".into());
    vec![
        CalendarEntry {
            appointment: ana,
            client_name: "Ana".into(),
            exceptions: vec![
                exception("0001", "2026-11-02T10:00:00Z", OccurrenceStatus::Cancelled, None),
                exception(
                    "0001",
                    "2026-11-09T10:00:00Z",
                    OccurrenceStatus::Scheduled,
                    Some(("2026-11-10T14:00:00Z", "2026-11-10T14:50:00Z")),
                ),
                exception("0001", "2026-10-26T10:00:00Z", OccurrenceStatus::Attended, None),
            ],
        },
        CalendarEntry {
            appointment: ben,
            client_name: "Ben Okafor".into(),
            exceptions: vec![exception("0002", "2026-11-24T17:30:00Z", OccurrenceStatus::Cancelled, None)],
        },
        CalendarEntry {
            appointment: zoe,
            client_name: "Zoë Ngozi-Featherstonehaugh Ōtsuka-Wellington de la Cruz, \"Zo\"".into(),
            exceptions: vec![],
        },
    ]
}

/// The schedule rendered with or without names, checked against (or, with
/// `WELLKEPT_WRITE_GOLDEN` set, written to) its golden file `tests/fixtures/ics/<name>.ics`.
fn rendered_as_golden(with_names: bool, name: &str) -> String {
    let got = render_calendar(&schedule(), at("2026-11-23T08:00:00Z"), with_names);
    let path = format!("{}/tests/fixtures/ics/{name}.ics", env!("CARGO_MANIFEST_DIR"));
    if std::env::var_os("WELLKEPT_WRITE_GOLDEN").is_some() {
        std::fs::write(&path, &got).expect("golden");
    }
    let golden = std::fs::read_to_string(&path).expect("golden file");
    assert_eq!(got, golden);
    got
}

#[test]
fn schedule_without_names_matches_golden_file() {
    let got = rendered_as_golden(false, "schedule_without_names");
    for private in ["Ana", "Ben", "Zo", "Room", "Private", "Ōtsuka"] {
        assert!(!got.contains(private), "{private} leaked into a private export");
    }
}

#[test]
fn schedule_with_names_matches_golden_file() {
    let got = rendered_as_golden(true, "schedule_with_names");
    assert!(!got.contains("Private"), "notes are never exported");
}

#[test]
fn every_line_ends_in_crlf_and_fits_75_octets() {
    let got = render_calendar(&schedule(), at("2026-11-23T08:00:00Z"), true);
    assert!(got.ends_with("END:VCALENDAR\r\n"));
    assert!(!got.replace("\r\n", "").contains('\n'), "no bare line feeds");
    assert!(got.split("\r\n").all(|l| l.len() <= 75));
}

fn zone_lines(zone: Tz, year: i32) -> Vec<String> {
    let mut out = Vec::new();
    vtimezone(&mut |l: &str| out.push(l.to_owned()), zone, year);
    out
}

#[test]
fn a_zone_without_daylight_saving_has_one_standard_component() {
    assert_eq!(
        zone_lines(chrono_tz::Asia::Tokyo, 2026),
        [
            "BEGIN:VTIMEZONE",
            "TZID:Asia/Tokyo",
            "BEGIN:STANDARD",
            "DTSTART:20260101T000000",
            "TZOFFSETFROM:+0900",
            "TZOFFSETTO:+0900",
            "TZNAME:JST",
            "END:STANDARD",
            "END:VTIMEZONE",
        ]
    );
}

#[test]
fn sydney_changes_back_in_april_and_forward_in_october() {
    let lines = zone_lines(chrono_tz::Australia::Sydney, 2026);
    assert_eq!(
        lines[2..lines.len() - 1],
        [
            "BEGIN:STANDARD",
            "DTSTART:20260405T030000",
            "TZOFFSETFROM:+1100",
            "TZOFFSETTO:+1000",
            "TZNAME:AEST",
            "RRULE:FREQ=YEARLY;BYMONTH=4;BYDAY=1SU",
            "END:STANDARD",
            "BEGIN:DAYLIGHT",
            "DTSTART:20261004T020000",
            "TZOFFSETFROM:+1000",
            "TZOFFSETTO:+1100",
            "TZNAME:AEDT",
            "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=1SU",
            "END:DAYLIGHT",
        ]
    );
}

#[test]
fn a_zone_whose_changes_follow_no_yearly_rule_lists_each_change() {
    // Morocco leaves its +01 for +00 during Ramadan, whose dates move every year.
    let lines = zone_lines(chrono_tz::Africa::Casablanca, 2026);
    assert!(!lines.iter().any(|l| l.starts_with("RRULE")), "{lines:?}");
    let starts = lines.iter().filter(|l| l.starts_with("DTSTART")).count();
    assert!(starts >= 2 * 20, "one component per change for 21 years: {starts}");
}
