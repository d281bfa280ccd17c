//! `wellkept consent add --basis --art9`, `wellkept export client --to --basis` and
//! `--right-of-access` through the real binary, clock and time zone pinned: the exact lines
//! printed, the disclosure log they leave, and the consent's "Relied on by" line.

mod common;

use common::{saved_id, stdout_of};
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn run(root: &Path, args: &[&str]) -> Output {
    common::run_in(root, CLOCK, args)
}

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run(root, args), args)
}

fn refused(root: &Path, args: &[&str]) -> String {
    let out = run(root, args);
    assert!(!out.status.success(), "{args:?} should fail");
    String::from_utf8(out.stderr).expect("utf-8 output")
}

#[test]
fn an_export_is_logged_and_the_consent_says_it_was_relied_on() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel"]));

    let e = refused(
        dir,
        &["consent", "add", "--client", "Sam Patel", "--scope", "GP", "--basis", "because", "--art9", "a"],
    );
    assert!(e.contains("lawful basis: “because” is not a lawful basis; use one of consent, contract, legal_obligation, vital_interests, public_task, legitimate_interests"), "{e}");
    let e = refused(
        dir,
        &["consent", "add", "--client", "Sam Patel", "--scope", "GP", "--basis", "consent", "--art9", "other"],
    );
    assert!(e.contains("Art. 9 condition: “other” needs the condition written out"), "{e}");

    let gp = saved_id(&wellkept(
        dir,
        &[
            "consent",
            "add",
            "--client",
            "Sam Patel",
            "--scope",
            "Share my record with my GP",
            "--given-on",
            "2026-03-01",
            "--basis",
            "consent",
            "--art9",
            "h",
        ],
    ));
    let out = dir.join("sam.md");
    let e = refused(
        dir,
        &[
            "export",
            "client",
            &sam,
            "--format",
            "md",
            "--out",
            out.to_str().expect("utf-8"),
            "--to",
            "Dr Okafor",
            "--basis",
            "nonsense-id",
        ],
    );
    assert!(e.contains("consent: is not one of this client's consent records"), "{e}");
    assert!(!out.exists(), "a refused export writes no file");

    assert_eq!(
        wellkept(
            dir,
            &[
                "export",
                "client",
                &sam,
                "--format",
                "md",
                "--out",
                out.to_str().expect("utf-8"),
                "--to",
                "Dr Okafor, Canal Street Surgery",
                "--basis",
                &gp
            ],
        )
        .lines()
        .nth(1)
        .expect("logged line"),
        "Logged: 2026-04-02  Client record export, Markdown, all sections  to Dr Okafor, Canal Street Surgery"
    );
    let access = dir.join("access.md");
    let printed = wellkept(
        dir,
        &["export", "client", &sam, "--format", "md", "--out", access.to_str().expect("utf-8"), "--right-of-access"],
    );
    assert_eq!(
        printed.lines().nth(1).expect("logged line"),
        "Logged: 2026-04-02  Right of access, to the client: client record export, Markdown, everything held  to the client themselves"
    );
    let md = std::fs::read_to_string(&access).expect("read");
    assert!(md.contains("| Consent | 1 |\n| Disclosure log | 1 |\n"), "{md}");

    assert_eq!(
        wellkept(dir, &["consent", "list", "--client", "Sam Patel"]),
        format!(
            "{gp}  Share my record with my GP  (given 2026-03-01; in force)\n    Consent (Art. 6(1)(a)); Art. 9(2)(h) health or social care\n    Relied on by 1 disclosure\n      2026-04-02  Client record export, Markdown, all sections  to Dr Okafor, Canal Street Surgery\n"
        )
    );
}

/// `export client` takes the client's name, as `consent --client` does: before, `wellkept export
/// client "Sam Patel" --right-of-access …` was refused with "client: is not a known client id".
/// A name that is no client's is named as such.
#[test]
fn a_client_record_is_exported_by_name() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    wellkept(dir, &["client", "add", "Sam", "Patel", "--preferred-name", "Sammy"]);
    let out = dir.join("access.md");
    let out = out.to_str().expect("utf-8");

    let printed =
        wellkept(dir, &["export", "client", "sam patel", "--format", "md", "--out", out, "--right-of-access"]);
    assert_eq!(
        printed,
        format!(
            "Wrote {out} ({} bytes).\nLogged: 2026-04-02  Right of access, to the client: client record export, Markdown, everything held  to the client themselves\n",
            std::fs::metadata(out).expect("written").len()
        )
    );
    assert!(std::fs::read_to_string(out).expect("read").starts_with("# Client record: Sam Patel (Sammy)\n"));
    let printed = wellkept(
        dir,
        &[
            "export",
            "client",
            "Sammy",
            "--format",
            "md",
            "--out",
            out,
            "--to",
            "Dr Okafor",
            "--basis",
            "legal_obligation",
        ],
    );
    assert!(
        printed.contains("\nLogged: 2026-04-02  Client record export, Markdown, all sections  to Dr Okafor\n"),
        "{printed}"
    );

    let e = refused(dir, &["export", "client", "Sam Smith", "--format", "md", "--out", out, "--right-of-access"]);
    assert!(e.ends_with("wellkept: Client: no client is called “Sam Smith”; did you mean Sam Patel?\n"), "{e}");
}

/// An export on a consent that no longer holds says which way it stopped: before, each read
/// "“…” was not in force on 2026-04-02 (not yet given, expired or withdrawn)".
#[test]
fn an_export_on_a_consent_not_in_force_says_why() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    wellkept(dir, &["client", "add", "Sam", "Patel"]);
    let consent = |scope: &str, given: &str, expires: Option<&str>| {
        let mut args = vec!["consent", "add", "--client", "Sam Patel", "--scope", scope, "--given-on", given];
        args.extend(["--basis", "consent", "--art9", "h"]);
        if let Some(e) = expires {
            args.extend(["--expires-on", e]);
        }
        saved_id(&wellkept(dir, &args))
    };
    let expired = consent("Letters to my GP", "2026-01-10", Some("2026-03-31"));
    let later = consent("Letters to the new service", "2026-05-01", None);
    let withdrawn = consent("Letters to my school", "2026-02-01", None);
    wellkept(dir, &["consent", "withdraw", &withdrawn, "--on", "2026-04-01"]);
    let out = dir.join("record.md");
    let export = |basis: &str| {
        let args = ["export", "client", "Sam Patel", "--format", "md", "--out", out.to_str().expect("utf-8")];
        refused(dir, &[&args[..], &["--to", "Dr Okafor", "--basis", basis]].concat())
    };
    let tail = ". Record the consent the client gives now, or choose another basis\n";
    for (basis, said) in [
        (expired, "“Letters to my GP” was not in force on 2026-04-02: it expired on 2026-03-31"),
        (later, "“Letters to the new service” was not in force on 2026-04-02: it is recorded as given on 2026-05-01"),
        (withdrawn, "“Letters to my school” was not in force on 2026-04-02: it was withdrawn on 2026-04-01"),
    ] {
        let e = export(&basis);
        assert!(e.ends_with(&format!("wellkept: consent: {said}{tail}")), "{e}");
    }
    assert!(!out.exists(), "nothing was written");

    // The record's consent table says the same in its "Holds" column: the expired one read
    // "Until 2026-03-31" and the later one "Ongoing".
    let args = ["export", "client", "Sam Patel", "--format", "md", "--out", out.to_str().expect("utf-8")];
    wellkept(dir, &[&args[..], &["--right-of-access"]].concat());
    let md = std::fs::read_to_string(&out).expect("read");
    let table: Vec<&str> = md.lines().skip_while(|l| *l != "## Consent").skip(4).take(3).collect();
    assert_eq!(
        table,
        [
            "| 2026-01-10 | Letters to my GP | Expired 2026-03-31 |  |",
            "| 2026-02-01 | Letters to my school | Withdrawn 2026-04-01 |  |",
            "| 2026-05-01 | Letters to the new service | From 2026-05-01 |  |",
        ]
    );
}

/// A Markdown or JSON export copies the attached files beside the document, decrypted: the
/// output now says where. Before, only "Wrote record.md (N bytes)." was printed, and the
/// `record-attachments` folder of plaintext files went unmentioned. A PDF writes no folder and
/// says nothing of one.
#[test]
fn an_export_names_the_folder_of_attached_files_it_wrote() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel"]));
    let form = dir.join("intake.txt");
    std::fs::write(&form, "Intake form\n").expect("form");
    wellkept(dir, &["attach", "add", "client", &sam, form.to_str().expect("utf-8")]);
    let out_dir = dir.join("out");
    std::fs::create_dir(&out_dir).expect("out");
    let md = out_dir.join("record.md");
    let folder = out_dir.canonicalize().expect("out").join("record-attachments");

    let printed = wellkept(
        dir,
        &["export", "client", "Sam Patel", "--format", "md", "--out", md.to_str().expect("utf-8"), "--right-of-access"],
    );
    assert_eq!(
        printed,
        format!(
            "Wrote {} ({} bytes).\nWrote its attached files to {} (not encrypted either: delete them with it).\n\
             Logged: 2026-04-02  Right of access, to the client: client record export, Markdown, everything held  to the client themselves\n",
            md.display(),
            std::fs::metadata(&md).expect("written").len(),
            folder.display()
        )
    );
    assert_eq!(std::fs::read_to_string(folder.join("intake.txt")).expect("copy"), "Intake form\n");

    let pdf = out_dir.join("record.pdf");
    let printed = wellkept(
        dir,
        &[
            "export",
            "client",
            "Sam Patel",
            "--format",
            "pdf",
            "--out",
            pdf.to_str().expect("utf-8"),
            "--right-of-access",
        ],
    );
    assert!(!printed.contains("attached files"), "{printed}");
}
