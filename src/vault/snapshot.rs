//! Generations: an age-encrypted SQLite snapshot plus the change log that continues it.
//!
//! Compaction writes `snapshot-<seq>.age` and then `journal-<seq>.wkj` (each via temp file,
//! fsync, rename, folder fsync). A generation exists once its journal exists, so a crash
//! between the two leaves an orphan snapshot that opening ignores; the previous generation's
//! journal still holds everything. If a step fails after the new change log was renamed into
//! place, the new change log is removed again before the caller goes on writing to the old one:
//! otherwise the next open would pick the new generation and miss those writes. When even
//! that removal cannot be made durable, the caller stops writing until the vault is reopened. Older generations are kept as rotating backups: each is a
//! complete, independently openable state of the vault at the time it was superseded.

use std::fs;

use sha2::{Digest, Sha256};

use super::changelog::{Chain, ChangeLogFile, ChangeLogHeader, GenerationKey, Scanned};
use super::layout::{VaultPaths, write_atomic};
use crate::keys::VaultKey;
use crate::{Error, Result};

/// How many generations to keep: the current one and two backups.
pub const GENERATIONS_KEPT: usize = 3;

/// A generation read from disk and checked, ready to load.
pub(crate) struct LoadedGeneration {
    pub base_seq: u64,
    /// The decrypted SQLite image (zeroized on drop).
    pub image: super::plaintext::Plaintext,
    pub journal: Scanned,
    /// Size of the snapshot file on disk.
    pub snapshot_bytes: u64,
}

/// Reads generation `seq`: authenticates the change-log header, checks the snapshot against it,
/// decrypts the snapshot in full (age's streaming reader hands out unauthenticated bytes until
/// the end, so we buffer and only then trust), and scans the change log. `mark_seq`: see
/// [`super::changelog::scan`].
pub(crate) fn read_generation(
    paths: &VaultPaths,
    seq: u64,
    key: &VaultKey,
    mark_seq: Option<u64>,
) -> Result<LoadedGeneration> {
    let changelog_bytes = fs::read(paths.changelog(seq)).map_err(|e| Error::storage("Reading the change log", e))?;
    let scanned = super::changelog::scan(&changelog_bytes, key, mark_seq)?;
    if scanned.header.base_seq != seq {
        return Err(Error::damaged("the change log belongs to another snapshot"));
    }
    let snapshot = fs::read(paths.snapshot(seq)).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::damaged(format!("snapshot {seq} is missing")),
        _ => Error::storage("Reading the snapshot", e),
    })?;
    if snapshot_digest(&snapshot)? != scanned.header.snapshot_digest {
        return Err(Error::damaged("the snapshot does not match its journal"));
    }
    let image = super::plaintext::decrypt(key.identity(), &snapshot)
        .ok_or_else(|| Error::damaged("the snapshot failed to decrypt"))?;
    Ok(LoadedGeneration { base_seq: seq, image, journal: scanned, snapshot_bytes: snapshot.len() as u64 })
}

/// Why writing a generation failed, and whether the caller may go on with its old journal.
pub(crate) struct GenerationFailed {
    pub error: Error,
    /// The new change log may still be on disk (it could not be removed durably): the next open
    /// would pick it, so the old journal must take no more writes until the vault is reopened.
    pub old_journal_retired: bool,
}

/// Writes a new generation holding history `1..=seq` (whose chain value is `chain`) from
/// `image`, and returns its journal open for appending and the snapshot's size. `vault_id`
/// goes into the change-log header.
pub(crate) fn write_generation(
    paths: &VaultPaths,
    seq: u64,
    chain: Chain,
    image: &[u8],
    vault_id: &[u8; 16],
    key: &VaultKey,
) -> Result<(ChangeLogFile, u64), GenerationFailed> {
    let clean = |error| GenerationFailed { error, old_journal_retired: false };
    let cipher = encrypt_snapshot(image, key).map_err(clean)?;
    write_atomic(&paths.snapshot(seq), &cipher, "Writing a new snapshot").map_err(clean)?;
    let header = ChangeLogHeader {
        vault_id: *vault_id,
        base_seq: seq,
        snapshot_digest: snapshot_digest(&cipher).map_err(clean)?,
        base_chain: chain,
    };
    let generation = GenerationKey::generate();
    let changelog_path = paths.changelog(seq);
    let opened = ChangeLogFile::create(&changelog_path, &header, key, &generation).and_then(|()| {
        ChangeLogFile::open_for_append(&changelog_path, &header, generation, chain, super::changelog::HEADER_LEN as u64)
    });
    match opened {
        Ok(journal) => Ok((journal, cipher.len() as u64)),
        Err(error) => {
            // The new change log may have been renamed into place (only its folder fsync, or the
            // reopen, failed): take it away again, durably, or the next open would choose it.
            let removed = match fs::remove_file(&changelog_path) {
                Ok(()) => true,
                Err(e) => e.kind() == std::io::ErrorKind::NotFound,
            };
            let durable = removed && super::layout::sync_dir(&paths.data()).is_ok();
            Err(GenerationFailed { error, old_journal_retired: !durable })
        }
    }
}

/// What a change-log header records about its snapshot: SHA-256 of the age header and payload
/// nonce, which pins the whole file (see [`super::plaintext::header_and_nonce`]).
fn snapshot_digest(age_file: &[u8]) -> Result<[u8; 32]> {
    let pinned = super::plaintext::header_and_nonce(age_file)
        .ok_or_else(|| Error::damaged("the snapshot is not an age file"))?;
    Ok(Sha256::digest(pinned).into())
}

fn encrypt_snapshot(image: &[u8], key: &VaultKey) -> Result<Vec<u8>> {
    age::encrypt(&key.recipient(), image).map_err(|e| Error::Internal { detail: format!("encrypting snapshot: {e}") })
}

/// Removes generations beyond [`GENERATIONS_KEPT`], orphan snapshots (no journal) other than
/// the current generation, and temp files left by an interrupted write. Failures here lose
/// nothing, so they are not reported as errors. Returns what it removed that the person was not
/// told of (decision 77): each stray snapshot, as a sentence; old generations and temp files
/// are the routine part and are not listed.
pub(crate) fn prune(paths: &VaultPaths, current: u64) -> Vec<String> {
    prune_keeping(paths, current, GENERATIONS_KEPT)
}

/// As [`prune`], keeping `keep` generations (at least the current one).
pub(crate) fn prune_keeping(paths: &VaultPaths, current: u64, keep: usize) -> Vec<String> {
    let mut strays = Vec::new();
    let Ok(generations) = paths.generations() else { return strays };
    for old in generations.iter().skip(keep.max(1)) {
        let _ = fs::remove_file(paths.changelog(*old));
        let _ = fs::remove_file(paths.snapshot(*old));
    }
    let Ok(entries) = fs::read_dir(paths.data()) else { return strays };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let orphan = name
            .strip_prefix("snapshot-")
            .and_then(|s| s.strip_suffix(".age"))
            .and_then(|s| s.parse::<u64>().ok())
            .is_some_and(|seq| seq != current && !generations.contains(&seq));
        if orphan && fs::remove_file(entry.path()).is_ok() {
            strays.push(format!(
                "Removed data/{name}: it was named like a snapshot of this vault, but no change log continued it, so the vault did not use it."
            ));
            continue;
        }
        if name.ends_with(".tmp") {
            let _ = fs::remove_file(entry.path());
        }
    }
    strays.sort();
    strays
}
