//! Checking a vault end to end, and encrypted backups to a single file.
//!
//! `verify` reads every generation (the current one and the rotating backups), authenticates
//! every change-log record, replays it into a scratch database and runs SQLite's integrity check,
//! without changing anything on disk.
//!
//! A backup file is the vault's own encrypted files packed into one container — the descriptor,
//! the wrapped keys, a fresh snapshot with its journal, and every attached file a record refers
//! to (`attachments/<content id>.age`, already encrypted) — so it is exactly as safe as the
//! vault and restores with the same passphrase or recovery key:
//! ```text
//! "WKBACKUP1\n" | manifest length (u32 LE) | manifest JSON | file bytes, in manifest order
//! ```
//!
//! A backup file comes from outside the vault and is parsed before anything authenticates it,
//! so restore is defensive: the file is read through a size cap ([`MAX_BACKUP_BYTES`]) rather
//! than trusting its length, every offset is computed with checked arithmetic (a manifest
//! entry claiming `u64::MAX` bytes is damage, not an overflow), only the vault's own file names
//! are accepted, each at most once, and nothing is written until all of it checks out. The
//! destination must hold no vault file and lie inside no vault, and files are written with
//! `O_EXCL` temp files (see `layout::create_private_file`), so a planted symlink is never
//! followed.

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
    /// The attached files every attachment record (not purged) refers to, checked: `None` when
    /// the current generation is damaged, so the records could not be read.
    pub attachments: Option<crate::attachments::FilesChecked>,
    /// The vault's other files that are there but damaged, each a sentence naming the file and
    /// what it is (decision 75): a computer's entry in `devices/` that does not decrypt or is
    /// not an entry, a file in `data/` named like a snapshot that does not decrypt and that no
    /// change log continues. The vault opens without them; they are damage all the same.
    pub damaged_files: Vec<String>,
    /// What was found and harms nothing, said all the same: a snapshot no change log continues
    /// (an interrupted compaction, or a file still arriving), a damaged entry a computer set
    /// aside itself.
    pub notes: Vec<String>,
}

impl VerifyReport {
    /// Whether the current generation is intact.
    pub fn current_ok(&self) -> bool {
        self.generations.first().is_some_and(|g| g.problem.is_none())
    }

    /// Whether the current generation, every attached file it refers to and the vault's other
    /// files (computers' entries, anything in `data/` named like a snapshot) are intact.
    pub fn intact(&self) -> bool {
        self.current_ok()
            && self.attachments.as_ref().is_some_and(|a| a.problems.is_empty())
            && self.damaged_files.is_empty()
    }
}

impl Vault {
    /// Checks every generation on disk and, when the current one is intact, every attached file
    /// its records refer to. The vault may be locked; `method` recovers the key. Nothing on disk
    /// changes: a locked vault is opened read-only for the attachment check and closed again.
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
        let vault_id = uuid::Uuid::from_bytes(self.vault_id).to_string();
        let this = crate::sync::devices::saved_device(&vault_id);
        let (mut damaged_files, mut notes) = crate::sync::devices::check(self.paths().root(), &key, this);
        let generation_seqs: Vec<u64> = generations.iter().map(|g| g.snapshot_seq).collect();
        let (data_damaged, data_notes) = check_stray_snapshots(self.paths(), &generation_seqs, &key);
        damaged_files.splice(0..0, data_damaged);
        notes.splice(0..0, data_notes);
        let mut report = VerifyReport { generations, attachments: None, damaged_files, notes };
        if report.current_ok() {
            report.attachments = Some(self.check_attachment_files(key).await?);
        }
        Ok(report)
    }

    /// [`crate::attachments::check_files`] on this vault: if it is locked, in a read-only open
    /// made for the check and dropped after it (no lock, so no compaction and no mark moved).
    async fn check_attachment_files(&self, key: crate::keys::VaultKey) -> Result<crate::attachments::FilesChecked> {
        let opened_here = {
            let mut state = self.state.lock().await;
            if state.is_some() {
                false
            } else {
                let options = super::UnlockOptions { read_only: true, accept_rollback: None };
                *state = Some(self.load_state(key, &options).await?);
                true
            }
        };
        let checked = crate::attachments::check_files(self).await;
        if opened_here {
            self.state.lock().await.take();
        }
        checked
    }

    /// Writes an encrypted backup of the current state to `dest` (compacting first, so the
    /// backup is one snapshot and an empty journal).
    pub async fn backup_to(&self, dest: &Path) -> Result<u64> {
        if matches!(self.sync_role().await?.home, super::Home::Elsewhere(_)) {
            return Err(Error::ReadOnly {
                reason: "This computer shares the vault with its home computer, which keeps its snapshots: make the backup there (this computer's changes reach it through your sync folder). Nothing was written.".into(),
            });
        }
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
        files.push((format!("data/journal-{newest:020}.wkj"), paths.changelog(newest)));
        // Every attached file a record refers to (live or in the trash), already encrypted.
        files.extend(crate::attachments::files_for_backup(self).await?);
        let mut manifest = Vec::new();
        let mut body = Vec::new();
        for (name, path) in files {
            let bytes = fs::read(&path).map_err(|e| Error::storage("Reading the vault for backup", e))?;
            manifest.push(BackupEntry { name, len: bytes.len() as u64, sha256: hex(&Sha256::digest(&bytes)) });
            body.extend_from_slice(&bytes);
        }
        let manifest = serde_json::to_vec(&manifest).map_err(|e| Error::Internal { detail: e.to_string() })?;
        if (body.len() as u64) + (manifest.len() as u64) + 14 > MAX_BACKUP_BYTES {
            // Never write a backup that restore would refuse.
            return Err(too_large());
        }
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
const ATTACHMENTS_PREFIX: &str = "attachments/";
const MAX_MANIFEST: usize = 1 << 20;
/// The largest backup file restore reads (and backup writes): the whole vault is held in memory
/// on unlock anyway, and a file claiming more is not one of ours.
pub const MAX_BACKUP_BYTES: u64 = 2 << 30;

fn too_large() -> Error {
    Error::invalid("Backup file", "it is larger than 2 GiB, the largest backup Wellkept writes or restores")
}

#[derive(Debug, Serialize, Deserialize)]
struct BackupEntry {
    name: String,
    len: u64,
    sha256: String,
}

/// What a backup would write over at `dest`, checked before [`Vault::backup_to`] is asked to
/// write there: `Ok(false)` for a new file, `Ok(true)` when `dest` holds an older Wellkept backup
/// (which it replaces). Refused, naming the file: a folder, a file that is not a Wellkept backup
/// (writing over it would destroy what it holds), a folder that does not exist, and a file
/// inside a vault folder (a backup there is lost with the vault it is meant to survive).
pub fn backup_destination(dest: &Path) -> Result<bool> {
    const FIELD: &str = "Backup file";
    let shown = dest.display();
    if let Some(inside) = enclosing_vault(dest) {
        return Err(Error::invalid(
            FIELD,
            format!(
                "{shown} is inside the vault folder {}: a backup there is lost with the vault; choose a folder outside it (another disk is best)",
                inside.display()
            ),
        ));
    }
    match fs::metadata(dest) {
        Ok(meta) if meta.is_dir() => Err(Error::invalid(
            FIELD,
            format!(
                "{shown} is a folder: name the file to write inside it, e.g. {}",
                dest.join("wellkept.wkb").display()
            ),
        )),
        Ok(_) => {
            let mut start = Vec::with_capacity(BACKUP_MAGIC.len());
            fs::File::open(dest)
                .and_then(|f| f.take(BACKUP_MAGIC.len() as u64).read_to_end(&mut start))
                .map_err(|e| Error::unreadable(FIELD, dest, "Reading the file the backup would replace", e))?;
            if start.as_slice() == BACKUP_MAGIC {
                Ok(true)
            } else {
                Err(Error::invalid(
                    FIELD,
                    format!(
                        "{shown} already exists and is not a Wellkept backup; nothing was written. Name a new file (a backup only replaces an older backup)"
                    ),
                ))
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let parent = dest.parent().filter(|p| !p.as_os_str().is_empty());
            match parent {
                Some(folder) if !folder.is_dir() => Err(Error::invalid(
                    FIELD,
                    format!(
                        "the folder {} does not exist; make it first, or name a file in a folder that does",
                        folder.display()
                    ),
                )),
                _ => Ok(false),
            }
        }
        Err(e) => Err(Error::unreadable(FIELD, dest, "Checking where the backup goes", e)),
    }
}

/// Unpacks a backup file into `dest` (a new, empty or absent folder). The result is a vault
/// that opens with the passphrase or recovery key it had when backed up.
pub fn restore_backup(backup: &Path, dest: &Path) -> Result<()> {
    // A file where the folder should be used to read "Creating the restored vault failed: the
    // operating system reported an input/output error".
    if dest.is_file() {
        return Err(Error::invalid(
            "New vault folder",
            format!("{} is a file, not a folder; name a new folder to restore into", dest.display()),
        ));
    }
    let dest_paths = VaultPaths::new(dest);
    dest_paths.ensure_no_vault_files()?;
    // "A new, empty or absent folder": restoring into one that holds the person's own files (a
    // mistyped ~/Documents) used to go ahead and scatter the vault's folders among them.
    // Hidden entries do not count: a folder made for a sync engine holds its `.stfolder`.
    let others = other_files_in(dest);
    if !others.is_empty() {
        let more = if others.len() > 3 { ", …" } else { "" };
        return Err(Error::invalid(
            "New vault folder",
            format!(
                "{} already holds other files ({}{more}); name a new or empty folder to restore into",
                dest.display(),
                others.iter().take(3).cloned().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    if let Some(vault) = enclosing_vault(dest) {
        return Err(Error::invalid(
            "New vault folder",
            format!(
                "it is inside the vault at {}; choose a folder outside any vault (restoring there would mix two vaults' files)",
                vault.display()
            ),
        ));
    }
    // A wrong path or a file that is not a backup is the person's to fix: named, with the
    // reason, as invalid input — not "storage" or "part of the vault is damaged".
    let file =
        fs::File::open(backup).map_err(|e| Error::unreadable("Backup file", backup, "Opening the backup file", e))?;
    if file.metadata().map_err(|e| Error::storage("Reading the backup file", e))?.is_dir() {
        return Err(Error::invalid("Backup file", format!("{} is a folder, not a backup file", backup.display())));
    }
    if file.metadata().map_err(|e| Error::storage("Reading the backup file", e))?.len() > MAX_BACKUP_BYTES {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    // Read one byte past the cap to tell "exactly at the cap" from "over it".
    file.take(MAX_BACKUP_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::storage("Reading the backup file", e))?;
    if bytes.len() as u64 > MAX_BACKUP_BYTES {
        return Err(too_large());
    }
    if !bytes.starts_with(BACKUP_MAGIC) {
        // Not a damaged backup: not a backup at all (a backup starts with its mark).
        return Err(Error::invalid(
            "Backup file",
            format!("{} is not a Wellkept backup (`wellkept backup` writes those)", backup.display()),
        ));
    }
    let parts = parse_backup(&bytes)?;
    // Only a folder made here is removed again if writing fails: never someone's own `attachments/`.
    let attachments_existed = fs::symlink_metadata(dest_paths.attachments()).is_ok();
    let mut folders = vec![dest_paths.root().to_owned(), dest_paths.keys(), dest_paths.data()];
    if parts.iter().any(|(name, _)| name.starts_with(ATTACHMENTS_PREFIX)) {
        folders.push(dest_paths.attachments());
    }
    for sub in folders {
        layout::create_private_dir(&sub).map_err(|e| Error::storage("Creating the restored vault", e))?;
    }
    let written = write_restored(dest, &parts);
    if written.is_err() {
        // The folder held no vault file before; leave it that way rather than half a vault.
        let _ = fs::remove_dir_all(dest_paths.keys());
        let _ = fs::remove_dir_all(dest_paths.data());
        if !attachments_existed {
            let _ = fs::remove_dir_all(dest_paths.attachments());
        }
        let _ = fs::remove_file(dest_paths.config());
    }
    written
}

/// The names in `folder` that are not hidden (not starting with "."), sorted; none when the
/// folder does not exist or cannot be listed (creating it then says why).
fn other_files_in(folder: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(folder) else { return Vec::new() };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| !name.starts_with('.'))
        .collect();
    names.sort();
    names
}

fn write_restored(dest: &Path, parts: &[(String, &[u8])]) -> Result<()> {
    // The descriptor goes last, as at creation.
    for (name, part) in parts.iter().filter(|(n, _)| *n != layout::CONFIG_FILE) {
        layout::write_atomic(&dest.join(name), part, "Writing the restored vault")?;
    }
    let (_, config) = parts.iter().find(|(n, _)| *n == layout::CONFIG_FILE).expect("parse_backup checked it is there");
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

/// The vault folder `path` lies inside (itself excluded), if any: restoring into a vault's
/// `data/` would plant files the vault then reads as its own.
fn enclosing_vault(path: &Path) -> Option<PathBuf> {
    // The destination may not exist yet: resolve its nearest existing ancestor.
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
    let mut resolved = existing.canonicalize().ok()?;
    resolved.extend(rest.iter().rev());
    resolved.ancestors().skip(1).find(|dir| VaultPaths::new(dir).holds_vault()).map(Path::to_path_buf)
}

/// Whether `name` is a file a vault holds: the descriptor, a key file, a snapshot or journal, an
/// attached file.
fn is_vault_file_name(name: &str) -> bool {
    let generation = |rest: &str, prefix: &str, ext: &str| {
        rest.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(ext))
            .is_some_and(|digits| digits.len() == 20 && digits.bytes().all(|b| b.is_ascii_digit()))
    };
    match name.split_once('/') {
        None => name == layout::CONFIG_FILE,
        Some(("keys", file)) => file == "passphrase.age" || file == "recovery.age",
        Some(("data", file)) => generation(file, "snapshot-", ".age") || generation(file, "journal-", ".wkj"),
        // An attached file: `attachments/<64 hex digits>.age`.
        Some((layout::ATTACHMENTS_DIR, file)) => file
            .strip_suffix(".age")
            .is_some_and(|id| id.len() == 64 && id.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))),
        Some(_) => false,
    }
}

/// Checks a whole backup file and returns its parts; nothing is written.
fn parse_backup(bytes: &[u8]) -> Result<Vec<(String, &[u8])>> {
    let bad = || Error::Damaged {
        what: "it is not a complete Wellkept backup".into(),
        advice: crate::error::DamageAdvice::AnotherBackup,
    };
    if bytes.len() < 14 || &bytes[..10] != BACKUP_MAGIC {
        return Err(bad());
    }
    let manifest_len = u32::from_le_bytes(bytes[10..14].try_into().expect("4 bytes")) as usize;
    if manifest_len > MAX_MANIFEST || bytes.len() < 14 + manifest_len {
        return Err(bad());
    }
    let manifest: Vec<BackupEntry> = serde_json::from_slice(&bytes[14..14 + manifest_len]).map_err(|_| bad())?;
    let mut pos = 14 + manifest_len;
    let mut parts: Vec<(String, &[u8])> = Vec::new();
    for entry in &manifest {
        if !is_vault_file_name(&entry.name) || parts.iter().any(|(n, _)| *n == entry.name) {
            return Err(bad());
        }
        // Checked: a length near u64::MAX must be refused, not wrap around.
        let end = usize::try_from(entry.len).ok().and_then(|len| pos.checked_add(len)).ok_or_else(bad)?;
        let part = bytes.get(pos..end).ok_or_else(bad)?;
        if hex(&Sha256::digest(part)) != entry.sha256 {
            return Err(bad());
        }
        parts.push((entry.name.clone(), part));
        pos = end;
    }
    if pos != bytes.len() || !parts.iter().any(|(n, _)| *n == layout::CONFIG_FILE) {
        return Err(bad());
    }
    Ok(parts)
}

/// Every file in `data/` named like a snapshot (`snapshot-<seq>.age`) that is part of no
/// generation (no change log `journal-<seq>.wkj` continues it), in name order: damaged when it
/// does not decrypt with the vault's key, else a note. Opening never reads such a file; before
/// this, `verify` did not either, and called a vault with a planted or damaged one intact.
fn check_stray_snapshots(
    paths: &VaultPaths,
    generations: &[u64],
    key: &crate::keys::VaultKey,
) -> (Vec<String>, Vec<String>) {
    let (mut damaged, mut notes) = (Vec::new(), Vec::new());
    let mut stray: Vec<String> = fs::read_dir(paths.data())
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            name.strip_prefix("snapshot-")
                .and_then(|s| s.strip_suffix(".age"))
                .and_then(|s| s.parse::<u64>().ok())
                .is_some_and(|seq| !generations.contains(&seq))
        })
        .collect();
    stray.sort();
    for name in stray {
        let path = paths.data().join(&name);
        let decrypts = fs::read(&path).ok().and_then(|b| super::plaintext::decrypt(key.identity(), &b)).is_some();
        if decrypts {
            notes.push(format!(
                "data/{name}: a snapshot of this vault that no change log continues (a compaction that was interrupted, or a file your sync folder is still delivering); the vault does not use it"
            ));
        } else {
            damaged.push(format!(
                "data/{name} is damaged: it is named like a snapshot of this vault but does not decrypt with the vault's key, and no change log continues it; the vault does not use it"
            ));
        }
    }
    (damaged, notes)
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
