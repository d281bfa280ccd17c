//! `wellkept client close|retention|erase|erasures` through the real binary, with the test clock
//! pinned (2 December 2026, London): the exact lines a person reads, the confirmation, the
//! typed override while retention runs, and a refusal that erases nothing.

mod common;

use common::{saved_id, stdout_of};
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-12-02T09:30:00Z";

fn run_with_input(root: &Path, args: &[&str], input: &str) -> Output {
    common::run_in_with_input(root, CLOCK, args, input)
}

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run_with_input(root, args, ""), args)
}

/// What an erasure says it cannot reach.
const BACKUPS: &str = "Backup files written with `wellkept backup` before now still hold this client: delete them. If one is restored on this computer, the client is erased again as it opens; restored on another computer, it would bring them back.";

/// "Erased client 1a2b3c4d": the id's last eight hex digits.
fn label(id: &str) -> String {
    let hex: String = id.chars().filter(char::is_ascii_alphanumeric).collect();
    format!("Erased client {}", &hex[hex.len() - 8..])
}

#[test]
fn retention_lists_shows_and_erasure_asks_and_logs() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let alex = saved_id(&wellkept(dir, &["client", "add", "Alex", "Morgan"]));
    let bea = saved_id(&wellkept(dir, &["client", "add", "Bea", "Young"]));
    let cai = saved_id(&wellkept(dir, &["client", "add", "Cai", "Active"]));

    assert_eq!(wellkept(dir, &["client", "retention"]), "No client's retention has ended.\n");
    assert_eq!(
        wellkept(dir, &["client", "close", &alex, "--on", "2019-02-03"]),
        "Alex Morgan: closed 3 Feb 2019; last contact 3 Feb 2019 (closing); retention ended 3 Feb 2026\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "close", &bea, "--on", "2024-05-10"]),
        "Bea Young: closed 10 May 2024; last contact 10 May 2024 (closing); retention ends 10 May 2031\n"
    );
    // A day still to come is refused (it was taken: "closed 1 Jan 2031 … retention ends 1 Jan 2038").
    let out = run_with_input(dir, &["client", "close", &bea, "--on", "2031-01-01"], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).ends_with(
            "wellkept: --on: 2031-01-01 has not come yet (today is 2026-12-02): close a client on or after the day the work ends\n"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        wellkept(dir, &["client", "retention", &bea]),
        "Bea Young: closed 10 May 2024; last contact 10 May 2024 (closing); retention ends 10 May 2031\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "retention", &cai]),
        "Cai Active: not closed; retention starts when the work ends and the client is closed\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "retention"]),
        format!("{alex}  Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2026\n")
    );
    // The practice's rule, and one client's own.
    assert_eq!(
        wellkept(dir, &["client", "retention-rule"]),
        "Records are kept 7 years after the last contact, and for a client whose date of birth is recorded, at least until they turn 25.\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "keep", &bea, "--until", "2026-06-30"]),
        "Bea Young: closed 10 May 2024; last contact 10 May 2024 (closing); retention ended 30 Jun 2026 (their own rule: kept until 30 Jun 2026)\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "keep", &bea, "--years", "8"]),
        "Bea Young: closed 10 May 2024; last contact 10 May 2024 (closing); retention ends 10 May 2032 (their own rule: 8 years after the last contact)\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "keep", &cai, "--years", "1"]),
        "Cai Active: not closed; retention starts when the work ends and the client is closed (their own rule: 1 year after the last contact)\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "keep", &bea, "--rule"]),
        "Bea Young: closed 10 May 2024; last contact 10 May 2024 (closing); retention ends 10 May 2031\n"
    );
    let out = run_with_input(dir, &["client", "retention-rule", "--years", "0"], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("0 is not a number of years from 1 to 100"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        wellkept(dir, &["client", "retention-rule", "--years", "6"]),
        "Records are kept 6 years after the last contact, and for a client whose date of birth is recorded, at least until they turn 25.\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "retention"]),
        format!("{alex}  Alex Morgan · closed 3 Feb 2019 · retention ended 3 Feb 2025\n")
    );
    wellkept(dir, &["client", "retention-rule", "--years", "7"]);

    // Not confirmed: nothing erased.
    let out = run_with_input(dir, &["client", "erase", &alex, "--reason", "retention"], "no\n");
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "This erases Alex Morgan and everything that refers to them from the vault and its older snapshots, for good. \
             Backup files written with `wellkept backup` before now still hold this client: delete them. If one is restored on this computer, the client is erased again as it opens; restored on another computer, it would bring them back.\n"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("nothing was erased (you did not type erase)"), "{stderr}");
    assert!(wellkept(dir, &["client", "show", &alex]).starts_with("Alex Morgan\n"));

    // A name is not an id: said so (it read "That client was not found. It may have been deleted.").
    let out = run_with_input(dir, &["client", "erase", "Alex Morgan", "--reason", "retention", "--yes"], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).ends_with(
            "wellkept: Client: no client has the id “Alex Morgan”; erase takes the id from `wellkept client list --status all`, never a name, since erasing cannot be undone\n"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    // Under retention: refused without the typed name, with a message that says what to do.
    let out = run_with_input(
        dir,
        &["client", "erase", &bea, "--reason", "request", "--note", "Letter of 1 Dec 2026", "--yes"],
        "",
    );
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "This record is kept until 10 May 2031: to erase it anyway, type the client's full name (capitals and spacing do not matter)"
        ),
        "{stderr}"
    );
    assert!(wellkept(dir, &["client", "show", &bea]).starts_with("Bea Young\n"));

    assert_eq!(
        wellkept_input(dir, &["client", "erase", &alex, "--reason", "retention"], "erase\n"),
        format!("{} · 2 Dec 2026 · retention ended\n{BACKUPS}\n", label(&alex))
    );
    assert_eq!(
        wellkept(
            dir,
            &[
                "client",
                "erase",
                &bea,
                "--reason",
                "request",
                "--note",
                "Letter of 1 Dec 2026",
                "--override",
                "Bea Young",
                "--yes",
            ]
        ),
        format!(
            "{} · 2 Dec 2026 · lawful request (Art. 17) · retention overridden · Letter of 1 Dec 2026\n{BACKUPS}\n",
            label(&bea)
        )
    );
    let log = wellkept(dir, &["client", "erasures"]);
    let mut lines: Vec<&str> = log.lines().collect();
    lines.sort_unstable();
    let mut expected = vec![
        format!("{} · 2 Dec 2026 · retention ended", label(&alex)),
        // The note (who asked, when) is in the log: it used to be kept but never printed.
        format!(
            "{} · 2 Dec 2026 · lawful request (Art. 17) · retention overridden · Letter of 1 Dec 2026",
            label(&bea)
        ),
    ];
    expected.sort_unstable();
    assert_eq!(lines, expected);
    let list = wellkept(dir, &["client", "list"]);
    assert!(!list.contains("Alex") && !list.contains("Bea") && list.contains("Cai Active"), "{list}");
    // An erased client's id is named as such (it read "no client is called “<id>”").
    let out = run_with_input(dir, &["consent", "list", "--client", &alex], "");
    assert!(!out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr).ends_with(
            "wellkept: --client: that client was erased on 2 Dec 2026; their record is gone (`wellkept client erasures`)\n"
        ),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(wellkept(dir, &["client", "retention"]), "No client's retention has ended.\n");
}

fn wellkept_input(root: &Path, args: &[&str], input: &str) -> String {
    let out = run_with_input(root, args, input);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// A closed client in the trash cannot be purged, and the refusal names the command that removes
/// them: before, it ended "restore them and use “Erase this client…” on their page", a button of
/// the window. Erasing works from the trash, as it says.
#[test]
fn purging_a_closed_client_names_the_erase_command() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let dan = saved_id(&wellkept(dir, &["client", "add", "Dan", "Old"]));
    wellkept(dir, &["client", "close", &dan, "--on", "2018-01-05"]);
    wellkept(dir, &["client", "delete", &dan]);

    let out = run_with_input(dir, &["trash", "purge", "client", &dan], "");
    assert!(!out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "wellkept: TEST CLOCK from 2026-12-02T09:30:00Z (TZ=Europe/London)\n\
             wellkept: This client cannot be purged: records still refer to them (notes, appointments, goals, measures, consents…), or they were closed and their record is kept for its retention. \
             To remove them and everything that refers to them for good, erase them (from the trash too): `wellkept client erase {dan} --reason retention`, or `--reason request --note …` for a lawful request.\n"
        )
    );
    assert_eq!(
        wellkept(dir, &["client", "erase", &dan, "--reason", "retention", "--yes"]),
        format!("{} · 2 Dec 2026 · retention ended\n{BACKUPS}\n", label(&dan))
    );
    assert_eq!(wellkept(dir, &["trash", "list"]), "The trash is empty.\n");
}

/// The erasure note may not hold the client's name, but a name is matched as whole words: before,
/// a client called "Al" could not be erased with the note "Asked in a letter from the local advice
/// centre" ("al" is in "local"). The name itself, in any case or spacing, is still refused.
#[test]
fn the_erasure_note_refuses_the_name_but_not_words_that_contain_it() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let al = saved_id(&wellkept(dir, &["client", "add", "Alan", "Smith", "--preferred-name", "Al"]));
    let erase = |note: &str| {
        run_with_input(
            dir,
            &["client", "erase", &al, "--reason", "request", "--note", note, "--override", "Alan Smith", "--yes"],
            "",
        )
    };
    for note in ["Al's sister rang, 20 Oct", "ALAN  SMITH asked by email", "Letter from alan-smith@example.org"] {
        let out = erase(note);
        assert!(!out.status.success(), "{note}");
        assert!(
            String::from_utf8_lossy(&out.stderr).ends_with(
                "wellkept: note: The note stays in the erasure log after the client is gone: leave their name out of it\n"
            ),
            "{note}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let note = "Asked in a letter from the local advice centre, 20 Oct";
    assert_eq!(
        stdout_of(erase(note), &["client", "erase"]),
        format!("{} · 2 Dec 2026 · lawful request (Art. 17) · retention overridden · {note}\n{BACKUPS}\n", label(&al))
    );
}
