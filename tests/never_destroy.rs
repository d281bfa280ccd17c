//! Issue 9, "never destroy a vault": creating and restoring refuse any folder holding any vault
//! file (with or without its descriptor), naming what they found and changing nothing; a lost
//! descriptor is rebuilt from what the folder holds once a method unlocks it.

mod common;

use wellkept::keys::RecoveryKey;
use wellkept::vault::{CreateOptions, Unlock, Vault, VaultConfig, restore_backup};

/// A vault with two entries, its descriptor as written at creation, and its recovery key.
async fn vault_with_entries(dir: &std::path::Path) -> (VaultConfig, String) {
    let created = common::create_vault(dir).await;
    common::add_entry(&created.vault, "first").await;
    common::add_entry(&created.vault, "second").await;
    let config = created.vault.config();
    let recovery = created.recovery_key.expose().to_owned();
    created.vault.lock().await.expect("lock");
    (config, recovery)
}

fn config_file(dir: &std::path::Path) -> std::path::PathBuf {
    dir.join("wellkept-vault.json")
}

#[tokio::test]
async fn init_on_a_vault_whose_descriptor_was_lost_is_refused_and_the_files_stay_byte_identical() {
    // The probe from issue 9: the descriptor gone (a sync tool, a cleanup), `init` overwrote
    // keys/passphrase.age and keys/recovery.age, and the old recovery key opened nothing.
    let dir = tempfile::tempdir().expect("tempdir");
    let (_, recovery) = vault_with_entries(dir.path()).await;
    std::fs::remove_file(config_file(dir.path())).expect("lose the descriptor");
    let before = common::snapshot_dir(dir.path());

    let options =
        CreateOptions { passphrase: Some(common::passphrase()), use_keychain: false, passphrase_work_factor: 10 };
    let refused = Vault::create(dir.path(), options).await.err().expect("a vault is there");
    assert_eq!(refused.kind(), "vault_exists");
    let message = refused.to_string();
    assert!(message.contains("found: keys/, data/, vault.lock"), "{message}");
    assert_eq!(common::snapshot_dir(dir.path()), before, "nothing written");

    // The old recovery key still opens it (and rebuilds the descriptor).
    let key = RecoveryKey::parse(&recovery).expect("key");
    let vault = Vault::open(dir.path(), Unlock::RecoveryKey(key)).await.expect("old recovery key opens");
    assert_eq!(common::count_entries(&vault).await, 2);
}

#[tokio::test]
async fn create_refuses_each_kind_of_vault_file_on_its_own() {
    common::mock_keychain();
    for (entry, shown) in [
        ("wellkept-vault.json", "wellkept-vault.json"),
        ("keys", "keys/"),
        ("data", "data/"),
        ("vault.lock", "vault.lock"),
        ("rekey-staging", "rekey-staging/"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(entry);
        if entry.contains('.') {
            std::fs::write(&path, b"kept").expect("file");
        } else {
            std::fs::create_dir(&path).expect("folder");
            std::fs::write(path.join("inside"), b"kept").expect("file inside");
        }
        let before = common::snapshot_dir(dir.path());
        let options =
            CreateOptions { passphrase: Some(common::passphrase()), use_keychain: false, passphrase_work_factor: 10 };
        let refused = Vault::create(dir.path(), options).await.err().expect(entry);
        assert_eq!(refused.kind(), "vault_exists", "{entry}");
        assert!(refused.to_string().contains(&format!("found: {shown})")), "{entry}: {refused}");
        assert_eq!(common::snapshot_dir(dir.path()), before, "{entry}: byte-identical");
    }
}

#[tokio::test]
async fn a_failed_create_leaves_no_vault_files_behind_so_the_next_attempt_works() {
    common::mock_keychain();
    let dir = tempfile::tempdir().expect("tempdir");
    let short = secrecy::SecretString::from("short".to_owned());
    let options = CreateOptions { passphrase: Some(short), use_keychain: false, passphrase_work_factor: 10 };
    assert_eq!(Vault::create(dir.path(), options).await.err().expect("too short").kind(), "invalid");
    assert!(common::snapshot_dir(dir.path()).is_empty());
    assert!(!dir.path().join("keys").exists() && !dir.path().join("data").exists());
    common::create_vault(dir.path()).await;
}

#[tokio::test]
async fn restore_into_a_vault_whose_descriptor_was_lost_is_refused_and_the_files_stay_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(&dir.path().join("a")).await;
    common::add_entry(&created.vault, "in the backup").await;
    let backup = dir.path().join("a.wkb");
    created.vault.backup_to(&backup).await.expect("backup");
    drop(created);

    let victim = dir.path().join("b");
    vault_with_entries(&victim).await;
    std::fs::remove_file(config_file(&victim)).expect("lose the descriptor");
    let before = common::snapshot_dir(&victim);
    let refused = restore_backup(&backup, &victim).expect_err("a vault is there");
    assert_eq!(refused.kind(), "vault_exists");
    assert!(refused.to_string().contains("found: keys/, data/, vault.lock"), "{refused}");
    assert_eq!(common::snapshot_dir(&victim), before);
}

#[tokio::test]
async fn a_lost_descriptor_is_rebuilt_exactly_once_the_vault_unlocks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (original, _) = vault_with_entries(dir.path()).await;
    std::fs::remove_file(config_file(dir.path())).expect("lose the descriptor");

    // Loading works without it; nothing is written until a key has proved itself.
    let vault = Vault::load(dir.path()).expect("load without descriptor");
    assert!(!config_file(dir.path()).exists());
    assert_eq!(vault.id(), original.vault_id, "the id comes from the journal header");
    vault.unlock(Unlock::Passphrase(common::passphrase())).await.expect("passphrase opens");
    assert_eq!(common::count_entries(&vault).await, 2);
    drop(vault);

    // Format, vault id, recipient and methods are back as they were (the keychain flag too: the
    // mock keychain holds this vault's key).
    let rebuilt: VaultConfig =
        serde_json::from_slice(&std::fs::read(config_file(dir.path())).expect("rebuilt")).expect("json");
    assert_eq!(rebuilt, original);
}

#[tokio::test]
async fn a_key_from_another_vault_does_not_rebuild_a_lost_descriptor() {
    let dir = tempfile::tempdir().expect("tempdir");
    vault_with_entries(&dir.path().join("mine")).await;
    let (_, other_recovery) = vault_with_entries(&dir.path().join("other")).await;
    let mine = dir.path().join("mine");
    std::fs::remove_file(config_file(&mine)).expect("lose the descriptor");
    // Someone puts the other vault's recovery key file in place of mine.
    std::fs::copy(dir.path().join("other/keys/recovery.age"), mine.join("keys/recovery.age")).expect("swap");
    let before = common::snapshot_dir(&mine);

    let vault = Vault::load(&mine).expect("load");
    let key = RecoveryKey::parse(&other_recovery).expect("key");
    let refused = vault.unlock(Unlock::RecoveryKey(key)).await.expect_err("not this vault's key");
    assert_eq!(refused.kind(), "damaged", "{refused}");
    assert!(!vault.is_unlocked().await);
    assert_eq!(common::snapshot_dir(&mine), before, "no descriptor written, nothing changed");
}
