//! PDF exports of a real vault, checked with poppler's tools (Debian package `poppler-utils`,
//! installed by scripts/setup.sh): `pdfinfo` reads the page count and size, `pdftotext` proves
//! the text is real and searchable (non-ASCII included), `pdffonts` that the font is embedded
//! and subsetted, and `pdftoppm` renders a page without errors; `qpdf --check` (Debian package
//! `qpdf`) checks the file's structure, cross-reference table and streams.

mod export_fixture;

use std::path::Path;
use std::process::Command;

use export_fixture::{ADDENDUM, CYRILLIC, GREEK, LONG_NOTE_END, NAME, day, populated_vault};
use wellkept::export::{self, Format};

/// Runs a PDF tool and returns its standard output; fails the test clearly if it is missing.
fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("could not run {tool} ({e}): install poppler-utils and qpdf (scripts/setup.sh)"));
    assert!(out.status.success(), "{tool} failed: {}", String::from_utf8_lossy(&out.stderr));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("Syntax Error") && !stderr.contains("Syntax Warning"), "{tool} complained: {stderr}");
    String::from_utf8(out.stdout).expect("poppler prints UTF-8")
}

fn pdf_text(pdf: &Path) -> String {
    let text = poppler("pdftotext", &["-enc", "UTF-8", "-layout", &pdf.display().to_string(), "-"]);
    // Collapse layout spacing so phrases can be searched for.
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn page_count(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[&pdf.display().to_string()]);
    assert!(info.lines().any(|l| l.starts_with("Page size:") && l.ends_with("595.28 x 841.89 pts (A4)")), "{info}");
    info.lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .expect("pdfinfo reports the page count")
}

#[tokio::test]
async fn a_client_record_pdf_is_searchable_paginated_text_with_embedded_fonts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, client_id) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("record.pdf");
    let done = export::export_client_record(&vault, &export_fixture::request(&client_id, Format::Pdf), &out)
        .await
        .expect("export");
    assert!(done.bytes > 10_000);
    let bytes = std::fs::read(&out).expect("read");
    assert!(bytes.starts_with(b"%PDF-1.7"));
    assert!(bytes.len() < 400_000, "fonts are subsetted, not embedded whole ({} bytes)", bytes.len());

    // To look at the result: WELLKEPT_KEEP_EXPORTS=/some/folder cargo test --test export_pdf
    if let Some(keep) = std::env::var_os("WELLKEPT_KEEP_EXPORTS") {
        std::fs::copy(&out, Path::new(&keep).join("export-client-record.pdf")).expect("keep a copy");
    }
    let pages = page_count(&out);
    assert!(pages >= 4, "the long note needs page breaks ({pages} pages)");
    let text = pdf_text(&out);
    assert!(text.contains(&format!("Client record: {NAME} (Zoë)")), "{}", &text[..300.min(text.len())]);
    for needle in [GREEK, CYRILLIC, LONG_NOTE_END, ADDENDUM, "Øystein (brother)", "Émilie Roux"] {
        assert!(text.contains(needle), "missing “{needle}” in the PDF text");
    }
    for section in [
        "Client details",
        "Risk flags",
        "Safety plan",
        "Outcome measures",
        "PHQ-9 over time",
        "GAD-7 over time",
        "Goals",
        "Session notes",
        "Appointments",
        "Consent",
        "Disclosure log",
        "Referrals",
    ] {
        assert!(text.contains(section), "missing section {section}");
    }
    assert!(text.contains("DRAFT — not finalised"));
    assert!(text.contains("This file is not encrypted"));
    assert!(text.contains("Moderately severe"), "band names are printed beside the chart");
    assert!(text.contains(&format!("Page 1 of {pages}")) && text.contains(&format!("Page {pages} of {pages}")));
    assert!(text.contains("[click here](http://evil.example)"), "user text is printed as written");
    assert!(!text.contains("PRIVATE appointment note"));

    let check = poppler("qpdf", &["--check", &out.display().to_string()]);
    assert!(check.contains("No syntax or stream encoding errors found"), "{check}");

    let fonts = poppler("pdffonts", &[&out.display().to_string()]);
    let rows: Vec<&str> = fonts.lines().filter(|l| l.contains("DejaVuSans")).collect();
    assert_eq!(rows.len(), 2, "{fonts}");
    assert!(
        rows.iter().all(|r| r.contains("CID TrueType") && r.contains("yes yes yes")),
        "embedded, subset, ToUnicode: {fonts}"
    );

    let png_base = dir.path().join("page");
    poppler(
        "pdftoppm",
        &["-png", "-r", "50", "-f", "1", "-l", "2", &out.display().to_string(), &png_base.display().to_string()],
    );
    let rendered = std::fs::read_dir(dir.path()).expect("ls").filter(|e| {
        e.as_ref().is_ok_and(|e| {
            e.file_name().to_string_lossy().starts_with("page") && e.file_name().to_string_lossy().ends_with(".png")
        })
    });
    assert_eq!(rendered.count(), 2);
}

#[tokio::test]
async fn a_journal_pdf_has_the_mood_chart_and_every_section() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("journal.pdf");
    let _ =
        export::export_journal(&vault, day("2026-10-01"), day("2026-10-20"), Format::Pdf, &out).await.expect("export");
    if let Some(keep) = std::env::var_os("WELLKEPT_KEEP_EXPORTS") {
        std::fs::copy(&out, Path::new(&keep).join("export-journal.pdf")).expect("keep a copy");
    }
    assert!(page_count(&out) >= 1);
    let text = pdf_text(&out);
    for needle in [
        "Journal: 2026-10-01 to 2026-10-20",
        "Mood over time",
        "Journal entries",
        "Première séance",
        CYRILLIC,
        "Thought records",
        "I'm going to be fired",
        "Activity log",
        "Walk by the river",
        "Gratitude",
        "Coffee with Åsa",
    ] {
        assert!(text.contains(needle), "missing “{needle}”");
    }
    assert!(!text.contains("Outside the range"));
}

#[tokio::test]
async fn an_empty_journal_range_still_makes_a_valid_document() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("empty.pdf");
    let _ =
        export::export_journal(&vault, day("2025-01-01"), day("2025-01-31"), Format::Pdf, &out).await.expect("export");
    assert_eq!(page_count(&out), 1);
    assert!(pdf_text(&out).contains("No journal entries in this range."));
}

#[tokio::test]
async fn a_new_client_with_nothing_recorded_exports_in_every_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = export_fixture::common::create_vault(&dir.path().join("vault")).await.vault;
    let client = wellkept::practice::clients::add_client(
        &vault,
        wellkept::practice::clients::NewClient { name: "Ngozi Adébáyọ̀".into(), ..Default::default() },
    )
    .await
    .expect("client");
    let pdf = dir.path().join("new.pdf");
    let _ = export::export_client_record(&vault, &export_fixture::request(&client.id, Format::Pdf), &pdf)
        .await
        .expect("pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("Ngozi Adébáyọ̀"), "combining marks survive: {text}");
    for empty in [
        "No risk flags recorded.",
        "No safety plan recorded.",
        "No outcome measures recorded.",
        "No goals recorded.",
        "No session notes recorded.",
        "No appointments booked.",
        "No consent recorded.",
        "Nothing has been disclosed.",
        "No referrals recorded.",
    ] {
        assert!(text.contains(empty), "missing “{empty}”");
    }
    let md = dir.path().join("new.md");
    let _ = export::export_client_record(&vault, &export_fixture::request(&client.id, Format::Markdown), &md)
        .await
        .expect("md");
    assert!(std::fs::read_to_string(&md).expect("read").contains("*No goals recorded.*"));
    let json = dir.path().join("new.json");
    let _ = export::export_client_record(&vault, &export_fixture::request(&client.id, Format::Json), &json)
        .await
        .expect("json");
    let doc: serde_json::Value = serde_json::from_slice(&std::fs::read(&json).expect("read")).expect("json");
    assert!(doc["client_record"]["safety_plan"].is_null());
    assert_eq!(doc["client_record"]["session_notes"], serde_json::json!([]));
}
