//! Importers against real export files in `tests/fixtures/import/`, each written to follow the
//! app's published export structure: what a good export yields, and how each broken one is
//! refused (naming the line or JSON field, importing nothing).

use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, Utc};
use wellkept::import::{ImportBatch, ImportError, ImportFormat, ImportSource, LocalTime, read_export};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import").join(name)
}

fn utc() -> LocalTime {
    LocalTime::Fixed(FixedOffset::east_opt(0).expect("zero offset is valid"))
}

fn read(name: &str, format: ImportFormat) -> ImportBatch {
    read_export(&fixture(name), format, utc()).unwrap_or_else(|error| panic!("{name}: {error}"))
}

fn refuse(name: &str, format: ImportFormat) -> ImportError {
    match read_export(&fixture(name), format, utc()) {
        Ok(batch) => panic!("{name} should be refused, got {} entries", batch.entries.len()),
        Err(error) => error,
    }
}

fn at(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text).expect("test date").with_timezone(&Utc)
}

#[test]
fn day_one_zip_and_folder_give_the_same_entries() {
    let zipped = read("dayone-export-two-journals.zip", ImportFormat::DayOneZip);
    let folder = read("dayone-export-two-journals", ImportFormat::DayOneFolder);
    assert_eq!(zipped.entries, folder.entries);

    let entries = &zipped.entries;
    assert_eq!(entries.len(), 3);
    let first = &entries[0];
    assert_eq!(first.source, ImportSource::DayOne);
    assert_eq!(first.source_id, "6A1C0E5B9F8D4C2BA3E7F10D2C4B5A69");
    assert_eq!(first.created_at, at("2023-03-14T07:45:12Z"));
    assert_eq!(first.title.as_deref(), Some("Slept well for once!"));
    assert!(first.text.starts_with("Went to bed at 22.30 and woke before the alarm. Breakfast with Sam."));
    // The photo the text embeds is in the export: it will be attached, and the text says so.
    assert!(first.text.ends_with("Breakfast with Sam.\n\n[Attached: photo 1.jpeg]"), "{}", first.text);
    assert_eq!(
        first.media,
        [wellkept::import::ImportedMedia {
            kind: "photo",
            path: "photos/7b4d2e0f4c3a2b1908f7e6d5c4b3a291.jpeg".into(),
            name: "photo 1.jpeg".into(),
            missing: None,
        }]
    );
    assert!(first.starred);
    assert_eq!(first.tags, ["sleep", "family"]);

    // The Work journal's entry sorts between the two Journal entries; its repeated tag is kept once.
    assert_eq!(entries[1].title.as_deref(), Some("Team meeting"));
    assert_eq!(entries[1].tags, ["work"]);
    assert_eq!(entries[2].title, None);
    assert_eq!(
        entries[2].text,
        "Hard day. Argued with my brother about money - again.\nTried the breathing exercise; it helped a bit."
    );

    let report = &zipped.report;
    assert_eq!((report.entries, report.with_text, report.with_mood), (3, 3, 0));
    assert_eq!(report.first, Some(at("2023-03-14T07:45:12Z")));
    assert_eq!(report.last, Some(at("2023-03-16T21:10:00Z")));
    assert_eq!(report.distinct_tags, 3);
    assert_eq!(report.attachments, 1);
    assert!(
        report.warnings.iter().any(|w| w == "1 photo, recording, video or PDF will be attached to its entry"),
        "{:?}",
        report.warnings
    );
}

#[test]
fn broken_day_one_exports_name_the_field_or_problem() {
    let error = refuse("dayone-journal-missing-creation-date.json", ImportFormat::DayOneJson);
    let ImportError::BadJson { file, path, reason } = &error else {
        panic!("expected BadJson, got {error:?}");
    };
    assert!(file.ends_with("dayone-journal-missing-creation-date.json"));
    assert_eq!(path, "entries[1].creationDate");
    assert_eq!(reason, "this field is missing");
    assert!(error.to_string().contains("Nothing was imported"));

    let error = refuse("dayone-journal-tags-not-a-list.json", ImportFormat::DayOneJson);
    assert!(error.to_string().contains("at entries[0].tags, expected a list [...], found text"), "{error}");

    // The export stops inside a string: the JSON breaks where that line ends.
    let error = refuse("dayone-journal-cut-short.json", ImportFormat::DayOneJson);
    assert!(error.to_string().contains("at line 7, column"), "{error}");

    let error = refuse("dayone-zip-cut-in-half.zip", ImportFormat::DayOneZip);
    assert!(matches!(error, ImportError::BadZip { .. }), "{error:?}");

    let error = refuse("dayone-zip-password-protected.zip", ImportFormat::DayOneZip);
    assert!(error.to_string().contains("password"), "{error}");

    let error = refuse("missing-file.zip", ImportFormat::DayOneZip);
    assert!(error.to_string().contains("does not exist"), "{error}");
}

// The zip bomb (`dayone-zip-bomb-600-mib-journal.zip`, 611 KiB unpacking to 600 MiB) is refused
// by the real binary in `cli/tests/cli_import_limits.rs`, which also measures its peak memory.

#[test]
fn jrnl_json_and_text_give_the_same_entries_and_ids() {
    let json = read("jrnl-export-four-entries.json", ImportFormat::JrnlJson);
    let text = read("jrnl-journal-four-entries.txt", ImportFormat::JrnlText);
    assert_eq!(json.entries, text.entries);

    let entries = &json.entries;
    assert_eq!(entries.len(), 4);
    assert_eq!(entries[0].title.as_deref(), Some("Couldn't sleep again."));
    assert_eq!(entries[0].text, "Up at 3am thinking about the @work deadline.\nWrote a list and that helped.");
    assert_eq!(entries[0].tags, ["work"]);
    assert_eq!(entries[0].created_at, at("2024-01-08T07:30:00Z"));
    assert!(entries[1].starred && entries[1].text.is_empty());
    assert_eq!(entries[2].title.as_deref(), Some("Therapy homework"));
    assert_eq!(entries[3].tags, ["sleep", "win"]);
}

#[test]
fn jrnl_times_are_read_in_the_chosen_zone() {
    let plus_one = LocalTime::Fixed(FixedOffset::east_opt(3600).expect("valid offset"));
    let batch = read_export(&fixture("jrnl-journal-four-entries.txt"), ImportFormat::JrnlText, plus_one)
        .expect("valid journal");
    assert_eq!(batch.entries[0].created_at, at("2024-01-08T06:30:00Z"));
}

#[test]
fn jrnl_old_date_styles_are_read() {
    let batch = read("jrnl-journal-old-style-dates.txt", ImportFormat::JrnlText);
    let times: Vec<String> = batch.entries.iter().map(|e| e.created_at.format("%F %R").to_string()).collect();
    assert_eq!(times, ["2013-06-09 21:40", "2013-06-10 08:15", "2013-06-10 12:45"]);
    assert_eq!(batch.entries[1].tags, ["writing"]);
}

#[test]
fn jrnl_repeated_entries_are_imported_once_and_reported() {
    let batch = read("jrnl-journal-same-entry-twice.txt", ImportFormat::JrnlText);
    assert_eq!(batch.entries.len(), 2);
    assert_eq!(batch.report.duplicates_in_export, 1);
    // Regression (issue 8, plurals): one duplicate is "1 entry appears", not "1 entries appear".
    assert_eq!(batch.report.warnings[0], "1 entry appears more than once in the export and will be imported once");
}

#[test]
fn broken_jrnl_files_name_the_line_or_field() {
    let error = refuse("jrnl-journal-text-before-first-entry.txt", ImportFormat::JrnlText);
    assert!(matches!(error, ImportError::BadLine { line: 2, .. }), "{error:?}");

    let error = refuse("jrnl-journal-impossible-date.txt", ImportFormat::JrnlText);
    assert!(matches!(error, ImportError::BadLine { line: 3, .. }), "{error:?}");
    assert!(error.to_string().contains("2024-02-30 09:00 is not a real date"), "{error}");

    let error = refuse("jrnl-export-time-in-wrong-format.json", ImportFormat::JrnlJson);
    assert!(error.to_string().contains("at entries[1].time, expected a 24-hour time"), "{error}");
}

#[test]
fn daylio_moods_activities_and_notes() {
    let batch = read("daylio-export-six-moods.csv", ImportFormat::DaylioCsv);
    let entries = &batch.entries;
    assert_eq!(entries.len(), 6);
    let by_time =
        |text: &str| entries.iter().find(|e| e.created_at == at(text)).unwrap_or_else(|| panic!("no entry at {text}"));
    let birthday = by_time("2024-02-03T21:15:00Z");
    assert_eq!(birthday.title.as_deref(), Some("Birthday dinner"));
    assert_eq!(birthday.text, "Everyone came.\nTom & Ana brought cake, which was a surprise.");
    assert_eq!(birthday.tags, ["friends", "dinner out", "laughing"]);
    let mood = birthday.mood.as_ref().expect("Daylio rows have a mood");
    assert_eq!((mood.label.as_str(), mood.score), ("rad", Some(5)));

    let meeting = by_time("2024-02-02T18:40:00Z");
    assert_eq!(meeting.text, "Presentation went badly.\nRemember: one bad meeting is not \"everything\".");
    assert_eq!(meeting.mood.as_ref().and_then(|m| m.score), Some(2));

    let custom = by_time("2024-02-01T22:05:00Z");
    assert_eq!(custom.mood.as_ref().map(|m| (m.label.as_str(), m.score)), Some(("ecstatic", None)));
    assert_eq!(by_time("2024-01-31T00:10:00Z").mood.as_ref().and_then(|m| m.score), Some(1));
    assert!(by_time("2024-02-03T08:00:00Z").text.is_empty());

    let report = &batch.report;
    // "With a mood" is what the journal will show as a mood: the custom "ecstatic" has no score
    // and becomes a tag, which the warning says (session 14's "Left" 5: the dry run said 6).
    assert_eq!((report.entries, report.with_mood, report.with_text), (6, 5, 4));
    // Eight activities and the custom mood's tag: what the journal holds after the import
    // (tests/import_vault.rs counts them there).
    assert_eq!(report.distinct_tags, 9);
    assert_eq!(
        report.warnings,
        ["custom moods have no 1–5 score, so they are kept as tags: \"ecstatic\" (1) as mood:ecstatic"]
    );
}

#[test]
fn daylio_older_export_without_note_title() {
    let batch = read("daylio-export-24h-without-note-title.csv", ImportFormat::DaylioCsv);
    assert_eq!(batch.entries.len(), 2);
    assert_eq!(batch.entries[1].text, "Watched a film with the kids.");
    assert_eq!(batch.entries[1].title, None);
    assert_eq!(batch.entries[1].created_at, at("2019-11-02T21:15:00Z"));
}

#[test]
fn broken_daylio_files_name_the_line() {
    let error = refuse("daylio-export-stray-comma.csv", ImportFormat::DaylioCsv);
    assert!(matches!(error, ImportError::BadLine { line: 4, .. }), "{error:?}");
    assert!(error.to_string().contains("9 columns but the header has 8"), "{error}");

    let error = refuse("daylio-export-bad-date.csv", ImportFormat::DaylioCsv);
    assert!(matches!(error, ImportError::BadLine { line: 3, .. }), "{error:?}");
    assert!(error.to_string().contains("03/02/2024"), "{error}");

    let error = refuse("daylio-export-missing-mood-column.csv", ImportFormat::DaylioCsv);
    assert!(matches!(error, ImportError::BadLine { line: 1, .. }), "{error:?}");
    assert!(error.to_string().contains("lacks the column(s) mood"), "{error}");
}

#[test]
fn formats_are_detected_from_the_files() {
    let cases = [
        ("dayone-export-two-journals.zip", ImportFormat::DayOneZip),
        ("dayone-export-two-journals", ImportFormat::DayOneFolder),
        ("dayone-journal-tags-not-a-list.json", ImportFormat::DayOneJson),
        ("jrnl-export-four-entries.json", ImportFormat::JrnlJson),
        ("jrnl-journal-four-entries.txt", ImportFormat::JrnlText),
        ("daylio-export-six-moods.csv", ImportFormat::DaylioCsv),
    ];
    for (name, expected) in cases {
        assert_eq!(ImportFormat::detect(&fixture(name)), Some(expected), "{name}");
    }
}
