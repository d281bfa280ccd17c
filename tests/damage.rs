//! Damage on disk: a flipped byte anywhere in the snapshot, the journal (its last complete
//! record included) or a key file must give a clear error and leave every file byte-identical;
//! a journal cut at any byte of its last record must open with exactly the acknowledged state
//! before it.

mod common;

use std::path::{Path, PathBuf};

use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, Vault};

struct Fixture {
    _dir: tempfile::TempDir,
    vault_dir: PathBuf,
    recovery: String,
}

/// A vault with one compacted generation and a few journal records on top of it.
async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    for i in 0..3 {
        common::add_entry(&created.vault, &format!("before compaction {i}")).await;
    }
    created.vault.compact().await.expect("compact");
    for i in 0..4 {
        common::add_entry(&created.vault, &format!("in the journal {i}")).await;
    }
    Fixture { _dir: dir, vault_dir, recovery }
}

fn newest(dir: &Path, prefix: &str) -> PathBuf {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("data"))
        .expect("data dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .collect();
    files.sort();
    files.pop().expect("a file with that prefix")
}

async fn open_by_recovery(f: &Fixture) -> wellkept::Result<Vault> {
    Vault::open(&f.vault_dir, Unlock::RecoveryKey(RecoveryKey::parse(&f.recovery).expect("key"))).await
}

/// Flips each chosen byte of `file` in turn; each time the open must fail with `expected_kind`
/// and leave every file as it was.
async fn flips_are_refused(
    f: &Fixture,
    file: &Path,
    offsets: impl Iterator<Item = usize>,
    expected: &[&str],
    unlock_by_passphrase: bool,
) {
    let original = std::fs::read(file).expect("read");
    let before = common::snapshot_dir(&f.vault_dir);
    let mut tried = 0;
    for offset in offsets {
        let mut bytes = original.clone();
        bytes[offset] ^= 0x5a;
        std::fs::write(file, &bytes).expect("write damaged");
        let damaged_state = common::snapshot_dir(&f.vault_dir);
        let result = if unlock_by_passphrase {
            Vault::open(&f.vault_dir, Unlock::Passphrase(common::passphrase())).await
        } else {
            open_by_recovery(f).await
        };
        let err = result.err().unwrap_or_else(|| panic!("flip at byte {offset} of {} was not noticed", file.display()));
        assert!(expected.contains(&err.kind()), "flip at {offset}: got {} ({err})", err.kind());
        assert!(!err.to_string().is_empty());
        assert_eq!(
            damaged_state,
            common::snapshot_dir(&f.vault_dir),
            "a refused open changed files (flip at {offset})"
        );
        tried += 1;
    }
    std::fs::write(file, &original).expect("restore");
    assert_eq!(before, common::snapshot_dir(&f.vault_dir));
    assert!(tried > 0);
    open_by_recovery(f).await.expect("opens again once repaired");
}

#[tokio::test]
async fn a_flipped_byte_anywhere_in_the_snapshot_is_refused() {
    let f = fixture().await;
    let snapshot = newest(&f.vault_dir, "snapshot-");
    let len = std::fs::metadata(&snapshot).expect("meta").len() as usize;
    // Every byte of the age header and of the last kilobyte, and ~300 evenly spread through
    // the body (every flip is caught by the same digest check, so more adds time, not cover).
    let stride = (len / 300).max(97);
    let offsets = (0..400.min(len)).chain((400..len).step_by(stride)).chain(len.saturating_sub(1024)..len);
    flips_are_refused(&f, &snapshot, offsets, &["damaged"], false).await;
}

#[tokio::test]
async fn a_flipped_byte_anywhere_in_the_journal_before_its_last_record_is_refused() {
    let f = fixture().await;
    let journal = newest(&f.vault_dir, "journal-");
    let bytes = std::fs::read(&journal).expect("read");
    let last_frame = last_frame_start(&bytes);
    flips_are_refused(&f, &journal, 0..last_frame, &["damaged"], false).await;
}

/// Regression (issue 9): a byte changed inside the last *complete* record was dropped as a
/// torn tail and the file cut. Only a record the file ends inside, or one past this computer's
/// high-water mark, is a torn write; this one was acknowledged.
#[tokio::test]
async fn a_flipped_byte_inside_the_last_complete_record_is_refused() {
    let f = fixture().await;
    let journal = newest(&f.vault_dir, "journal-");
    let bytes = std::fs::read(&journal).expect("read");
    let last_frame = last_frame_start(&bytes);
    flips_are_refused(&f, &journal, last_frame..bytes.len(), &["damaged"], false).await;
}

#[tokio::test]
async fn a_flipped_byte_in_a_key_file_is_refused() {
    let f = fixture().await;
    let recovery = f.vault_dir.join("keys/recovery.age");
    let len = std::fs::metadata(&recovery).expect("meta").len() as usize;
    flips_are_refused(&f, &recovery, 0..len, &["wrong_key"], false).await;
    let passphrase = f.vault_dir.join("keys/passphrase.age");
    let len = std::fs::metadata(&passphrase).expect("meta").len() as usize;
    flips_are_refused(&f, &passphrase, 0..len, &["wrong_key"], true).await;
}

#[tokio::test]
async fn a_damaged_descriptor_never_opens_a_wrong_vault_or_changes_files() {
    let f = fixture().await;
    let config = f.vault_dir.join("wellkept-vault.json");
    let original = std::fs::read(&config).expect("read");
    for offset in 0..original.len() {
        let mut bytes = original.clone();
        bytes[offset] ^= 0x5a;
        std::fs::write(&config, &bytes).expect("write");
        let state = common::snapshot_dir(&f.vault_dir);
        // Most flips break the JSON or the key check; a flip inside insignificant whitespace
        // may leave an equivalent descriptor. Either way: no panic, no change on disk, and if
        // it opens, it is the same vault with the same entries.
        if let Ok(vault) = open_by_recovery(&f).await {
            assert_eq!(common::count_entries(&vault).await, 7, "flip at {offset}");
        }
        assert_eq!(state, common::snapshot_dir(&f.vault_dir), "flip at {offset}");
    }
    std::fs::write(&config, &original).expect("restore");
}

#[tokio::test]
async fn a_journal_cut_anywhere_in_its_last_record_opens_with_everything_before_it() {
    let f = fixture().await;
    // A crash in the middle of writing the last record happens before it is acknowledged, so
    // before the high-water mark moves: keep the mark as it was before that write.
    let mark = wellkept::vault::mark_path(&Vault::load(&f.vault_dir).expect("load").id()).expect("mark path");
    let mark_before = std::fs::read(&mark).expect("mark");
    let vault = open_by_recovery(&f).await.expect("open");
    common::add_entry(&vault, "being written when the power went").await;
    drop(vault);
    let journal = newest(&f.vault_dir, "journal-");
    let bytes = std::fs::read(&journal).expect("read");
    let last_frame = last_frame_start(&bytes);
    for cut in last_frame..bytes.len() {
        std::fs::write(&journal, &bytes[..cut]).expect("truncate");
        std::fs::write(&mark, &mark_before).expect("mark before the write");
        let vault = open_by_recovery(&f).await.unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
        assert_eq!(common::count_entries(&vault).await, 7, "cut at {cut}: the 3 compacted + 4 journaled");
        drop(vault);
        assert_eq!(std::fs::read(&journal).expect("read").len(), last_frame, "the torn tail is cut off on open");
    }
    // After a torn tail was cut, new writes append cleanly and survive.
    let vault = open_by_recovery(&f).await.expect("open");
    common::add_entry(&vault, "after the crash").await;
    drop(vault);
    let vault = open_by_recovery(&f).await.expect("open");
    assert_eq!(common::count_entries(&vault).await, 8);
}

/// An acknowledged record cut short is not a torn write (a crash cannot undo an fsync): with
/// this computer's mark past it, the cut is refused as a rollback and the file stays as it is.
#[tokio::test]
async fn a_journal_cut_inside_an_acknowledged_record_is_refused() {
    let f = fixture().await;
    let journal = newest(&f.vault_dir, "journal-");
    let bytes = std::fs::read(&journal).expect("read");
    let last_frame = last_frame_start(&bytes);
    for cut in (last_frame..bytes.len()).step_by(13) {
        std::fs::write(&journal, &bytes[..cut]).expect("truncate");
        let before = common::snapshot_dir(&f.vault_dir);
        let err = open_by_recovery(&f).await.expect_err("an acknowledged record is missing");
        assert_eq!(err.kind(), "rolled_back", "cut at {cut}: {err}");
        assert_eq!(before, common::snapshot_dir(&f.vault_dir), "cut at {cut}: files changed");
    }
}

/// Offset of the last frame in a journal file (see src/vault/changelog.rs for the layout).
fn last_frame_start(bytes: &[u8]) -> usize {
    assert_eq!(&bytes[..8], b"WKJRNL02", "a current-format journal");
    let mut pos = 200;
    let mut last = pos;
    while pos + 8 <= bytes.len() {
        let len = u32::from_le_bytes(bytes[pos..pos + 4].try_into().expect("4 bytes")) as usize;
        last = pos;
        pos += 8 + len;
    }
    assert_eq!(pos, bytes.len(), "well-formed journal");
    last
}
