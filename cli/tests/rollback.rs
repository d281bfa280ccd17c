//! Rollback: whoever can write to the vault folder (a person, a sync tool, a restored copy)
//! cannot quietly take the newest changes away. This computer's high-water mark (kept outside
//! the folder, `src/vault/mark.rs`) makes opening refuse a history that ends before it, with
//! every file left byte-identical, until the person opens read-only, restores a backup, or
//! types the confirmation. Each probe is one from issue 9.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};

use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, UnlockOptions, Vault, restore_backup};

fn data_files(vault_dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(vault_dir.join("data"))
        .expect("data dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with(prefix)))
        .collect();
    files.sort();
    files
}

fn newest_journal(vault_dir: &Path) -> PathBuf {
    data_files(vault_dir, "journal-").pop().expect("a journal")
}

struct Fixture {
    dir: tempfile::TempDir,
    vault_dir: PathBuf,
    recovery: String,
}

impl Fixture {
    fn unlock(&self) -> Unlock {
        Unlock::RecoveryKey(RecoveryKey::parse(&self.recovery).expect("key"))
    }

    async fn open(&self) -> wellkept::Result<Vault> {
        self.open_with(UnlockOptions::default()).await
    }

    /// Opens the vault; while it reads as in use, tries again for up to 5 s. Another test in
    /// this binary runs the `wellkept` binary: a child forked while a vault here was open holds
    /// a copy of its lock's file until it execs, so on a loaded machine a vault just closed can
    /// read as in use for a moment. That is this test process's doing, not the vault's (the
    /// app and the command line hold one vault each); every other answer is returned as it is.
    async fn open_with(&self, options: UnlockOptions) -> wellkept::Result<Vault> {
        for _ in 0..100 {
            match Vault::open_with(&self.vault_dir, self.unlock(), options.clone()).await {
                Err(wellkept::Error::InUse) => tokio::time::sleep(std::time::Duration::from_millis(50)).await,
                other => return other,
            }
        }
        Vault::open_with(&self.vault_dir, self.unlock(), options).await
    }

    /// Opening must fail as a rollback of `missing` changes and leave every file as it was.
    async fn refused(&self, missing: u64) -> String {
        let before = common::snapshot_dir(&self.vault_dir);
        let err = self.open().await.expect_err("a rolled-back vault must not open");
        assert_eq!(err.kind(), "rolled_back", "{err}");
        match &err {
            wellkept::Error::RolledBack { missing: m, confirmation, .. } => {
                assert_eq!(*m, missing, "{err}");
                let plural = if missing == 1 { "" } else { "s" };
                assert_eq!(confirmation, &format!("accept losing {missing} change{plural}"));
                assert!(err.to_string().contains(&format!("missing {missing} saved change{plural}")), "{err}");
                assert!(err.to_string().contains(confirmation.as_str()), "{err}");
            }
            other => panic!("expected RolledBack, got {other:?}"),
        }
        assert_eq!(before, common::snapshot_dir(&self.vault_dir), "a refused open changed files");
        err.to_string()
    }
}

async fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    drop(created);
    Fixture { dir, vault_dir, recovery }
}

async fn add_entries(f: &Fixture, from: usize, to: usize) {
    let vault = f.open().await.expect("open");
    for i in from..to {
        common::add_entry(&vault, &format!("entry {i}")).await;
    }
}

#[tokio::test]
async fn a_change_log_cut_back_to_an_earlier_length_is_refused() {
    let f = fixture().await;
    add_entries(&f, 0, 3).await;
    let journal = newest_journal(&f.vault_dir);
    let after_three = std::fs::read(&journal).expect("read");
    add_entries(&f, 3, 5).await;
    // The probe: cut the newest change log back to the length it had after three entries.
    std::fs::write(&journal, &after_three).expect("cut back");
    f.refused(2).await;
}

#[tokio::test]
async fn the_newest_generation_deleted_after_two_compactions_is_refused() {
    let f = fixture().await;
    let vault = f.open().await.expect("open");
    common::add_entry(&vault, "first").await;
    vault.compact().await.expect("compact 1");
    common::add_entry(&vault, "second").await;
    vault.compact().await.expect("compact 2");
    common::add_entry(&vault, "third").await;
    drop(vault);
    // The previous generation's log still holds "second"; "third" is what goes missing.
    std::fs::remove_file(newest_journal(&f.vault_dir)).expect("delete the newest journal");
    f.refused(1).await;
}

#[tokio::test]
async fn the_newer_snapshot_is_not_removed_as_an_orphan_when_its_journal_is_missing() {
    let f = fixture().await;
    let vault = f.open().await.expect("open");
    common::add_entry(&vault, "first").await;
    vault.compact().await.expect("compact");
    common::add_entry(&vault, "second").await;
    drop(vault);
    let journal = newest_journal(&f.vault_dir);
    let saved = std::fs::read(&journal).expect("read");
    let snapshots = data_files(&f.vault_dir, "snapshot-");
    std::fs::remove_file(&journal).expect("delete the newest journal");
    f.refused(1).await;
    assert_eq!(data_files(&f.vault_dir, "snapshot-"), snapshots, "the newer snapshot is still there");
    // Put the journal back: nothing was lost, everything opens.
    std::fs::write(&journal, saved).expect("restore journal");
    let vault = f.open().await.expect("open once whole again");
    assert_eq!(common::count_entries(&vault).await, 2);
}

#[tokio::test]
async fn a_history_replaced_at_the_mark_is_refused() {
    let f = fixture().await;
    add_entries(&f, 0, 2).await;
    let folder_at_two = common::snapshot_dir(&f.vault_dir);
    add_entries(&f, 2, 3).await;
    let mark = wellkept::vault::mark_path(&Vault::load(&f.vault_dir).expect("load").id()).expect("a mark path");
    let mark_with_a = std::fs::read(&mark).expect("mark file");
    // Another history of the same length: back to two entries, accept that, write a different third.
    restore_files(&f.vault_dir, &folder_at_two);
    let vault = f
        .open_with(UnlockOptions { accept_rollback: Some("accept losing 1 change".into()), ..Default::default() })
        .await
        .expect("accepted");
    common::add_entry(&vault, "a different third").await;
    drop(vault);
    // This computer remembers the first third: the history at that point is not the one it saw.
    std::fs::write(&mark, mark_with_a).expect("put the old mark back");
    f.refused(1).await;
}

#[tokio::test]
async fn a_rolled_back_vault_opens_read_only_without_changing_anything() {
    let f = fixture().await;
    add_entries(&f, 0, 3).await;
    let journal = newest_journal(&f.vault_dir);
    let after_three = std::fs::read(&journal).expect("read");
    add_entries(&f, 3, 5).await;
    std::fs::write(&journal, &after_three).expect("cut back");
    let before = common::snapshot_dir(&f.vault_dir);
    let mark = wellkept::vault::mark_path(&Vault::load(&f.vault_dir).expect("load").id()).expect("mark path");
    let mark_before = std::fs::read(&mark).expect("mark");

    let vault = f.open_with(UnlockOptions { read_only: true, ..Default::default() }).await.expect("read-only");
    assert!(vault.is_read_only().await);
    assert_eq!(common::count_entries(&vault).await, 3);
    let refused = vault
        .write(|w| {
            Box::pin(async move {
                w.exec("DELETE FROM journal_entries", wellkept::params![]).await?;
                Ok(())
            })
        })
        .await
        .expect_err("writes are refused");
    assert_eq!(refused.kind(), "read_only");
    assert_eq!(vault.compact().await.expect_err("no compaction").kind(), "read_only");
    let passphrase = secrecy::SecretString::from("another passphrase entirely".to_owned());
    assert_eq!(vault.set_passphrase(&passphrase, 10).await.expect_err("no key change").kind(), "read_only");
    vault.lock().await.expect("lock");
    drop(vault);
    assert_eq!(before, common::snapshot_dir(&f.vault_dir), "read-only changed the vault");
    assert_eq!(mark_before, std::fs::read(&mark).expect("mark"), "read-only moved the mark");
    f.refused(2).await;
}

#[tokio::test]
async fn a_rollback_is_accepted_only_with_the_exact_typed_phrase() {
    let f = fixture().await;
    add_entries(&f, 0, 3).await;
    let journal = newest_journal(&f.vault_dir);
    let after_three = std::fs::read(&journal).expect("read");
    add_entries(&f, 3, 5).await;
    std::fs::write(&journal, &after_three).expect("cut back");
    let before = common::snapshot_dir(&f.vault_dir);
    for wrong in ["yes", "accept losing 1 change", "accept losing 3 changes"] {
        let err = f
            .open_with(UnlockOptions { accept_rollback: Some(wrong.into()), ..Default::default() })
            .await
            .expect_err(wrong);
        assert_eq!(err.kind(), "rolled_back");
        assert_eq!(before, common::snapshot_dir(&f.vault_dir));
    }
    let vault = f
        .open_with(UnlockOptions { accept_rollback: Some("  Accept losing 2 changes ".into()), ..Default::default() })
        .await
        .expect("accepted");
    assert_eq!(common::count_entries(&vault).await, 3);
    common::add_entry(&vault, "after accepting").await;
    drop(vault);
    // The mark now follows the accepted history: it opens plainly.
    let vault = f.open().await.expect("opens after acceptance");
    assert_eq!(common::count_entries(&vault).await, 4);
    assert!(vault.verify(f.unlock()).await.expect("verify").current_ok());
}

#[tokio::test]
async fn a_computer_without_a_mark_opens_the_vault_and_starts_one() {
    let f = fixture().await;
    add_entries(&f, 0, 2).await;
    let mark = wellkept::vault::mark_path(&Vault::load(&f.vault_dir).expect("load").id()).expect("mark path");
    assert!(mark.starts_with(common::private_state_dir()), "tests keep marks in their own folder");
    // A new computer (or a restored backup): no mark, nothing to compare.
    std::fs::remove_file(&mark).expect("remove mark");
    let vault = f.open().await.expect("opens without a mark");
    assert_eq!(common::count_entries(&vault).await, 2);
    drop(vault);
    assert!(mark.exists(), "opening starts a mark");
    // From now on this computer remembers: cutting the last change off is refused.
    let journal = newest_journal(&f.vault_dir);
    let bytes = std::fs::read(&journal).expect("read");
    add_entries(&f, 2, 3).await;
    std::fs::write(&journal, bytes).expect("cut back");
    f.refused(1).await;
}

#[tokio::test]
async fn restoring_a_backup_is_a_way_out_of_a_rollback() {
    let f = fixture().await;
    add_entries(&f, 0, 2).await;
    let backup = f.dir.path().join("vault.wkb");
    {
        let vault = f.open().await.expect("open");
        vault.backup_to(&backup).await.expect("backup");
    }
    add_entries(&f, 2, 4).await;
    let journal = newest_journal(&f.vault_dir);
    std::fs::remove_file(&journal).expect("remove the newest journal");
    f.refused(2).await;
    let restored = f.dir.path().join("restored");
    restore_backup(&backup, &restored).expect("restore");
    let vault = Vault::open(&restored, f.unlock()).await.expect("the restored backup opens");
    assert_eq!(common::count_entries(&vault).await, 2);
}

fn restore_files(dir: &Path, files: &std::collections::BTreeMap<String, Vec<u8>>) {
    for entry in std::fs::read_dir(dir.join("data")).expect("data") {
        std::fs::remove_file(entry.expect("entry").path()).expect("remove");
    }
    for (name, bytes) in files {
        std::fs::write(dir.join(name), bytes).expect("write");
    }
}

/// The command line's side of the same choices: the refusal names the phrase and the flags,
/// `--read-only` looks without changing anything, `--accept-rollback PHRASE` goes on.
#[test]
fn the_command_line_refuses_a_rollback_and_offers_read_only_and_typed_acceptance() {
    let dir = tempfile::tempdir().expect("tempdir");
    let home = dir.path().join("home");
    let vault = dir.path().join("vault");
    let key_file = dir.path().join("recovery.txt");
    let pass_file = dir.path().join("pass.txt");
    std::fs::write(&pass_file, "correct horse battery staple\n").expect("pass file");
    let run = |args: &[&str]| {
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_wellkept"))
            .env("HOME", &home)
            .env("XDG_DATA_HOME", home.join(".local/share"))
            .arg("--vault")
            .arg(&vault)
            .args(args)
            .output()
            .expect("run wellkept");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, _, err) = run(&[
        "--passphrase-file",
        pass_file.to_str().expect("utf-8"),
        "init",
        "--no-keychain",
        "--recovery-key-out",
        key_file.to_str().expect("utf-8"),
    ]);
    assert_eq!(code, Some(0), "{err}");
    let key = key_file.to_str().expect("utf-8");
    let add = |text: &str| {
        let (code, _, err) = run(&["--recovery-key-file", key, "journal", "add", text]);
        assert_eq!(code, Some(0), "{err}");
    };
    for text in ["one", "two", "three"] {
        add(text);
    }
    let journal = newest_journal(&vault);
    let after_three = std::fs::read(&journal).expect("read");
    add("four");
    add("five");
    std::fs::write(&journal, &after_three).expect("cut back");
    let before = common::snapshot_dir(&vault);

    let (code, _, err) = run(&["--recovery-key-file", key, "unlock"]);
    assert_eq!(code, Some(5), "{err}");
    assert!(err.contains("missing 2 saved changes"), "{err}");
    assert!(err.contains("wellkept --accept-rollback \"accept losing 2 changes\" unlock"), "{err}");
    assert!(err.contains("wellkept --read-only unlock"), "{err}");

    let (code, out, err) = run(&["--recovery-key-file", key, "--read-only", "journal", "list"]);
    assert_eq!(code, Some(0), "{err}");
    let listed: Vec<&str> = out.lines().map(|l| l.rsplit("  ").next().expect("text")).collect();
    assert_eq!(listed, vec!["three", "two", "one"], "{out}");
    let (code, _, err) = run(&["--recovery-key-file", key, "--read-only", "journal", "add", "six"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(err.contains("opened read-only"), "{err}");
    assert_eq!(before, common::snapshot_dir(&vault), "refusals and read-only changed the vault");

    let (code, _, err) = run(&["--recovery-key-file", key, "--accept-rollback", "accept losing 2 changes", "unlock"]);
    assert_eq!(code, Some(0), "{err}");
    let (code, out, err) = run(&["--recovery-key-file", key, "unlock"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("3 changes saved"), "{out}");
}
