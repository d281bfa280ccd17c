//! Journal entries against a real vault folder: write, reopen, list by date and tag, page,
//! trash and restore, import dedupe, and validation that writes nothing.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::journal::entries::{self, EntryFilter, JournalEntryUpdate, NewJournalEntry};
use wellkept::journal::prompts;
use wellkept::vault::{Unlock, Vault};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn entry(date: NaiveDate, title: &str, tags: &[&str]) -> NewJournalEntry {
    NewJournalEntry {
        entry_date: Some(date),
        title: title.to_owned(),
        body: format!("Body of {title}"),
        tags: tags.iter().map(|t| (*t).to_owned()).collect(),
        ..Default::default()
    }
}

async fn reopen(dir: &std::path::Path) -> Vault {
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen vault")
}

#[tokio::test]
async fn entries_survive_reopen_with_tags_mood_and_prompt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let prompt = prompts::prompt_of_the_day(day(2026, 11, 20));
    let saved = entries::add_entry(
        &vault,
        NewJournalEntry {
            entry_date: Some(day(2026, 11, 20)),
            title: "A quieter evening".into(),
            body: "Walked by the canal.\nFelt lighter afterwards.".into(),
            prompt: Some(prompt.text.into()),
            mood: Some(7),
            tags: vec!["walks".into(), "Evening".into(), "walks".into()],
            ..Default::default()
        },
    )
    .await
    .expect("add entry");
    assert_eq!(saved.tags, vec!["Evening".to_owned(), "walks".to_owned()]);
    drop(vault);

    let vault = reopen(dir.path()).await;
    let got = entries::get_entry(&vault, &saved.id).await.expect("entry after reopen");
    assert_eq!(got, saved);
    assert_eq!(got.prompt.as_deref(), Some(prompt.text));
    assert_eq!(got.mood, Some(7));

    let updated = entries::update_entry(
        &vault,
        &saved.id,
        JournalEntryUpdate {
            entry_date: Some(day(2026, 11, 21)),
            title: "A quieter evening, revisited".into(),
            body: "Still lighter.".into(),
            prompt: None,
            mood: Some(8),
            tags: vec!["calm".into()],
            base: None,
        },
    )
    .await
    .expect("update");
    assert_eq!(updated.tags, vec!["calm".to_owned()]);
    assert!(updated.updated_at >= saved.updated_at);
    drop(vault);

    let vault = reopen(dir.path()).await;
    let got = entries::get_entry(&vault, &saved.id).await.expect("updated entry after reopen");
    assert_eq!((got.entry_date, got.mood, got.prompt), (day(2026, 11, 21), Some(8), None));
    assert_eq!(got.body, "Still lighter.");
}

#[tokio::test]
async fn lists_filter_by_date_range_and_tag_newest_first_in_pages() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    for d in 1..=20 {
        let tags: &[&str] = if d % 5 == 0 { &["work"] } else { &[] };
        entries::add_entry(&vault, entry(day(2026, 10, d), &format!("Day {d}"), tags)).await.expect("add");
    }
    drop(vault);
    let vault = reopen(dir.path()).await;

    let page1 = entries::list_entries(&vault, EntryFilter { limit: 8, ..Default::default() }).await.expect("page 1");
    let dates: Vec<u32> = page1.items.iter().map(|e| chrono::Datelike::day(&e.entry_date)).collect();
    assert_eq!(dates, (13..=20).rev().collect::<Vec<_>>());
    assert!(page1.has_more);
    let page3 =
        entries::list_entries(&vault, EntryFilter { limit: 8, offset: 16, ..Default::default() }).await.expect("p3");
    assert_eq!(page3.items.len(), 4);
    assert!(!page3.has_more);

    let range = EntryFilter { from: Some(day(2026, 10, 5)), to: Some(day(2026, 10, 7)), ..Default::default() };
    let titles: Vec<String> =
        entries::list_entries(&vault, range).await.expect("range").items.into_iter().map(|e| e.title).collect();
    assert_eq!(titles, vec!["Day 7", "Day 6", "Day 5"]);

    let tagged = EntryFilter { tag: Some("WORK".into()), ..Default::default() };
    let titles: Vec<String> =
        entries::list_entries(&vault, tagged).await.expect("tag").items.into_iter().map(|e| e.title).collect();
    assert_eq!(titles, vec!["Day 20", "Day 15", "Day 10", "Day 5"]);

    entries::add_entry(&vault, entry(day(2026, 10, 21), "Day 21", &["Work", "sleep"])).await.expect("add");
    let tags = entries::list_entry_tags(&vault).await.expect("tags");
    let counted: Vec<(String, i64)> = tags.into_iter().map(|t| (t.tag.to_lowercase(), t.count)).collect();
    assert_eq!(counted, vec![("work".to_owned(), 5), ("sleep".to_owned(), 1)], "tags are counted without case");
    let day_20 =
        entries::list_entries(&vault, EntryFilter { limit: 1, offset: 1, ..Default::default() }).await.expect("list");
    assert_eq!(day_20.items[0].title, "Day 20");
    entries::delete_entry(&vault, &day_20.items[0].id).await.expect("delete");
    let tags = entries::list_entry_tags(&vault).await.expect("tags");
    assert_eq!(tags[0].count, 4, "entries in the trash are not counted");
}

#[tokio::test]
async fn deleted_entries_leave_lists_and_come_back_on_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let kept = entries::add_entry(&vault, entry(day(2026, 11, 1), "Kept", &[])).await.expect("add");
    let binned = entries::add_entry(&vault, entry(day(2026, 11, 2), "Binned", &[])).await.expect("add");
    entries::delete_entry(&vault, &binned.id).await.expect("delete");
    assert!(matches!(entries::delete_entry(&vault, &binned.id).await, Err(Error::NotFound { .. })));
    drop(vault);

    let vault = reopen(dir.path()).await;
    let listed = entries::list_entries(&vault, EntryFilter::default()).await.expect("list");
    assert_eq!(listed.items.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), vec![kept.id.as_str()]);
    assert!(entries::get_entry(&vault, &binned.id).await.expect("still in trash").deleted_at.is_some());
    let edit = JournalEntryUpdate { entry_date: Some(day(2026, 11, 2)), title: "x".into(), ..Default::default() };
    // Refused as in the trash (it read "not found. It may have been deleted." before).
    assert!(matches!(entries::update_entry(&vault, &binned.id, edit).await, Err(Error::ReadOnly { .. })));

    entries::restore_entry(&vault, &binned.id).await.expect("restore");
    drop(vault);
    let vault = reopen(dir.path()).await;
    assert_eq!(entries::list_entries(&vault, EntryFilter::default()).await.expect("list").items.len(), 2);
    assert!(entries::get_entry(&vault, &binned.id).await.expect("restored").deleted_at.is_none());
}

#[tokio::test]
async fn importing_the_same_entry_twice_adds_it_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let imported = NewJournalEntry {
        origin: Some("Day One".into()),
        source: Some("dayone".into()),
        source_id: Some("UUID-1234".into()),
        ..entry(day(2025, 3, 4), "From Day One", &["imported"])
    };
    let first = entries::import_entry(&vault, imported.clone()).await.expect("import").expect("new entry");
    assert_eq!(first.origin.as_deref(), Some("Day One"));
    assert!(entries::import_entry(&vault, imported.clone()).await.expect("second import").is_none());
    let err = entries::add_entry(&vault, imported).await.expect_err("duplicate add is refused");
    assert!(matches!(err, Error::Invalid { ref field, .. } if field == "source"), "{err}");
    drop(vault);
    let vault = reopen(dir.path()).await;
    assert_eq!(common::count_entries(&vault).await, 1);
}

#[tokio::test]
async fn invalid_entries_name_the_field_and_write_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let seq_before = vault.status().await.seq;
    let cases = [
        (NewJournalEntry { entry_date: None, ..entry(day(2026, 1, 1), "t", &[]) }, "date"),
        (NewJournalEntry { mood: Some(11), ..entry(day(2026, 1, 1), "t", &[]) }, "mood"),
        (NewJournalEntry { mood: Some(0), ..entry(day(2026, 1, 1), "t", &[]) }, "mood"),
        (NewJournalEntry { title: String::new(), body: " ".into(), ..entry(day(2026, 1, 1), "t", &[]) }, "text"),
        (NewJournalEntry { tags: vec!["x".repeat(100)], ..entry(day(2026, 1, 1), "t", &[]) }, "tags"),
        (NewJournalEntry { source: Some("jrnl".into()), ..entry(day(2026, 1, 1), "t", &[]) }, "source"),
    ];
    for (input, field) in cases {
        match entries::add_entry(&vault, input).await {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected Invalid({field}), got {other:?}"),
        }
    }
    assert_eq!(common::count_entries(&vault).await, 0);
    assert_eq!(vault.status().await.seq, seq_before, "nothing reached the journal");
}

/// Regression (issue 8, "the journal saves a prompt's id where the core stores its text"): the
/// window sent "gratitude-3"; exports printed "Prompt: gratitude-3", and an edit of an old entry
/// re-stamped it with the day's prompt. The entry now holds the prompt's words, an edit that
/// sends them back keeps them, and the export prints them.
#[tokio::test]
async fn prompt_sent_as_an_id_is_kept_and_exported_as_its_words() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    let words = "What is something your body let you do today that you are glad of?";
    let saved = entries::add_entry(
        &vault,
        NewJournalEntry {
            entry_date: Some(day(2026, 11, 2)),
            title: "Swimming".into(),
            body: "Twenty lengths.".into(),
            prompt: Some("gratitude-3".into()),
            ..Default::default()
        },
    )
    .await
    .expect("add");
    assert_eq!(saved.prompt.as_deref(), Some(words));
    let edited = entries::update_entry(
        &vault,
        &saved.id,
        JournalEntryUpdate {
            entry_date: Some(day(2026, 11, 2)),
            title: "Swimming".into(),
            body: "Twenty lengths, then the sauna.".into(),
            prompt: saved.prompt.clone(),
            mood: None,
            tags: vec![],
            base: None,
        },
    )
    .await
    .expect("edit");
    assert_eq!(edited.prompt.as_deref(), Some(words), "an edit keeps the entry's own prompt");
    let out = dir.path().join("journal.md");
    let _ = wellkept::export::export_journal(
        &vault,
        day(2026, 11, 1),
        day(2026, 11, 30),
        wellkept::export::Format::Markdown,
        &out,
    )
    .await
    .expect("export");
    let md = std::fs::read_to_string(&out).expect("read export");
    assert!(md.contains(words), "the export prints the prompt's words:\n{md}");
    assert!(!md.contains("gratitude-3"), "no prompt id in the export:\n{md}");
}

/// Since 2026-12-02 b a save returns the entry as it wrote it instead of reading it back (one
/// round trip less on every save): what it returns must be exactly what a read returns — the
/// timestamps cut to the millisecond as stored, tags in the order SQLite's `NOCASE` sorts them
/// (ASCII letters folded, anything else by bytes), every optional field, imports too — before
/// and after a reopen.
#[tokio::test]
async fn a_saved_entry_is_returned_exactly_as_it_reads_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let tagged = NewJournalEntry {
        entry_date: Some(day(2026, 11, 30)),
        title: "  Évening, by the canal  ".into(),
        body: "Line one\u{1}\n\tLine two — with ünïcode and trailing spaces   ".into(),
        prompt: Some("gratitude-3".into()),
        mood: Some(7),
        tags: ["zeta", "Beta", "alpha", "_under", "[bracket", "éclair", "Zürich", "émile", "BETA", " "]
            .iter()
            .map(|t| (*t).to_owned())
            .collect(),
        ..Default::default()
    };
    let plain = NewJournalEntry { entry_date: Some(day(2026, 1, 2)), body: "only words".into(), ..Default::default() };
    let imported = NewJournalEntry {
        entry_date: Some(day(2025, 6, 1)),
        title: "From elsewhere".into(),
        origin: Some(" Day One ".into()),
        source: Some("dayone".into()),
        source_id: Some("ABC-1".into()),
        tags: vec!["Travel".into()],
        ..Default::default()
    };
    let mut returned = vec![
        entries::add_entry(&vault, tagged).await.expect("tagged save"),
        entries::add_entry(&vault, plain).await.expect("plain save"),
        entries::import_entry(&vault, imported).await.expect("import").expect("a new entry"),
    ];
    for _ in 0..20 {
        // Timestamps at whatever sub-millisecond the clock gives.
        returned.push(entries::add_entry(&vault, entry(day(2026, 11, 1), "Again", &["b", "A"])).await.expect("save"));
    }
    assert_eq!(
        returned[0].tags,
        ["[bracket", "_under", "alpha", "Beta", "zeta", "Zürich", "éclair", "émile"].map(String::from).to_vec(),
        "NOCASE order: '[' and '_' sort before letters, ASCII case folded, é (bytes C3 A9) after z"
    );
    assert!(returned.iter().all(|e| e.created_at.timestamp_subsec_nanos() % 1_000_000 == 0));
    for saved in &returned {
        assert_eq!(saved, &entries::get_entry(&vault, &saved.id).await.expect("read back"));
    }
    drop(vault);
    let vault = reopen(dir.path()).await;
    for saved in &returned {
        assert_eq!(saved, &entries::get_entry(&vault, &saved.id).await.expect("read back after reopen"));
    }
}
