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
//!   attachments/<content id>.age       one attached file each, age-encrypted to the vault key
//!   devices/<id>.age                   each computer's name and when it last opened the vault,
//!                                      written only by that computer (src/sync/devices.rs)
//!   devices/<id>/journal-<seq>.wkj     the change log of a computer that is not the vault's
//!                                      home, written only by it (src/vault/peers.rs)
//!   vault.lock                         empty; held with an advisory lock by the one writer
//! ```
//! Older snapshot/journal generations stay in `data/` as rotating backups. A re-key stages its
//! new files in `rekey-staging/` (see `rekey.rs`) and moves them into place once committed.
//!
//! Every file is created 0600 and every folder 0700 (on Unix): the wrapped keys are ciphertext,
//! but a passphrase-wrapped key readable by other local users invites offline guessing. Temp
//! files are created with `O_EXCL` after removing any leftover, so a planted symlink is never
//! written through.

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

/// The folder of encrypted attachment files, inside the vault folder.
pub const ATTACHMENTS_DIR: &str = "attachments";

/// Where a re-key stages its files until it commits.
pub const REKEY_STAGING: &str = "rekey-staging";

/// The entries that make a folder a vault, or part of one. Creating or restoring refuses a
/// folder holding any of them: without its descriptor a vault is still a vault.
const VAULT_ENTRIES: [(&str, &str); 7] = [
    (CONFIG_FILE, CONFIG_FILE),
    ("keys", "keys/"),
    ("data", "data/"),
    ("attachments", "attachments/"),
    ("devices", "devices/"),
    ("vault.lock", "vault.lock"),
    (REKEY_STAGING, "rekey-staging/"),
];

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

    /// Files in `data/` that a sync tool made when two computers changed one file at once:
    /// Syncthing's `…sync-conflict-…`, Dropbox's and Nextcloud's `… (… conflicted copy …)`.
    /// Paths relative to the vault folder, sorted.
    pub fn set_aside_by_sync_tools(&self) -> Vec<String> {
        let mut found: Vec<String> = fs::read_dir(self.data())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| e.file_name().into_string().ok())
            .filter(|name| crate::sync::status::is_conflict_copy(name))
            .map(|name| format!("data/{name}"))
            .collect();
        found.sort();
        found
    }
    /// Snapshot holding history up to `seq`.
    pub fn snapshot(&self, seq: u64) -> PathBuf {
        self.data().join(format!("snapshot-{seq:020}.age"))
    }
    /// Journal continuing from snapshot `seq`.
    pub fn changelog(&self, seq: u64) -> PathBuf {
        self.data().join(format!("journal-{seq:020}.wkj"))
    }
    /// The folder of computer `device`'s own change logs (32 hex digits; see `peers.rs`).
    pub fn side_dir(&self, device: &str) -> PathBuf {
        self.root.join(crate::sync::devices::DEVICES_DIR).join(device)
    }
    /// Computer `device`'s change log continuing from its record `base`.
    pub fn side_log(&self, device: &str, base: u64) -> PathBuf {
        self.side_dir(device).join(format!("journal-{base:020}.wkj"))
    }
    /// Every computer with change logs of its own under `devices/`: its id (32 hex digits) and
    /// the bases of its logs, oldest first. Sorted by id.
    pub fn side_logs(&self) -> Vec<(String, Vec<u64>)> {
        let mut found: Vec<(String, Vec<u64>)> = fs::read_dir(self.root.join(crate::sync::devices::DEVICES_DIR))
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let is_id = name.len() == 32 && name.bytes().all(|b| b.is_ascii_hexdigit());
                (is_id && entry.path().is_dir()).then_some(name)
            })
            .map(|device| {
                let mut bases: Vec<u64> = fs::read_dir(self.side_dir(&device))
                    .into_iter()
                    .flatten()
                    .flatten()
                    .filter_map(|e| {
                        let name = e.file_name().into_string().ok()?;
                        name.strip_prefix("journal-")?.strip_suffix(".wkj")?.parse::<u64>().ok()
                    })
                    .collect();
                bases.sort_unstable();
                (device, bases)
            })
            .filter(|(_, bases)| !bases.is_empty())
            .collect();
        found.sort();
        found
    }
    /// The attachments folder: one age file per distinct attached file (see `crate::attachments`).
    pub fn attachments(&self) -> PathBuf {
        self.root.join(ATTACHMENTS_DIR)
    }
    /// The encrypted file holding the attachment content `content_id` (64 hex digits).
    pub fn attachment(&self, content_id: &str) -> PathBuf {
        self.attachments().join(format!("{content_id}.age"))
    }
    /// The advisory lock file.
    pub fn lock_file(&self) -> PathBuf {
        self.root.join("vault.lock")
    }

    /// The generations (base sequence numbers) that have a change log, newest first.
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

    /// The vault files and folders present here, as an error names them ("keys/", "data/").
    /// A symlink counts even when it points nowhere: it must never be written through.
    pub fn vault_files_present(&self) -> Vec<&'static str> {
        VAULT_ENTRIES
            .iter()
            .filter(|(name, _)| fs::symlink_metadata(self.root.join(name)).is_ok())
            .map(|(_, shown)| *shown)
            .collect()
    }

    /// Refuses, naming what was found, when this folder holds any vault file.
    pub fn ensure_no_vault_files(&self) -> Result<()> {
        let found = self.vault_files_present();
        if found.is_empty() {
            Ok(())
        } else {
            Err(Error::VaultExists { path: self.root.clone(), found: found.join(", ") })
        }
    }

    /// Whether this folder holds a vault, with or without its descriptor: the descriptor, a key
    /// file or a change log. Stricter than [`VaultPaths::vault_files_present`] (any `data/` at
    /// all), because it is also asked of every folder above a restore destination, and a home
    /// folder with an unrelated `data/` in it is not a vault.
    pub fn holds_vault(&self) -> bool {
        self.config().exists()
            || self.passphrase_key().exists()
            || self.recovery_key().exists()
            || self.generations().is_ok_and(|found| !found.is_empty())
    }

    /// Rebuilds a descriptor for a vault whose `wellkept-vault.json` was lost, from what the
    /// folder itself says. Only part of it can be read without the key:
    /// - the vault id is in the newest change log's plaintext header (authenticated once the key is
    ///   known: unlocking checks the header's MAC with the key the id led to);
    /// - which methods exist is which key files exist; the keychain flag is set as a hint so
    ///   the keychain is tried (the keychain itself is the truth);
    /// - the recipient cannot be read from age files (X25519 stanzas do not name it), so it is
    ///   left empty here and filled in from the key once a method has unlocked the vault and the
    ///   newest generation has authenticated under it.
    ///
    /// The result is not written: [`super::Vault::unlock`] writes it after that check.
    pub fn rebuild_config(&self) -> Result<VaultConfig> {
        let missing = || {
            Error::damaged_saying(format!(
                "{CONFIG_FILE} is missing and no change log was found to rebuild it from; restore a backup"
            ))
        };
        let newest = *self.generations().map_err(|_| missing())?.first().ok_or_else(missing)?;
        let mut header = [0u8; 24];
        File::open(self.changelog(newest))
            .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
            .map_err(|_| missing())?;
        // The magic's version digits may change with the change-log format; the id's place does not.
        if &header[..6] != b"WKJRNL" {
            return Err(missing());
        }
        let vault_id = uuid::Uuid::from_slice(&header[8..24]).map_err(|_| missing())?.to_string();
        Ok(VaultConfig {
            format: FORMAT_VERSION,
            vault_id,
            recipient: String::new(),
            unlock: UnlockMethods {
                keychain: true,
                passphrase: self.passphrase_key().exists(),
                recovery: self.recovery_key().exists(),
            },
        })
    }

    /// Gives the vault's folders mode 0700 and its files 0600, for vaults made before Wellkept
    /// did so at creation. Best effort: a file we cannot change is still ciphertext.
    pub fn tighten_permissions(&self) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            for dir in [self.root.clone(), self.keys(), self.data(), self.attachments()] {
                if fs::symlink_metadata(&dir).is_ok_and(|m| m.is_dir()) {
                    let _ = fs::set_permissions(&dir, fs::Permissions::from_mode(0o700));
                }
            }
            let files = [self.keys(), self.data(), self.attachments()]
                .into_iter()
                .filter_map(|d| fs::read_dir(d).ok())
                .flat_map(|entries| entries.flatten().map(|e| e.path()))
                .chain([self.config(), self.lock_file()]);
            for file in files {
                // Never follow a link: chmod on a symlink would change its target.
                if fs::symlink_metadata(&file).is_ok_and(|m| m.is_file()) {
                    let _ = fs::set_permissions(&file, fs::Permissions::from_mode(0o600));
                }
            }
        }
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
    // A bare file name ("backup.wkb", relative to the working folder) has the empty path as its
    // parent: the folder to sync is then ".". Syncing "" failed *after* the rename, so a backup
    // that was written whole was reported as failed.
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        Some(_) => Path::new("."),
        None => return Err(Error::Internal { detail: "atomic write without a parent folder".into() }),
    };
    let tmp = path.with_extension(format!(
        "{}tmp",
        path.extension().and_then(|e| e.to_str()).map(|e| format!("{e}.")).unwrap_or_default()
    ));
    use super::fault::{Point, check};
    let result = (|| {
        let mut f = create_private_file(&tmp)?;
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

/// Creates `path` as a new file only its owner can read (0600 on Unix). A leftover from an
/// interrupted write is removed first — if it is a symlink, the link itself, not its target —
/// and the file is then created with `O_EXCL`, which never follows a symlink: a link planted in
/// between makes the write fail instead of landing elsewhere.
pub fn create_private_file(path: &Path) -> std::io::Result<File> {
    match fs::remove_file(path) {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

/// Creates a folder (and its missing parents) that only its owner can enter (0700 on Unix).
pub fn create_private_dir(path: &Path) -> std::io::Result<()> {
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder.create(path)?;
    #[cfg(unix)]
    {
        // `mode` does not apply to a folder that already existed (a folder the person chose).
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o700))?;
    }
    Ok(())
}

/// Makes a folder's entries (new, renamed, removed files) durable.
pub fn sync_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        // Windows has no folder fsync; NTFS change logs metadata and rename is durable once the
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
        let mut options = OpenOptions::new();
        options.create(true).truncate(false).write(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let file = options.open(paths.lock_file()).map_err(|e| Error::storage("Opening the vault", e))?;
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
