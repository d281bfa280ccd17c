//! Markdown exports of a real vault: every section is there under its heading, user text that
//! looks like Markdown or HTML is escaped, and the destination rules hold (never inside the
//! vault folder, nothing left behind on refusal).

mod export_fixture;

use export_fixture::{ADDENDUM, CYRILLIC, GREEK, LONG_NOTE_END, common, day, populated_vault};
use wellkept::Error;
use wellkept::export::{self, Format};

#[tokio::test]
async fn a_client_record_has_every_section_and_escapes_user_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, client_id) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("record.md");
    let done = export::export_client_record(&vault, &export_fixture::request(&client_id, Format::Markdown), &out)
        .await
        .expect("export");
    assert!(done.warning.to_string().contains("not encrypted"));
    let md = std::fs::read_to_string(&out).expect("read");

    assert!(md.starts_with("# Client record: Zoë Ångström-Núñez (Zoë)\n"), "{}", &md[..80]);
    for section in [
        "## Client details",
        "## Risk flags",
        "## Safety plan",
        "## Outcome measures",
        "## Goals",
        "## Session notes",
        "## Appointments",
        "## Consent",
        "## Disclosure log",
        "## Referrals",
    ] {
        assert!(md.contains(&format!("\n{section}\n")), "missing {section}");
    }
    assert!(md.contains("> **This file is not encrypted;"), "the warning is in the file itself");
    // User text that looks like Markdown stays text.
    assert!(md.contains("Said: \\[click here\\](http://evil.example) \\<script\\>alert(1)\\</script\\>"));
    assert!(!md.contains("[click here](http"), "no live link");
    assert!(!md.contains("<script>"), "no raw HTML");
    assert!(md.contains("\\# Not a heading"));
    assert!(md.contains("\\- not a list \\| not a cell"));
    assert!(!md.lines().any(|l| l.starts_with("# Not a heading") || l.starts_with("- not a list")));
    // Content and its order: the charts' values, the notes, the draft marked as a draft.
    assert!(md.contains("| 2026-09-02 | 18 | Moderately severe |"), "PHQ-9 chart values as a table");
    assert!(md.contains(GREEK) && md.contains(CYRILLIC) && md.contains(LONG_NOTE_END));
    assert!(md.contains(ADDENDUM));
    assert!(md.contains("> **DRAFT — not finalised (DAP note"));
    assert!(md.contains("| Øystein (brother) | \\+47 912 34 567 |"), "a leading + is escaped, harmlessly");
    assert!(!md.contains("PRIVATE appointment note"));
    let soap = md.find("### 2026-09-02 · 50 min · in person").expect("soap note");
    let draft = md.find("### 2026-10-01 · 45 min · phone").expect("draft note");
    assert!(soap < draft, "oldest session first");
}

#[tokio::test]
async fn a_journal_range_has_its_sections() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = populated_vault(&dir.path().join("vault")).await;
    let out = dir.path().join("journal.md");
    let _ = export::export_journal(&vault, day("2026-10-01"), day("2026-10-20"), Format::Markdown, &out)
        .await
        .expect("export");
    let md = std::fs::read_to_string(&out).expect("read");
    assert!(md.starts_with("# Journal: 2026-10-01 to 2026-10-20\n"));
    for section in ["## Mood", "## Journal entries", "## Thought records", "## Activity log", "## Gratitude"] {
        assert!(md.contains(&format!("\n{section}\n")), "missing {section}");
    }
    assert!(md.contains("### 2026-10-02 · Première séance"));
    assert!(md.contains("| 2026-10-01 | 5 (range 4–6) | Middling |"), "mood chart values");
    assert!(md.contains("| I'm going to be fired | 75% | Hot thought |"));
    assert!(!md.contains("Outside the range"));
}

/// Issue 12: a journal body written in Markdown (as Day One writes it) keeps its lists, emphasis
/// and links in the Markdown export; its heading goes below the entry's heading and a stray HTML
/// tag is shown as text. The person's text in a client record stays escaped (the test above).
#[tokio::test]
async fn a_journal_body_in_markdown_stays_markdown() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = populated_vault(&dir.path().join("vault")).await;
    let body = "# Good day\n\nWalked *slowly* to the **sea**.\n\n- slept 8 hours\n- called Mum\n\n<div>stray";
    let entry = wellkept::journal::entries::NewJournalEntry {
        entry_date: Some(day("2026-10-12")),
        title: "By the sea".into(),
        body: body.into(),
        ..Default::default()
    };
    wellkept::journal::entries::add_entry(&vault, entry).await.expect("entry");
    let out = dir.path().join("journal.md");
    let _ = export::export_journal(&vault, day("2026-10-12"), day("2026-10-12"), Format::Markdown, &out)
        .await
        .expect("export");
    let md = std::fs::read_to_string(&out).expect("read");
    let entry = &md[md.find("### 2026-10-12 · By the sea\n").expect("entry heading")..];
    let entry = &entry[..entry.find("\n## ").expect("next section")];
    assert!(
        entry.ends_with(
            "#### Good day\n\nWalked *slowly* to the **sea**.\n\n- slept 8 hours\n- called Mum\n\n\\<div>stray\n"
        ),
        "{entry:?}"
    );
}

#[tokio::test]
async fn the_vault_folder_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let (vault, client_id) = populated_vault(&vault_dir).await;
    let before = common::snapshot_dir(&vault_dir);
    for format in [Format::Markdown, Format::Json, Format::Pdf] {
        let e = export::export_client_record(
            &vault,
            &export_fixture::request(&client_id, format),
            &vault_dir.join("record.out"),
        )
        .await
        .expect_err("inside the vault");
        assert!(matches!(e, Error::Invalid { .. }), "{e:?}");
        assert!(e.to_string().contains("inside the vault folder"), "{e}");
    }
    let e =
        export::export_journal(&vault, day("2026-10-01"), day("2026-10-20"), Format::Markdown, &vault_dir.join("j.md"))
            .await
            .expect_err("inside the vault");
    assert!(e.to_string().contains("inside the vault folder"), "{e}");
    assert_eq!(common::snapshot_dir(&vault_dir), before, "nothing written in the vault folder");

    let e = export::export_client_record(
        &vault,
        &export_fixture::request("019a0000-0000-7000-8000-00000000dead", Format::Markdown),
        &dir.path().join("x.md"),
    )
    .await
    .expect_err("unknown client");
    assert!(matches!(e, Error::NotFound { .. }), "{e:?}");
    assert!(!dir.path().join("x.md").exists(), "nothing written for a failed export");
    let e =
        export::export_journal(&vault, day("2026-10-20"), day("2026-10-01"), Format::Json, &dir.path().join("j.json"))
            .await
            .expect_err("reversed range");
    assert!(e.to_string().starts_with("To:"), "{e}");
}
