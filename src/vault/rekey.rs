//! Re-keying: replacing the vault key itself, so that no old secret opens today's files.
//!
//! Changing the passphrase or the recovery key rewraps the *same* vault key (see `methods.rs`):
//! a backup made last year, or a copy of `keys/` a sync tool kept, still opens with the old
//! secret and still decrypts today's snapshot. A re-key makes a new random key, rewraps it for
//! every method (the passphrase — which the person types again, since we never keep it —, a new
//! recovery key shown once, and the keychain), writes today's database as a new generation
//! under the new key, and removes every older generation (all encrypted under the old key).
//!
//! It must never leave a vault that no method opens, so it is staged and committed:
//! 1. everything new is written into `rekey-staging/` (keys, one generation, the descriptor);
//!    the live files are untouched, so a crash here is rolled back at the next open (the
//!    staging folder is deleted) and the old key still opens everything;
//! 2. `rekey-staging/COMMIT` (holding the generation's sequence number) is written atomically:
//!    the commit point;
//! 3. the staged files are renamed into place (keys, then the generation, then the older
//!    generations are removed, then the descriptor), and the staging folder is removed. A crash
//!    here is finished at the next open ([`settle`], run under the writer lock before
//!    anything reads the folder): every step is a rename or a removal, so it needs no secret.
//!
//! The keychain is updated after the commit; if that fails (or the process dies first), the
//! keychain still holds the old key, which no longer matches the descriptor: unlocking from the
//! keychain then says "that keychain key did not unlock this vault", and the passphrase or the
//! new recovery key opens it (and can store the key in the keychain again).
//!
//! A staging folder and `COMMIT` planted by someone who can write to the vault folder make the
//! next open replace the vault's files with theirs — which that person could do directly, so
//! this opens no new attack; the vault then fails to unlock with the person's secrets rather
//! than opening someone else's data silently (the descriptor's recipient must match the key).

use std::fs;
use std::path::Path;

use secrecy::SecretString;
use sqlx::Connection;

use super::layout::{self, VaultConfig, VaultPaths};
use super::{Vault, snapshot};
use crate::keys::{self, RecoveryKey, VaultKey, keychain};
use crate::{Error, Result};

/// The commit marker inside the staging folder.
const COMMIT: &str = "COMMIT";

/// What a re-key produced.
pub struct Rekeyed {
    /// The new recovery key, to show once. The old one opens nothing current.
    pub recovery_key: RecoveryKey,
    /// Set when this computer's keychain could not take the new key: the vault then unlocks
    /// with the passphrase or the new recovery key until the keychain is set up again.
    pub keychain_error: Option<Error>,
    /// How many older generations (rotating backups under the old key) were removed.
    pub generations_removed: usize,
}

impl std::fmt::Debug for Rekeyed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Rekeyed")
            .field("keychain_error", &self.keychain_error)
            .field("generations_removed", &self.generations_removed)
            .finish_non_exhaustive()
    }
}

impl Vault {
    /// Replaces the vault key (see the module docs). `passphrase` protects the new key and is
    /// required when the vault has a passphrase (the caller checks it first with
    /// [`Vault::check_passphrase`] when it must be the current one). Needs the vault unlocked.
    pub async fn rekey(&self, passphrase: Option<&SecretString>, work_factor: u8) -> Result<Rekeyed> {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        if open.read_only {
            return Err(super::read_only_error());
        }
        if open.check_folder(&self.paths)? != super::Arrival::Nothing {
            return Err(Error::ChangedElsewhere);
        }
        if open.home_elsewhere.is_some() || !self.paths.side_logs().is_empty() {
            // The other computers' logs are encrypted under generation keys the old vault key
            // wraps, and their keychains hold the old key.
            return Err(Error::ReadOnly {
                reason: "This vault is shared by several computers, and changing its key there is not supported yet: every other computer would lose its way in. Nothing was changed.".into(),
            });
        }
        let config = self.config();
        if config.unlock.passphrase && passphrase.is_none() {
            return Err(Error::invalid(
                "Passphrase",
                "type your passphrase: it is needed to protect the new key (it is never stored)",
            ));
        }
        let new_key = VaultKey::generate();
        let staging_root = self.paths.root().join(layout::REKEY_STAGING);
        let staged = match self.stage(open, &config, &new_key, passphrase, work_factor).await {
            Ok(staged) => staged,
            Err(e) => {
                let _ = discard_staging(&staging_root);
                return Err(e);
            }
        };
        let generations_removed = match roll_forward(&self.paths) {
            Ok(removed) => removed,
            Err(e) => {
                // Committed but not finished: the in-memory key no longer matches the files
                // being moved. Lock; the next open finishes the move (no secret needed).
                if let Some(open) = state.take() {
                    let _ = open.conn.close().await;
                }
                return Err(e);
            }
        };
        // The list of computers follows the key (best effort: each computer rewrites its own
        // entry when it next opens the vault).
        crate::sync::devices::rekey(self.paths.root(), &open.key, &new_key);
        // The vault now runs on the new key. The journal handle follows its renamed file.
        open.key = new_key;
        open.journal = Some(staged.journal);
        // The old mark authenticates under the old key only; start this computer's mark afresh.
        let start = super::changelog::chain_start(&open.key, &self.vault_id, open.seq);
        open.mark = super::MarkFile::open(
            &self.vault_id,
            super::Mark { generation: open.seq, seq: open.seq, chain: start, at_ms: super::now().timestamp_millis() },
            &open.key,
        );
        open.base_seq = open.seq;
        open.snapshot_bytes = staged.snapshot_bytes;
        open.restamp(&self.paths);
        let mut config = staged.config;
        *self.config.lock().expect("config mutex is never poisoned: no code panics while holding it") = config.clone();

        let keychain_error = if config.unlock.keychain {
            match keychain::store_key(&config.vault_id, &open.key).await {
                Ok(()) => None,
                Err(e) => {
                    // The entry (if any) holds the old key, which opens nothing current.
                    let _ = keychain::delete_key(&config.vault_id).await;
                    config.unlock.keychain = false;
                    self.set_config(config)?;
                    Some(e)
                }
            }
        } else {
            None
        };
        Ok(Rekeyed { recovery_key: staged.recovery_key, keychain_error, generations_removed })
    }

    /// Steps 1 and 2 of the module docs: writes everything under `rekey-staging/` and commits.
    async fn stage(
        &self,
        open: &mut super::OpenState,
        config: &VaultConfig,
        new_key: &VaultKey,
        passphrase: Option<&SecretString>,
        work_factor: u8,
    ) -> Result<Staged> {
        let root = self.paths.root().join(layout::REKEY_STAGING);
        // A leftover from a failed attempt in this session (one from an earlier run was
        // settled when the vault was loaded).
        discard_staging(&root)?;
        let staged = VaultPaths::new(&root);
        for dir in [staged.keys(), staged.data()] {
            layout::create_private_dir(&dir).map_err(|e| Error::storage("Preparing the new key", e))?;
        }
        let mut config = config.clone();
        // Key files first: a passphrase that is too short fails before the snapshot is written.
        if let Some(passphrase) = passphrase {
            let wrapped = keys::wrap_with_passphrase(new_key, passphrase, work_factor)?;
            layout::write_atomic(&staged.passphrase_key(), &wrapped, "Saving the new passphrase key")?;
            config.unlock.passphrase = true;
        }
        let (recovery_key, wrapped) = keys::wrap_with_new_recovery_key(new_key)?;
        layout::write_atomic(&staged.recovery_key(), &wrapped, "Saving the new recovery key")?;
        config.unlock.recovery = true;

        // Today's database, at today's sequence number, under the new key. Its journal is empty:
        // the next write continues from this sequence number.
        // Its chain starts afresh under the new key, as an upgraded format 1 generation does:
        // nothing under the old key can continue it.
        // As every snapshot: with a complete full-text index.
        open.index_pending().await?;
        let image = super::plaintext::WipeOnDrop(open.conn.serialize(None).await?);
        let start = super::changelog::chain_start(new_key, &self.vault_id, open.seq);
        let (journal, snapshot_bytes) =
            snapshot::write_generation(&staged, open.seq, start, &image, &self.vault_id, new_key)
                .map_err(|f| f.error)?;
        drop(image);
        self.stage_attachments(open, &staged, new_key).await?;
        config.recipient = new_key.recipient().to_string();
        staged.write_config(&config)?;
        layout::sync_dir(&root).map_err(|e| Error::storage("Preparing the new key", e))?;
        // The commit point.
        layout::write_atomic(&root.join(COMMIT), open.seq.to_string().as_bytes(), "Committing the new key")?;
        Ok(Staged { config, recovery_key, journal, snapshot_bytes })
    }
}

impl Vault {
    /// Re-encrypts every attached file to the new key, into `rekey-staging/attachments/` under
    /// the same name (names come from the database's naming key, not the vault key). One file at
    /// a time. A file that is missing or does not decrypt is left as it is: it was unreadable
    /// before the re-key too, and `read` reports it.
    async fn stage_attachments(
        &self,
        open: &mut super::OpenState,
        staged: &VaultPaths,
        new_key: &VaultKey,
    ) -> Result<()> {
        let ids: Vec<(String,)> =
            sqlx::query_as("SELECT DISTINCT content_id FROM attachments").fetch_all(&mut open.conn).await?;
        if ids.is_empty() {
            return Ok(());
        }
        layout::create_private_dir(&staged.attachments()).map_err(|e| Error::storage("Preparing the new key", e))?;
        for (id,) in ids {
            let Ok(sealed) = fs::read(self.paths.attachment(&id)) else { continue };
            let Ok(plain) = age::decrypt(open.key.identity(), &sealed) else { continue };
            let plain = zeroize::Zeroizing::new(plain);
            let resealed = age::encrypt(&new_key.recipient(), &plain)
                .map_err(|e| Error::Internal { detail: format!("re-encrypting an attachment: {e}") })?;
            layout::write_atomic(&staged.attachment(&id), &resealed, "Re-encrypting an attached file")?;
        }
        layout::sync_dir(&staged.attachments()).map_err(|e| Error::storage("Preparing the new key", e))
    }
}

/// What [`Vault::stage`] made, for the in-memory switch once the files are in place.
struct Staged {
    config: VaultConfig,
    recovery_key: RecoveryKey,
    journal: super::changelog::ChangeLogFile,
    snapshot_bytes: u64,
}

/// Finishes or rolls back a re-key interrupted by a crash: with `COMMIT`, rolls forward;
/// without, deletes the staging folder (the live files were never touched). Run with the
/// writer lock held, before the descriptor is read.
pub(super) fn settle(paths: &VaultPaths) -> Result<()> {
    let root = paths.root().join(layout::REKEY_STAGING);
    match fs::symlink_metadata(&root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::storage("Reading the vault folder", e)),
        Ok(meta) if meta.is_dir() && root.join(COMMIT).is_file() => roll_forward(paths).map(|_| ()),
        Ok(_) => discard_staging(&root),
    }
}

fn discard_staging(root: &Path) -> Result<()> {
    let removed = match fs::symlink_metadata(root) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        // `remove_dir_all` removes a symlink itself, never what it points to; a plain file
        // needs `remove_file`.
        Ok(meta) if meta.is_dir() => fs::remove_dir_all(root),
        _ => fs::remove_file(root),
    };
    removed.map_err(|e| Error::storage("Removing an unfinished re-key", e))
}

/// Step 3 of the module docs. Idempotent: after a crash part way, running it again finishes.
/// Returns how many older generations it removed.
fn roll_forward(paths: &VaultPaths) -> Result<usize> {
    let io = |e| Error::storage("Finishing the change of vault key", e);
    let root = paths.root().join(layout::REKEY_STAGING);
    let staged = VaultPaths::new(&root);
    let seq: u64 = fs::read_to_string(root.join(COMMIT))
        .ok()
        .and_then(|text| text.trim().parse().ok())
        .ok_or_else(|| Error::damaged(format!("{}/{COMMIT} is not valid", layout::REKEY_STAGING)))?;
    let config = if staged.config().exists() { staged.read_config()? } else { paths.read_config()? };

    for (from, to) in [
        (staged.passphrase_key(), paths.passphrase_key()),
        (staged.recovery_key(), paths.recovery_key()),
        (staged.snapshot(seq), paths.snapshot(seq)),
        (staged.changelog(seq), paths.changelog(seq)),
    ] {
        if from.exists() {
            fs::rename(&from, &to).map_err(io)?;
        }
    }
    if !config.unlock.passphrase {
        // A key file no method uses would still unwrap the old key: nothing current, but tidy.
        let _ = fs::remove_file(paths.passphrase_key());
    }
    // Attached files re-encrypted to the new key replace their old-key copies, name for name.
    if let Ok(entries) = fs::read_dir(staged.attachments()) {
        layout::create_private_dir(&paths.attachments()).map_err(io)?;
        for entry in entries {
            let entry = entry.map_err(io)?;
            if entry.file_name().to_str().is_some_and(|n| n.ends_with(".age")) {
                fs::rename(entry.path(), paths.attachments().join(entry.file_name())).map_err(io)?;
            }
        }
        layout::sync_dir(&paths.attachments()).map_err(io)?;
    }
    layout::sync_dir(&paths.keys()).map_err(io)?;
    layout::sync_dir(&paths.data()).map_err(io)?;
    if !paths.snapshot(seq).exists() || !paths.changelog(seq).exists() {
        return Err(Error::damaged_saying(format!(
            "the re-keyed snapshot {seq} is missing, so the older generations were kept; restore a backup"
        )));
    }
    // Every other generation is under the old key: remove it (the point of a re-key).
    let mut removed = 0;
    for old in paths.generations()?.into_iter().filter(|g| *g != seq) {
        fs::remove_file(paths.changelog(old)).map_err(io)?;
        match fs::remove_file(paths.snapshot(old)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(e)),
            _ => {}
        }
        removed += 1;
    }
    // Orphan snapshots and temp files: under the old key, removing them is the point of a re-key.
    let _ = snapshot::prune(paths, seq);
    layout::sync_dir(&paths.data()).map_err(io)?;
    // The descriptor last: it names the new recipient.
    if staged.config().exists() {
        fs::rename(staged.config(), paths.config()).map_err(io)?;
    }
    layout::sync_dir(paths.root()).map_err(io)?;
    fs::remove_dir_all(&root).map_err(io)?;
    layout::sync_dir(paths.root()).map_err(io)?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{CreateOptions, Unlock};

    fn pass(text: &str) -> SecretString {
        SecretString::from(text.to_owned())
    }

    async fn vault_with_entries(dir: &Path) -> (Vault, RecoveryKey) {
        static ONCE: std::sync::Once = std::sync::Once::new();
        ONCE.call_once(|| keychain::use_mock_store().expect("mock keychain store"));
        let created = Vault::create(
            dir,
            CreateOptions { passphrase: Some(pass("old passphrase")), use_keychain: false, passphrase_work_factor: 10 },
        )
        .await
        .expect("create");
        created
            .vault
            .write(|w| {
                Box::pin(async move {
                    w.exec(
                        "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, body) VALUES (?, ?, ?, ?, ?)",
                        crate::params!["e1", "2026-12-01T00:00:00.000Z", "2026-12-01T00:00:00.000Z", "2026-12-01", "kept"],
                    )
                    .await?;
                    Ok(())
                })
            })
            .await
            .expect("write");
        (created.vault, created.recovery_key)
    }

    /// Every file under `dir` but the lock and the computers' own entries (each open rewrites
    /// its computer's, by design), with its bytes.
    fn files(dir: &Path) -> std::collections::BTreeMap<std::path::PathBuf, Vec<u8>> {
        let mut out = std::collections::BTreeMap::new();
        let mut stack = vec![dir.to_owned()];
        while let Some(d) = stack.pop() {
            for entry in fs::read_dir(&d).expect("read dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    if path.file_name().is_some_and(|n| n != crate::sync::devices::DEVICES_DIR) {
                        stack.push(path);
                    }
                } else if path.file_name().is_some_and(|n| n != "vault.lock") {
                    out.insert(path.clone(), fs::read(&path).expect("read"));
                }
            }
        }
        out
    }

    async fn entries(vault: &Vault) -> i64 {
        vault.fetch_one::<(i64,)>("SELECT count(*) FROM journal_entries", crate::params![]).await.expect("count").0
    }

    #[tokio::test]
    async fn a_rekey_interrupted_before_its_commit_is_rolled_back_and_the_old_key_opens() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (vault, old_recovery) = vault_with_entries(dir.path()).await;
        let before = files(dir.path());
        {
            let mut state = vault.state.lock().await;
            let open = state.as_mut().expect("unlocked");
            let config = vault.config();
            vault.stage(open, &config, &VaultKey::generate(), Some(&pass("new passphrase")), 10).await.expect("stage");
        }
        // Simulate a crash just before the commit point.
        fs::remove_file(dir.path().join(layout::REKEY_STAGING).join(COMMIT)).expect("remove commit");
        drop(vault);
        let vault = Vault::open(dir.path(), Unlock::RecoveryKey(old_recovery)).await.expect("old key opens");
        assert_eq!(entries(&vault).await, 1);
        assert!(!dir.path().join(layout::REKEY_STAGING).exists(), "staging removed");
        assert_eq!(files(dir.path()), before, "live files byte-identical");
    }

    #[tokio::test]
    async fn a_rekey_interrupted_after_its_commit_is_finished_at_the_next_open() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (vault, old_recovery) = vault_with_entries(dir.path()).await;
        {
            let mut state = vault.state.lock().await;
            let open = state.as_mut().expect("unlocked");
            let config = vault.config();
            vault.stage(open, &config, &VaultKey::generate(), Some(&pass("new passphrase")), 10).await.expect("stage");
        }
        // A crash part way through the roll-forward: only the recovery key was moved.
        let staging = dir.path().join(layout::REKEY_STAGING);
        fs::rename(staging.join("keys/recovery.age"), dir.path().join("keys/recovery.age")).expect("partial move");
        drop(vault);
        let vault = Vault::load(dir.path()).expect("load finishes the re-key");
        assert!(!staging.exists());
        assert_eq!(vault.paths().generations().expect("list").len(), 1, "old generations removed");
        let refused = vault.unlock(Unlock::RecoveryKey(old_recovery)).await.expect_err("old recovery key");
        assert_eq!(refused.kind(), "wrong_key");
        vault.unlock(Unlock::Passphrase(pass("new passphrase"))).await.expect("new passphrase opens");
        assert_eq!(entries(&vault).await, 1);
    }
}
