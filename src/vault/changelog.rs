//! The append-only change log ("journal"): one authenticated, encrypted frame per committed
//! write, each chained to the one before.
//!
//! ```text
//! header, format 2 (200 bytes, plaintext but authenticated):
//!   "WKJRNL02" | vault id (16) | base seq (u64 LE) | SHA-256 of the snapshot's age header and
//!   payload nonce (32, pins the whole snapshot; see `plaintext::header_and_nonce`) |
//!   chain at base seq (32) | wrapped generation key: nonce (24) | XChaCha20-Poly1305 of the
//!   32-byte key under a key derived from the vault key (48) | HMAC (32)
//! frame, repeated:
//!   length (u32 LE) | check (u32 LE) = CRC-32 of "WKFR" + length |
//!   nonce (24, random) | XChaCha20-Poly1305 ciphertext of the JSON ChangeRecord (length - 24)
//!   associated data: "WKREC2" | vault id | base seq | chain of the record before
//! chain:
//!   chain(seq) = HMAC(vault MAC key, "chain" | chain(seq - 1) | nonce and ciphertext of seq)
//!   chain(base seq) is carried in the header, so the chain runs unbroken across generations.
//! ```
//!
//! Each generation has its own random key, wrapped once in its header: a record costs one
//! symmetric encryption instead of an X25519 agreement (format 1 age-encrypted every record).
//! Because a record's associated data holds the chain value before it, a record that is
//! removed, reordered, or copied from another generation (another key) fails to decrypt. The
//! chain value of the newest record is what the high-water mark (`super::mark`) remembers.
//!
//! Telling a torn tail from damage is the point of the framing. A crash can only leave a
//! *prefix* of the last frame (or, on some filesystems, a zero-filled extension), so:
//! - a frame header that is cut short, a length that runs past the end of the file, or trailing
//!   zeros: a torn tail — the write was never acknowledged, so it is dropped;
//! - a *complete* last frame that fails to authenticate is dropped only when it lies past the
//!   high-water mark (this computer never acknowledged it). Without a mark, or at or below it,
//!   it is damage: a crash does not rewrite bytes inside a complete frame;
//! - a frame header whose check fails, any earlier frame that fails to authenticate, or a gap
//!   in sequence numbers: damage. Opening refuses and changes nothing.
//!
//! The length check matters: without it, one flipped bit in a length field in the middle would
//! make everything after it look like a torn tail and silently drop acknowledged writes.
//!
//! Format 1 change logs ("WKJRNL01": 96-byte header without chain or key; each frame an age file
//! holding JSON and an HMAC) are still read, so vaults made before format 2 open; opening one
//! for writing compacts it into a format 2 generation at once.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use rand::RngCore;
use zeroize::Zeroizing;

use super::record::ChangeRecord;
use crate::keys::VaultKey;
use crate::{Error, Result};

const MAGIC_V1: &[u8; 8] = b"WKJRNL01";
const MAGIC: &[u8; 8] = b"WKJRNL02";
const NONCE_LEN: usize = 24;
const TAG_LEN: usize = 16;
const WRAPPED_KEY_LEN: usize = NONCE_LEN + 32 + TAG_LEN;
/// Length of a format 2 change-log header.
pub(crate) const HEADER_LEN: usize = 8 + 16 + 8 + 32 + 32 + WRAPPED_KEY_LEN + 32;
/// Length of a format 1 change-log header.
const HEADER_LEN_V1: usize = 8 + 16 + 8 + 32 + 32;
const FRAME_HEADER_LEN: usize = 8;
/// The largest single change we accept: far above any note, far below memory trouble.
pub(crate) const MAX_FRAME: usize = 64 << 20;

/// A chain value: an HMAC that covers every record up to and including one sequence number.
pub(crate) type Chain = [u8; 32];

/// The chain value a history starts from when nothing before it carried one: a new vault
/// (`base_seq` 0) or a format 1 generation being upgraded. Keyed, so nobody without the vault
/// key can predict it.
pub(crate) fn chain_start(key: &VaultKey, vault_id: &[u8; 16], base_seq: u64) -> Chain {
    key.mac(&[b"chain start", vault_id, &base_seq.to_le_bytes()])
}

/// The per-generation symmetric key that encrypts records. Wiped on drop.
pub(crate) struct GenerationKey(Zeroizing<[u8; 32]>);

impl GenerationKey {
    pub fn generate() -> Self {
        let mut k = Zeroizing::new([0u8; 32]);
        rand::rngs::OsRng.fill_bytes(k.as_mut());
        Self(k)
    }

    fn cipher(&self) -> XChaCha20Poly1305 {
        XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&self.0[..]))
    }
}

impl std::fmt::Debug for GenerationKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("GenerationKey(…)")
    }
}

/// The key that wraps generation keys: derived from the vault key, used for nothing else.
fn wrapping_key(key: &VaultKey) -> XChaCha20Poly1305 {
    let derived = Zeroizing::new(key.mac(&[b"derive", b"generation key wrapping"]));
    XChaCha20Poly1305::new(chacha20poly1305::Key::from_slice(&derived[..]))
}

fn random_nonce() -> [u8; NONCE_LEN] {
    let mut n = [0u8; NONCE_LEN];
    rand::rngs::OsRng.fill_bytes(&mut n);
    n
}

/// What a change log continues from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ChangeLogHeader {
    pub vault_id: [u8; 16],
    pub base_seq: u64,
    pub snapshot_digest: [u8; 32],
    /// The chain value of the history at `base_seq`. Format 1 headers carry none; for them this
    /// is [`chain_start`] at `base_seq`.
    pub base_chain: Chain,
}

impl ChangeLogHeader {
    /// Encodes a format 2 header carrying `generation` wrapped under the vault key.
    pub fn encode(&self, key: &VaultKey, generation: &GenerationKey) -> Result<Vec<u8>> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.vault_id);
        out.extend_from_slice(&self.base_seq.to_le_bytes());
        out.extend_from_slice(&self.snapshot_digest);
        out.extend_from_slice(&self.base_chain);
        let nonce = random_nonce();
        let wrapped = wrapping_key(key)
            .encrypt(XNonce::from_slice(&nonce), Payload { msg: generation.0.as_ref(), aad: &out })
            .map_err(|_| Error::Internal { detail: "wrapping the generation key failed".into() })?;
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&wrapped);
        let tag = key.mac(&[b"header", &out]);
        out.extend_from_slice(&tag);
        debug_assert_eq!(out.len(), HEADER_LEN);
        Ok(out)
    }

    /// Parses and authenticates a header of either format; returns it, the generation key
    /// (format 2 only) and the header's length. `key` is required: an unauthenticated header
    /// could point us at a substituted snapshot.
    pub fn decode(bytes: &[u8], key: &VaultKey) -> Result<(Self, Option<GenerationKey>, usize)> {
        let invalid = || Error::damaged("the change-log header is not valid");
        let not_ours = || Error::damaged("the change-log header does not match this vault's key");
        let magic = bytes.get(..8).ok_or_else(invalid)?;
        let len = if magic == MAGIC {
            HEADER_LEN
        } else if magic == MAGIC_V1 {
            HEADER_LEN_V1
        } else {
            return Err(invalid());
        };
        let header = bytes.get(..len).ok_or_else(invalid)?;
        let (body, tag) = header.split_at(len - 32);
        if !key.verify_mac(&[b"header", body], tag) {
            return Err(not_ours());
        }
        let mut vault_id = [0u8; 16];
        vault_id.copy_from_slice(&body[8..24]);
        let base_seq = u64::from_le_bytes(body[24..32].try_into().expect("slice of 8 bytes"));
        let mut snapshot_digest = [0u8; 32];
        snapshot_digest.copy_from_slice(&body[32..64]);
        if len == HEADER_LEN_V1 {
            let base_chain = chain_start(key, &vault_id, base_seq);
            return Ok((Self { vault_id, base_seq, snapshot_digest, base_chain }, None, len));
        }
        let mut base_chain = [0u8; 32];
        base_chain.copy_from_slice(&body[64..96]);
        let (nonce, wrapped) = body[96..].split_at(NONCE_LEN);
        let unwrapped = Zeroizing::new(
            wrapping_key(key)
                .decrypt(XNonce::from_slice(nonce), Payload { msg: wrapped, aad: &body[..96] })
                .map_err(|_| not_ours())?,
        );
        let mut generation = Zeroizing::new([0u8; 32]);
        generation.copy_from_slice(unwrapped.get(..32).ok_or_else(not_ours)?);
        Ok((Self { vault_id, base_seq, snapshot_digest, base_chain }, Some(GenerationKey(generation)), len))
    }
}

fn frame_check(len: u32) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(b"WKFR");
    h.update(&len.to_le_bytes());
    h.finalize()
}

fn record_aad(vault_id: &[u8; 16], base_seq: u64, prev: &Chain) -> Vec<u8> {
    let mut aad = Vec::with_capacity(6 + 16 + 8 + 32);
    aad.extend_from_slice(b"WKREC2");
    aad.extend_from_slice(vault_id);
    aad.extend_from_slice(&base_seq.to_le_bytes());
    aad.extend_from_slice(prev);
    aad
}

fn next_chain(key: &VaultKey, prev: &Chain, payload: &[u8]) -> Chain {
    key.mac(&[b"chain", prev, payload])
}

/// Where a new record goes: the generation it extends and the chain value before it.
pub(crate) struct ChainPosition<'a> {
    pub vault_id: &'a [u8; 16],
    pub base_seq: u64,
    pub prev: &'a Chain,
    pub generation: &'a GenerationKey,
}

/// Encrypts and frames one record; returns the frame and the chain value after it.
pub(crate) fn encode_frame(record: &ChangeRecord, at: &ChainPosition<'_>, key: &VaultKey) -> Result<(Vec<u8>, Chain)> {
    let json = Zeroizing::new(serde_json::to_vec(record).map_err(|e| Error::Internal { detail: e.to_string() })?);
    let nonce = random_nonce();
    let aad = record_aad(at.vault_id, at.base_seq, at.prev);
    let cipher = at
        .generation
        .cipher()
        .encrypt(XNonce::from_slice(&nonce), Payload { msg: &json, aad: &aad })
        .map_err(|_| Error::Internal { detail: "encrypting a change record failed".into() })?;
    let payload_len = NONCE_LEN + cipher.len();
    if payload_len > MAX_FRAME {
        return Err(Error::invalid("Change", "this change is too large to save in one piece (over 64 MiB)"));
    }
    let len = u32::try_from(payload_len).expect("frame length is capped below u32::MAX");
    let mut frame = Vec::with_capacity(FRAME_HEADER_LEN + payload_len);
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(&frame_check(len).to_le_bytes());
    frame.extend_from_slice(&nonce);
    frame.extend_from_slice(&cipher);
    let chain = next_chain(key, at.prev, &frame[FRAME_HEADER_LEN..]);
    Ok((frame, chain))
}

/// The result of reading a change log.
#[derive(Debug)]
pub(crate) struct Scanned {
    pub header: ChangeLogHeader,
    /// The generation key (format 2); `None` for a format 1 journal, which is never appended to.
    pub generation: Option<GenerationKey>,
    pub records: Vec<ChangeRecord>,
    /// The chain value after each record, in step with `records`.
    pub chains: Vec<Chain>,
    /// Bytes up to the end of the last good frame.
    pub good_len: u64,
    /// Set when an unacknowledged partial write was found after `good_len`.
    pub torn_tail: bool,
}

impl Scanned {
    /// The last sequence number this journal holds (its base when it has no records).
    pub fn end_seq(&self) -> u64 {
        self.records.last().map_or(self.header.base_seq, |r| r.seq)
    }

    /// The chain value at the end of this journal.
    pub fn end_chain(&self) -> Chain {
        self.chains.last().copied().unwrap_or(self.header.base_chain)
    }

    /// The chain value at `seq`, when this journal covers it (its base included).
    pub fn chain_at(&self, seq: u64) -> Option<Chain> {
        if seq == self.header.base_seq {
            return Some(self.header.base_chain);
        }
        let index = usize::try_from(seq.checked_sub(self.header.base_seq + 1)?).ok()?;
        self.chains.get(index).copied()
    }
}

/// Reads a whole journal, authenticating every frame; see the module docs for the rules.
/// `mark_seq` is the high-water mark's sequence number, when this computer has one for this
/// vault: a complete last frame that fails to authenticate past it is an unacknowledged write.
pub(crate) fn scan(bytes: &[u8], key: &VaultKey, mark_seq: Option<u64>) -> Result<Scanned> {
    let (header, generation, header_len) = ChangeLogHeader::decode(bytes, key)?;
    let mut records = Vec::new();
    let mut chains = Vec::new();
    let mut chain = header.base_chain;
    let mut pos = header_len;
    // Checked: a header is authenticated, but a key holder's forged one must be damage, not a
    // panic (regression: tests/fixtures/fuzz-regressions/change-log-base-seq-at-u64-max.bin).
    let out_of_range = || Error::damaged("the change log's sequence numbers run out of range");
    let mut expected_seq = header.base_seq.checked_add(1).ok_or_else(out_of_range)?;
    let mut torn_tail = false;
    while pos < bytes.len() {
        let rest = &bytes[pos..];
        if rest.iter().all(|b| *b == 0) {
            torn_tail = true; // zero-filled extension left by a crash
            break;
        }
        if rest.len() < FRAME_HEADER_LEN {
            torn_tail = true;
            break;
        }
        let len = u32::from_le_bytes(rest[0..4].try_into().expect("4 bytes"));
        let check = u32::from_le_bytes(rest[4..8].try_into().expect("4 bytes"));
        if check != frame_check(len) || len as usize > MAX_FRAME {
            return Err(Error::damaged(format!("change-log frame at byte {pos} has a damaged length")));
        }
        let end = FRAME_HEADER_LEN + len as usize;
        if rest.len() < end {
            torn_tail = true;
            break;
        }
        let is_last = rest.len() == end;
        let payload = &rest[FRAME_HEADER_LEN..end];
        let opened = match &generation {
            Some(g) => open_frame(payload, &header, &chain, g),
            None => open_frame_v1(payload, &header.vault_id, key),
        };
        match opened {
            Ok(record) => {
                if record.seq != expected_seq {
                    return Err(Error::damaged(format!(
                        "change-log record {} found where {expected_seq} was expected",
                        record.seq
                    )));
                }
                // Format 1 records carry no chain: each seq's value is its keyed start value,
                // which is what the format 2 generation that upgrades it continues from.
                chain = match &generation {
                    Some(_) => next_chain(key, &chain, payload),
                    None => chain_start(key, &header.vault_id, record.seq),
                };
                expected_seq = expected_seq.checked_add(1).ok_or_else(out_of_range)?;
                records.push(record);
                chains.push(chain);
                pos += end;
            }
            // Complete, but not ours: only a write this computer never acknowledged may go.
            Err(_) if is_last && mark_seq.is_some_and(|mark| mark < expected_seq) => {
                torn_tail = true;
                break;
            }
            Err(_) if is_last => {
                return Err(Error::damaged(format!(
                    "the last change-log record ({expected_seq}) is complete but fails to authenticate"
                )));
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Scanned { header, generation, records, chains, good_len: pos as u64, torn_tail })
}

fn open_frame(payload: &[u8], header: &ChangeLogHeader, prev: &Chain, g: &GenerationKey) -> Result<ChangeRecord> {
    let damaged = || Error::damaged("a change-log record failed to decrypt or authenticate");
    if payload.len() < NONCE_LEN + TAG_LEN {
        return Err(damaged());
    }
    let (nonce, cipher) = payload.split_at(NONCE_LEN);
    let aad = record_aad(&header.vault_id, header.base_seq, prev);
    let json = Zeroizing::new(
        g.cipher().decrypt(XNonce::from_slice(nonce), Payload { msg: cipher, aad: &aad }).map_err(|_| damaged())?,
    );
    serde_json::from_slice(&json).map_err(|_| damaged())
}

/// A format 1 frame: an age file holding the JSON record and its HMAC.
fn open_frame_v1(cipher: &[u8], vault_id: &[u8; 16], key: &VaultKey) -> Result<ChangeRecord> {
    let damaged = || Error::damaged("a change-log record failed to decrypt or authenticate");
    let plain = super::plaintext::decrypt(key.identity(), cipher).ok_or_else(damaged)?;
    if plain.len() < 32 {
        return Err(damaged());
    }
    let (json, tag) = plain.split_at(plain.len() - 32);
    if !key.verify_mac(&[b"record", vault_id, json], tag) {
        return Err(damaged());
    }
    serde_json::from_slice(json).map_err(|_| damaged())
}

/// Where a change log stood before an append, so a write whose commit then failed can be undone.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Before {
    len: u64,
    chain: Chain,
}

/// A record written by [`ChangeLogFile::write_unsynced`], not yet made durable.
#[derive(Debug)]
#[must_use = "an unsynced record must be synced (or the change log cut back) before the next write"]
pub(crate) struct Unsynced {
    before: Before,
    frame_len: u64,
    chain: Chain,
}

impl Unsynced {
    /// Where the change log stood before this frame.
    pub fn before(&self) -> Before {
        self.before
    }
}

/// The open journal of the current generation, positioned at its end.
#[derive(Debug)]
pub(crate) struct ChangeLogFile {
    /// Shared with the blocking thread a save's `fdatasync` runs on ([`ChangeLogFile::start_sync`]).
    file: Arc<File>,
    len: u64,
    vault_id: [u8; 16],
    base_seq: u64,
    /// The chain value after the last record.
    chain: Chain,
    generation: GenerationKey,
    /// Set when a failed append could not be undone (or a compaction could not be cleanly
    /// abandoned): further appends are refused until the vault is reopened.
    poisoned: bool,
}

impl ChangeLogFile {
    /// Writes a new change log file holding only `header` (used by compaction; atomic).
    pub fn create(path: &Path, header: &ChangeLogHeader, key: &VaultKey, generation: &GenerationKey) -> Result<()> {
        super::layout::write_atomic(path, &header.encode(key, generation)?, "Starting a new change log")
    }

    /// Opens a change log for appending after its last good record (`good_len` bytes, chain value
    /// `chain`), cutting off an unacknowledged torn tail first.
    pub fn open_for_append(
        path: &Path,
        header: &ChangeLogHeader,
        generation: GenerationKey,
        chain: Chain,
        good_len: u64,
    ) -> Result<Self> {
        super::fault::check(super::fault::Point::ReopenLog).map_err(|e| Error::storage("Opening the change log", e))?;
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| Error::storage("Opening the change log", e))?;
        let actual = file.metadata().map_err(|e| Error::storage("Opening the change log", e))?.len();
        if actual != good_len {
            file.set_len(good_len).map_err(|e| Error::storage("Repairing the change log's last write", e))?;
            file.sync_all().map_err(|e| Error::storage("Repairing the change log's last write", e))?;
        }
        Ok(Self {
            file: Arc::new(file),
            len: good_len,
            vault_id: header.vault_id,
            base_seq: header.base_seq,
            chain,
            generation,
            poisoned: false,
        })
    }

    /// Bytes in the change log, header included.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// The chain value after the last record.
    pub fn chain(&self) -> Chain {
        self.chain
    }

    /// The generation (base sequence number) this journal continues.
    pub fn base_seq(&self) -> u64 {
        self.base_seq
    }

    /// Refuses further appends until the vault is reopened.
    pub fn poison(&mut self) {
        self.poisoned = true;
    }

    fn refuse_if_poisoned(&self) -> Result<()> {
        if self.poisoned {
            return Err(Error::storage(
                "Saving your change",
                std::io::Error::other("an earlier failed save could not be undone; reopen the vault"),
            ));
        }
        Ok(())
    }

    /// Encrypts `record`, appends it and makes it durable before returning. On failure the file
    /// is cut back to where it was, so a failed write leaves no partial frame behind. Returns
    /// where the change log stood before, for [`ChangeLogFile::undo`]. (Saves use the two
    /// halves with other work between them; tests, and carrying a replaced home's unseen
    /// saves into its own log, append directly.)
    pub fn append(&mut self, record: &ChangeRecord, key: &VaultKey) -> Result<Before> {
        let written = self.write_unsynced(record, key)?;
        self.sync(written)
    }

    /// The first half of [`ChangeLogFile::append`]: encrypts `record` and writes its frame after
    /// the last record, without `fdatasync`. The change log's length and chain do not move until
    /// [`ChangeLogFile::sync`] succeeds, so nothing may count the record as saved before then;
    /// the caller must call `sync` next (a save does other work meanwhile: see `Vault::write`).
    /// On failure the file is cut back to where it was.
    pub fn write_unsynced(&mut self, record: &ChangeRecord, key: &VaultKey) -> Result<Unsynced> {
        self.refuse_if_poisoned()?;
        let before = Before { len: self.len, chain: self.chain };
        let at = ChainPosition {
            vault_id: &self.vault_id,
            base_seq: self.base_seq,
            prev: &self.chain,
            generation: &self.generation,
        };
        let probe = super::profile::start();
        let (frame, chain) = encode_frame(record, &at, key)?;
        super::profile::record(super::profile::Phase::Encode, probe);
        let probe = super::profile::start();
        let result = (|| -> std::io::Result<()> {
            use std::io::{Seek, SeekFrom};
            let mut file = &*self.file;
            file.seek(SeekFrom::Start(self.len))?;
            file.write_all(&frame)
        })();
        super::profile::record(super::profile::Phase::Write, probe);
        match result {
            Ok(()) => Ok(Unsynced { before, frame_len: frame.len() as u64, chain }),
            Err(e) => {
                self.cut_back(before.len);
                Err(Error::storage("Saving your change", e))
            }
        }
    }

    /// The second half of [`ChangeLogFile::append`]: `fdatasync`s the frame
    /// [`ChangeLogFile::write_unsynced`] wrote, and only then counts it as part of the change
    /// log. If the sync fails the file is cut back to where it was. Returns where the change
    /// log stood before, for [`ChangeLogFile::undo`].
    pub fn sync(&mut self, written: Unsynced) -> Result<Before> {
        let synced = self.start_sync()();
        self.finish_sync(written, synced)
    }

    /// The `fdatasync` of a written frame, as a job that can run on another thread (a save runs
    /// it on tokio's blocking pool while SQLite's thread works). Its result goes to
    /// [`ChangeLogFile::finish_sync`]; until then the record does not count.
    pub fn start_sync(&self) -> impl FnOnce() -> std::io::Result<()> + Send + 'static {
        let file = Arc::clone(&self.file);
        move || {
            let probe = super::profile::start();
            let synced = super::fault::check(super::fault::Point::SyncAppend).and_then(|()| file.sync_data());
            super::profile::record(super::profile::Phase::Sync, probe);
            synced
        }
    }

    /// Counts the frame `written` as part of the change log once its `fdatasync` succeeded;
    /// cuts the file back to where it was if it failed. Returns where the change log stood
    /// before, for [`ChangeLogFile::undo`].
    pub fn finish_sync(&mut self, written: Unsynced, synced: std::io::Result<()>) -> Result<Before> {
        match synced {
            Ok(()) => {
                self.len = written.before.len + written.frame_len;
                self.chain = written.chain;
                Ok(written.before)
            }
            Err(e) => {
                self.cut_back(written.before.len);
                Err(Error::storage("Saving your change", e))
            }
        }
    }

    /// Removes the last appended record again (its in-memory commit failed), so memory and
    /// disk agree and its sequence number can be used again. If the file cannot be cut back,
    /// appends are refused until the vault is reopened — which then replays the record.
    pub fn undo(&mut self, before: Before) {
        self.cut_back(before.len);
        if !self.poisoned {
            self.len = before.len;
            self.chain = before.chain;
        }
    }

    fn cut_back(&mut self, len: u64) {
        if self.file.set_len(len).and_then(|()| self.file.sync_data()).is_err() {
            self.poisoned = true;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::record::Statement;

    const VAULT: [u8; 16] = [7; 16];

    fn record(seq: u64) -> ChangeRecord {
        ChangeRecord {
            stamp: None,
            seq,
            device: "test".into(),
            at: "2026-11-23T00:00:00Z".into(),
            ops: vec![Statement {
                sql: "INSERT INTO t VALUES (?)".into(),
                params: crate::params![seq as i64],
                rows: 1,
            }],
        }
    }

    fn header(base_seq: u64, key: &VaultKey) -> ChangeLogHeader {
        ChangeLogHeader {
            vault_id: VAULT,
            base_seq,
            snapshot_digest: [1; 32],
            base_chain: chain_start(key, &VAULT, base_seq),
        }
    }

    /// A journal with records `base+1..=base+n`; returns its bytes and each frame's offset.
    fn changelog_with(n: u64, key: &VaultKey) -> (Vec<u8>, Vec<usize>) {
        let g = GenerationKey::generate();
        let h = header(10, key);
        let mut bytes = h.encode(key, &g).expect("header");
        let mut chain = h.base_chain;
        let mut starts = Vec::new();
        for i in 1..=n {
            starts.push(bytes.len());
            let at = ChainPosition { vault_id: &VAULT, base_seq: 10, prev: &chain, generation: &g };
            let (frame, next) = encode_frame(&record(10 + i), &at, key).expect("frame");
            bytes.extend(frame);
            chain = next;
        }
        (bytes, starts)
    }

    #[test]
    fn reads_back_every_record_in_order() {
        let key = VaultKey::generate();
        let (bytes, _) = changelog_with(3, &key);
        let s = scan(&bytes, &key, None).expect("scan");
        assert_eq!(s.records.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![11, 12, 13]);
        assert!(!s.torn_tail);
        assert_eq!(s.good_len, bytes.len() as u64);
        assert_eq!(s.end_seq(), 13);
        assert_eq!(s.chain_at(10), Some(chain_start(&key, &VAULT, 10)));
        assert_eq!(s.chain_at(13), Some(s.end_chain()));
        assert_eq!(s.chain_at(14), None);
        assert_eq!(s.chains.iter().collect::<std::collections::HashSet<_>>().len(), 3, "every link differs");
    }

    #[test]
    fn every_truncation_of_the_last_frame_is_a_torn_tail() {
        let key = VaultKey::generate();
        let (bytes, starts) = changelog_with(3, &key);
        let last = *starts.last().expect("three frames");
        for cut in last..bytes.len() {
            let s = scan(&bytes[..cut], &key, None).expect("torn tail is not damage");
            assert_eq!(s.records.len(), 2, "cut at {cut}");
            assert_eq!(s.good_len, last as u64);
            assert_eq!(s.torn_tail, cut > last);
        }
    }

    #[test]
    fn zero_filled_extension_is_a_torn_tail() {
        let key = VaultKey::generate();
        let (mut bytes, _) = changelog_with(2, &key);
        bytes.extend(std::iter::repeat_n(0u8, 4096));
        let s = scan(&bytes, &key, None).expect("scan");
        assert_eq!(s.records.len(), 2);
        assert!(s.torn_tail);
    }

    #[test]
    fn a_flipped_byte_before_the_last_frame_is_damage() {
        let key = VaultKey::generate();
        let (bytes, starts) = changelog_with(3, &key);
        let last = *starts.last().expect("three frames");
        for offset in (0..last).step_by(7) {
            let mut copy = bytes.clone();
            copy[offset] ^= 0x40;
            let err = scan(&copy, &key, Some(13)).expect_err(&format!("flip at {offset} must be refused"));
            assert_eq!(err.kind(), "damaged", "flip at {offset}");
        }
    }

    #[test]
    fn a_flipped_byte_inside_the_complete_last_frame_is_damage_unless_past_the_mark() {
        let key = VaultKey::generate();
        let (bytes, starts) = changelog_with(3, &key);
        let last = *starts.last().expect("three frames");
        for offset in (last + FRAME_HEADER_LEN..bytes.len()).step_by(5) {
            let mut copy = bytes.clone();
            copy[offset] ^= 0x01;
            // Acknowledged (the mark reached 13), or no mark to say otherwise: damage.
            assert_eq!(scan(&copy, &key, Some(13)).expect_err("acknowledged").kind(), "damaged", "at {offset}");
            assert_eq!(scan(&copy, &key, None).expect_err("no mark").kind(), "damaged", "at {offset}");
            // Past the mark (it stopped at 12): a write that was never acknowledged.
            let s = scan(&copy, &key, Some(12)).expect("past the mark");
            assert_eq!((s.records.len(), s.good_len, s.torn_tail), (2, last as u64, true), "at {offset}");
        }
    }

    #[test]
    fn a_record_moved_or_removed_breaks_the_chain() {
        let key = VaultKey::generate();
        let (bytes, starts) = changelog_with(3, &key);
        // Drop the middle record and renumbering cannot help: the third was chained to it.
        let mut removed = bytes[..starts[1]].to_vec();
        removed.extend_from_slice(&bytes[starts[2]..]);
        assert_eq!(scan(&removed, &key, None).expect_err("removed").kind(), "damaged");
        // Swap the last two.
        let mut swapped = bytes[..starts[1]].to_vec();
        swapped.extend_from_slice(&bytes[starts[2]..]);
        swapped.extend_from_slice(&bytes[starts[1]..starts[2]]);
        assert_eq!(scan(&swapped, &key, None).expect_err("swapped").kind(), "damaged");
    }

    #[test]
    fn a_record_from_another_generation_is_damage() {
        let key = VaultKey::generate();
        let (a, a_starts) = changelog_with(2, &key);
        let (b, b_starts) = changelog_with(2, &key);
        // Same vault key, same base and chain start, but another generation key.
        let mut spliced = a[..a_starts[1]].to_vec();
        spliced.extend_from_slice(&b[b_starts[1]..]);
        spliced.extend_from_slice(&a[a_starts[1]..]);
        assert_eq!(scan(&spliced, &key, None).expect_err("foreign record").kind(), "damaged");
    }

    #[test]
    fn a_header_from_another_key_is_refused() {
        let key = VaultKey::generate();
        let (bytes, _) = changelog_with(1, &key);
        assert_eq!(scan(&bytes, &VaultKey::generate(), None).expect_err("other key").kind(), "damaged");
    }

    #[test]
    fn format_1_journals_still_read() {
        let key = VaultKey::generate();
        // The format 1 layout, written as the previous version did (see the module docs).
        let mut bytes = Vec::new();
        bytes.extend_from_slice(MAGIC_V1);
        bytes.extend_from_slice(&VAULT);
        bytes.extend_from_slice(&10u64.to_le_bytes());
        bytes.extend_from_slice(&[1; 32]);
        let tag = key.mac(&[b"header", &bytes]);
        bytes.extend_from_slice(&tag);
        for seq in [11, 12] {
            let json = serde_json::to_vec(&record(seq)).expect("json");
            let mut plain = json.clone();
            plain.extend_from_slice(&key.mac(&[b"record", &VAULT, &json]));
            let cipher = age::encrypt(&key.recipient(), &plain).expect("encrypt");
            bytes.extend_from_slice(&(cipher.len() as u32).to_le_bytes());
            bytes.extend_from_slice(&frame_check(cipher.len() as u32).to_le_bytes());
            bytes.extend_from_slice(&cipher);
        }
        let s = scan(&bytes, &key, None).expect("format 1");
        assert!(s.generation.is_none());
        assert_eq!(s.records, vec![record(11), record(12)]);
        assert_eq!(s.header.base_chain, chain_start(&key, &VAULT, 10));
    }

    #[test]
    fn sequence_gaps_are_damage() {
        let key = VaultKey::generate();
        let g = GenerationKey::generate();
        let h = header(0, &key);
        let mut bytes = h.encode(&key, &g).expect("header");
        let at = ChainPosition { vault_id: &VAULT, base_seq: 0, prev: &h.base_chain, generation: &g };
        let (frame, chain) = encode_frame(&record(1), &at, &key).expect("frame");
        bytes.extend(frame);
        let at = ChainPosition { vault_id: &VAULT, base_seq: 0, prev: &chain, generation: &g };
        bytes.extend(encode_frame(&record(3), &at, &key).expect("frame").0);
        assert_eq!(scan(&bytes, &key, None).expect_err("gap").kind(), "damaged");
    }
}
