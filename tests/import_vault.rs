//! Importing other apps' exports into a real vault's journal: entries, tags and moods land in
//! the journal tables, and importing again adds nothing.

mod common;

use std::path::{Path, PathBuf};

use chrono::FixedOffset;
use wellkept::import::store::{count_already_imported, dry_run, import_into_journal};
use wellkept::import::{ImportFormat, LocalTime, read_export};
use wellkept::params;
use wellkept::vault::{Unlock, Vault};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn utc() -> LocalTime {
    LocalTime::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"))
}

#[tokio::test]
async fn daylio_import_lands_in_the_journal_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let batch = read_export(&fixture("daylio-export-six-moods.csv"), ImportFormat::DaylioCsv, utc()).expect("parses");
    assert_eq!(count_already_imported(&vault, &batch).await.expect("dry run"), 0);

    let outcome = import_into_journal(&vault, &batch).await.expect("imports");
    assert_eq!((outcome.added, outcome.already_in_vault), (6, 0));
    assert_eq!(common::count_entries(&vault).await, 6);
    assert!(outcome.notes[0].starts_with("2 entries had a mood but no words"), "{:?}", outcome.notes);

    let origins: Vec<(String, String, String, Option<i64>)> = vault
        .fetch_all(
            "SELECT title, origin, source, mood FROM journal_entries WHERE title LIKE 'Mood: %' ORDER BY title",
            params![],
        )
        .await
        .expect("mood-only entries");
    assert_eq!(
        origins,
        [
            ("Mood: good".to_owned(), "Daylio".to_owned(), "daylio".to_owned(), Some(8)),
            ("Mood: meh".to_owned(), "Daylio".to_owned(), "daylio".to_owned(), Some(6)),
        ]
    );

    let row: (String, String, Option<i64>, String) = vault
        .fetch_one(
            "SELECT title, body, mood, entry_date FROM journal_entries WHERE title = 'Birthday dinner'",
            params![],
        )
        .await
        .expect("birthday entry");
    assert_eq!(row.1, "Everyone came.\nTom & Ana brought cake, which was a surprise.");
    assert_eq!((row.2, row.3.as_str()), (Some(10), "2024-02-03"), "rad is the top of the scale");
    let tags: Vec<(String,)> = vault
        .fetch_all(
            "SELECT t.tag FROM tags t JOIN journal_entries j ON j.id = t.item_id \
             WHERE t.item_kind = 'journal_entry' AND j.title = 'Birthday dinner' ORDER BY t.tag",
            params![],
        )
        .await
        .expect("tags");
    assert_eq!(tags, [("dinner out".to_owned(),), ("friends".to_owned(),), ("laughing".to_owned(),)]);
    let custom: (Option<i64>,) = vault
        .fetch_one(
            "SELECT j.mood FROM journal_entries j JOIN tags t ON t.item_id = j.id WHERE t.tag = 'mood:ecstatic'",
            params![],
        )
        .await
        .expect("the custom mood is kept as a tag");
    assert_eq!(custom.0, None);
    // As many different tags as the dry run said (`report.distinct_tags`, tests/import_formats.rs).
    let distinct: (i64,) = vault
        .fetch_one("SELECT COUNT(DISTINCT lower(tag)) FROM tags WHERE item_kind = 'journal_entry'", params![])
        .await
        .expect("count tags");
    assert_eq!((distinct.0, batch.report.distinct_tags), (9, 9));

    assert_eq!(count_already_imported(&vault, &batch).await.expect("dry run"), 6);
    let again = import_into_journal(&vault, &batch).await.expect("second import is not an error");
    assert_eq!((again.added, again.already_in_vault), (0, 6));
    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(common::count_entries(&vault).await, 6, "the import was durable");
}

#[tokio::test]
async fn jrnl_json_then_text_of_the_same_journal_adds_nothing_the_second_time() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let json = read_export(&fixture("jrnl-export-four-entries.json"), ImportFormat::JrnlJson, utc()).expect("parses");
    let text = read_export(&fixture("jrnl-journal-four-entries.txt"), ImportFormat::JrnlText, utc()).expect("parses");
    let first = import_into_journal(&vault, &json).await.expect("imports");
    assert_eq!(first.added, 4);
    assert!(first.notes[0].starts_with("1 entry was starred"), "{:?}", first.notes);
    let second = import_into_journal(&vault, &text).await.expect("imports");
    assert_eq!((second.added, second.already_in_vault), (0, 4));
    assert_eq!(common::count_entries(&vault).await, 4);
}

#[tokio::test]
async fn day_one_entries_keep_their_titles_and_search_finds_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let batch =
        read_export(&fixture("dayone-export-two-journals.zip"), ImportFormat::DayOneZip, utc()).expect("parses");
    assert_eq!(import_into_journal(&vault, &batch).await.expect("imports").added, 3);
    let found: Vec<(String,)> = vault
        .fetch_all(
            "SELECT j.title FROM journal_entries_fts f JOIN journal_entries j ON j.rowid = f.rowid \
             WHERE journal_entries_fts MATCH 'breathing OR nervous' ORDER BY j.created_at",
            params![],
        )
        .await
        .expect("search");
    assert_eq!(found, [("Team meeting".to_owned(),), (String::new(),)]);
}

#[tokio::test]
async fn an_entry_the_journal_refuses_stops_the_whole_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let batch =
        read_export(&fixture("daylio-export-activity-name-too-long-for-a-tag.csv"), ImportFormat::DaylioCsv, utc())
            .expect("the file itself is well formed");
    let error = import_into_journal(&vault, &batch).await.expect_err("a tag over 64 characters");
    assert_eq!(error.kind(), "invalid");
    assert!(error.to_string().starts_with("entry 1 of 2 (dated 2024-03-01), tags:"), "{error}");
    assert_eq!(common::count_entries(&vault).await, 0, "not even the good entry was written");
}

/// Issue 12: a dry run runs the import's own checks, so a file the import would refuse is refused
/// by the dry run too, with the same words (it used to say "2 would be added").
#[tokio::test]
async fn a_dry_run_refuses_what_the_import_refuses_with_the_same_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let batch =
        read_export(&fixture("daylio-export-activity-name-too-long-for-a-tag.csv"), ImportFormat::DaylioCsv, utc())
            .expect("the file itself is well formed");
    let dry = dry_run(&vault, &batch).await.expect_err("the dry run refuses it");
    let real = import_into_journal(&vault, &batch).await.expect_err("the import refuses it");
    assert_eq!(dry.to_string(), real.to_string());
    assert!(dry.to_string().starts_with("entry 1 of 2 (dated 2024-03-01), tags:"), "{dry}");
}

/// Issue 12: a Day One export written to Day One's published schema (rich text, location,
/// weather, a photo-only entry, an audio entry, an empty entry, four time zones) imports whole.
/// Each entry's date is its local day where it was written, not this computer's: the import
/// here runs in UTC, where the New York entry would fall on the 26th and the Sydney one on the
/// 28th.
#[tokio::test]
async fn a_day_one_export_with_photo_only_and_empty_entries_imports_whole_on_each_entrys_own_day() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let batch = read_export(&fixture("dayone-export-real-shapes"), ImportFormat::DayOneFolder, utc()).expect("parses");
    assert_eq!(
        batch.report.warnings,
        [
            "2 photos, recordings, videos or PDFs will be attached to their entries",
            "1 file the entries name is not in the export or cannot be attached \
             (photos/8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d.heic); each entry says what was missing where it was",
            "2 entries have no text; each is titled by what it held (\"Photo entry\", or \"Entry with no text\")",
        ]
    );
    let dry = dry_run(&vault, &batch).await.expect("the dry run passes the import's checks");
    assert_eq!((dry.would_add, dry.already_in_vault, dry.attachments), (4, 0, 2));
    assert_eq!(
        dry.notes,
        ["1 entry was starred in the other app; Wellkept's journal has no stars, so it was imported without one"]
    );
    let done = import_into_journal(&vault, &batch).await.expect("imports whole");
    assert_eq!((done.added, done.already_in_vault, done.attachments, &done.notes), (4, 0, 2, &dry.notes));

    let rows: Vec<(String, String, String, String)> = vault
        .fetch_all("SELECT entry_date, title, body, origin FROM journal_entries ORDER BY created_at", params![])
        .await
        .expect("entries");
    let rows: Vec<(&str, &str, &str, &str)> =
        rows.iter().map(|(d, t, b, o)| (d.as_str(), t.as_str(), b.as_str(), o.as_str())).collect();
    assert_eq!(
        rows,
        [
            (
                "2026-10-25",
                "Late walk",
                "Walked *slowly* by the river. Felt **calmer**.\n\n- no phone after 21:00\n- tea, not coffee\n\n\
                 [Attached: photo 1.png]",
                "Day One"
            ),
            (
                "2026-10-27",
                "Photo entry",
                "[photo not imported: photos/8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d.heic is not in the export]",
                "Day One"
            ),
            ("2026-10-29", "", "Voice note on the train home\n\n[Attached: audio 1.m4a]", "Day One"),
            ("2026-10-29", "Entry with no text", "", "Day One"),
        ]
    );
    let tags: Vec<(String,)> = vault
        .fetch_all("SELECT tag FROM tags WHERE item_kind = 'journal_entry' ORDER BY tag", params![])
        .await
        .expect("tags");
    assert_eq!(tags, [("Evening".to_owned(),), ("voice".to_owned(),), ("walk".to_owned(),)]);
    // The media are attachments of their entries, byte for byte the export's files.
    let export = fixture("dayone-export-real-shapes");
    let owners: Vec<(String, String)> =
        vault.fetch_all("SELECT id, title FROM journal_entries ORDER BY created_at", params![]).await.expect("ids");
    let mut attached = Vec::new();
    for (id, title) in &owners {
        for a in wellkept::attachments::list(&vault, "journal_entry", id).await.expect("list") {
            let bytes = wellkept::attachments::read(&vault, &a.id).await.expect("read").1;
            attached.push((title.clone(), a.file_name, a.media_type, bytes));
        }
    }
    let photo = std::fs::read(export.join("photos/a30a0809989cd21621a79640ac03ed31.png")).expect("photo");
    let audio = std::fs::read(export.join("audios/afc3a9f1fd0840f47b9b5c77644163cd.m4a")).expect("audio");
    assert_eq!(
        attached,
        [
            ("Late walk".to_owned(), "photo 1.png".to_owned(), "image/png".to_owned(), photo),
            (String::new(), "audio 1.m4a".to_owned(), "audio/mp4".to_owned(), audio),
        ]
    );
    // Importing the same export again adds nothing, and attaches nothing twice.
    let again = import_into_journal(&vault, &batch).await.expect("again");
    assert_eq!((again.added, again.attachments), (0, 0));
    let dry = dry_run(&vault, &batch).await.expect("dry run again");
    assert_eq!((dry.would_add, dry.attachments), (0, 0));
}

/// Issue 12: from a Day One `.zip`, the photo the entry embeds is read out of the archive and
/// attached, byte for byte the archive's copy (the same file the unzipped folder holds).
#[tokio::test]
async fn a_day_one_zip_brings_its_photo_as_an_attachment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let batch =
        read_export(&fixture("dayone-export-two-journals.zip"), ImportFormat::DayOneZip, utc()).expect("parses");
    assert_eq!(batch.report.attachments, 1);
    let done = import_into_journal(&vault, &batch).await.expect("imports");
    assert_eq!((done.added, done.attachments), (3, 1));
    assert_eq!(
        done.notes,
        ["1 entry was starred in the other app; Wellkept's journal has no stars, so it was imported without one"]
    );
    let (id,): (String,) = vault
        .fetch_one("SELECT id FROM journal_entries WHERE title = 'Slept well for once!'", params![])
        .await
        .expect("entry");
    let listed = wellkept::attachments::list(&vault, "journal_entry", &id).await.expect("list");
    let names: Vec<(&str, &str)> = listed.iter().map(|a| (a.file_name.as_str(), a.media_type.as_str())).collect();
    assert_eq!(names, [("photo 1.jpeg", "image/jpeg")]);
    let bytes = wellkept::attachments::read(&vault, &listed[0].id).await.expect("read").1;
    let expected = std::fs::read(fixture("dayone-export-two-journals/photos/7b4d2e0f4c3a2b1908f7e6d5c4b3a291.jpeg"))
        .expect("photo");
    assert_eq!(bytes, expected);
}
