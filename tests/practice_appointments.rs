//! Appointments against a real vault: series expanded into occurrences, per-occurrence outcomes
//! and moves, today/upcoming/reminder views, validation, ICS export, and reopen.

mod common;
mod practice_fixtures;

use chrono::{DateTime, TimeDelta, Utc};
use practice_fixtures::{client, day, reopen};
use wellkept::practice::appointments::{
    self, AppointmentDetails, OccurrenceStatus, Recurrence, RepeatRule, SessionMode, schedule,
};
use wellkept::practice::ics::{self, IcsOptions};

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

fn weekly(client_id: &str, count: u32) -> AppointmentDetails {
    AppointmentDetails {
        client_id: client_id.into(),
        starts_at: at("2026-11-02T10:00:00Z"),
        ends_at: at("2026-11-02T10:50:00Z"),
        time_zone: Some("Europe/London".into()),
        mode: SessionMode::InPerson,
        location: Some("Room 2, 14 Park Row".into()),
        repeat: RepeatRule { recurrence: Recurrence::Weekly, until: None, count: Some(count) },
        reminder_minutes: Some(60),
        notes: "Bring the sleep diary".into(),
    }
}

fn starts(v: &[schedule::Occurrence]) -> Vec<DateTime<Utc>> {
    v.iter().map(|o| o.starts_at).collect()
}

#[tokio::test]
async fn series_occurrences_outcomes_and_moves_survive_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    let series = appointments::add_appointment(&vault, weekly(&ana, 6)).await.expect("series");
    let single = AppointmentDetails {
        client_id: ben.clone(),
        starts_at: at("2026-11-23T15:00:00Z"),
        ends_at: at("2026-11-23T15:50:00Z"),
        time_zone: Some("Europe/London".into()),
        mode: SessionMode::Video,
        location: None,
        repeat: RepeatRule::default(),
        reminder_minutes: None,
        notes: String::new(),
    };
    let single = appointments::add_appointment(&vault, single).await.expect("single");
    appointments::set_occurrence_status(&vault, &series.id, at("2026-11-09T10:00:00Z"), OccurrenceStatus::Attended)
        .await
        .expect("attended");
    appointments::set_occurrence_status(&vault, &series.id, at("2026-11-16T10:00:00Z"), OccurrenceStatus::Cancelled)
        .await
        .expect("cancelled");
    let moved_to = at("2026-11-24T14:00:00Z");
    appointments::move_occurrence(
        &vault,
        &series.id,
        at("2026-11-23T10:00:00Z"),
        moved_to,
        moved_to + TimeDelta::minutes(50),
    )
    .await
    .expect("moved");
    drop(vault);

    let vault = reopen(dir.path()).await;
    assert_eq!(appointments::get_appointment(&vault, &series.id).await.expect("get"), series);
    let all = schedule::list_occurrences(&vault, at("2026-11-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), None).await;
    let all = all.expect("occurrences");
    assert_eq!(
        starts(&all),
        [
            at("2026-11-02T10:00:00Z"),
            at("2026-11-09T10:00:00Z"),
            at("2026-11-16T10:00:00Z"),
            at("2026-11-23T15:00:00Z"),
            moved_to,
            at("2026-11-30T10:00:00Z"),
            at("2026-12-07T10:00:00Z"),
        ]
    );
    let statuses: Vec<OccurrenceStatus> = all.iter().map(|o| o.status).collect();
    use OccurrenceStatus::*;
    assert_eq!(statuses, [Scheduled, Attended, Cancelled, Scheduled, Scheduled, Scheduled, Scheduled]);
    let moved = &all[4];
    assert!(moved.moved && moved.recurring);
    assert_eq!(moved.occurrence_start, at("2026-11-23T10:00:00Z"));
    assert_eq!(moved.client_name, "Ana Ruiz");
    assert_eq!(moved.reminder_at, Some(moved_to - TimeDelta::hours(1)));

    // Today's view (a UTC mentor): Ben's session; Ana's was moved off today.
    let today = schedule::appointments_on(&vault, day(2026, 11, 23), &Utc).await.expect("today");
    assert_eq!(today.iter().map(|o| o.appointment_id.as_str()).collect::<Vec<_>>(), [single.id.as_str()]);
    // Upcoming from the start of Nov 16: the cancelled session is left out.
    let upcoming = schedule::upcoming_appointments(&vault, at("2026-11-16T00:00:00Z"), 14).await.expect("upcoming");
    assert_eq!(starts(&upcoming), [at("2026-11-23T15:00:00Z"), moved_to]);
    // Reminders: 30 minutes before the moved session, its one-hour reminder is due.
    let due = schedule::due_reminders(&vault, moved_to - TimeDelta::minutes(30)).await.expect("reminders");
    assert_eq!(starts(&due), [moved_to]);
    assert!(schedule::due_reminders(&vault, moved_to - TimeDelta::minutes(61)).await.expect("none").is_empty());

    // A client in the trash drops out of the schedule.
    wellkept::practice::clients::delete_client(&vault, &ben).await.expect("delete ben");
    let today = schedule::appointments_on(&vault, day(2026, 11, 23), &Utc).await.expect("today");
    assert!(today.is_empty());
}

#[tokio::test]
async fn changing_a_series_drops_outcomes_of_occurrences_it_no_longer_has() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let series = appointments::add_appointment(&vault, weekly(&ana, 6)).await.expect("series");
    for (when, status) in
        [("2026-11-09T10:00:00Z", OccurrenceStatus::NoShow), ("2026-12-07T10:00:00Z", OccurrenceStatus::Cancelled)]
    {
        appointments::set_occurrence_status(&vault, &series.id, at(when), status).await.expect("status");
    }
    // Shorten the series to 3 sessions: the Dec 7 outcome no longer belongs to anything.
    appointments::update_appointment(&vault, &series.id, weekly(&ana, 3)).await.expect("update");
    drop(vault);
    let vault = reopen(dir.path()).await;
    let all = schedule::list_occurrences(&vault, at("2026-11-01T00:00:00Z"), at("2027-01-01T00:00:00Z"), None).await;
    let all = all.expect("occurrences");
    assert_eq!(all.len(), 3);
    assert_eq!(all[1].status, OccurrenceStatus::NoShow);
    // Restoring the longer series does not resurrect the dropped outcome.
    appointments::update_appointment(&vault, &series.id, weekly(&ana, 6)).await.expect("update");
    let all = schedule::list_occurrences(&vault, at("2026-12-07T00:00:00Z"), at("2026-12-08T00:00:00Z"), None).await;
    assert_eq!(all.expect("occurrences")[0].status, OccurrenceStatus::Scheduled);

    appointments::delete_appointment(&vault, &series.id).await.expect("delete");
    assert!(appointments::list_appointments(&vault, None).await.expect("list").is_empty());
    appointments::restore_appointment(&vault, &series.id).await.expect("restore");
    assert_eq!(appointments::list_appointments(&vault, Some(&ana)).await.expect("list").len(), 1);
}

#[tokio::test]
async fn invalid_appointments_name_the_field_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let series = appointments::add_appointment(&vault, weekly(&ana, 6)).await.expect("series");
    let seq = vault.status().await.seq;
    let field = |r: Result<(), wellkept::Error>| match r {
        Err(wellkept::Error::Invalid { field, .. }) => field,
        other => panic!("expected Invalid, got {other:?}"),
    };
    let backwards = AppointmentDetails { ends_at: at("2026-11-02T09:00:00Z"), ..weekly(&ana, 6) };
    assert_eq!(field(appointments::add_appointment(&vault, backwards).await.map(|_| ())), "End");
    let both = AppointmentDetails {
        repeat: RepeatRule { recurrence: Recurrence::Weekly, until: Some(day(2026, 12, 31)), count: Some(3) },
        ..weekly(&ana, 6)
    };
    assert_eq!(field(appointments::add_appointment(&vault, both).await.map(|_| ())), "Repeat");
    let too_many = weekly(&ana, 521);
    assert_eq!(field(appointments::add_appointment(&vault, too_many).await.map(|_| ())), "Number of sessions");
    let not_one = appointments::set_occurrence_status(
        &vault,
        &series.id,
        at("2026-11-03T10:00:00Z"),
        OccurrenceStatus::Cancelled,
    );
    assert_eq!(field(not_one.await), "Occurrence");
    let after_end = appointments::set_occurrence_status(
        &vault,
        &series.id,
        at("2026-12-14T10:00:00Z"),
        OccurrenceStatus::Cancelled,
    );
    assert_eq!(field(after_end.await), "Occurrence", "the 7th week is past a 6-session series");
    let far = at("2027-01-20T10:00:00Z");
    let too_far =
        appointments::move_occurrence(&vault, &series.id, at("2026-11-09T10:00:00Z"), far, far + TimeDelta::hours(1));
    assert_eq!(field(too_far.await), "Start");
    let back = appointments::move_occurrence(&vault, &series.id, at("2026-11-09T10:00:00Z"), far, far);
    assert_eq!(field(back.await), "End");
    let nobody = appointments::add_appointment(&vault, weekly("nobody", 2)).await.expect_err("no client");
    assert_eq!(nobody.kind(), "not_found");
    let window = schedule::list_occurrences(&vault, at("2026-11-02T00:00:00Z"), at("2026-11-01T00:00:00Z"), None).await;
    assert_eq!(window.expect_err("backwards window").kind(), "invalid");
    let century = schedule::list_occurrences(&vault, at("2026-01-01T00:00:00Z"), at("2126-01-01T00:00:00Z"), None);
    assert_eq!(century.await.expect_err("window too long").kind(), "invalid");
    assert_eq!(vault.status().await.seq, seq, "nothing was written");
}

#[tokio::test]
async fn ics_export_hides_names_unless_asked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let series = appointments::add_appointment(&vault, weekly(&ana, 6)).await.expect("series");
    appointments::set_occurrence_status(&vault, &series.id, at("2026-11-16T10:00:00Z"), OccurrenceStatus::Cancelled)
        .await
        .expect("cancel");
    drop(vault);
    let vault = reopen(dir.path()).await;

    let private = ics::export_ics(&vault, &IcsOptions::default()).await.expect("export");
    assert!(private.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
    assert!(private.ends_with("END:VCALENDAR\r\n"));
    assert!(private.contains(&format!("UID:{}@wellkept\r\n", series.id)));
    // The series is kept in Europe/London: its times carry the zone (GMT in November).
    assert!(
        private.contains("DTSTART;TZID=Europe/London:20261102T100000\r\nDTEND;TZID=Europe/London:20261102T105000\r\n")
    );
    assert!(private.contains("RRULE:FREQ=WEEKLY;COUNT=6\r\n"));
    assert!(private.contains("EXDATE;TZID=Europe/London:20261116T100000\r\n"));
    assert!(private.contains("SUMMARY:Session (in person)\r\n"));
    assert!(private.contains("TRIGGER:-PT60M\r\n"));
    for secret in ["Ana", "Ruiz", "Park Row", "sleep diary"] {
        assert!(!private.contains(secret), "{secret} must not be in a private export");
    }
    let named = ics::export_ics(&vault, &IcsOptions { include_names: true, client_id: None }).await.expect("export");
    assert!(named.contains("SUMMARY:Session with Ana Ruiz (in person)\r\n"));
    assert!(named.contains("LOCATION:Room 2\\, 14 Park Row\r\n"));
    assert!(!named.contains("sleep diary"), "private notes are never exported");
    let other = IcsOptions { include_names: true, client_id: Some("someone-else".into()) };
    assert!(!ics::export_ics(&vault, &other).await.expect("export").contains("BEGIN:VEVENT"));
}
