//! The trash against a real vault: every kind lists, restores and purges; purging by age keeps
//! recent records and records others still need; purged text is gone from the database image.

mod common;

use chrono::{DateTime, NaiveDate};
use wellkept::journal::{activation, coping, entries, gratitude, mood, thought_records};
use wellkept::practice::{clients, notes};
use wellkept::search::{self, SearchQuery};
use wellkept::trash;
use wellkept::vault::{Unlock, Vault};
use wellkept::{Error, params};

fn day() -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(2026, 11, 1)
}

fn at() -> Option<DateTime<chrono::FixedOffset>> {
    Some(DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").expect("valid time"))
}

/// Deletion times are stored to the millisecond: a short pause keeps their order unambiguous.
async fn tick() {
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;
}

async fn reopen(dir: &std::path::Path) -> Vault {
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen")
}

/// The whole in-memory database as SQLite would write it: what the next snapshot encrypts.
async fn database_image(vault: &Vault) -> Vec<u8> {
    vault.read(|conn| Box::pin(async move { Ok(conn.serialize(None).await?.to_vec()) })).await.expect("serialize")
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle.as_bytes())
}

async fn tag_count(vault: &Vault, id: &str) -> i64 {
    vault.fetch_one::<(i64,)>("SELECT count(*) FROM tags WHERE item_id = ?", params![id]).await.expect("count tags").0
}

async fn add_draft_note(vault: &Vault, client_id: &str, text: &str) -> notes::SessionNote {
    let draft = notes::NoteDraft {
        session_date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid date"),
        duration_minutes: 50,
        mode: Default::default(),
        template: Default::default(),
        sections: vec![wellkept::practice::templates::NoteSection { key: "note".into(), text: text.into() }],
        goal_ids: vec![],
    };
    notes::add_note(vault, notes::NewSessionNote { client_id: client_id.to_owned(), draft }).await.expect("add note")
}

#[tokio::test]
async fn every_kind_lists_restores_and_purges_across_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let entry = entries::add_entry(
        &vault,
        entries::NewJournalEntry {
            entry_date: day(),
            title: "Binned thoughts".into(),
            tags: vec!["private".into()],
            ..Default::default()
        },
    )
    .await
    .expect("entry");
    let check_in =
        mood::add_mood_checkin(&vault, mood::NewMoodCheckIn { at: at(), mood: Some(4), ..Default::default() })
            .await
            .expect("mood");
    let record = thought_records::add_thought_record(
        &vault,
        thought_records::NewThoughtRecord { record_date: day(), situation: "Late bus".into(), ..Default::default() },
    )
    .await
    .expect("record");
    let activity = activation::add_activation(
        &vault,
        activation::NewActivation {
            activity: "Swim".into(),
            at: at(),
            status: activation::ActivationStatus::Done,
            mastery: None,
            pleasure: None,
            note: String::new(),
        },
    )
    .await
    .expect("activity");
    let thanks = gratitude::add_gratitude_entry(
        &vault,
        gratitude::NewGratitudeEntry {
            entry_date: day(),
            items: vec![gratitude::GratitudeItem { thing: "Sun".into(), why: String::new() }],
        },
    )
    .await
    .expect("gratitude");
    let strategy = coping::add_suggested_strategy(&vault, "walk").await.expect("coping");
    let client = clients::add_client(
        &vault,
        clients::NewClient { name: "Ada Lee".into(), tags: vec!["new".into()], ..Default::default() },
    )
    .await
    .expect("client");

    entries::delete_entry(&vault, &entry.id).await.expect("delete");
    tick().await;
    mood::delete_mood_checkin(&vault, &check_in.id).await.expect("delete");
    tick().await;
    thought_records::delete_thought_record(&vault, &record.id).await.expect("delete");
    tick().await;
    activation::delete_activation(&vault, &activity.id).await.expect("delete");
    tick().await;
    gratitude::delete_gratitude_entry(&vault, &thanks.id).await.expect("delete");
    tick().await;
    coping::delete_coping_strategy(&vault, &strategy.id).await.expect("delete");
    tick().await;
    clients::delete_client(&vault, &client.id).await.expect("delete");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let items = trash::list_trash(&vault).await.expect("list");
    let kinds: Vec<&str> = items.iter().map(|i| i.kind.as_str()).collect();
    assert_eq!(
        kinds,
        vec!["client", "coping_strategy", "gratitude", "activation", "thought_record", "mood_checkin", "journal_entry"],
        "most recently deleted first"
    );
    let titles: Vec<&str> = items.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, vec!["Ada Lee", "A short walk", "Sun", "Swim", "Late bus", "Mood 4/10", "Binned thoughts"]);
    assert_eq!(items.last().map(|i| i.date), Some(day()));

    trash::restore_from_trash(&vault, "mood_checkin", &check_in.id).await.expect("restore");
    assert_eq!(mood::list_mood_checkins(&vault, Default::default()).await.expect("list").items.len(), 1);
    assert!(matches!(
        trash::restore_from_trash(&vault, "mood_checkin", &check_in.id).await,
        Err(Error::NotFound { .. })
    ));

    assert_eq!(tag_count(&vault, &entry.id).await, 1);
    let report = trash::purge_from_trash(&vault, "journal_entry", &entry.id).await.expect("purge");
    assert_eq!((report.purged, report.compacted), (1, true));
    assert_eq!(tag_count(&vault, &entry.id).await, 0, "tags go with the entry");
    let report = trash::purge_from_trash(&vault, "client", &client.id).await.expect("purge client without records");
    assert_eq!(report.purged, 1);
    assert_eq!(tag_count(&vault, &client.id).await, 0);
    assert!(matches!(trash::purge_from_trash(&vault, "journal_entry", &entry.id).await, Err(Error::NotFound { .. })));
    assert!(
        matches!(trash::purge_from_trash(&vault, "mood_checkin", &check_in.id).await, Err(Error::NotFound { .. })),
        "live records are not purged"
    );
    assert!(matches!(trash::purge_from_trash(&vault, "spaceship", "x").await, Err(Error::Invalid { .. })));
    drop(vault);

    let vault = reopen(dir.path()).await;
    assert!(matches!(entries::get_entry(&vault, &entry.id).await, Err(Error::NotFound { .. })));
    assert!(mood::get_mood_checkin(&vault, &check_in.id).await.expect("restored").deleted_at.is_none());
    assert_eq!(trash::list_trash(&vault).await.expect("list").len(), 4);
    let report = trash::empty_trash(&vault).await.expect("empty");
    assert_eq!((report.purged, report.kept), (4, 0));
    assert!(trash::list_trash(&vault).await.expect("list").is_empty());
}

#[tokio::test]
async fn purging_by_age_keeps_recent_items_and_records_others_need() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let old = entries::add_entry(
        &vault,
        entries::NewJournalEntry { entry_date: day(), title: "Old".into(), ..Default::default() },
    )
    .await
    .expect("add");
    let recent = entries::add_entry(
        &vault,
        entries::NewJournalEntry { entry_date: day(), title: "Recent".into(), ..Default::default() },
    )
    .await
    .expect("add");
    let client = clients::add_client(&vault, clients::NewClient { name: "Sam Rivera".into(), ..Default::default() })
        .await
        .expect("client");
    let live_note = add_draft_note(&vault, &client.id, "First session").await;
    let binned_note = add_draft_note(&vault, &client.id, "Duplicate draft").await;
    notes::delete_note(&vault, &binned_note.id).await.expect("delete note");
    entries::delete_entry(&vault, &old.id).await.expect("delete");
    entries::delete_entry(&vault, &recent.id).await.expect("delete");
    clients::delete_client(&vault, &client.id).await.expect("delete client");
    // Back-date three of the deletions by 40 days (the API always stamps "now"). These statements
    // are the test's, not the program's, so replay must be told they are allowed.
    const BACKDATE: [&str; 3] = [
        "UPDATE journal_entries SET deleted_at = ? WHERE id = ?",
        "UPDATE session_notes SET deleted_at = ? WHERE id = ?",
        "UPDATE clients SET deleted_at = ? WHERE id = ?",
    ];
    wellkept::vault::allow_statements_for_tests(&BACKDATE);
    let long_ago = wellkept::vault::format_time(wellkept::vault::now() - chrono::Duration::days(40));
    let ids = [old.id.clone(), binned_note.id.clone(), client.id.clone()];
    vault
        .write(move |w| {
            Box::pin(async move {
                for (sql, id) in BACKDATE.into_iter().zip(&ids) {
                    w.exec(sql, params![long_ago.as_str(), id.as_str()]).await?;
                }
                Ok(())
            })
        })
        .await
        .expect("back-date");

    let report = trash::purge_trash_older_than(&vault, 30).await.expect("purge");
    assert_eq!(report.purged, 2, "the old entry and the old draft note (with its revisions)");
    assert_eq!(report.kept, 1, "the client still has a session note");
    let revisions = vault
        .fetch_one::<(i64,)>("SELECT count(*) FROM note_revisions WHERE note_id = ?", params![binned_note.id.as_str()])
        .await
        .expect("count")
        .0;
    assert_eq!(revisions, 0, "a purged note's drafts go with it");
    let err = trash::purge_from_trash(&vault, "client", &client.id).await.expect_err("client still needed");
    assert!(matches!(err, Error::ReadOnly { .. }), "{err}");
    assert!(err.to_string().contains("still has records"), "{err}");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let left: Vec<String> = trash::list_trash(&vault).await.expect("list").into_iter().map(|i| i.id).collect();
    assert_eq!(left, vec![recent.id.clone(), client.id.clone()], "most recently deleted first");
    assert!(notes::get_note(&vault, &live_note.id).await.is_ok());
}

#[tokio::test]
async fn purged_text_is_gone_from_the_database_image_and_the_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let secret = "quixotrellis";
    let entry = entries::add_entry(
        &vault,
        entries::NewJournalEntry {
            entry_date: day(),
            title: format!("About {secret}"),
            body: format!("The {secret} happened twice."),
            ..Default::default()
        },
    )
    .await
    .expect("add");
    let check_in = mood::add_mood_checkin(
        &vault,
        mood::NewMoodCheckIn { at: at(), mood: Some(3), note: format!("{secret} again"), ..Default::default() },
    )
    .await
    .expect("mood");
    for i in 0..50 {
        entries::add_entry(
            &vault,
            entries::NewJournalEntry {
                entry_date: day(),
                title: format!("Ordinary day {i}"),
                body: "Tea and a walk.".into(),
                ..Default::default()
            },
        )
        .await
        .expect("add");
    }
    // A compaction now puts the text into a generation that would stay behind as a backup.
    vault.compact().await.expect("compact");
    entries::delete_entry(&vault, &entry.id).await.expect("delete");
    mood::delete_mood_checkin(&vault, &check_in.id).await.expect("delete");
    assert!(contains(&database_image(&vault).await, secret), "in the trash, the text is still there");

    trash::empty_trash(&vault).await.expect("empty trash");
    assert!(!contains(&database_image(&vault).await, secret), "purged text is overwritten, index included");
    let hits = search::search(&vault, SearchQuery { text: secret.into(), ..Default::default() }).await.expect("search");
    assert!(hits.hits.is_empty());
    drop(vault);

    // No older generation that still holds the text is left on disk: only the current one.
    let journals = std::fs::read_dir(dir.path().join("data"))
        .expect("data dir")
        .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().starts_with("journal-")))
        .count();
    assert_eq!(journals, 1, "purging drops the backup generations that still hold purged text");

    let vault = reopen(dir.path()).await;
    assert!(!contains(&database_image(&vault).await, secret), "and stays gone after reopening");
    assert_eq!(common::count_entries(&vault).await, 50);
}

/// Regression (found by the erasure marker test, docs/decisions.md 51): loading a snapshot with
/// `sqlite3_deserialize` turned `secure_delete` off, so text purged after a reopen stayed in the
/// pages' free space and went into the next snapshot.
#[tokio::test]
async fn text_purged_after_a_reopen_is_gone_from_the_database_image() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let secret = "wrenbarrowmix";
    let entry = entries::add_entry(
        &vault,
        entries::NewJournalEntry { entry_date: day(), body: format!("The {secret} day."), ..Default::default() },
    )
    .await
    .expect("add");
    for i in 0..20 {
        common::add_entry(&vault, &format!("Ordinary day {i}")).await;
    }
    vault.lock().await.expect("lock");
    drop(vault);
    let vault = reopen(dir.path()).await;
    entries::delete_entry(&vault, &entry.id).await.expect("delete");
    trash::empty_trash(&vault).await.expect("empty trash");
    assert!(!contains(&database_image(&vault).await, secret), "purged text is zeroed after a reopen too");
}
