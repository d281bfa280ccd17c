//! The calendar across daylight-saving changes, against a real vault: weekly series in
//! Europe/London, America/New_York and Australia/Sydney keep their local time across the spring
//! and autumn changes (Sydney's are in April and October); a session at 01:30 on the day London
//! skips 01:00–02:00 and on the day it repeats it follows the documented rule (skipped → forward
//! by the gap, repeated → the earlier instant); outcomes and moves recorded after a change still
//! belong to their session after reopening; and the ICS export, parsed back with a real
//! iCalendar library (the `icalendar` crate), carries each zone, local start, rule and override.

mod common;
mod practice_fixtures;

use chrono::{DateTime, NaiveDateTime, TimeDelta, Utc};
use chrono_tz::{America, Australia, Europe, Tz};
use icalendar::{CalendarComponent, CalendarDateTime, Component, DatePerhapsTime};
use practice_fixtures::{client, reopen};
use wellkept::practice::appointments::{self, AppointmentDetails, OccurrenceStatus, Recurrence, RepeatRule, schedule};
use wellkept::practice::ics::{self, IcsOptions};
use wellkept::vault::Vault;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

fn local(s: &str) -> NaiveDateTime {
    NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").expect("local time")
}

fn weekly(client_id: &str, tz: Tz, first: &str, count: u32) -> AppointmentDetails {
    AppointmentDetails {
        repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(count) },
        location: Some("Room 2".into()),
        ..AppointmentDetails::at_local(client_id, tz, local(first), 50)
    }
}

/// (local start in the session's zone, UTC start) of every session in the span.
async fn sessions(vault: &Vault, from: &str, to: &str) -> Vec<(String, String, DateTime<Utc>)> {
    schedule::list_occurrences(vault, at(from), at(to), None)
        .await
        .expect("occurrences")
        .into_iter()
        .map(|o| (o.time_zone, o.local_start.format("%a %d %b %H:%M").to_string(), o.starts_at))
        .collect()
}

fn row(zone: &str, local: &str, utc: &str) -> (String, String, DateTime<Utc>) {
    (zone.into(), local.into(), at(utc))
}

#[tokio::test]
async fn weekly_sessions_keep_their_local_time_across_spring_and_autumn_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    // Spring: London 29 March, New York 8 March; Sydney's autumn change (back) on 5 April.
    appointments::add_appointment(&vault, weekly(&ana, Europe::London, "2026-03-23T10:00", 2)).await.expect("london");
    appointments::add_appointment(&vault, weekly(&ana, America::New_York, "2026-03-02T10:00", 2)).await.expect("ny");
    appointments::add_appointment(&vault, weekly(&ana, Australia::Sydney, "2026-03-30T10:00", 2)).await.expect("syd");
    // Autumn: London 25 October, New York 1 November; Sydney's spring change (forward) on 4 October.
    appointments::add_appointment(&vault, weekly(&ana, Europe::London, "2026-10-19T10:00", 2)).await.expect("london");
    appointments::add_appointment(&vault, weekly(&ana, America::New_York, "2026-10-26T10:00", 2)).await.expect("ny");
    appointments::add_appointment(&vault, weekly(&ana, Australia::Sydney, "2026-09-28T10:00", 2)).await.expect("syd");
    drop(vault);
    let vault = reopen(dir.path()).await;

    assert_eq!(
        sessions(&vault, "2026-03-01T00:00:00Z", "2026-04-15T00:00:00Z").await,
        [
            row("America/New_York", "Mon 02 Mar 10:00", "2026-03-02T15:00:00Z"),
            row("America/New_York", "Mon 09 Mar 10:00", "2026-03-09T14:00:00Z"),
            row("Europe/London", "Mon 23 Mar 10:00", "2026-03-23T10:00:00Z"),
            row("Australia/Sydney", "Mon 30 Mar 10:00", "2026-03-29T23:00:00Z"),
            row("Europe/London", "Mon 30 Mar 10:00", "2026-03-30T09:00:00Z"),
            row("Australia/Sydney", "Mon 06 Apr 10:00", "2026-04-06T00:00:00Z"),
        ]
    );
    assert_eq!(
        sessions(&vault, "2026-09-20T00:00:00Z", "2026-11-10T00:00:00Z").await,
        [
            row("Australia/Sydney", "Mon 28 Sep 10:00", "2026-09-28T00:00:00Z"),
            row("Australia/Sydney", "Mon 05 Oct 10:00", "2026-10-04T23:00:00Z"),
            row("Europe/London", "Mon 19 Oct 10:00", "2026-10-19T09:00:00Z"),
            row("Europe/London", "Mon 26 Oct 10:00", "2026-10-26T10:00:00Z"),
            row("America/New_York", "Mon 26 Oct 10:00", "2026-10-26T14:00:00Z"),
            row("America/New_York", "Mon 02 Nov 10:00", "2026-11-02T15:00:00Z"),
        ]
    );
}

#[tokio::test]
async fn a_session_at_half_past_one_on_the_skipped_and_the_repeated_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ben = client(&vault, "Ben Okafor").await;
    // Weekly at 01:30 London from 22 March: 29 March has no 01:30 (01:00 → 02:00).
    let spring = appointments::add_appointment(&vault, weekly(&ben, Europe::London, "2026-03-22T01:30", 3))
        .await
        .expect("spring");
    // Weekly at 01:30 London from 18 October: 25 October has 01:30 twice (BST, then GMT).
    let autumn = appointments::add_appointment(&vault, weekly(&ben, Europe::London, "2026-10-18T01:30", 3))
        .await
        .expect("autumn");
    // A single session booked for 01:30 on the repeated day, given as the later (GMT) instant:
    // it is kept as local 01:30, which is the earlier instant (01:30 BST).
    let single = AppointmentDetails {
        starts_at: at("2026-10-25T01:30:00Z"),
        ends_at: at("2026-10-25T02:20:00Z"),
        ..AppointmentDetails::at_local(&ben, Europe::London, local("2026-10-25T01:30"), 50)
    };
    let single = appointments::add_appointment(&vault, single).await.expect("single");
    assert_eq!((single.starts_at, single.ends_at), (at("2026-10-25T00:30:00Z"), at("2026-10-25T01:20:00Z")));
    assert_eq!(single.local_start, local("2026-10-25T01:30"));

    assert_eq!(
        sessions(&vault, "2026-03-20T00:00:00Z", "2026-04-10T00:00:00Z").await,
        [
            row("Europe/London", "Sun 22 Mar 01:30", "2026-03-22T01:30:00Z"),
            // Skipped: moved forward by the gap, to 02:30 BST.
            row("Europe/London", "Sun 29 Mar 02:30", "2026-03-29T01:30:00Z"),
            row("Europe/London", "Sun 05 Apr 01:30", "2026-04-05T00:30:00Z"),
        ]
    );
    let autumn_sessions = sessions(&vault, "2026-10-15T00:00:00Z", "2026-11-05T00:00:00Z").await;
    assert_eq!(
        autumn_sessions,
        [
            row("Europe/London", "Sun 18 Oct 01:30", "2026-10-18T00:30:00Z"),
            // Repeated: the earlier 01:30, still BST; the single session is at the same instant.
            row("Europe/London", "Sun 25 Oct 01:30", "2026-10-25T00:30:00Z"),
            row("Europe/London", "Sun 25 Oct 01:30", "2026-10-25T00:30:00Z"),
            row("Europe/London", "Sun 01 Nov 01:30", "2026-11-01T01:30:00Z"),
        ]
    );

    // Outcomes recorded on the odd days stay with their sessions after reopening.
    appointments::set_occurrence_status(&vault, &spring.id, at("2026-03-29T01:30:00Z"), OccurrenceStatus::NoShow)
        .await
        .expect("no-show on the skipped day");
    appointments::move_occurrence(
        &vault,
        &autumn.id,
        at("2026-10-25T00:30:00Z"),
        at("2026-10-26T17:00:00Z"),
        at("2026-10-26T17:50:00Z"),
    )
    .await
    .expect("move off the repeated day");
    let wrong = appointments::set_occurrence_status(
        &vault,
        &autumn.id,
        at("2026-10-25T01:30:00Z"),
        OccurrenceStatus::Cancelled,
    )
    .await
    .expect_err("the later 01:30 is not one of its sessions");
    assert!(wrong.to_string().contains("2026-10-25 01:30 UTC"), "{wrong}");
    drop(vault);
    let vault = reopen(dir.path()).await;
    let spring_after = schedule::list_occurrences(&vault, at("2026-03-29T00:00:00Z"), at("2026-03-30T00:00:00Z"), None)
        .await
        .expect("spring");
    assert_eq!(spring_after.len(), 1);
    assert_eq!(
        (spring_after[0].status, spring_after[0].local_start),
        (OccurrenceStatus::NoShow, local("2026-03-29T02:30"))
    );
    let moved = schedule::list_occurrences(&vault, at("2026-10-26T00:00:00Z"), at("2026-10-27T00:00:00Z"), None)
        .await
        .expect("moved");
    assert_eq!(moved.len(), 1);
    assert!(moved[0].moved);
    assert_eq!(
        (moved[0].occurrence_start, moved[0].local_start),
        (at("2026-10-25T00:30:00Z"), local("2026-10-26T17:00"))
    );
}

/// What the test reads from one parsed event: UID, start and end (local time, zone), RRULE and
/// RECURRENCE-ID.
type ParsedEvent = (String, (String, String), (String, String), Option<String>, Option<(String, String)>);

/// A date-time as the parser read it: (local time, TZID) or a UTC instant.
fn zoned(d: Option<DatePerhapsTime>) -> (String, String) {
    match d.expect("a date-time") {
        DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid }) => {
            (date_time.format("%Y-%m-%d %H:%M").to_string(), tzid)
        }
        DatePerhapsTime::DateTime(CalendarDateTime::Utc(t)) => (t.format("%Y-%m-%d %H:%M").to_string(), "UTC".into()),
        other => panic!("unexpected {other:?}"),
    }
}

#[tokio::test]
async fn the_ics_export_parses_back_with_zones_rules_and_overrides() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let london = appointments::add_appointment(&vault, weekly(&ana, Europe::London, "2026-10-19T10:00", 6))
        .await
        .expect("london");
    let ny = appointments::add_appointment(&vault, weekly(&ana, America::New_York, "2026-10-26T09:00", 3))
        .await
        .expect("ny");
    let sydney = appointments::add_appointment(&vault, weekly(&ana, Australia::Sydney, "2026-09-28T18:00", 3))
        .await
        .expect("sydney");
    // After the London change: cancel 2 November, move 9 November to the 10th at 14:00.
    appointments::set_occurrence_status(&vault, &london.id, at("2026-11-02T10:00:00Z"), OccurrenceStatus::Cancelled)
        .await
        .expect("cancel");
    appointments::move_occurrence(
        &vault,
        &london.id,
        at("2026-11-09T10:00:00Z"),
        at("2026-11-10T14:00:00Z"),
        at("2026-11-10T14:50:00Z"),
    )
    .await
    .expect("move");
    let text = ics::export_ics(&vault, &IcsOptions { include_names: true, client_id: None }).await.expect("export");
    let calendar: icalendar::Calendar = text.parse().expect("a real iCalendar parser reads the export");

    // One VTIMEZONE per zone, with its DST rules.
    let mut zones = Vec::new();
    for c in &calendar.components {
        let CalendarComponent::Other(other) = c else { continue };
        if other.component_kind() != "VTIMEZONE" {
            continue;
        }
        let parts: Vec<(String, String, String, String)> = other
            .components()
            .iter()
            .map(|p| {
                let v = |k: &str| p.property_value(k).unwrap_or_default().to_owned();
                (p.component_kind(), v("TZOFFSETFROM"), v("TZOFFSETTO"), v("RRULE"))
            })
            .collect();
        zones.push((other.property_value("TZID").unwrap_or_default().to_owned(), parts));
    }
    let part = |k: &str, f: &str, t: &str, r: &str| (k.to_owned(), f.to_owned(), t.to_owned(), r.to_owned());
    assert_eq!(
        zones,
        [
            (
                "America/New_York".to_owned(),
                vec![
                    part("DAYLIGHT", "-0500", "-0400", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU"),
                    part("STANDARD", "-0400", "-0500", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU"),
                ]
            ),
            (
                "Australia/Sydney".to_owned(),
                vec![
                    part("STANDARD", "+1100", "+1000", "FREQ=YEARLY;BYMONTH=4;BYDAY=1SU"),
                    part("DAYLIGHT", "+1000", "+1100", "FREQ=YEARLY;BYMONTH=10;BYDAY=1SU"),
                ]
            ),
            (
                "Europe/London".to_owned(),
                vec![
                    part("DAYLIGHT", "+0000", "+0100", "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU"),
                    part("STANDARD", "+0100", "+0000", "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU"),
                ]
            ),
        ]
    );

    // Events: zone and local start of each, its rule, the cancelled date and the override.
    let events: Vec<&icalendar::Event> = calendar.components.iter().filter_map(CalendarComponent::as_event).collect();
    let summary: Vec<ParsedEvent> = events
        .iter()
        .map(|e| {
            (
                e.property_value("UID").unwrap_or_default().to_owned(),
                zoned(e.get_start()),
                zoned(e.get_end()),
                e.property_value("RRULE").map(str::to_owned),
                e.get_recurrence_id().map(|r| zoned(Some(r))),
            )
        })
        .collect();
    let uid = |id: &str| format!("{id}@wellkept");
    let lt = |t: &str, z: &str| (t.to_owned(), z.to_owned());
    assert_eq!(
        summary,
        [
            (
                uid(&sydney.id),
                lt("2026-09-28 18:00", "Australia/Sydney"),
                lt("2026-09-28 18:50", "Australia/Sydney"),
                Some("FREQ=WEEKLY;COUNT=3".to_owned()),
                None
            ),
            (
                uid(&london.id),
                lt("2026-10-19 10:00", "Europe/London"),
                lt("2026-10-19 10:50", "Europe/London"),
                Some("FREQ=WEEKLY;COUNT=6".to_owned()),
                None
            ),
            (
                uid(&london.id),
                lt("2026-11-10 14:00", "Europe/London"),
                lt("2026-11-10 14:50", "Europe/London"),
                None,
                Some(lt("2026-11-09 10:00", "Europe/London"))
            ),
            (
                uid(&ny.id),
                lt("2026-10-26 09:00", "America/New_York"),
                lt("2026-10-26 09:50", "America/New_York"),
                Some("FREQ=WEEKLY;COUNT=3".to_owned()),
                None
            ),
        ]
    );
    let london_event = events
        .iter()
        .find(|e| e.get_recurrence_id().is_none() && e.property_value("UID") == Some(&uid(&london.id)))
        .expect("series");
    let exdate = london_event
        .properties()
        .get("EXDATE")
        .or_else(|| london_event.multi_properties().get("EXDATE").and_then(|v| v.first()))
        .expect("EXDATE");
    assert_eq!(exdate.value(), "20261102T100000");
    assert_eq!(exdate.params().get("TZID").map(|p| p.value()), Some("Europe/London"));

    // Expanding the parsed series on its own zone's clock (chrono-tz, earlier instant for a
    // repeated hour) gives exactly the app's sessions: the calendar program and the app agree.
    for e in events.iter().filter(|e| e.get_recurrence_id().is_none()) {
        let (start, tzid) = match e.get_start() {
            Some(DatePerhapsTime::DateTime(CalendarDateTime::WithTimezone { date_time, tzid })) => (date_time, tzid),
            other => panic!("{other:?}"),
        };
        let tz: Tz = tzid.parse().expect("an IANA zone");
        let count: i32 =
            e.property_value("RRULE").and_then(|r| r.rsplit('=').next()).and_then(|c| c.parse().ok()).expect("count");
        let theirs: Vec<DateTime<Utc>> = (0..count)
            .map(|k| {
                use chrono::TimeZone;
                tz.from_local_datetime(&(start + TimeDelta::weeks(k.into())))
                    .earliest()
                    .expect("exists")
                    .with_timezone(&Utc)
            })
            .collect();
        let id = e.property_value("UID").and_then(|u| u.strip_suffix("@wellkept")).expect("uid");
        let a = appointments::get_appointment(&vault, id).await.expect("appointment");
        assert_eq!(a.occurrences_between(at("2026-01-01T00:00:00Z"), at("2027-06-01T00:00:00Z")), theirs, "{tzid}");
    }
}

#[tokio::test]
async fn cancel_with_a_reason_end_a_series_and_edit_the_future_sessions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let series = appointments::add_appointment(&vault, weekly(&ana, Europe::London, "2026-10-19T10:00", 8))
        .await
        .expect("series");
    let err = appointments::cancel_occurrence(&vault, &series.id, at("2026-10-26T10:00:00Z"), "  ")
        .await
        .expect_err("a reason is required");
    assert_eq!(err.to_string(), "Reason: say why the session is cancelled");
    appointments::cancel_occurrence(&vault, &series.id, at("2026-10-26T10:00:00Z"), "Client unwell")
        .await
        .expect("cancel");
    // From 9 November on: 11:30 on Tuesdays, by video.
    let future = AppointmentDetails {
        repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(3) },
        location: Some("https://meet.example.org/ana".into()),
        mode: appointments::SessionMode::Video,
        ..AppointmentDetails::at_local(&ana, Europe::London, local("2026-11-10T11:30"), 50)
    };
    let bad = AppointmentDetails { time_zone: Some("Mars/Olympus".into()), ..future.clone() };
    appointments::edit_series_from(&vault, &series.id, at("2026-11-09T10:00:00Z"), bad).await.expect_err("bad input");
    let unchanged = appointments::get_appointment(&vault, &series.id).await.expect("unchanged");
    assert_eq!(unchanged.repeat_count, Some(8), "bad input changes nothing");
    let new = appointments::edit_series_from(&vault, &series.id, at("2026-11-09T10:00:00Z"), future)
        .await
        .expect("edit future");
    let old = appointments::get_appointment(&vault, &series.id).await.expect("old");
    assert_eq!(
        (old.repeat_until, old.repeat_count),
        (Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 8).expect("d")), None)
    );
    let list = schedule::list_occurrences(&vault, at("2026-10-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), None)
        .await
        .expect("list");
    let seen: Vec<(String, String, Option<String>, Option<String>)> = list
        .iter()
        .map(|o| {
            (
                o.local_start.format("%a %d %b %H:%M").to_string(),
                o.status.key().to_owned(),
                o.reason.clone(),
                o.location.clone(),
            )
        })
        .collect();
    let s = |d: &str, st: &str, r: Option<&str>, l: &str| {
        (d.to_owned(), st.to_owned(), r.map(str::to_owned), Some(l.to_owned()))
    };
    assert_eq!(
        seen,
        [
            s("Mon 19 Oct 10:00", "scheduled", None, "Room 2"),
            s("Mon 26 Oct 10:00", "cancelled", Some("Client unwell"), "Room 2"),
            s("Mon 02 Nov 10:00", "scheduled", None, "Room 2"),
            s("Tue 10 Nov 11:30", "scheduled", None, "https://meet.example.org/ana"),
            s("Tue 17 Nov 11:30", "scheduled", None, "https://meet.example.org/ana"),
            s("Tue 24 Nov 11:30", "scheduled", None, "https://meet.example.org/ana"),
        ]
    );
    // End the new series after 17 November; ending a single session is refused.
    appointments::end_series(&vault, &new.id, chrono::NaiveDate::from_ymd_opt(2026, 11, 17).expect("d"))
        .await
        .expect("end");
    let left = schedule::list_occurrences(&vault, at("2026-11-09T00:00:00Z"), at("2027-01-01T00:00:00Z"), None)
        .await
        .expect("left");
    assert_eq!(left.len(), 2);
    let single = appointments::add_appointment(
        &vault,
        AppointmentDetails::at_local(&ana, Europe::London, local("2026-12-01T09:00"), 50),
    )
    .await
    .expect("single");
    let err = appointments::end_series(&vault, &single.id, chrono::NaiveDate::from_ymd_opt(2026, 12, 2).expect("d"))
        .await
        .expect_err("single");
    assert_eq!(err.to_string(), "Series: a single session has no series to end; cancel it instead");
}

/// An appointment booked in error goes to the trash whole (issue 11, deliverable 6), listed under
/// its client and its own local day: Riya's 09:00 in Sydney on Tuesday 20 October is the 19th in
/// UTC, and the trash says the 20th. Restored, every session is back.
#[tokio::test]
async fn an_appointment_goes_to_the_trash_on_its_own_day_and_comes_back_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let riya = client(&vault, "Riya Shah").await;
    let booked = appointments::add_appointment(&vault, weekly(&riya, Australia::Sydney, "2026-10-20T09:00", 3))
        .await
        .expect("booked");
    assert_eq!(sessions(&vault, "2026-10-01T00:00:00Z", "2026-11-30T00:00:00Z").await.len(), 3);

    wellkept::trash::move_to_trash(&vault, "appointment", &booked.id).await.expect("to the trash");
    assert!(sessions(&vault, "2026-10-01T00:00:00Z", "2026-11-30T00:00:00Z").await.is_empty());
    let items = wellkept::trash::list_trash(&vault).await.expect("trash");
    let item = items.iter().find(|i| i.id == booked.id).expect("listed");
    assert_eq!(
        (item.label.as_str(), item.title.as_str(), item.date.map(|d| d.to_string())),
        ("Appointment", "Appointment with Riya Shah", Some("2026-10-20".to_owned()))
    );

    wellkept::trash::restore_from_trash(&vault, "appointment", &booked.id).await.expect("restored");
    assert_eq!(sessions(&vault, "2026-10-01T00:00:00Z", "2026-11-30T00:00:00Z").await.len(), 3);
}

/// Editing a series from a session on is one durable write (issue 11): when booking the new
/// part fails inside the write (here its client is gone), the old series is not ended either,
/// so nothing the mentor had booked is lost.
#[tokio::test]
async fn a_failed_edit_from_a_session_on_leaves_the_series_whole() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let jo = client(&vault, "Jo").await;
    let series = appointments::add_appointment(&vault, weekly(&jo, Europe::London, "2026-10-19T10:00", 4))
        .await
        .expect("booked");
    let second = sessions(&vault, "2026-10-01T00:00:00Z", "2026-12-31T00:00:00Z").await[1].2;
    let to_nobody = AppointmentDetails {
        repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(3) },
        ..AppointmentDetails::at_local("no-such-client", Europe::London, local("2026-10-26T12:00"), 50)
    };
    let error = appointments::edit_series_from(&vault, &series.id, second, to_nobody).await.expect_err("refused");
    assert_eq!(error.to_string(), "That client was not found. It may have been deleted.");
    let left: Vec<String> =
        sessions(&vault, "2026-10-01T00:00:00Z", "2026-12-31T00:00:00Z").await.into_iter().map(|(_, l, _)| l).collect();
    assert_eq!(left, ["Mon 19 Oct 10:00", "Mon 26 Oct 10:00", "Mon 02 Nov 10:00", "Mon 09 Nov 10:00"]);
}
