//! Private notes (issue 13, deliverable 3; docs/decisions.md 52): a session note kept apart from
//! the clinical record. It is private from the moment it is made and no edit changes that; it
//! is never in a client record export or a right-of-access export unless chosen one by one, and
//! then the disclosure log says so; search finds it, marked.

mod common;

use chrono::NaiveDate;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row};
use wellkept::clinical::{self, LawfulBasis};
use wellkept::export::{self, ClientExport, ExportBasis, Format};
use wellkept::practice::appointments::SessionMode;
use wellkept::practice::clients::{self, NewClient};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter};
use wellkept::practice::templates::{NoteSection, NoteTemplate};
use wellkept::search::{self, SearchQuery};
use wellkept::vault::{MIGRATOR, Vault};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn free(client_id: &str, on: &str, text: &str) -> NewSessionNote {
    NewSessionNote {
        client_id: client_id.to_owned(),
        draft: NoteDraft {
            session_date: day(on),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Free,
            sections: vec![NoteSection { key: "note".into(), text: text.into() }],
            goal_ids: vec![],
        },
    }
}

/// Sam with a finalised record note and a private note; Ana with a private note of her own.
async fn vault_with_notes(dir: &std::path::Path) -> (Vault, String, String, String, String) {
    let vault = common::create_vault(dir).await.vault;
    let sam = clients::add_client(&vault, NewClient { name: "Sam Patel".into(), ..NewClient::default() })
        .await
        .expect("client")
        .id;
    let ana = clients::add_client(&vault, NewClient { name: "Ana Silva".into(), ..NewClient::default() })
        .await
        .expect("client")
        .id;
    let record = notes::add_note(&vault, free(&sam, "2026-01-12", "Talked about the allotment.")).await.expect("note");
    notes::finalise_note(&vault, &record.id).await.expect("finalise");
    let private = notes::add_private_note(&vault, free(&sam, "2026-01-12", "My hunch: the allotment is grief work."))
        .await
        .expect("private note");
    let anas = notes::add_private_note(&vault, free(&ana, "2026-01-13", "Ana's private allotment thought."))
        .await
        .expect("private note");
    (vault, sam, record.id, private.id, anas.id)
}

fn request(client: &str, format: Format, private_note_ids: Vec<String>) -> ClientExport {
    ClientExport {
        client_id: client.to_owned(),
        format,
        recipient: "Dr Okafor, Canal Street Surgery".into(),
        basis: Some(ExportBasis::LawfulBasis { lawful_basis: LawfulBasis::LegitimateInterests }),
        right_of_access: false,
        private_note_ids,
    }
}

#[tokio::test]
async fn a_private_note_stays_private_through_every_edit_and_lists_apart() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, sam, record, private, _) = vault_with_notes(dir.path()).await;
    let note = notes::get_note(&vault, &private).await.expect("get");
    assert!(note.private);
    assert!(!notes::get_note(&vault, &record).await.expect("get").private);

    let mut draft = NoteDraft {
        session_date: note.session_date,
        duration_minutes: 55,
        mode: note.mode,
        template: note.template,
        sections: vec![NoteSection { key: "note".into(), text: "Grief work, or fear of change?".into() }],
        goal_ids: vec![],
    };
    assert!(notes::save_draft(&vault, &private, draft.clone()).await.expect("autosave").private);
    draft.duration_minutes = 60;
    assert!(notes::save_note(&vault, &private, draft).await.expect("save").private);
    assert!(notes::finalise_note(&vault, &private).await.expect("finalise").private);

    let only = |p: Option<bool>| NoteFilter { client_id: Some(sam.clone()), private: p, ..NoteFilter::default() };
    let ids = |v: Vec<notes::SessionNote>| v.into_iter().map(|n| n.id).collect::<Vec<_>>();
    assert_eq!(ids(notes::list_notes(&vault, only(Some(true))).await.expect("list")), vec![private.clone()]);
    assert_eq!(ids(notes::list_notes(&vault, only(Some(false))).await.expect("list")), vec![record.clone()]);
    assert_eq!(notes::list_notes(&vault, only(None)).await.expect("list").len(), 2);

    // A private draft in the trash is named as one there.
    let draft = notes::add_private_note(&vault, free(&sam, "2026-01-19", "Second thoughts.")).await.expect("draft");
    notes::delete_note(&vault, &draft.id).await.expect("to the trash");
    let trashed = wellkept::trash::list_trash(&vault).await.expect("trash");
    let titles: Vec<&str> = trashed.iter().filter(|t| t.id == draft.id).map(|t| t.title.as_str()).collect();
    assert_eq!(titles, vec!["Private note · session with Sam Patel"]);
}

#[tokio::test]
async fn search_finds_a_private_note_marked_as_such() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _, _, _, _) = vault_with_notes(dir.path()).await;
    let found = search::search(
        &vault,
        SearchQuery { text: "allotment".into(), kinds: vec!["session_note".into()], limit: 0, offset: 0 },
    )
    .await
    .expect("search");
    let mut titles: Vec<String> = found.hits.into_iter().map(|h| h.title).collect();
    titles.sort();
    assert_eq!(
        titles,
        vec![
            "Private note (not part of the record) · session with Ana Silva",
            "Private note (not part of the record) · session with Sam Patel",
            "Session with Sam Patel",
        ]
    );
}

#[tokio::test]
async fn a_record_export_leaves_private_notes_out_unless_chosen_and_the_log_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let (vault, sam, _, private, anas) = vault_with_notes(dir.path()).await;

    for format in [Format::Markdown, Format::Json, Format::Pdf] {
        let path = out.path().join(format!("plain.{}", format.extension()));
        let _ = export::export_client_record(&vault, &request(&sam, format, vec![]), &path).await.expect("export");
        let bytes = std::fs::read(&path).expect("read");
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("grief"), "{format:?} holds the private note");
        if format != Format::Pdf {
            assert!(text.contains("Talked about the allotment."), "{format:?} lacks the record note");
        }
    }

    // Another client's private note, or a record note, cannot be chosen: nothing is written.
    let seq = vault.status().await.seq;
    let wrong = out.path().join("wrong.md");
    for ids in [vec![anas.clone()], vec!["no-such-note".to_owned()]] {
        let e = export::export_client_record(&vault, &request(&sam, Format::Markdown, ids), &wrong)
            .await
            .expect_err("not Sam's private note");
        assert_eq!(
            e.to_string(),
            "private notes: a chosen note is not one of this client's private notes (it may have been moved to the trash)"
        );
    }
    assert!(!wrong.exists());
    assert_eq!(vault.status().await.seq, seq, "a refusal writes nothing");

    let chosen = out.path().join("chosen.md");
    let _ = export::export_client_record(&vault, &request(&sam, Format::Markdown, vec![private.clone()]), &chosen)
        .await
        .expect("export with the private note");
    let text = std::fs::read_to_string(&chosen).expect("read");
    let heading = text.find("# Private notes — not part of the record").expect("its own section");
    assert!(text[heading..].contains("My hunch: the allotment is grief work."));
    assert!(!text.contains("Ana's private"));

    let log = clinical::list_disclosures(&vault, Some(&sam)).await.expect("log");
    let whats: Vec<&str> = log.iter().map(|d| d.what.as_str()).collect();
    // Newest first; the refusals logged nothing.
    assert_eq!(
        whats,
        vec![
            "Client record export, Markdown, all sections, with 1 private note chosen one by one",
            "Client record export, PDF, all sections",
            "Client record export, JSON, all sections",
            "Client record export, Markdown, all sections",
        ]
    );
    assert_eq!(
        export::private_note_warning(false),
        "This private note will leave the vault as part of the client record export. It is not part of the record."
    );
}

#[tokio::test]
async fn a_right_of_access_export_counts_a_chosen_private_note_on_its_index() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("out");
    let (vault, sam, _, private, _) = vault_with_notes(dir.path()).await;
    let access = |ids: Vec<String>| ClientExport {
        client_id: sam.clone(),
        format: Format::Markdown,
        recipient: String::new(),
        basis: None,
        right_of_access: true,
        private_note_ids: ids,
    };
    let index = |text: &str| -> Vec<String> {
        let start = text.find("# Index").expect("index");
        let end = text.find("# Client details").expect("details");
        text[start..end].lines().filter(|l| l.starts_with("| ") && !l.starts_with("| ---")).map(str::to_owned).collect()
    };
    let plain = out.path().join("access.md");
    let _ = export::export_client_record(&vault, &access(vec![]), &plain).await.expect("access");
    let text = std::fs::read_to_string(&plain).expect("read");
    assert!(!text.contains("grief"));
    assert_eq!(index(&text).last().map(String::as_str), Some("| Received shares | 0 |"));

    let with = out.path().join("access-with.md");
    let _ = export::export_client_record(&vault, &access(vec![private]), &with).await.expect("access");
    let text = std::fs::read_to_string(&with).expect("read");
    assert!(text.contains("My hunch: the allotment is grief work."));
    assert_eq!(index(&text).last().map(String::as_str), Some("| Private notes (chosen one by one) | 1 |"));
    let log = clinical::list_disclosures(&vault, Some(&sam)).await.expect("log");
    assert_eq!(
        log[0].what,
        "Right of access, to the client: client record export, Markdown, everything held, with 1 private note chosen one by one"
    );
    assert_eq!(
        export::private_note_warning(true),
        "This private note will leave the vault as part of the right-of-access export. It is not part of the record."
    );
}

/// The migration (20261203030000_private_notes.sql): notes written before it are record notes;
/// the flag cannot be changed by any statement afterwards.
#[tokio::test]
async fn old_notes_are_record_notes_and_the_flag_never_changes() {
    const MIGRATION: i64 = 20261203030000;
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    let run = |ok: fn(i64) -> bool| {
        MIGRATOR
            .iter()
            .filter(move |m| m.migration_type.is_up_migration() && ok(m.version))
            .cloned()
            .collect::<Vec<_>>()
    };
    for m in run(|v| v < MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    sqlx::raw_sql(
        "INSERT INTO clients (id, created_at, updated_at, name) VALUES ('c1', '2026-01-10T09:00:00Z', '2026-01-10T09:00:00Z', 'Sam');
         INSERT INTO session_notes (id, created_at, updated_at, client_id, session_date, duration_minutes, mode, template, sections, body)
         VALUES ('n1', '2026-01-10T09:00:00Z', '2026-01-10T09:00:00Z', 'c1', '2026-01-10', 50, 'in_person', 'free', '[]', 'Old note');",
    )
    .execute(&mut conn)
    .await
    .expect("an old note");
    for m in run(|v| v >= MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    let row =
        sqlx::query("SELECT private, body FROM session_notes WHERE id = 'n1'").fetch_one(&mut conn).await.expect("n1");
    assert_eq!((row.get::<i64, _>(0), row.get::<String, _>(1)), (0, "Old note".to_owned()));
    let e = sqlx::raw_sql("UPDATE session_notes SET private = 1 WHERE id = 'n1'")
        .execute(&mut conn)
        .await
        .expect_err("the flag is fixed");
    assert!(e.to_string().contains("whether a session note is private is fixed when it is made"), "{e}");
    sqlx::raw_sql("UPDATE session_notes SET body = 'Edited', private = 0 WHERE id = 'n1'")
        .execute(&mut conn)
        .await
        .expect("an edit that leaves the flag alone");
}
