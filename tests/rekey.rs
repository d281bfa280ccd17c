//! Issue 9, "re-key": after `Vault::rekey`, an old backup's passphrase and recovery key no
//! longer decrypt the vault's current files; the vault opens with the passphrase, the NEW
//! recovery key and the keychain, holds everything it held, and keeps no older generation.

mod common;

use std::path::Path;

use age::secrecy::ExposeSecret;
use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, Vault, restore_backup};

/// The vault key (its `AGE-SECRET-KEY-1…` form) that a key file opens with a secret.
fn unwrap_with_passphrase(key_file: &Path, passphrase: &secrecy::SecretString) -> age::x25519::Identity {
    let mut identity = age::scrypt::Identity::new(passphrase.expose_secret().to_owned().into());
    identity.set_max_work_factor(20);
    let secret = age::decrypt(&identity, &std::fs::read(key_file).expect("key file")).expect("old passphrase");
    String::from_utf8(secret).expect("text").parse().expect("an age identity")
}

fn unwrap_with_recovery(key_file: &Path, recovery: &str) -> age::x25519::Identity {
    let identity: age::x25519::Identity = recovery.parse().expect("recovery key");
    let secret = age::decrypt(&identity, &std::fs::read(key_file).expect("key file")).expect("old recovery key");
    String::from_utf8(secret).expect("text").parse().expect("an age identity")
}

/// Every snapshot in `data/`.
fn snapshots(vault: &Path) -> Vec<std::path::PathBuf> {
    let mut found: Vec<_> = std::fs::read_dir(vault.join("data"))
        .expect("data")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "age"))
        .collect();
    found.sort();
    found
}

#[tokio::test]
async fn after_a_rekey_an_old_backups_passphrase_and_recovery_key_no_longer_decrypt_the_current_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let old_recovery = created.recovery_key.expose().to_owned();
    let vault = created.vault;
    for i in 0..3 {
        common::add_entry(&vault, &format!("entry {i}")).await;
        vault.compact().await.expect("compact");
    }
    let old_backup = dir.path().join("old.wkb");
    vault.backup_to(&old_backup).await.expect("backup");
    assert!(snapshots(&vault_dir).len() > 1, "older generations kept as backups before the re-key");

    // Before: the old backup's keys decrypt the live snapshot (the gap issue 9 names).
    let restored = dir.path().join("old-restored");
    restore_backup(&old_backup, &restored).expect("restore old backup");
    let old_by_pass = unwrap_with_passphrase(&restored.join("keys/passphrase.age"), &common::passphrase());
    let live = std::fs::read(&snapshots(&vault_dir)[0]).expect("snapshot");
    assert!(age::decrypt(&old_by_pass, &live).is_ok(), "the old key still decrypts today's files before a re-key");

    common::add_entry(&vault, "after the backup").await;
    let done = vault.rekey(Some(&common::passphrase()), 10).await.expect("rekey");
    assert_eq!(done.generations_removed, 3, "every generation under the old key is gone");
    assert!(done.keychain_error.is_none());
    assert_ne!(done.recovery_key.expose(), old_recovery);
    common::add_entry(&vault, "after the rekey").await;
    drop(vault);

    // After: neither old secret, through the old backup's key files, decrypts any current file.
    let old_by_recovery = unwrap_with_recovery(&restored.join("keys/recovery.age"), &old_recovery);
    assert_eq!(old_by_pass.to_public().to_string(), old_by_recovery.to_public().to_string());
    let current = snapshots(&vault_dir);
    assert_eq!(current.len(), 1, "one generation, under the new key");
    for file in &current {
        let bytes = std::fs::read(file).expect("snapshot");
        assert!(age::decrypt(&old_by_pass, &bytes).is_err(), "{}", file.display());
        assert!(age::decrypt(&old_by_recovery, &bytes).is_err(), "{}", file.display());
    }
    // Nor does the vault open through the old key files put back in place (an attacker holding
    // the old backup and today's folder): the current generation does not authenticate.
    let mixed = dir.path().join("mixed");
    restore_backup(&old_backup, &mixed).expect("restore again");
    for entry in std::fs::read_dir(mixed.join("data")).expect("data").flatten() {
        std::fs::remove_file(entry.path()).expect("clear");
    }
    for entry in std::fs::read_dir(vault_dir.join("data")).expect("data").flatten() {
        std::fs::copy(entry.path(), mixed.join("data").join(entry.file_name())).expect("copy today's data");
    }
    let old_key = RecoveryKey::parse(&old_recovery).expect("key");
    let refused = Vault::open(&mixed, Unlock::RecoveryKey(old_key)).await.expect_err("old recovery key");
    assert_eq!(refused.kind(), "damaged", "{refused}");
    let refused = Vault::open(&mixed, Unlock::Passphrase(common::passphrase())).await.expect_err("old key file");
    assert_eq!(refused.kind(), "damaged", "{refused}");

    // The vault itself: old recovery key refused; passphrase, new recovery key, keychain open it,
    // with every entry (before the backup, after it, after the re-key).
    let vault = Vault::load(&vault_dir).expect("load");
    let old_key = RecoveryKey::parse(&old_recovery).expect("key");
    assert_eq!(vault.unlock(Unlock::RecoveryKey(old_key)).await.expect_err("old").kind(), "wrong_key");
    let new_key = RecoveryKey::parse(done.recovery_key.expose()).expect("key");
    vault.unlock(Unlock::RecoveryKey(new_key)).await.expect("new recovery key");
    assert_eq!(common::count_entries(&vault).await, 5);
    assert!(vault.verify(Unlock::Passphrase(common::passphrase())).await.expect("verify").current_ok());
    drop(vault);
    let vault = Vault::open(&vault_dir, Unlock::Keychain).await.expect("keychain holds the new key");
    assert_eq!(common::count_entries(&vault).await, 5);
}

#[tokio::test]
async fn a_rekey_needs_the_passphrase_when_the_vault_has_one_and_changes_nothing_without_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(dir.path()).await;
    common::add_entry(&created.vault, "kept").await;
    let before = common::snapshot_dir(dir.path());
    let refused = created.vault.rekey(None, 10).await.expect_err("no passphrase");
    assert_eq!(refused.kind(), "invalid");
    assert_eq!(common::snapshot_dir(dir.path()), before, "byte-identical");
    // A passphrase too short to protect the new key is refused before anything is written.
    let short = secrecy::SecretString::from("short".to_owned());
    assert_eq!(created.vault.rekey(Some(&short), 10).await.expect_err("short").kind(), "invalid");
    assert_eq!(common::snapshot_dir(dir.path()), before, "byte-identical after a refused re-key");
}
