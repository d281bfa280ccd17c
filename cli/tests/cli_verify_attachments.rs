//! `wellkept verify` checks every attached file the database refers to (not purged): the file is
//! there, decrypts with the vault key to the content its id names, and has the recorded size. A
//! missing or damaged file is named with the attachment's file name and what it is attached to,
//! the exit code is 5 (damaged), and nothing in the vault folder changes.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::SystemTime;

struct Cli {
    vault: PathBuf,
    pass: PathBuf,
}

impl Cli {
    fn run(&self, args: &[&str]) -> Output {
        common::run(&self.vault, &self.pass, None, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

/// A vault with "scan.pdf" on client Ana Reyes and "allotment.png" on the journal entry
/// "Allotment in April"; returns the two encrypted files' paths relative to the vault folder.
struct Fixture {
    _root: tempfile::TempDir,
    cli: Cli,
    scan: String,
    photo: String,
}

fn fixture() -> Fixture {
    let root = tempfile::tempdir().expect("tempdir");
    let cli = Cli { vault: root.path().join("vault"), pass: root.path().join("pass") };
    std::fs::write(&cli.pass, "verify attachments passphrase\n").expect("pass");
    cli.ok(&["init", "--no-keychain", "--recovery-key-out", root.path().join("recovery.txt").to_str().expect("utf-8")]);
    let client = cli.ok(&["client", "add", "Ana", "Reyes"]);
    let client = client.trim().rsplit(' ').next().expect("client id").to_owned();
    let entry = cli.ok(&["journal", "add", "--title", "Allotment in April", "Beans up, slugs too."]);
    let entry = entry.trim().strip_prefix("saved ").expect("entry id").to_owned();
    let scan = root.path().join("scan.pdf");
    std::fs::write(&scan, b"%PDF-1.4\n% consent to share with the GP, signed\n%%EOF\n").expect("scan");
    let photo = root.path().join("allotment.png");
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..4000u32).map(|i| (i * 7 % 253) as u8));
    std::fs::write(&photo, &png).expect("photo");
    cli.ok(&["attach", "add", "client", &client, scan.to_str().expect("utf-8")]);
    cli.ok(&["attach", "add", "journal_entry", &entry, photo.to_str().expect("utf-8")]);
    let file_of = |kind: &str, id: &str| {
        let listed = cli.ok(&["attach", "list", kind, id]);
        listed.lines().next().and_then(|l| l.split_whitespace().last()).expect("the encrypted file").to_owned()
    };
    let scan = file_of("client", &client);
    let photo = file_of("journal_entry", &entry);
    Fixture { _root: root, cli, scan, photo }
}

/// Every file under the vault folder: its bytes and modification time.
fn tree(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("read_dir") {
        let entry = entry.expect("entry");
        let path = entry.path();
        if path.is_dir() {
            out.extend(tree(&path));
        } else {
            let meta = entry.metadata().expect("metadata");
            out.insert(path.clone(), (std::fs::read(&path).expect("read"), meta.modified().expect("mtime")));
        }
    }
    out
}

/// The lines `verify` prints after the generations (those start "current " or "backup ").
fn attachment_lines(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| !l.starts_with("current ") && !l.starts_with("backup ")).collect()
}

#[test]
fn all_good_every_attached_file_is_checked_and_the_vault_is_intact() {
    let f = fixture();
    let before = tree(&f.cli.vault);
    let out = f.cli.run(&["verify"]);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(attachment_lines(&stdout), ["attachments: 2 of 2 files intact", "The vault is intact."]);
    assert!(stdout.lines().next().expect("a first line").starts_with("current snapshot"), "{stdout}");
    assert_eq!(tree(&f.cli.vault), before, "verify changed nothing in the vault folder");
}

#[test]
fn a_missing_file_is_named_with_its_attachment_and_owner_and_nothing_changes() {
    let f = fixture();
    std::fs::remove_file(f.cli.vault.join(&f.scan)).expect("remove the scan's file");
    let before = tree(&f.cli.vault);
    let out = f.cli.run(&["verify"]);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(out.status.code(), Some(5), "{stdout}{stderr}");
    assert_eq!(
        attachment_lines(&stdout),
        [
            format!("Attachment \"scan.pdf\" on client Ana Reyes: its file {} is missing", f.scan).as_str(),
            "attachments: 1 of 2 files intact"
        ]
    );
    assert!(stderr.contains("1 attached file (named above; restore a backup that has it)"), "{stderr}");
    assert_eq!(tree(&f.cli.vault), before, "verify changed nothing in the vault folder");
}

#[test]
fn one_flipped_byte_is_named_as_damaged_and_nothing_changes() {
    let f = fixture();
    let path = f.cli.vault.join(&f.photo);
    let mut bytes = std::fs::read(&path).expect("read");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0x01;
    std::fs::write(&path, &bytes).expect("flip a byte");
    let before = tree(&f.cli.vault);
    let out = f.cli.run(&["verify"]);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(out.status.code(), Some(5), "{stdout}{stderr}");
    assert_eq!(
        attachment_lines(&stdout),
        [
            format!(
                "Attachment \"allotment.png\" on journal entry \"Allotment in April\": its file {} is damaged or was replaced (it does not decrypt to the file attached)",
                f.photo
            )
            .as_str(),
            "attachments: 1 of 2 files intact"
        ]
    );
    assert!(stderr.contains("1 attached file (named above; restore a backup that has it)"), "{stderr}");
    assert_eq!(tree(&f.cli.vault), before, "verify changed nothing in the vault folder");
}

#[test]
fn a_file_swapped_for_another_attachments_file_is_damaged_too() {
    let f = fixture();
    // Both are valid age files to the vault's key; the content id tells them apart.
    std::fs::copy(f.cli.vault.join(&f.scan), f.cli.vault.join(&f.photo)).expect("swap");
    let out = f.cli.run(&["verify"]);
    let stdout = String::from_utf8(out.stdout).expect("utf-8");
    assert_eq!(out.status.code(), Some(5), "{stdout}");
    assert_eq!(
        attachment_lines(&stdout),
        [
            format!(
                "Attachment \"allotment.png\" on journal entry \"Allotment in April\": its file {} is damaged or was replaced (it does not decrypt to the file attached)",
                f.photo
            )
            .as_str(),
            "attachments: 1 of 2 files intact"
        ]
    );
}
