//! `wellkept backup` and `wellkept restore` as a person types them: relative paths from the
//! working folder, the exact messages, and the restored vault holding the same entries. Before
//! this test a backup to a bare file name ("vault.wkb") was written whole and then reported as
//! failed ("a file or folder is missing"), because syncing its folder tried the empty path.

mod common;

use common::{refused, saved_id, stdout_of};
use std::path::Path;
use std::process::{Command, Output};

const CLOCK: &str = "2026-04-02T08:30:00Z";

/// `wellkept --vault <vault> …` run in `root`, every path relative to it.
fn run(root: &Path, vault: &str, args: &[&str]) -> Output {
    run_at(root, vault, CLOCK, args)
}

/// [`run`] on the test clock from `clock` (it runs on from there, so two processes started at one
/// clock may stamp their entries in either order).
fn run_at(root: &Path, vault: &str, clock: &str, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wellkept"))
        .current_dir(root)
        .args(["--vault", vault, "--passphrase-file", "pass", "--no-keychain"])
        .args(args)
        .env("TZ", "Europe/London")
        .env("WELLKEPT_TEST_CLOCK", clock)
        .output()
        .expect("run wellkept")
}

fn wellkept(root: &Path, vault: &str, args: &[&str]) -> String {
    stdout_of(run(root, vault, args), args)
}

#[test]
fn a_backup_to_a_bare_file_name_is_written_reported_and_restores() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    wellkept(dir, "vault", &["init", "--no-keychain", "--recovery-key-out", "recovery.txt"]);
    let first = saved_id(&wellkept(dir, "vault", &["journal", "add", "Walked", "by", "the", "river"]));
    let args = ["journal", "add", "Slept", "well"];
    let second = saved_id(&stdout_of(run_at(dir, "vault", "2026-04-02T20:30:00Z", &args), &args));

    let said = wellkept(dir, "vault", &["backup", "vault.wkb"]);
    let bytes = std::fs::metadata(dir.join("vault.wkb")).expect("the backup file").len();
    assert_eq!(
        said,
        format!(
            "Wrote an encrypted backup to vault.wkb ({bytes} bytes). It opens with this vault's passphrase or recovery key.\n"
        )
    );
    assert!(!dir.join("vault.wkb.tmp").exists(), "no temporary file is left behind");

    assert_eq!(
        wellkept(dir, "restored", &["restore", "vault.wkb", "restored"]),
        "Restored into restored. Unlock it with its passphrase or recovery key: wellkept --vault restored unlock --passphrase-file …\n"
    );
    let listed = format!("2026-04-02  {second}  Slept well\n2026-04-02  {first}  Walked by the river\n");
    assert_eq!(wellkept(dir, "restored", &["journal", "list"]), listed);
    assert_eq!(wellkept(dir, "vault", &["journal", "list"]), listed);

    // Restoring over the vault it came from, or over the restored copy, is refused.
    for over in ["vault", "restored"] {
        let refusal = refused(run(dir, over, &["restore", "vault.wkb", over]));
        assert!(
            refusal.contains(&format!("There is already a vault at {over} (found: wellkept-vault.json, keys/, data/")),
            "{refusal}"
        );
    }
    assert_eq!(wellkept(dir, "restored", &["journal", "list"]), listed);
}

/// A backup never writes over a file that is not a backup. Before, `wellkept backup notes.txt`
/// replaced the person's file with the backup without a word, and a missing folder read "Writing
/// the backup file failed: a file or folder is missing." Now each is refused naming the file, the
/// file is left as it was, and replacing an older backup says so.
#[test]
fn a_backup_never_writes_over_a_file_that_is_not_a_backup() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    wellkept(dir, "vault", &["init", "--no-keychain", "--recovery-key-out", "recovery.txt"]);
    std::fs::write(dir.join("notes.txt"), "My own notes\n").expect("notes");

    let refusal = refused(run(dir, "vault", &["backup", "notes.txt"]));
    assert_eq!(
        refusal,
        "wellkept: TEST CLOCK from 2026-04-02T08:30:00Z (TZ=Europe/London)\n\
         wellkept: Backup file: notes.txt already exists and is not a Wellkept backup; nothing was written. Name a new file (a backup only replaces an older backup)\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).expect("notes"), "My own notes\n");

    let refusal = refused(run(dir, "vault", &["backup", "missing/vault.wkb"]));
    assert!(
        refusal.ends_with(
            "wellkept: Backup file: the folder missing does not exist; make it first, or name a file in a folder that does\n"
        ),
        "{refusal}"
    );
    let refusal = refused(run(dir, "vault", &["backup", "vault/inside.wkb"]));
    assert!(
        refusal.ends_with(&format!(
            "wellkept: Backup file: vault/inside.wkb is inside the vault folder {}: a backup there is lost with the vault; choose a folder outside it (another disk is best)\n",
            dir.join("vault").canonicalize().expect("vault").display()
        )),
        "{refusal}"
    );
    assert!(!dir.join("vault/inside.wkb").exists());

    wellkept(dir, "vault", &["backup", "vault.wkb"]);
    let said = wellkept(dir, "vault", &["backup", "vault.wkb"]);
    let bytes = std::fs::metadata(dir.join("vault.wkb")).expect("the backup file").len();
    assert_eq!(
        said,
        format!(
            "Wrote an encrypted backup to vault.wkb, replacing the older backup there ({bytes} bytes). It opens with this vault's passphrase or recovery key.\n"
        )
    );
}

/// Restoring into a path that is a file says so: before, it read "Creating the restored vault
/// failed: the operating system reported an input/output error." (exit 6). The file is untouched.
#[test]
fn a_restore_into_a_file_says_it_is_not_a_folder() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    wellkept(dir, "vault", &["init", "--no-keychain", "--recovery-key-out", "recovery.txt"]);
    wellkept(dir, "vault", &["backup", "vault.wkb"]);
    std::fs::write(dir.join("notes.txt"), "My own notes\n").expect("notes");

    let out = run(dir, "restored", &["restore", "vault.wkb", "notes.txt"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wellkept: TEST CLOCK from 2026-04-02T08:30:00Z (TZ=Europe/London)\n\
         wellkept: New vault folder: notes.txt is a file, not a folder; name a new folder to restore into\n"
    );
    assert_eq!(std::fs::read_to_string(dir.join("notes.txt")).expect("notes"), "My own notes\n");
}

/// A restore goes into a new or empty folder, as its help says: before, one holding the person's
/// own files went ahead and put the vault's folders among them. Hidden entries (a sync engine's
/// `.stfolder`) do not count.
#[test]
fn a_restore_into_a_folder_of_other_files_is_refused_and_a_synced_empty_one_is_not() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    wellkept(dir, "vault", &["init", "--no-keychain", "--recovery-key-out", "recovery.txt"]);
    wellkept(dir, "vault", &["backup", "vault.wkb"]);
    std::fs::create_dir(dir.join("Documents")).expect("Documents");
    for name in ["tax.pdf", "letter.txt", "cv.odt", "photos"] {
        std::fs::write(dir.join("Documents").join(name), "mine").expect("a file of mine");
    }

    let out = run(dir, "restored", &["restore", "vault.wkb", "Documents"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wellkept: TEST CLOCK from 2026-04-02T08:30:00Z (TZ=Europe/London)\n\
         wellkept: New vault folder: Documents already holds other files (cv.odt, letter.txt, photos, …); name a new or empty folder to restore into\n"
    );
    let mut left: Vec<String> = std::fs::read_dir(dir.join("Documents"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(left, ["cv.odt", "letter.txt", "photos", "tax.pdf"]);

    std::fs::create_dir(dir.join("Synced")).expect("Synced");
    std::fs::create_dir(dir.join("Synced").join(".stfolder")).expect(".stfolder");
    assert_eq!(
        wellkept(dir, "Synced", &["restore", "vault.wkb", "Synced"]),
        "Restored into Synced. Unlock it with its passphrase or recovery key: wellkept --vault Synced unlock --passphrase-file …\n"
    );
}
