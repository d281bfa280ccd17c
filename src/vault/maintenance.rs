//! Checking a vault end to end, and encrypted backups to a single file.
//!
//! `verify` reads every generation (the current one and the rotating backups), authenticates
//! every journal record, replays it into a scratch database and runs SQLite's integrity check,
//! without changing anything on disk.
//!
//! A backup file is the vault's own encrypted files packed into one container — the descriptor,
//! the wrapped keys, and a fresh snapshot with its journal — so it is exactly as safe as the
//! vault and restores with the same passphrase or recovery key:
//! ```text
//! "WKBACKUP1\n" | manifest length (u32 LE) | manifest JSON | file bytes, in manifest order
//! ```

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Unlock, Vault, VaultPaths, connect, layout, replay, snapshot};
use crate::{Error, Result};

/// What `verify` found for one generation.
#[derive(Debug, Clone, Serialize)]
pub struct GenerationReport {
    /// The snapshot's sequence number.
    pub snapshot_seq: u64,
    /// Records in its journal that authenticated and replayed.
    pub records: usize,
    /// Whether an unacknowledged partial write was found at the end (harmless).
    pub torn_tail: bool,
    /// `None` when intact, otherwise what is wrong.
    pub problem: Option<String>,
}

/// What `verify` found.
#[derive(Debug, Clone, Serialize)]
pub struct VerifyReport {
    /// Newest generation first; the first is the one the vault opens.
    pub generations: Vec<GenerationReport>,
}

impl VerifyReport {
    /// Whether the current generation is intact.
    pub fn current_ok(&self) -> bool {
        self.generations.first().is_some_and(|g| g.problem.is_none())
    }
}

impl Vault {
    /// Checks every generation on disk. The vault may be locked; `method` recovers the key.
    pub async fn verify(&self, method: Unlock) -> Result<VerifyReport> {
        let key = self.recover_key(&method).await?;
        let mark_seq = super::mark::read(&self.vault_id, &key).map(|m| m.seq);
        let mut generations = Vec::new();
        for seq in self.paths().generations()? {
            let report = match check_generation(self.paths(), seq, &key, mark_seq).await {
                Ok((records, torn_tail)) => GenerationReport { snapshot_seq: seq, records, torn_tail, problem: None },
                Err(e) => {
                    GenerationReport { snapshot_seq: seq, records: 0, torn_tail: false, problem: Some(e.to_string()) }
                }
            };
            generations.push(report);
        }
        Ok(VerifyReport { generations })
    }

    /// Writes an encrypted backup of the current state to `dest` (compacting first, so the
    /// backup is one snapshot and an empty journal).
    pub async fn backup_to(&self, dest: &Path) -> Result<u64> {
        self.compact().await?;
        let paths = self.paths();
        let newest = *paths.generations()?.first().ok_or_else(|| Error::damaged("no snapshot was found"))?;
        let mut files: Vec<(String, PathBuf)> = vec![(layout::CONFIG_FILE.into(), paths.config())];
        for (name, path) in
            [("keys/passphrase.age", paths.passphrase_key()), ("keys/recovery.age", paths.recovery_key())]
        {
            if path.exists() {
                files.push((name.into(), path));
            }
        }
        files.push((format!("data/snapshot-{newest:020}.age"), paths.snapshot(newest)));
        files.push((format!("data/journal-{newest:020}.wkj"), paths.journal(newest)));
        let mut manifest = Vec::new();
        let mut body = Vec::new();
        for (name, path) in files {
            let bytes = fs::read(&path).map_err(|e| Error::storage("Reading the vault for backup", e))?;
            manifest.push(BackupEntry { name, len: bytes.len() as u64, sha256: hex(&Sha256::digest(&bytes)) });
            body.extend_from_slice(&bytes);
        }
        let manifest = serde_json::to_vec(&manifest).map_err(|e| Error::Internal { detail: e.to_string() })?;
        let mut out = Vec::with_capacity(body.len() + manifest.len() + 16);
        out.extend_from_slice(BACKUP_MAGIC);
        out.extend_from_slice(&(manifest.len() as u32).to_le_bytes());
        out.extend_from_slice(&manifest);
        out.extend_from_slice(&body);
        layout::write_atomic(dest, &out, "Writing the backup file")?;
        Ok(out.len() as u64)
    }
}

const BACKUP_MAGIC: &[u8; 10] = b"WKBACKUP1\n";
const MAX_MANIFEST: usize = 1 << 20;

#[derive(Debug, Serialize, Deserialize)]
struct BackupEntry {
    name: String,
    len: u64,
    sha256: String,
}

/// Unpacks a backup file into `dest` (a new, empty or absent folder). The result is a vault
/// that opens with the passphrase or recovery key it had when backed up.
pub fn restore_backup(backup: &Path, dest: &Path) -> Result<()> {
    if VaultPaths::new(dest).config().exists() {
        return Err(Error::VaultExists { path: dest.to_owned() });
    }
    let mut file = fs::File::open(backup).map_err(|e| Error::storage("Opening the backup file", e))?;
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes).map_err(|e| Error::storage("Reading the backup file", e))?;
    let bad = || Error::damaged("the backup file is not a complete Wellkept backup");
    if bytes.len() < 14 || &bytes[..10] != BACKUP_MAGIC {
        return Err(bad());
    }
    let manifest_len = u32::from_le_bytes(bytes[10..14].try_into().expect("4 bytes")) as usize;
    if manifest_len > MAX_MANIFEST || bytes.len() < 14 + manifest_len {
        return Err(bad());
    }
    let manifest: Vec<BackupEntry> = serde_json::from_slice(&bytes[14..14 + manifest_len]).map_err(|_| bad())?;
    // Check everything before writing anything.
    let mut pos = 14 + manifest_len;
    let mut parts = Vec::new();
    for entry in &manifest {
        let safe = entry.name == layout::CONFIG_FILE
            || ((entry.name.starts_with("keys/") || entry.name.starts_with("data/"))
                && !entry.name.contains("..")
                && entry.name.matches('/').count() == 1);
        let len = usize::try_from(entry.len).map_err(|_| bad())?;
        if !safe || bytes.len() < pos + len {
            return Err(bad());
        }
        let part = &bytes[pos..pos + len];
        if hex(&Sha256::digest(part)) != entry.sha256 {
            return Err(bad());
        }
        parts.push((entry.name.as_str(), part));
        pos += len;
    }
    if pos != bytes.len() || !manifest.iter().any(|e| e.name == layout::CONFIG_FILE) {
        return Err(bad());
    }
    for sub in ["keys", "data"] {
        fs::create_dir_all(dest.join(sub)).map_err(|e| Error::storage("Creating the restored vault", e))?;
    }
    // The descriptor goes last, as at creation: until it exists the folder is not a vault.
    for (name, part) in parts.iter().filter(|(n, _)| *n != layout::CONFIG_FILE) {
        layout::write_atomic(&dest.join(name), part, "Writing the restored vault")?;
    }
    let (_, config) = parts.iter().find(|(n, _)| *n == layout::CONFIG_FILE).expect("checked above");
    layout::write_atomic(&dest.join(layout::CONFIG_FILE), config, "Writing the restored vault")?;
    // Restoring is the person's choice to go back to the backup's state: forget this computer's
    // high-water mark for the vault, or the restored copy would be refused as a rollback.
    if let Ok(restored) = serde_json::from_slice::<super::VaultConfig>(config)
        && let Some(mark) = super::mark_path(&restored.vault_id)
    {
        let _ = fs::remove_file(mark);
    }
    Ok(())
}

async fn check_generation(
    paths: &VaultPaths,
    seq: u64,
    key: &crate::keys::VaultKey,
    mark_seq: Option<u64>,
) -> Result<(usize, bool)> {
    let generation = snapshot::read_generation(paths, seq, key, mark_seq)?;
    let mut conn = connect(false).await?;
    let buf = sqlx::sqlite::SqliteOwnedBuf::try_from(&generation.image[..])
        .map_err(|_| Error::damaged("the snapshot is empty"))?;
    conn.deserialize(None, buf, false).await.map_err(|_| Error::damaged("the snapshot is not a database"))?;
    for record in &generation.journal.records {
        replay(&mut conn, record).await?;
    }
    let integrity: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await?;
    if integrity != "ok" {
        return Err(Error::damaged(format!("the database in snapshot {seq} fails SQLite's integrity check")));
    }
    Ok((generation.journal.records.len(), generation.journal.torn_tail))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
