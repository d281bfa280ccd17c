//! Where a vault's files live, the one plaintext file that says how to find the keys, and the
//! careful file operations (atomic replace, folder fsync, the one-writer lock) everything else
//! builds on.
//!
//! ```text
//! <vault>/
//!   wellkept-vault.json                format version, vault id, public recipient, unlock methods
//!   keys/passphrase.age                the vault key, age-scrypt-wrapped with the passphrase
//!   keys/recovery.age                  the vault key, wrapped to the recovery key
//!   data/snapshot-<seq>.age            age-encrypted SQLite image holding history 1..=seq
//!   data/journal-<seq>.wkj             authenticated, age-encrypted change records seq+1..
//!   vault.lock                         empty; held with an advisory lock by the one writer
//! ```
//! Older snapshot/journal generations stay in `data/` as rotating backups.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::{Error, Result};

/// The on-disk format this build writes (and the newest it reads). Format 2 chains the change
/// records and encrypts them under a per-generation key; format 1 vaults are read and upgraded
/// on open (see `docs/vault-format.md`).
pub const FORMAT_VERSION: u32 = 2;

/// Name of the plaintext descriptor file.
pub const CONFIG_FILE: &str = "wellkept-vault.json";

/// The plaintext descriptor: only what is needed to find and check the keys.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct VaultConfig {
    /// On-disk format version.
    pub format: u32,
    /// Random id of this vault (names its keychain entry).
    pub vault_id: String,
    /// The public age recipient of the vault key: lets an unlock method be checked before use.
    pub recipient: String,
    /// Which unlock methods exist.
    pub unlock: UnlockMethods,
}

/// The unlock methods a vault has. The keychain flag is a hint: the keychain itself is the truth.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq, Default)]
pub struct UnlockMethods {
    /// The key is stored in this computer's keychain.
    pub keychain: bool,
    /// `keys/passphrase.age` exists.
    pub passphrase: bool,
    /// `keys/recovery.age` exists.
    pub recovery: bool,
}

/// Paths inside a vault folder.
#[derive(Debug, Clone)]
pub struct VaultPaths {
    root: PathBuf,
}

impl VaultPaths {
    /// Paths for the vault in `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }
    /// The vault folder.
    pub fn root(&self) -> &Path {
        &self.root
    }
    /// The descriptor file.
    pub fn config(&self) -> PathBuf {
        self.root.join(CONFIG_FILE)
    }
    /// The key folder.
    pub fn keys(&self) -> PathBuf {
        self.root.join("keys")
    }
    /// The passphrase-wrapped key.
    pub fn passphrase_key(&self) -> PathBuf {
        self.keys().join("passphrase.age")
    }
    /// The recovery-key-wrapped key.
    pub fn recovery_key(&self) -> PathBuf {
        self.keys().join("recovery.age")
    }
    /// The data folder.
    pub fn data(&self) -> PathBuf {
        self.root.join("data")
    }
    /// Snapshot holding history up to `seq`.
    pub fn snapshot(&self, seq: u64) -> PathBuf {
        self.data().join(format!("snapshot-{seq:020}.age"))
    }
    /// Journal continuing from snapshot `seq`.
    pub fn journal(&self, seq: u64) -> PathBuf {
        self.data().join(format!("journal-{seq:020}.wkj"))
    }
    /// The advisory lock file.
    pub fn lock_file(&self) -> PathBuf {
        self.root.join("vault.lock")
    }

    /// The generations (base sequence numbers) that have a journal, newest first.
    pub fn generations(&self) -> Result<Vec<u64>> {
        let mut found = Vec::new();
        let entries = fs::read_dir(self.data()).map_err(|e| Error::storage("Reading the vault folder", e))?;
        for entry in entries {
            let entry = entry.map_err(|e| Error::storage("Reading the vault folder", e))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else { continue };
            if let Some(Ok(seq)) =
                name.strip_prefix("journal-").and_then(|s| s.strip_suffix(".wkj")).map(str::parse::<u64>)
            {
                found.push(seq);
            }
        }
        found.sort_unstable_by(|a, b| b.cmp(a));
        Ok(found)
    }

    /// Reads and checks the descriptor.
    pub fn read_config(&self) -> Result<VaultConfig> {
        let bytes = match fs::read(self.config()) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(Error::NotAVault { path: self.root.clone() });
            }
            Err(e) => return Err(Error::storage("Reading the vault descriptor", e)),
        };
        let config: VaultConfig =
            serde_json::from_slice(&bytes).map_err(|_| Error::damaged(format!("{CONFIG_FILE} is not valid")))?;
        if config.format > FORMAT_VERSION {
            return Err(Error::NewerFormat { found: config.format });
        }
        if config.format == 0 || uuid::Uuid::parse_str(&config.vault_id).is_err() {
            return Err(Error::damaged(format!("{CONFIG_FILE} is not valid")));
        }
        Ok(config)
    }

    /// Replaces the descriptor atomically.
    pub fn write_config(&self, config: &VaultConfig) -> Result<()> {
        let json = serde_json::to_vec_pretty(config).map_err(|e| Error::Internal { detail: e.to_string() })?;
        write_atomic(&self.config(), &json, "Saving the vault descriptor")
    }
}

/// Writes `bytes` to `path` so that after a crash the file holds either the old or the new
/// content, never a mix: temp file, fsync, rename over, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8], action: &'static str) -> Result<()> {
    let dir = path.parent().ok_or_else(|| Error::Internal { detail: "atomic write without a parent folder".into() })?;
    let tmp = path.with_extension(format!(
        "{}tmp",
        path.extension().and_then(|e| e.to_str()).map(|e| format!("{e}.")).unwrap_or_default()
    ));
    use super::fault::{Point, check};
    let result = (|| {
        let mut f = File::create(&tmp)?;
        check(Point::Write)?;
        f.write_all(bytes)?;
        check(Point::Fsync)?;
        f.sync_all()?;
        drop(f);
        check(Point::Rename)?;
        fs::rename(&tmp, path)?;
        check(Point::FolderFsync)?;
        sync_dir(dir)
    })();
    if result.is_err() {
        // Best effort: a leftover temp file is removed on the next open anyway.
        let _ = fs::remove_file(&tmp);
    }
    result.map_err(|e| Error::storage(action, e))
}

/// Makes a folder's entries (new, renamed, removed files) durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // Windows has no folder fsync; NTFS journals metadata and rename is durable once the
        // file itself is flushed.
        let _ = dir;
        Ok(())
    }
}

/// The advisory lock that makes one process the vault's only writer. Released on drop (and by
/// the OS if the process dies).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

impl WriterLock {
    /// Takes the lock or reports that the vault is open elsewhere.
    pub fn acquire(paths: &VaultPaths) -> Result<Self> {
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(paths.lock_file())
            .map_err(|e| Error::storage("Opening the vault", e))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file }),
            Err(fs::TryLockError::WouldBlock) => Err(Error::InUse),
            Err(fs::TryLockError::Error(e)) => Err(Error::storage("Locking the vault", e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_writer_is_refused_until_the_first_lets_go() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = VaultPaths::new(dir.path());
        let first = WriterLock::acquire(&paths).expect("first lock");
        assert!(matches!(WriterLock::acquire(&paths), Err(Error::InUse)));
        drop(first);
        WriterLock::acquire(&paths).expect("lock after release");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("x.json");
        write_atomic(&path, b"old", "test").expect("write");
        write_atomic(&path, b"new content", "test").expect("rewrite");
        assert_eq!(fs::read(&path).expect("read"), b"new content");
        assert_eq!(fs::read_dir(dir.path()).expect("list").count(), 1, "no temp file left behind");
    }

    #[test]
    fn newer_formats_are_refused_with_a_clear_error() {
        let dir = tempfile::tempdir().expect("tempdir");
        let paths = VaultPaths::new(dir.path());
        let mut config = VaultConfig {
            format: FORMAT_VERSION + 1,
            vault_id: uuid::Uuid::new_v4().to_string(),
            recipient: String::new(),
            unlock: UnlockMethods::default(),
        };
        paths.write_config(&config).expect("write");
        assert!(matches!(paths.read_config(), Err(Error::NewerFormat { .. })));
        config.format = FORMAT_VERSION;
        paths.write_config(&config).expect("write");
        assert_eq!(paths.read_config().expect("read"), config);
    }
}
