//! Which days a journal entry, a thought record, a gratitude entry and a self-assessment may
//! carry (decision 79),
//! on a London computer at 12:00 UTC on Thursday 22 October 2026 — already 01:00 on Friday 23
//! October in Auckland (UTC+13), the earliest zone with people in it at that moment being +14.
//!
//! - A day a person gives here is not after today here: 23 October is refused, with today named.
//! - An imported entry keeps the day it was written on: one written this morning in Auckland is
//!   dated 23 October, and is taken.
//! - An entry another computer ahead of this one dated its own today is edited here without its
//!   day being refused; changing its day to one after today here is refused.
//! - A day that has begun nowhere (24 October) is refused everywhere, imports included.

mod common;

use chrono::NaiveDate;
use wellkept::clinical::{self, Instrument, NewMeasure};
use wellkept::error::Error;
use wellkept::journal::entries::{self, JournalEntryUpdate, NewJournalEntry};
use wellkept::journal::gratitude::{self, GratitudeItem, NewGratitudeEntry};
use wellkept::journal::thought_records::{self, AutomaticThought, NewThoughtRecord, RatedMood};

fn day(d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 10, d)
}

fn message(result: Result<impl std::fmt::Debug, Error>) -> String {
    result.expect_err("refused").to_string()
}

fn thought(d: u32) -> NewThoughtRecord {
    NewThoughtRecord {
        record_date: day(d),
        situation: "The team meeting".into(),
        moods: vec![RatedMood { name: "anxious".into(), intensity: 70, rerated: None }],
        automatic_thoughts: vec![AutomaticThought { text: "They noticed".into(), belief: Some(80), hot: true }],
        ..Default::default()
    }
}

#[tokio::test]
async fn a_chosen_day_is_not_after_today_here_and_a_kept_day_may_be_ahead() {
    // SAFETY: the only test in this binary; set before anything reads the clock or the zone.
    unsafe {
        std::env::set_var(wellkept::clock::TEST_CLOCK_VAR, "2026-10-22T12:00:00Z");
        std::env::set_var("TZ", "Europe/London");
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let future = "date: 2026-10-23 is in the future (today is 2026-10-22)";

    // Typed here: tomorrow is refused, today is taken.
    let typed = |d| NewJournalEntry { entry_date: day(d), title: "Walk".into(), ..Default::default() };
    assert_eq!(message(entries::add_entry(&vault, typed(23)).await), future);
    entries::add_entry(&vault, typed(22)).await.expect("today");

    // Imported: written this morning in Auckland, on its own day there.
    let auckland = NewJournalEntry {
        entry_date: day(23),
        title: "Harbour at dawn".into(),
        source: Some("dayone".into()),
        source_id: Some("A1".into()),
        ..Default::default()
    };
    let kept = entries::import_entry(&vault, auckland.clone()).await.expect("import").expect("new");
    assert_eq!(kept.entry_date, day(23).expect("day"));

    // Its words edited here keep its day; moving it to another day after today is refused.
    let edit = |d, body: &str| JournalEntryUpdate {
        entry_date: day(d),
        title: "Harbour at dawn".into(),
        body: body.into(),
        ..Default::default()
    };
    let edited = entries::update_entry(&vault, &kept.id, edit(23, "Ferries already out.")).await.expect("edit");
    assert_eq!((edited.entry_date, edited.body.as_str()), (day(23).expect("day"), "Ferries already out."));
    assert_eq!(
        message(entries::update_entry(&vault, &kept.id, edit(24, "x")).await),
        "date: 2026-10-24 is in the future (today is 2026-10-22)"
    );
    let today_id = entries::list_entries(&vault, Default::default())
        .await
        .expect("list")
        .items
        .into_iter()
        .find(|e| e.title == "Walk")
        .expect("the walk")
        .id;
    assert_eq!(
        message(
            entries::update_entry(
                &vault,
                &today_id,
                JournalEntryUpdate { entry_date: day(23), title: "Walk".into(), ..Default::default() }
            )
            .await
        ),
        future
    );

    // A day begun nowhere yet is refused even from an import.
    let nowhere = NewJournalEntry { entry_date: day(24), source_id: Some("A2".into()), ..auckland };
    assert_eq!(
        message(entries::import_entry(&vault, nowhere).await),
        "date: 2026-10-24 is in the future (today is 2026-10-22)"
    );

    // Thought records and gratitude entries follow the same rule.
    assert_eq!(message(thought_records::add_thought_record(&vault, thought(23)).await), future);
    let record = thought_records::add_thought_record(&vault, thought(22)).await.expect("today");
    assert_eq!(message(thought_records::update_thought_record(&vault, &record.id, thought(23), None).await), future);
    let good = |d| NewGratitudeEntry {
        entry_date: day(d),
        items: vec![GratitudeItem { thing: "Soup".into(), why: "Warm".into() }],
    };
    assert_eq!(message(gratitude::add_gratitude_entry(&vault, good(23)).await), future);
    let entry = gratitude::add_gratitude_entry(&vault, good(22)).await.expect("today");
    assert_eq!(message(gratitude::update_gratitude_entry(&vault, &entry.id, good(23)).await), future);
    gratitude::update_gratitude_entry(&vault, &entry.id, good(21)).await.expect("an earlier day");

    // A self-assessment given here (it allowed the UTC day plus one before).
    let who5 = |d| NewMeasure {
        client_id: None,
        instrument: Instrument::Who5,
        administered_on: day(d).expect("day"),
        answers: vec![Some(3); 5],
        functional_difficulty: None,
        notes: String::new(),
    };
    assert_eq!(message(clinical::record_measure(&vault, who5(23)).await), future);
    clinical::record_measure(&vault, who5(22)).await.expect("today");
}
