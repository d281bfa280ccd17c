//! Mood check-ins against a real vault: save with emotions, reopen, chart series per day,
//! trash and restore, and validation that writes nothing.

mod common;

use chrono::{DateTime, NaiveDate};
use wellkept::Error;
use wellkept::journal::mood::{self, MoodFilter, NewMoodCheckIn};
use wellkept::vault::{Unlock, Vault};

fn at(s: &str) -> Option<DateTime<chrono::FixedOffset>> {
    Some(DateTime::parse_from_rfc3339(s).expect("valid test time"))
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid test date")
}

fn checkin(time: &str, mood: i64, energy: Option<i64>) -> NewMoodCheckIn {
    NewMoodCheckIn { at: at(time), mood: Some(mood), energy, ..Default::default() }
}

#[tokio::test]
async fn checkins_survive_reopen_and_chart_per_local_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let first = mood::add_mood_checkin(
        &vault,
        NewMoodCheckIn {
            at: at("2026-11-01T08:00:00+01:00"),
            mood: Some(3),
            emotions: vec!["Anxious".into(), "lonely".into(), "out of sorts".into()],
            energy: Some(2),
            sleep_hours: Some(5.5),
            note: "Bad night; the flat felt empty.".into(),
        },
    )
    .await
    .expect("add");
    mood::add_mood_checkin(&vault, checkin("2026-11-01T20:00:00+01:00", 6, Some(4))).await.expect("add");
    // 23:30 in New York on 1 November is 2 November in UTC: it must count for 1 November.
    mood::add_mood_checkin(&vault, checkin("2026-11-01T23:30:00-05:00", 9, None)).await.expect("add");
    mood::add_mood_checkin(&vault, checkin("2026-11-03T12:00:00+00:00", 7, None)).await.expect("add");
    let binned = mood::add_mood_checkin(&vault, checkin("2026-11-03T13:00:00+00:00", 1, None)).await.expect("add");
    mood::delete_mood_checkin(&vault, &binned.id).await.expect("delete");
    drop(vault);

    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let got = mood::get_mood_checkin(&vault, &first.id).await.expect("get");
    assert_eq!(got, first);
    assert_eq!(got.emotions, vec!["anxious", "lonely", "out of sorts"]);
    assert_eq!(got.sleep_hours, Some(5.5));

    let series = mood::mood_series(&vault, day("2026-10-31"), day("2026-11-30")).await.expect("series");
    assert_eq!(series.len(), 2, "two days with check-ins: {series:?}");
    assert_eq!(series[0].day, day("2026-11-01"));
    assert_eq!(series[0].count, 3);
    assert!((series[0].average - 6.0).abs() < 1e-9);
    assert_eq!((series[0].low, series[0].high), (3, 9));
    assert_eq!(series[0].average_energy, Some(3.0));
    assert_eq!(series[1].day, day("2026-11-03"));
    assert_eq!((series[1].count, series[1].average_energy), (1, None), "the deleted check-in is left out");

    let page = mood::list_mood_checkins(&vault, MoodFilter { limit: 2, ..Default::default() }).await.expect("list");
    assert_eq!(page.items.iter().map(|c| c.mood).collect::<Vec<_>>(), vec![7, 9]);
    assert!(page.has_more);

    mood::restore_mood_checkin(&vault, &binned.id).await.expect("restore");
    let series = mood::mood_series(&vault, day("2026-11-03"), day("2026-11-03")).await.expect("series");
    assert_eq!(series[0].count, 2);
    assert!(matches!(
        mood::mood_series(&vault, day("2026-11-03"), day("2026-11-01")).await,
        Err(Error::Invalid { .. })
    ));
}

#[tokio::test]
async fn updates_replace_the_checkin_and_bad_input_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let saved = mood::add_mood_checkin(&vault, checkin("2026-11-02T09:00:00+00:00", 5, None)).await.expect("add");
    let seq = vault.status().await.seq;
    for (input, field) in [
        (checkin("2026-11-02T09:00:00+00:00", 0, None), "mood"),
        (checkin("2026-11-02T09:00:00+00:00", 5, Some(11)), "energy"),
        (NewMoodCheckIn { sleep_hours: Some(-1.0), ..checkin("2026-11-02T09:00:00+00:00", 5, None) }, "sleep"),
        (checkin("2999-01-01T09:00:00+00:00", 5, None), "time"),
    ] {
        match mood::update_mood_checkin(&vault, &saved.id, input).await {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected Invalid({field}), got {other:?}"),
        }
    }
    assert_eq!(vault.status().await.seq, seq, "nothing was written");

    let update = NewMoodCheckIn {
        emotions: vec!["hopeful".into()],
        note: "Better".into(),
        ..checkin("2026-11-02T10:00:00+00:00", 8, Some(7))
    };
    mood::update_mood_checkin(&vault, &saved.id, update).await.expect("update");
    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let got = mood::get_mood_checkin(&vault, &saved.id).await.expect("get");
    assert_eq!((got.mood, got.energy, got.note.as_str()), (8, Some(7), "Better"));
    assert_eq!(got.emotions, vec!["hopeful"]);
}
