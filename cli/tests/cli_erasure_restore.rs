//! An erasure holds when an older copy of the vault comes back (docs/practice.md, "Retention and
//! erasure"): before, `wellkept restore` of a backup taken before `wellkept client erase` brought
//! the client back, with their notes, without a word. Now the computer that erased them keeps
//! the client's id outside the vault folder, and the restored vault, once opened, erases them
//! again and says so. Run through the real binary, on the test clock (2 December 2026, London).

mod common;

use common::{refused, saved_id, stdout_of};
use std::path::Path;
use std::process::{Command, Output};

const CLOCK: &str = "2026-12-02T09:30:00Z";

/// `wellkept --vault <vault> …` run in `root`, every path relative to it.
fn run(root: &Path, vault: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wellkept"))
        .current_dir(root)
        .args(["--vault", vault, "--passphrase-file", "pass", "--no-keychain"])
        .args(args)
        .env("TZ", "Europe/London")
        .env("WELLKEPT_TEST_CLOCK", CLOCK)
        .output()
        .expect("run wellkept")
}

fn wellkept(root: &Path, vault: &str, args: &[&str]) -> String {
    stdout_of(run(root, vault, args), args)
}

/// The id in "Added note <id> (draft).".
fn note_id(out: &str) -> String {
    out.strip_prefix("Added note ").and_then(|rest| rest.split(' ').next()).expect("an added note").to_owned()
}

const CLOCK_LINE: &str = "wellkept: TEST CLOCK from 2026-12-02T09:30:00Z (TZ=Europe/London)\n";

#[test]
fn a_backup_from_before_an_erasure_is_erased_again_when_it_is_opened() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    wellkept(dir, "vault", &["init", "--no-keychain", "--recovery-key-out", "recovery.txt"]);
    let alex = saved_id(&wellkept(dir, "vault", &["client", "add", "Alex", "Morgan"]));
    let cai = saved_id(&wellkept(dir, "vault", &["client", "add", "Cai", "Active"]));
    let alex_note = note_id(&wellkept(
        dir,
        "vault",
        &["note", "add", "--client", &alex, "--date", "2026-11-30", "--text", "Talked about the riverside walk"],
    ));
    let cai_note = note_id(&wellkept(
        dir,
        "vault",
        &["note", "add", "--client", &cai, "--date", "2026-12-01", "--text", "Planned the week ahead"],
    ));
    wellkept(dir, "vault", &["backup", "old.wkb"]);
    wellkept(
        dir,
        "vault",
        &[
            "client",
            "erase",
            &alex,
            "--reason",
            "request",
            "--note",
            "Letter of 1 Dec 2026",
            "--override",
            "Alex Morgan",
            "--yes",
        ],
    );

    wellkept(dir, "restored", &["restore", "old.wkb", "restored"]);
    // Restoring forgets this computer's high-water mark for the vault (restoring is the
    // person's choice to go back), so the restored copy is not refused as rolled back: until
    // this change it opened with the erased client in it, without a word.
    // Looking read-only changes nothing, and says what opening to write will do.
    let out = run(dir, "restored", &["--read-only", "client", "list"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "{CLOCK_LINE}wellkept: This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on 2 Dec 2026 was in it. Opened read-only, nothing was changed; opening it to write erases them again.\n"
        )
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("Alex Morgan"));

    // Opening it to write erases the client again, at once, and says so.
    let out = run(dir, "restored", &["unlock"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!(
            "{CLOCK_LINE}wellkept: This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on 2 Dec 2026 was in it and has been erased again, with everything that referred to them.\n"
        )
    );
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("Unlocked with the passphrase."));

    // The client and their note are gone; the other client and what was written about them stay.
    let list = wellkept(dir, "restored", &["client", "list", "--status", "all"]);
    assert!(!list.contains("Alex") && !list.contains(&alex) && list.contains("Cai Active"), "{list}");
    let refusal = refused(run(dir, "restored", &["note", "list", "--client", &alex]));
    assert!(
        refusal.ends_with(
            "wellkept: --client: that client was erased on 2 Dec 2026; their record is gone (`wellkept client erasures`)\n"
        ),
        "{refusal}"
    );
    let notes = wellkept(dir, "restored", &["note", "list", "--client", &cai]);
    assert!(notes.contains(&cai_note) && !notes.contains(&alex_note), "{notes}");
    let found = wellkept(dir, "restored", &["search", "riverside"]);
    assert!(!found.contains(&alex_note) && !found.contains("riverside"), "{found}");
    // The tombstone is written again, with its first day and reason; the note says what happened.
    let hex: String = alex.chars().filter(char::is_ascii_alphanumeric).collect();
    assert_eq!(
        wellkept(dir, "restored", &["client", "erasures"]),
        format!(
            "Erased client {} · 2 Dec 2026 · lawful request (Art. 17) · Erased again on 2 Dec 2026: an older copy of the vault that still held this client was opened (first erased on 2 Dec 2026)\n",
            &hex[hex.len() - 8..]
        )
    );

    // Said once: the next open has nothing to erase and says nothing.
    let out = run(dir, "restored", &["client", "list"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stderr), CLOCK_LINE);
}
