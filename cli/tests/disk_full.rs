//! A full disk, for real: the `wellkept` child runs under `prlimit --fsize` (RLIMIT_FSIZE), so
//! the kernel refuses to grow files past the limit exactly as a full disk would (EFBIG instead
//! of ENOSPC; both map to "the disk is full"). SIGXFSZ is ignored first, as a desktop app
//! would see it. The write must fail cleanly with a message a person can act on, and the vault
//! must still open with everything acknowledged before, its files byte-identical.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::Command;

use wellkept::vault::{CreateOptions, Unlock, Vault};

/// Runs `wellkept <args>` with files limited to `limit` bytes.
fn wellkept_with_file_limit(limit: u64, vault: &Path, pass_file: &Path, args: &[&str]) -> std::process::Output {
    let script = format!(
        "trap '' XFSZ; exec prlimit --fsize={limit} \"$0\" --vault \"$1\" --passphrase-file \"$2\" \"${{@:3}}\""
    );
    Command::new("bash")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_wellkept"))
        .arg(vault)
        .arg(pass_file)
        .args(args)
        .output()
        .expect("run wellkept under prlimit (util-linux)")
}

async fn vault_with_entries(dir: &Path, n: usize) -> std::path::PathBuf {
    common::mock_keychain();
    let vault_dir = dir.join("vault");
    let created = Vault::create(
        &vault_dir,
        CreateOptions { passphrase: Some(common::passphrase()), use_keychain: false, passphrase_work_factor: 10 },
    )
    .await
    .expect("create");
    for i in 0..n {
        common::add_entry(&created.vault, &format!("entry {i} saved before the disk filled")).await;
    }
    vault_dir
}

#[tokio::test]
async fn a_write_on_a_full_disk_fails_cleanly_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = vault_with_entries(dir.path(), 3).await;
    let pass_file = dir.path().join("pass");
    std::fs::write(&pass_file, "correct horse battery staple\n").expect("pass file");
    let before = common::snapshot_dir(&vault_dir);
    let journal_len =
        before.iter().find(|(k, _)| k.contains("journal-")).map(|(_, v)| v.len() as u64).expect("journal");

    // Room for a few bytes more than the journal has: the new frame cannot fit.
    let out = wellkept_with_file_limit(
        journal_len + 40,
        &vault_dir,
        &pass_file,
        &["journal", "add", "this entry does not fit on the disk"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "exit code for storage errors; stderr: {stderr}");
    assert!(stderr.contains("disk is full"), "message names the cause: {stderr}");
    assert!(stderr.contains("Nothing you had already saved was lost"), "message reassures: {stderr}");
    assert_eq!(before, common::snapshot_dir(&vault_dir), "the failed write left no partial frame behind");

    let vault = Vault::open(&vault_dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(common::count_entries(&vault).await, 3);
    common::add_entry(&vault, "space again").await;
    assert_eq!(common::count_entries(&vault).await, 4);
}

#[tokio::test]
async fn a_compaction_on_a_full_disk_fails_cleanly_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = vault_with_entries(dir.path(), 5).await;
    let pass_file = dir.path().join("pass");
    std::fs::write(&pass_file, "correct horse battery staple\n").expect("pass file");
    let before = common::snapshot_dir(&vault_dir);

    // Far too small for a new snapshot.
    let out = wellkept_with_file_limit(4096, &vault_dir, &pass_file, &["compact"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(6), "stderr: {stderr}");
    assert!(stderr.contains("disk is full"), "{stderr}");
    assert_eq!(before, common::snapshot_dir(&vault_dir), "no temp file or half snapshot left behind");

    let vault = Vault::open(&vault_dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(common::count_entries(&vault).await, 5);
}
