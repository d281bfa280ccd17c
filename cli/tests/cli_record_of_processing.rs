//! `wellkept privacy details` and `wellkept privacy record-of-processing` through the real
//! binary, clock and time zone pinned: the record of processing (GDPR Art. 30) read back from the
//! PDF with `pdftotext`, line by line in order (controller, purposes, lawful bases, data subjects,
//! data with counts, recipients from the disclosure log, transfers, retention, security), and the
//! same from the Markdown file; before the details are saved it says what to do.

mod common;

use common::{pdf_lines, stdout_of};
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn run(root: &Path, args: &[&str]) -> Output {
    common::run_in(root, CLOCK, args)
}

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run(root, args), args)
}

/// One part of the record's fixed lines, from the fixture the window's test reads too
/// (`tests/fixtures/record-of-processing/expected.txt`: `[name]` starts a part).
fn fixed_part(name: &str) -> Vec<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/record-of-processing/expected.txt");
    let text = std::fs::read_to_string(&path).expect("the record of processing fixture");
    let header = format!("[{name}]");
    let lines: Vec<String> = text
        .lines()
        .skip_while(|l| *l != header)
        .skip(1)
        .take_while(|l| !l.starts_with('['))
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(str::to_owned)
        .collect();
    assert!(!lines.is_empty(), "no part [{name}] in {}", path.display());
    lines
}

#[test]
fn the_record_of_processing_prints_what_the_vault_holds() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);

    // An empty practice: the controller and retention say where to write them.
    let empty = dir.join("empty.md");
    wellkept(dir, &["privacy", "record-of-processing", "--markdown", "--out", empty.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&empty).expect("read");
    assert!(text.contains("Not recorded: add the practice details (Settings › Privacy, or “wellkept privacy details” on the command line)."), "{text}");
    assert!(
        text.contains(
            "## Retention\n\nA closed client's record is kept 7 years after the last contact, and for a client whose date of birth is recorded, at least until they turn 25; then it may be erased, and each erasure is logged without the client's name (Settings › Record retention).\n"
        ),
        "the practice's rule, the default until changed, and no words of the mentor's yet: {text}"
    );

    let sam = wellkept(dir, &["client", "add", "Sam", "Patel"]);
    let sam = sam.lines().find_map(|l| l.strip_prefix("saved ")).expect("saved").trim().to_owned();
    wellkept(dir, &["client", "add", "Ana", "Silva"]);
    wellkept(dir, &["note", "add", "--client", &sam, "--date", "2026-03-30", "--text", "Allotment.", "--finalise"]);
    wellkept(dir, &["note", "add", "--client", &sam, "--date", "2026-03-31", "--text", "Grief?", "--private"]);
    let consent = wellkept(
        dir,
        &[
            "consent",
            "add",
            "--client",
            "Sam Patel",
            "--scope",
            "GP letters",
            "--given-on",
            "2026-03-01",
            "--basis",
            "consent",
            "--art9",
            "h",
        ],
    );
    let consent = consent.lines().find_map(|l| l.strip_prefix("saved ")).expect("saved").trim().to_owned();
    let gp = dir.join("sam.md");
    wellkept(
        dir,
        &[
            "export",
            "client",
            &sam,
            "--format",
            "md",
            "--out",
            gp.to_str().expect("utf-8"),
            "--to",
            "Dr Okafor",
            "--basis",
            &consent,
        ],
    );
    wellkept(
        dir,
        &[
            "privacy",
            "details",
            "--controller",
            "Riverside Mentoring (Alex Rowe)",
            "--address",
            "1 Mill Lane, Riverside",
            "--contact",
            "alex@riverside.example",
            "--retention",
            "Seven years after the last session.",
        ],
    );

    let pdf = dir.join("record.pdf");
    let out = wellkept(dir, &["privacy", "record-of-processing", "--out", pdf.to_str().expect("utf-8")]);
    assert!(out.starts_with(&format!("Wrote {}", pdf.display())), "{out}");
    let part = |name: &str| fixed_part(name);
    let lines = |l: &[&str]| l.iter().map(|s| (*s).to_owned()).collect::<Vec<String>>();
    assert_eq!(
        pdf_lines(&pdf),
        [
            part("page_header"),
            part("title"),
            lines(&[
                "Controller",
                "Name Riverside Mentoring (Alex Rowe)",
                "Address 1 Mill Lane, Riverside",
                "Contact alex@riverside.example",
                "From the practice details.",
                "Purposes of processing",
            ]),
            part("purpose_care"),
            part("purpose_private_notes"),
            part("purpose_sharing"),
            lines(&[
                "Lawful bases recorded on consent records",
                "Lawful basis Consents",
                "Consent (Art. 6(1)(a)) 1",
                "Categories of data subjects",
                "Whose data People",
                "Clients 2",
                "Categories of personal data",
                "Data Records Health data",
                "Client details (name, contact details, date of birth, needs) 2 No",
                "Session notes 1 Yes",
                "Private notes (not part of the record) 1 Yes",
                "Consent records 1 No",
                "Disclosure log entries 1 No",
                "Counts include records in the trash: they are held until purged.",
                "Exported from Wellkept Page 1 of 2",
            ]),
            part("page_header"),
            lines(&["Recipients", "Recipient Disclosures Last", "Dr Okafor 1 2 Apr 2026"]),
            part("transfers"),
            part("retention_rule"),
            lines(&["In the practice's own words: Seven years after the last session."]),
            part("security"),
            lines(&["Exported from Wellkept Page 2 of 2"]),
        ]
        .concat()
    );

    // The Markdown file says the same in the same order.
    let md = dir.join("record.md");
    wellkept(dir, &["privacy", "record-of-processing", "--markdown", "--out", md.to_str().expect("utf-8")]);
    let text = std::fs::read_to_string(&md).expect("read");
    let headings: Vec<&str> = text.lines().filter(|l| l.starts_with('#')).collect();
    assert_eq!(
        headings,
        vec![
            "# Record of processing activities",
            "## Controller",
            "## Purposes of processing",
            "### Lawful bases recorded on consent records",
            "## Categories of data subjects",
            "## Categories of personal data",
            "## Recipients",
            "## Transfers to other countries",
            "## Retention",
            "## Security measures",
        ]
    );
    let rows: Vec<&str> = text.lines().filter(|l| l.starts_with("| ") && !l.starts_with("| ---")).collect();
    assert_eq!(
        rows,
        vec![
            "| Lawful basis | Consents |",
            "| Consent (Art. 6(1)(a)) | 1 |",
            "| Whose data | People |",
            "| Clients | 2 |",
            "| Data | Records | Health data |",
            "| Client details (name, contact details, date of birth, needs) | 2 | No |",
            "| Session notes | 1 | Yes |",
            "| Private notes (not part of the record) | 1 | Yes |",
            "| Consent records | 1 | No |",
            "| Disclosure log entries | 1 | No |",
            "| Recipient | Disclosures | Last |",
            "| Dr Okafor | 1 | 2 Apr 2026 |",
        ]
    );

    // Details without the controller's name are refused with a message; the saved ones stay.
    let out = run(dir, &["privacy", "details", "--controller", " "]);
    assert!(!out.status.success());
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("Controller"), "{e}");
    wellkept(dir, &["privacy", "record-of-processing", "--markdown", "--out", md.to_str().expect("utf-8")]);
    assert!(std::fs::read_to_string(&md).expect("read").contains("- **Name:** Riverside Mentoring (Alex Rowe)"));
}
