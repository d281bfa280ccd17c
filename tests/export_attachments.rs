//! A journal export carries its entries' attachments: Markdown and JSON write each file beside
//! the document (`<document name>-attachments/`) and link it from its entry; the JSON validates
//! against docs/export.schema.json; the PDF lists them by name only and writes no copies.

mod common;

use std::path::Path;

use chrono::NaiveDate;
use serde_json::Value;
use wellkept::attachments;
use wellkept::export::{self, Format};
use wellkept::journal::entries;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

async fn entry(vault: &wellkept::vault::Vault, on: &str, title: &str) -> String {
    let new = entries::NewJournalEntry {
        entry_date: Some(day(on)),
        title: title.into(),
        body: "Words.".into(),
        ..Default::default()
    };
    entries::add_entry(vault, new).await.expect("entry").id
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| d.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[tokio::test]
async fn markdown_and_json_write_attachments_beside_the_document_and_the_pdf_lists_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    let beach = entry(&vault, "2026-10-25", "Beach").await;
    let _plain = entry(&vault, "2026-10-26", "No files").await;
    let photo = b"\x89PNG\r\n\x1a\n the beach".to_vec();
    let other = b"\x89PNG\r\n\x1a\n another photo, same name".to_vec();
    attachments::add(&vault, "journal_entry", &beach, "beach.png", &photo).await.expect("attach");
    attachments::add(&vault, "journal_entry", &beach, "beach.png", &other).await.expect("attach");
    attachments::add(&vault, "journal_entry", &beach, "notes: <draft>.txt", b"12345").await.expect("attach");

    let out = dir.path().join("exports");
    std::fs::create_dir(&out).expect("folder");
    let md_path = out.join("journal.md");
    let _ = export::export_journal(&vault, day("2026-10-01"), day("2026-10-31"), Format::Markdown, &md_path)
        .await
        .expect("markdown export");
    let md = std::fs::read_to_string(&md_path).expect("read");
    let folder = out.join("journal-attachments");
    assert_eq!(listing(&folder), ["beach (2).png", "beach.png", "notes_ _draft_.txt"]);
    assert_eq!(std::fs::read(folder.join("beach.png")).expect("copy"), photo);
    assert_eq!(std::fs::read(folder.join("beach (2).png")).expect("copy"), other);
    let block = "**Attachments:**\n\n\
                 - [beach.png](<journal-attachments/beach.png>) (18 bytes)\n\
                 - [beach.png](<journal-attachments/beach (2).png>) (33 bytes)\n\
                 - [notes: \\<draft\\>.txt](<journal-attachments/notes_ _draft_.txt>) (5 bytes)\n";
    let beach_section = md.find("### 2026-10-25 · Beach").expect("beach entry");
    let plain_section = md.find("### 2026-10-26 · No files").expect("plain entry");
    let at = md.find(block).unwrap_or_else(|| panic!("the attachment block under its entry:\n{md}"));
    assert!(beach_section < at && at < plain_section, "under the entry it belongs to");
    assert_eq!(md.matches("**Attachments:**").count(), 1, "only the entry with files has the block");

    let json_path = out.join("journal.json");
    let _ = export::export_journal(&vault, day("2026-10-01"), day("2026-10-31"), Format::Json, &json_path)
        .await
        .expect("json export");
    let doc: Value = serde_json::from_slice(&std::fs::read(&json_path).expect("read")).expect("json");
    let schema: Value = serde_json::from_slice(
        &std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/export.schema.json")).expect("schema"),
    )
    .expect("schema json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let files: Vec<(&str, &str, i64, &str)> = doc["journal"]["attachments"]
        .as_array()
        .expect("attachments")
        .iter()
        .map(|a| {
            assert_eq!(a["owner_id"], Value::String(beach.clone()));
            (
                a["file_name"].as_str().expect("name"),
                a["media_type"].as_str().expect("type"),
                a["size"].as_i64().expect("size"),
                a["file"].as_str().expect("file"),
            )
        })
        .collect();
    assert_eq!(
        files,
        [
            ("beach.png", "image/png", 18, "journal-attachments/beach.png"),
            ("beach.png", "image/png", 33, "journal-attachments/beach (2).png"),
            ("notes: <draft>.txt", "text/plain", 5, "journal-attachments/notes_ _draft_.txt"),
        ]
    );
    assert_eq!(std::fs::read(out.join("journal-attachments/beach.png")).expect("copy"), photo);

    // The PDF lists them by name and writes no copies.
    let pdf_dir = dir.path().join("pdf");
    std::fs::create_dir(&pdf_dir).expect("folder");
    let pdf = pdf_dir.join("journal.pdf");
    let _ = export::export_journal(&vault, day("2026-10-01"), day("2026-10-31"), Format::Pdf, &pdf)
        .await
        .expect("pdf export");
    assert_eq!(listing(&pdf_dir), ["journal.pdf"]);
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", "-layout"])
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils, scripts/setup.sh)");
    let text = String::from_utf8_lossy(&out.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("Attachments beach.png (18 bytes), beach.png (33 bytes), notes: <draft>.txt (5 bytes)"),
        "{text}"
    );

    // A range without attachments: no folder, and no `attachments` in the JSON.
    let quiet = dir.path().join("quiet.json");
    let _ = export::export_journal(&vault, day("2026-10-26"), day("2026-10-26"), Format::Json, &quiet)
        .await
        .expect("export");
    let doc: Value = serde_json::from_slice(&std::fs::read(&quiet).expect("read")).expect("json");
    assert!(doc["journal"].get("attachments").is_none());
    assert!(!dir.path().join("quiet-attachments").exists());
}

/// A client record export carries the client's attachments (a consent form) and a session
/// note's, each under its own heading, written beside the document.
#[tokio::test]
async fn a_client_record_export_carries_the_clients_and_the_notes_attachments() {
    use wellkept::practice::{clients, notes};
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    let client = clients::add_client(&vault, clients::NewClient { name: "Cleo Park".into(), ..Default::default() })
        .await
        .expect("client")
        .id;
    let draft = notes::NoteDraft {
        session_date: day("2026-11-02"),
        duration_minutes: 50,
        mode: Default::default(),
        template: Default::default(),
        sections: vec![wellkept::practice::templates::NoteSection { key: "note".into(), text: "Talked".into() }],
        goal_ids: vec![],
    };
    let note =
        notes::add_note(&vault, notes::NewSessionNote { client_id: client.clone(), draft }).await.expect("note").id;
    attachments::add(&vault, "client", &client, "consent form.pdf", b"%PDF-1.4 signed").await.expect("attach");
    attachments::add(&vault, "session_note", &note, "worksheet.png", b"\x89PNG\r\n\x1a\nsheet").await.expect("attach");
    // Right of access: the client's own copy, which needs no consent record.
    let request = export::ClientExport {
        client_id: client.clone(),
        format: Format::Markdown,
        recipient: String::new(),
        basis: None,
        right_of_access: true,
        private_note_ids: vec![],
    };
    let out = dir.path().join("record.md");
    let _ = export::export_client_record(&vault, &request, &out).await.expect("export");
    let md = std::fs::read_to_string(&out).expect("read");
    assert_eq!(listing(&dir.path().join("record-attachments")), ["consent form.pdf", "worksheet.png"]);
    let client_block = "**Attachments:**\n\n- [consent form.pdf](<record-attachments/consent form.pdf>) (15 bytes)\n";
    let note_block = "**Attachments:**\n\n- [worksheet.png](<record-attachments/worksheet.png>) (13 bytes)\n";
    let details = md.find("## Client details").expect("details");
    let notes_at = md.find("## Session notes").expect("notes");
    let client_at = md.find(client_block).unwrap_or_else(|| panic!("{md}"));
    let note_at = md.find(note_block).unwrap_or_else(|| panic!("{md}"));
    assert!(details < client_at && client_at < notes_at && notes_at < note_at, "each under its record");
}

/// A PDF export shows the photos among the attachments: a JPEG embedded as it is and a PNG with
/// transparency as RGB samples with a soft mask, each at its own size (read back with
/// `pdfimages -list`); a photo it cannot show is named with the reason.
#[tokio::test]
async fn a_pdf_export_shows_jpeg_and_png_photos_and_names_the_ones_it_cannot_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&dir.path().join("vault")).await.vault;
    let walk = entry(&vault, "2026-10-25", "Walk").await;
    // CPython's 16 × 16 test JPEG (tests/fixtures/attachments/python-16x16.jpg).
    let jpeg = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/attachments/python-16x16.jpg"))
        .expect("fixture");
    let mut png = Vec::new();
    {
        let mut encoder = png::Encoder::new(&mut png, 4, 2);
        encoder.set_color(png::ColorType::Rgba);
        encoder.set_depth(png::BitDepth::Eight);
        let mut writer = encoder.write_header().expect("header");
        writer.write_image_data(&[200u8, 30, 30, 128].repeat(8)).expect("pixels");
        writer.finish().expect("png");
    }
    attachments::add(&vault, "journal_entry", &walk, "river.jpg", &jpeg).await.expect("attach");
    attachments::add(&vault, "journal_entry", &walk, "leaf.png", &png).await.expect("attach");
    attachments::add(&vault, "journal_entry", &walk, "sky.heic", b"\0\0\0\x18ftypheic").await.expect("attach");

    let pdf = dir.path().join("walk.pdf");
    let _ = export::export_journal(&vault, day("2026-10-01"), day("2026-10-31"), Format::Pdf, &pdf)
        .await
        .expect("pdf export");
    let out = std::process::Command::new("pdfimages")
        .arg("-list")
        .arg(&pdf)
        .output()
        .expect("pdfimages (poppler-utils, scripts/setup.sh)");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    // page, type, width, height, colour, components, bits, encoding.
    let images: Vec<Vec<String>> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().take(9).map(str::to_owned).collect())
        .map(|cols: Vec<String>| [&cols[0..1], &cols[2..9]].concat())
        .collect();
    assert_eq!(
        images,
        [
            ["1", "image", "16", "16", "rgb", "3", "8", "jpeg"],
            ["1", "image", "4", "2", "rgb", "3", "8", "image"],
            ["1", "smask", "4", "2", "gray", "1", "8", "image"],
        ]
        .map(|row| row.map(str::to_owned).to_vec())
    );
    let text =
        std::process::Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(&pdf).arg("-").output().expect("pdftotext");
    let text = String::from_utf8_lossy(&text.stdout).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(text.contains("river.jpg"), "{text}");
    assert!(text.contains("sky.heic: not shown here (only JPEG and PNG photos are shown in a PDF)."), "{text}");
}
