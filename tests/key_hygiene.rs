//! Issue 9, "key hygiene": vault files 0600 and folders 0700; a tampered scrypt work factor
//! refused; restore bounded, never inside a vault, never through a planted symlink; the current
//! passphrase or recovery key checked before a change.

mod common;

use std::path::Path;

use secrecy::SecretString;
use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, Vault, restore_backup};

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::symlink_metadata(path).expect("stat").permissions().mode() & 0o777
}

/// Every folder under (and including) `root` is 0700 and every file 0600.
#[cfg(unix)]
fn assert_private(root: &Path) -> usize {
    let mut checked = 0;
    let mut stack = vec![root.to_owned()];
    assert_eq!(mode(root), 0o700, "{}", root.display());
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                assert_eq!(mode(&path), 0o700, "{}", path.display());
                stack.push(path);
            } else {
                assert_eq!(mode(&path), 0o600, "{}", path.display());
            }
            checked += 1;
        }
    }
    checked
}

#[cfg(unix)]
#[tokio::test]
async fn vault_files_are_0600_and_folders_0700_after_create_compaction_backup_and_restore() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    common::add_entry(&created.vault, "one").await;
    created.vault.compact().await.expect("compact");
    common::add_entry(&created.vault, "two").await;
    created.vault.set_passphrase(&common::passphrase(), 10).await.expect("rewrap");
    created.vault.replace_recovery_key().await.expect("new recovery key");
    let backup = dir.path().join("vault.wkb");
    created.vault.backup_to(&backup).await.expect("backup (compacts)");
    // descriptor, lock, keys/ + 2 key files, data/ + 3 generations (created, compacted, and
    // compacted by the backup) of 2 files each.
    assert_eq!(assert_private(&vault_dir), 12);
    assert_eq!(mode(&backup), 0o600);
    drop(created);

    let restored = dir.path().join("restored");
    restore_backup(&backup, &restored).expect("restore");
    assert_private(&restored);
}

#[cfg(unix)]
#[tokio::test]
async fn a_vault_made_with_loose_permissions_is_tightened_when_it_is_opened() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    drop(common::create_vault(&vault_dir).await);
    // As vaults made before this change were: files 0644, folders 0755.
    for path in ["keys/passphrase.age", "keys/recovery.age", "wellkept-vault.json"] {
        std::fs::set_permissions(vault_dir.join(path), std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    for path in ["", "keys", "data"] {
        std::fs::set_permissions(vault_dir.join(path), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    }
    drop(Vault::load(&vault_dir).expect("load"));
    assert_private(&vault_dir);
}

/// Rewrites the scrypt stanza's work factor in a passphrase key file (`-> scrypt <salt> <n>`),
/// as anyone who can write to the vault folder could. The payload after the header is binary.
fn set_work_factor(path: &Path, from: u8, to: u8) {
    let bytes = std::fs::read(path).expect("read");
    let start = bytes.windows(10).position(|w| w == b"-> scrypt ").expect("an scrypt stanza");
    let end = start + bytes[start..].iter().position(|b| *b == b'\n').expect("end of the stanza line");
    let line = std::str::from_utf8(&bytes[start..end]).expect("stanza line is text");
    let head = line.strip_suffix(&format!(" {from}")).expect("the factor ends the line");
    let mut out = bytes[..start].to_vec();
    out.extend_from_slice(format!("{head} {to}").as_bytes());
    out.extend_from_slice(&bytes[end..]);
    std::fs::write(path, out).expect("write");
}

#[tokio::test]
async fn a_passphrase_key_file_tampered_to_ask_for_2_pow_21_scrypt_work_is_refused_and_left_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    drop(common::create_vault(dir.path()).await);
    set_work_factor(&dir.path().join("keys/passphrase.age"), 10, 21);
    let before = common::snapshot_dir(dir.path());
    let vault = Vault::load(dir.path()).expect("load");
    let refused = vault.unlock(Unlock::Passphrase(common::passphrase())).await.expect_err("over the cap");
    assert_eq!(refused.kind(), "damaged");
    // The recovery key is what helps, said once (decision 77).
    assert_eq!(
        refused.to_string(),
        "Part of the vault is damaged (keys/passphrase.age asks for more scrypt work than Wellkept ever writes (above 2^20), so it was not tried; unlock with your recovery key). Nothing was changed on disk."
    );
    assert_eq!(common::snapshot_dir(dir.path()), before);
}

#[cfg(unix)]
#[tokio::test]
async fn a_backup_never_follows_a_symlink_planted_at_its_temp_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(&dir.path().join("vault")).await;
    common::add_entry(&created.vault, "backed up").await;
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"someone else's file").expect("victim");
    let dest = dir.path().join("vault.wkb");
    std::os::unix::fs::symlink(&victim, dir.path().join("vault.wkb.tmp")).expect("plant symlink");
    created.vault.backup_to(&dest).await.expect("backup");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"someone else's file", "byte-identical");
    assert!(std::fs::symlink_metadata(&dest).expect("dest").is_file(), "a real file, not a link");
    assert!(!dir.path().join("vault.wkb.tmp").exists(), "the planted link is gone");
}

#[cfg(unix)]
#[tokio::test]
async fn restore_never_follows_a_symlink_planted_in_the_destination() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(&dir.path().join("vault")).await;
    let backup = dir.path().join("vault.wkb");
    created.vault.backup_to(&backup).await.expect("backup");
    drop(created);
    // `dest/keys` points at a folder elsewhere: writing the key files would land there.
    let elsewhere = dir.path().join("elsewhere");
    std::fs::create_dir(&elsewhere).expect("elsewhere");
    std::fs::write(elsewhere.join("recovery.age"), b"not yours").expect("file");
    let dest = dir.path().join("dest");
    std::fs::create_dir(&dest).expect("dest");
    std::os::unix::fs::symlink(&elsewhere, dest.join("keys")).expect("plant symlink");
    let before = common::snapshot_dir(&elsewhere);
    let refused = restore_backup(&backup, &dest).expect_err("planted link");
    assert_eq!(refused.kind(), "vault_exists");
    assert!(refused.to_string().contains("found: keys/)"), "{refused}");
    assert_eq!(common::snapshot_dir(&elsewhere), before, "byte-identical");
    assert!(!dest.join("data").exists() && !dest.join("wellkept-vault.json").exists());
}

#[tokio::test]
async fn restore_refuses_a_destination_inside_a_vault_and_leaves_the_vault_byte_identical() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let backup = dir.path().join("vault.wkb");
    created.vault.backup_to(&backup).await.expect("backup");
    drop(created);
    let before = common::snapshot_dir(&vault_dir);
    for inside in ["data/restored", "restored", "keys/x/y"] {
        let refused = restore_backup(&backup, &vault_dir.join(inside)).expect_err(inside);
        assert_eq!(refused.kind(), "invalid", "{inside}");
        assert!(refused.to_string().contains("inside the vault at"), "{inside}: {refused}");
        assert_eq!(common::snapshot_dir(&vault_dir), before, "{inside}: byte-identical");
    }
}

#[tokio::test]
async fn restore_under_a_folder_with_an_unrelated_data_folder_is_not_mistaken_for_inside_a_vault() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(&dir.path().join("vault")).await;
    let backup = dir.path().join("vault.wkb");
    created.vault.backup_to(&backup).await.expect("backup");
    drop(created);
    // A home folder with its own data/ and keys/ (not a vault's) is not a vault.
    let home = dir.path().join("home");
    std::fs::create_dir_all(home.join("data/photos")).expect("data");
    std::fs::create_dir_all(home.join("keys")).expect("keys");
    restore_backup(&backup, &home.join("restored")).expect("restore under home");
    let vault = Vault::open(&home.join("restored"), Unlock::Passphrase(common::passphrase())).await.expect("opens");
    assert_eq!(common::count_entries(&vault).await, 0);
}

/// A backup file with `manifest` as its manifest and `body` after it.
fn forged_backup(manifest: &str, body: &[u8]) -> Vec<u8> {
    let mut out = b"WKBACKUP1\n".to_vec();
    out.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
    out.extend_from_slice(manifest.as_bytes());
    out.extend_from_slice(body);
    out
}

#[tokio::test]
async fn restore_refuses_a_manifest_length_near_usize_max_without_overflowing() {
    let dir = tempfile::tempdir().expect("tempdir");
    for len in [u64::MAX, u64::MAX - 20, usize::MAX as u64 - 3] {
        let manifest = format!(
            r#"[{{"name":"keys/recovery.age","len":1,"sha256":"{}"}},{{"name":"wellkept-vault.json","len":{len},"sha256":"00"}}]"#,
            "01ba4719c80b6fe911b091a7c05124b64eeece964e09c058ef8f9805daca546b", // SHA-256 of "\n"
        );
        let file = dir.path().join("forged.wkb");
        std::fs::write(&file, forged_backup(&manifest, b"\n{}")).expect("write");
        let dest = dir.path().join("dest");
        let refused = restore_backup(&file, &dest).expect_err("forged length");
        assert_eq!(refused.kind(), "damaged", "len {len}");
        assert!(!dest.exists(), "nothing written for len {len}");
    }
}

#[tokio::test]
async fn restore_refuses_names_that_are_not_vault_files_and_repeated_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"; // SHA-256 of ""
    for manifest in [
        format!(r#"[{{"name":"../escape","len":0,"sha256":"{empty}"}}]"#),
        format!(r#"[{{"name":"data/../../escape","len":0,"sha256":"{empty}"}}]"#),
        format!(r#"[{{"name":"keys/authorized_keys","len":0,"sha256":"{empty}"}}]"#),
        format!(
            r#"[{{"name":"wellkept-vault.json","len":0,"sha256":"{empty}"}},{{"name":"wellkept-vault.json","len":0,"sha256":"{empty}"}}]"#
        ),
    ] {
        let file = dir.path().join("forged.wkb");
        std::fs::write(&file, forged_backup(&manifest, b"")).expect("write");
        let dest = dir.path().join("dest");
        assert_eq!(restore_backup(&file, &dest).expect_err(&manifest).kind(), "damaged", "{manifest}");
        assert!(!dest.exists(), "{manifest}");
        assert!(!dir.path().join("escape").exists());
    }
}

#[tokio::test]
async fn restore_refuses_a_backup_over_the_size_cap_before_reading_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("huge.wkb");
    // Sparse: costs no disk and, since the cap is checked first, no reading.
    let f = std::fs::File::create(&file).expect("create");
    f.set_len(wellkept::vault::MAX_BACKUP_BYTES + 1).expect("sparse");
    drop(f);
    let dest = dir.path().join("dest");
    let refused = restore_backup(&file, &dest).expect_err("too large");
    assert_eq!(refused.kind(), "invalid");
    assert!(refused.to_string().contains("larger than 2 GiB"), "{refused}");
    assert!(!dest.exists());
}

#[tokio::test]
async fn changing_a_secret_needs_the_current_passphrase_or_recovery_key() {
    let dir = tempfile::tempdir().expect("tempdir");
    let created = common::create_vault(dir.path()).await;
    let vault = &created.vault;
    vault.check_passphrase(&common::passphrase()).await.expect("the current passphrase");
    let wrong = vault.check_passphrase(&SecretString::from("not the passphrase".to_owned())).await;
    assert_eq!(wrong.expect_err("wrong").kind(), "wrong_key");
    let recovery = RecoveryKey::parse(created.recovery_key.expose()).expect("key");
    vault.check_recovery_key(&recovery).await.expect("the current recovery key");
    let other = common::create_vault(&dir.path().join("other")).await;
    let foreign = RecoveryKey::parse(other.recovery_key.expose()).expect("key");
    assert_eq!(vault.check_recovery_key(&foreign).await.expect_err("another vault's").kind(), "wrong_key");
}
