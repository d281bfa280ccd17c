//! Backups, restore, verify, and changing unlock methods — against real vault folders.

mod common;

use secrecy::SecretString;
use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, Vault, restore_backup};

#[tokio::test]
async fn a_backup_restores_into_a_new_folder_and_opens_with_the_same_keys() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(&dir.path().join("vault")).await;
    let recovery = created.recovery_key.expose().to_owned();
    for i in 0..4 {
        common::add_entry(&created.vault, &format!("backed up {i}")).await;
    }
    let file = dir.path().join("vault.wkb");
    let bytes = created.vault.backup_to(&file).await.expect("backup");
    assert_eq!(bytes, std::fs::metadata(&file).expect("meta").len());
    drop(created);

    let restored = dir.path().join("restored");
    restore_backup(&file, &restored).expect("restore");
    let vault = Vault::open(&restored, Unlock::Passphrase(common::passphrase())).await.expect("passphrase");
    assert_eq!(common::count_entries(&vault).await, 4);
    drop(vault);
    let vault = Vault::open(&restored, Unlock::RecoveryKey(RecoveryKey::parse(&recovery).expect("key")))
        .await
        .expect("recovery key");
    let report = vault.verify(Unlock::Passphrase(common::passphrase())).await.expect("verify");
    assert!(report.current_ok());

    // Restoring over a vault is refused; so is a damaged backup, before anything is written.
    assert_eq!(restore_backup(&file, &restored).expect_err("exists").kind(), "vault_exists");
    let mut damaged = std::fs::read(&file).expect("read");
    let mid = damaged.len() / 2;
    damaged[mid] ^= 1;
    let damaged_file = dir.path().join("damaged.wkb");
    std::fs::write(&damaged_file, &damaged).expect("write");
    let target = dir.path().join("from-damaged");
    // The backup is damaged, not the vault: no "part of the vault", and another backup, not
    // "restore from a backup", is what helps (decision 77).
    let damaged_backup = "The backup file is damaged (it is not a complete Wellkept backup). Nothing was written. Try another backup file: an older one, or a copy kept elsewhere.";
    let flipped = restore_backup(&damaged_file, &target).expect_err("damaged");
    assert_eq!((flipped.kind(), flipped.to_string().as_str()), ("damaged", damaged_backup));
    assert!(!target.join("wellkept-vault.json").exists(), "nothing restored from a damaged backup");
    std::fs::write(&damaged_file, &damaged[..damaged.len() - 10]).expect("write");
    let truncated = restore_backup(&damaged_file, &target).expect_err("truncated");
    assert_eq!((truncated.kind(), truncated.to_string().as_str()), ("damaged", damaged_backup));

    // A path that is not there, or a file that is not a backup at all, is named with the reason
    // (invalid input), not reported as damage to a vault (found trying the binary).
    let missing = dir.path().join("no-such.wkb");
    let not_there = restore_backup(&missing, &target).expect_err("missing");
    assert_eq!(
        (not_there.kind(), not_there.to_string()),
        (
            "invalid",
            format!("Backup file: could not read {}: it does not exist (was it moved or renamed?)", missing.display())
        )
    );
    let text = dir.path().join("notes.txt");
    std::fs::write(&text, "not a backup\n").expect("write");
    let not_backup = restore_backup(&text, &target).expect_err("not a backup");
    assert_eq!(
        (not_backup.kind(), not_backup.to_string()),
        (
            "invalid",
            format!("Backup file: {} is not a Wellkept backup (`wellkept backup` writes those)", text.display())
        )
    );
    assert!(!target.exists(), "nothing made for either");
}

#[tokio::test]
async fn verify_reports_a_damaged_backup_generation_without_touching_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(dir.path()).await;
    common::add_entry(&created.vault, "one").await;
    created.vault.compact().await.expect("compact");
    common::add_entry(&created.vault, "two").await;
    created.vault.compact().await.expect("compact");
    // Damage the oldest generation's snapshot.
    let oldest = dir.path().join("data").join(format!("snapshot-{:020}.age", 0));
    let mut bytes = std::fs::read(&oldest).expect("read");
    bytes[200] ^= 0xff;
    std::fs::write(&oldest, &bytes).expect("write");
    let before = common::snapshot_dir(dir.path());
    let report = created.vault.verify(Unlock::Passphrase(common::passphrase())).await.expect("verify runs");
    assert_eq!(report.generations.len(), 3);
    assert!(report.current_ok());
    assert!(report.generations[0].problem.is_none() && report.generations[1].problem.is_none());
    assert!(report.generations[2].problem.as_deref().is_some_and(|p| p.contains("damaged")), "{report:?}");
    assert_eq!(before, common::snapshot_dir(dir.path()));
}

#[tokio::test]
async fn changing_unlock_methods_rewraps_the_key_and_never_re_encrypts_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(dir.path()).await;
    common::add_entry(&created.vault, "kept through key changes").await;
    created.vault.compact().await.expect("compact");
    let data_before: Vec<_> =
        common::snapshot_dir(dir.path()).into_iter().filter(|(k, _)| k.starts_with("data/")).collect();

    let new_pass = SecretString::from("a brand new passphrase".to_owned());
    created.vault.set_passphrase(&new_pass, 10).await.expect("change passphrase");
    let new_recovery = created.vault.replace_recovery_key().await.expect("new recovery key");
    let data_after: Vec<_> =
        common::snapshot_dir(dir.path()).into_iter().filter(|(k, _)| k.starts_with("data/")).collect();
    assert_eq!(data_before, data_after, "no data file was rewritten");
    let old_recovery = created.recovery_key;
    drop(created.vault);

    assert_eq!(
        Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect_err("old passphrase").kind(),
        "wrong_key"
    );
    assert_eq!(
        Vault::open(dir.path(), Unlock::RecoveryKey(old_recovery)).await.expect_err("old recovery key").kind(),
        "wrong_key"
    );
    let vault = Vault::open(dir.path(), Unlock::Passphrase(new_pass)).await.expect("new passphrase");
    assert_eq!(common::count_entries(&vault).await, 1);
    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::RecoveryKey(new_recovery)).await.expect("new recovery key");
    // Forgetting the keychain is allowed: a passphrase and a recovery key remain.
    vault.forget_keychain().await.expect("forget keychain");
    assert!(!vault.config().unlock.keychain);
    drop(vault);
    assert_eq!(Vault::open(dir.path(), Unlock::Keychain).await.expect_err("forgotten").kind(), "keychain_missing");
}

#[tokio::test]
async fn a_crash_mid_compaction_leaves_an_orphan_snapshot_that_opening_ignores() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(dir.path()).await;
    common::add_entry(&created.vault, "before").await;
    common::add_entry(&created.vault, "also before").await;
    drop(created);
    // Simulate a compaction that wrote its snapshot and died before the journal: a stray
    // snapshot-2 (any content) and a temp file.
    std::fs::write(dir.path().join("data").join(format!("snapshot-{:020}.age", 2)), b"half written").expect("write");
    std::fs::write(dir.path().join("data").join(format!("journal-{:020}.wkj.tmp", 2)), b"partial").expect("write");
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("open");
    assert_eq!(common::count_entries(&vault).await, 2);
    let names: Vec<String> = std::fs::read_dir(dir.path().join("data"))
        .expect("list")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
    assert!(!names.contains(&format!("snapshot-{:020}.age", 2)), "{names:?}");
}
