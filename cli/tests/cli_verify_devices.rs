//! `wellkept verify` and `wellkept devices` with a damaged computer's entry in `devices/` and a
//! stray file in `data/` (decision 75), as a person found them: the entry's name was replaced
//! by the host name without a word and `verify` said the vault was intact. Now `verify` names
//! the file and exits 5; the next open keeps the damaged bytes aside and the computer's name;
//! another computer lists a damaged entry instead of dropping it. Two "computers" are two state
//! folders (`XDG_DATA_HOME`).

mod common;

use std::path::{Path, PathBuf};

fn wellkept(root: &Path, state: &Path, clock: &str, args: &[&str]) -> (i32, String, String) {
    let out = common::london(&root.join("vault"), &root.join("pass"), Some(clock))
        .args(args)
        .env("XDG_DATA_HOME", state)
        .output()
        .expect("run wellkept");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(root: &Path, state: &Path, clock: &str, args: &[&str]) -> String {
    let (code, out, err) = wellkept(root, state, clock, args);
    assert_eq!(code, 0, "wellkept {args:?}: {err}");
    out
}

/// The id a computer keeps for the vault (one vault here, so one file).
fn id_of(state: &Path) -> String {
    let files: Vec<PathBuf> = std::fs::read_dir(state.join("wellkept/devices"))
        .expect("id folder")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(&files[0]).expect("id file").trim().to_owned()
}

/// Flips one bit of byte 200 of `path`, as the person who found the defect did.
fn flip(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("read");
    bytes[200] ^= 1;
    std::fs::write(path, &bytes).expect("write");
    bytes
}

/// `verify`'s lines after the generations (those start "current " or "backup ").
fn after_generations(stdout: &str) -> Vec<&str> {
    stdout.lines().filter(|l| !l.starts_with("current ") && !l.starts_with("backup ")).collect()
}

const T1: &str = "2026-04-02T08:30:00Z";
const T2: &str = "2026-04-03T19:05:00Z";

#[test]
fn a_damaged_entry_of_this_computer_fails_verify_and_the_next_open_keeps_its_bytes_and_its_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase for the office\n").expect("pass");
    let office = root.join("office-state");
    ok(root, &office, T1, &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")]);
    ok(root, &office, T1, &["journal", "add", "one"]);
    ok(root, &office, T1, &["devices", "rename", "Office desktop"]);
    let id = id_of(&office);
    let short = &id[..8];
    let entry = root.join("vault/devices").join(format!("{id}.age"));
    let damaged = flip(&entry);

    let (code, stdout, stderr) = wellkept(root, &office, T2, &["verify"]);
    assert_eq!(code, 5, "{stdout}{stderr}");
    assert_eq!(
        after_generations(&stdout),
        [
            "attachments: none",
            format!(
                "the entry of this computer ({short}) in devices/ is damaged: it does not decrypt with the vault's key (devices/{id}.age); this computer sets it aside and writes a fresh one when it next opens the vault for writing"
            )
            .as_str(),
        ]
    );
    // Nothing to restore: the entry is written afresh by its computer (decision 77).
    assert!(
        stderr.contains(
            "Part of the vault is damaged (1 file beside the records, named above; the records themselves are intact). Nothing was changed on disk. Nothing needs restoring: each file named above says what becomes of it.\n"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("Restore from a backup"), "{stderr}");
    assert_eq!(std::fs::read(&entry).expect("read"), damaged, "verify changed nothing");

    // The next open: the name and first-opened time are kept, the damaged bytes set aside.
    assert_eq!(
        ok(root, &office, T2, &["devices"]),
        format!(
            "{id}  Office desktop  (this computer, the home)\n    first opened 2026-04-02 08:30 UTC, last opened 2026-04-03 19:05 UTC\n"
        )
    );
    let aside = root.join("vault/devices").join(format!("{id}.age.damaged"));
    assert_eq!(std::fs::read(aside).expect("kept aside"), damaged);

    // A stray file in data/ named like a snapshot.
    std::fs::write(root.join("vault/data/snapshot-00000000000000000009.age"), b"garbage\n").expect("plant");
    let (code, stdout, stderr) = wellkept(root, &office, T2, &["verify"]);
    assert_eq!(code, 5, "{stdout}{stderr}");
    assert_eq!(
        after_generations(&stdout),
        [
            "attachments: none",
            "data/snapshot-00000000000000000009.age is damaged: it is named like a snapshot of this vault but does not decrypt with the vault's key, and no change log continues it; the vault does not use it",
            format!(
                "devices/{id}.age.damaged: the damaged entry of this computer ({short}), set aside by this computer, which wrote a fresh one; nothing reads this file, and it can be deleted"
            )
            .as_str(),
        ]
    );

    // The home's compaction removes it, and says so (decision 77).
    let compacted = ok(root, &office, T2, &["compact"]);
    assert_eq!(
        compacted.lines().skip(1).collect::<Vec<_>>(),
        [
            "Removed data/snapshot-00000000000000000009.age: it was named like a snapshot of this vault, but no change log continued it, so the vault did not use it."
        ],
        "{compacted}"
    );
    assert!(compacted.starts_with("Compacted: snapshot at "), "{compacted}");
    assert!(!root.join("vault/data/snapshot-00000000000000000009.age").exists());
    let (code, stdout, stderr) = wellkept(root, &office, T2, &["verify"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert_eq!(
        after_generations(&stdout),
        [
            "attachments: none",
            format!(
                "devices/{id}.age.damaged: the damaged entry of this computer ({short}), set aside by this computer, which wrote a fresh one; nothing reads this file, and it can be deleted"
            )
            .as_str(),
            "The vault is intact.",
        ]
    );
}

#[test]
fn a_damaged_entry_of_the_home_is_listed_on_the_laptop_and_named_by_its_verify() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase for two computers\n").expect("pass");
    let (office, laptop) = (root.join("office-state"), root.join("laptop-state"));
    ok(root, &office, T1, &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")]);
    ok(root, &office, T1, &["journal", "add", "one"]);
    ok(root, &office, T1, &["devices", "rename", "Office desktop"]);
    ok(root, &laptop, T2, &["devices", "rename", "Laptop"]);
    let (office_id, laptop_id) = (id_of(&office), id_of(&laptop));
    let entry = root.join("vault/devices").join(format!("{office_id}.age"));
    let damaged = flip(&entry);
    let when = std::time::UNIX_EPOCH + std::time::Duration::from_secs(1_775_118_600); // 2026-04-02 08:30 UTC
    std::fs::File::options().write(true).open(&entry).and_then(|f| f.set_modified(when)).expect("mtime");

    assert_eq!(
        ok(root, &laptop, T2, &["devices"]),
        format!(
            "{laptop_id}  Laptop  (this computer)\n    first opened 2026-04-03 19:05 UTC, last opened 2026-04-03 19:05 UTC\n\
             {office_id}  a computer whose entry is damaged  (the home)\n    its entry is damaged (last changed 2026-04-02 08:30 UTC): its name and when it first opened the vault are not known; that computer sets it aside and writes a fresh one when it next opens the vault\n"
        )
    );
    assert_eq!(std::fs::read(&entry).expect("read"), damaged, "the laptop never writes the office's entry");

    let (code, stdout, stderr) = wellkept(root, &laptop, T2, &["verify"]);
    assert_eq!(code, 5, "{stdout}{stderr}");
    assert_eq!(
        after_generations(&stdout),
        [
            "attachments: none",
            format!(
                "the entry of computer {} in devices/ is damaged: it does not decrypt with the vault's key (devices/{office_id}.age); that computer sets it aside and writes a fresh one when it next opens the vault",
                &office_id[..8]
            )
            .as_str(),
        ]
    );

    // The office opens again: its entry is whole, under its name, on both.
    ok(root, &office, T2, &["journal", "list"]);
    assert!(
        ok(root, &laptop, T2, &["devices"]).contains(&format!("{office_id}  Office desktop  (the home)\n")),
        "listed by name again"
    );
}
