//! The append-only journal: one authenticated, age-encrypted frame per committed write.
//!
//! ```text
//! header (96 bytes, plaintext but authenticated):
//!   "WKJRNL01" | vault id (16) | base seq (u64 LE) | SHA-256 of the snapshot's age header and
//!   payload nonce (32, pins the whole snapshot; see `plaintext::header_and_nonce`) | HMAC (32)
//! frame, repeated:
//!   length (u32 LE) | check (u32 LE) = CRC-32 of "WKFR" + length | age ciphertext (length bytes)
//! age plaintext of a frame:
//!   JSON ChangeRecord | HMAC-SHA256(vault MAC key, "record" | vault id | JSON) (32)
//! ```
//!
//! Telling a torn tail from damage is the point of this layout. A crash can only leave a
//! *prefix* of the last frame (or, on some filesystems, a zero-filled extension), so:
//! - a frame header that is cut short, or whose length runs past the end of the file, or a last
//!   frame that fails to decrypt, or trailing zeros: a torn tail — the write was never
//!   acknowledged, so it is dropped;
//! - a frame header whose check fails with non-zero bytes after it, or any frame that fails to
//!   decrypt or authenticate while more frames follow, or a gap in sequence numbers: damage.
//!   Opening refuses and changes nothing.
//!
//! The length check matters: without it, one flipped bit in a length field in the middle would
//! make everything after it look like a torn tail and silently drop acknowledged writes.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;

use super::record::ChangeRecord;
use crate::keys::VaultKey;
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"WKJRNL01";
/// Length of the journal header.
pub(crate) const HEADER_LEN: usize = 8 + 16 + 8 + 32 + 32;
const FRAME_HEADER_LEN: usize = 8;
/// The largest single change we accept: far above any note, far below memory trouble.
pub(crate) const MAX_FRAME: usize = 64 << 20;

/// What a journal continues from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct JournalHeader {
    pub vault_id: [u8; 16],
    pub base_seq: u64,
    pub snapshot_digest: [u8; 32],
}

impl JournalHeader {
    pub fn encode(&self, key: &VaultKey) -> Vec<u8> {
        let mut out = Vec::with_capacity(HEADER_LEN);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.vault_id);
        out.extend_from_slice(&self.base_seq.to_le_bytes());
        out.extend_from_slice(&self.snapshot_digest);
        let tag = key.mac(&[b"header", &out]);
        out.extend_from_slice(&tag);
        out
    }

    /// Parses and authenticates a header. `key` is required: an unauthenticated header could
    /// point us at a substituted snapshot.
    pub fn decode(bytes: &[u8], key: &VaultKey) -> Result<Self> {
        if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
            return Err(Error::damaged("the journal header is not valid"));
        }
        let (body, tag) = bytes[..HEADER_LEN].split_at(HEADER_LEN - 32);
        if !key.verify_mac(&[b"header", body], tag) {
            return Err(Error::damaged("the journal header does not match this vault's key"));
        }
        let mut vault_id = [0u8; 16];
        vault_id.copy_from_slice(&body[8..24]);
        let base_seq = u64::from_le_bytes(body[24..32].try_into().expect("slice of 8 bytes"));
        let mut snapshot_digest = [0u8; 32];
        snapshot_digest.copy_from_slice(&body[32..64]);
        Ok(Self { vault_id, base_seq, snapshot_digest })
    }
}

fn frame_check(len: u32) -> u32 {
    let mut h = crc32fast::Hasher::new();
    h.update(b"WKFR");
    h.update(&len.to_le_bytes());
    h.finalize()
}

/// Encrypts and frames one record.
pub(crate) fn encode_frame(record: &ChangeRecord, vault_id: &[u8; 16], key: &VaultKey) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(record).map_err(|e| Error::Internal { detail: e.to_string() })?;
    let tag = key.mac(&[b"record", vault_id, &json]);
    let mut plain = zeroize::Zeroizing::new(json);
    plain.extend_from_slice(&tag);
    let cipher = age::encrypt(&key.recipient(), &plain).map_err(|e| Error::Internal { detail: e.to_string() })?;
    if cipher.len() > MAX_FRAME {
        return Err(Error::invalid("Change", "this change is too large to save in one piece (over 64 MiB)"));
    }
    let len = u32::try_from(cipher.len()).expect("frame length is capped below u32::MAX");
    let mut frame = Vec::with_capacity(FRAME_HEADER_LEN + cipher.len());
    frame.extend_from_slice(&len.to_le_bytes());
    frame.extend_from_slice(&frame_check(len).to_le_bytes());
    frame.extend_from_slice(&cipher);
    Ok(frame)
}

/// The result of reading a journal.
#[derive(Debug)]
pub(crate) struct Scanned {
    pub header: JournalHeader,
    pub records: Vec<ChangeRecord>,
    /// Bytes up to the end of the last good frame.
    pub good_len: u64,
    /// Set when an unacknowledged partial write was found after `good_len`.
    pub torn_tail: bool,
}

/// Reads a whole journal, authenticating every frame; see the module docs for the rules.
pub(crate) fn scan(bytes: &[u8], key: &VaultKey) -> Result<Scanned> {
    let header = JournalHeader::decode(bytes, key)?;
    let mut records = Vec::new();
    let mut pos = HEADER_LEN;
    // Checked: a header is authenticated, but a key holder's forged one must be damage, not a
    // panic (regression: tests/fixtures/fuzz-regressions/change-log-base-seq-at-u64-max.bin).
    let out_of_range = || Error::damaged("the journal's sequence numbers run out of range");
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
            return Err(Error::damaged(format!("journal frame at byte {pos} has a damaged length")));
        }
        let end = FRAME_HEADER_LEN + len as usize;
        if rest.len() < end {
            torn_tail = true;
            break;
        }
        let is_last = rest.len() == end;
        match open_frame(&rest[FRAME_HEADER_LEN..end], &header.vault_id, key) {
            Ok(record) => {
                if record.seq != expected_seq {
                    return Err(Error::damaged(format!(
                        "journal record {} found where {expected_seq} was expected",
                        record.seq
                    )));
                }
                expected_seq = expected_seq.checked_add(1).ok_or_else(out_of_range)?;
                records.push(record);
                pos += end;
            }
            Err(_) if is_last => {
                torn_tail = true;
                break;
            }
            Err(e) => return Err(e),
        }
    }
    Ok(Scanned { header, records, good_len: pos as u64, torn_tail })
}

fn open_frame(cipher: &[u8], vault_id: &[u8; 16], key: &VaultKey) -> Result<ChangeRecord> {
    let damaged = || Error::damaged("a journal record failed to decrypt or authenticate");
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

/// The open journal of the current generation, positioned at its end.
#[derive(Debug)]
pub(crate) struct JournalFile {
    file: File,
    len: u64,
    /// Set when a failed append could not be undone: further appends are refused until the
    /// vault is reopened, which will see the partial frame as a torn tail and drop it.
    poisoned: bool,
}

impl JournalFile {
    /// Creates a new journal file (used by compaction, via a temp file and rename).
    pub fn create(path: &Path, header: &JournalHeader, key: &VaultKey) -> Result<()> {
        super::layout::write_atomic(path, &header.encode(key), "Starting a new journal")
    }

    /// Opens a journal for appending, cutting off an unacknowledged torn tail first.
    pub fn open_for_append(path: &Path, good_len: u64) -> Result<Self> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .open(path)
            .map_err(|e| Error::storage("Opening the journal", e))?;
        let actual = file.metadata().map_err(|e| Error::storage("Opening the journal", e))?.len();
        if actual != good_len {
            file.set_len(good_len).map_err(|e| Error::storage("Repairing the journal's last write", e))?;
            file.sync_all().map_err(|e| Error::storage("Repairing the journal's last write", e))?;
        }
        Ok(Self { file, len: good_len, poisoned: false })
    }

    /// Bytes in the journal, header included.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Appends one frame and makes it durable before returning. On failure the file is cut
    /// back to where it was, so a failed write leaves no partial frame behind.
    pub fn append(&mut self, frame: &[u8]) -> Result<()> {
        if self.poisoned {
            return Err(Error::storage(
                "Saving your change",
                std::io::Error::other("an earlier failed save could not be undone; reopen the vault"),
            ));
        }
        let result = (|| {
            use std::io::{Seek, SeekFrom};
            self.file.seek(SeekFrom::Start(self.len))?;
            self.file.write_all(frame)?;
            self.file.sync_data()
        })();
        match result {
            Ok(()) => {
                self.len += frame.len() as u64;
                Ok(())
            }
            Err(e) => {
                let undone = self.file.set_len(self.len).and_then(|()| self.file.sync_data());
                if undone.is_err() {
                    self.poisoned = true;
                }
                Err(Error::storage("Saving your change", e))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::record::Statement;

    fn record(seq: u64) -> ChangeRecord {
        ChangeRecord {
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

    fn journal_with(n: u64, key: &VaultKey) -> (Vec<u8>, Vec<usize>) {
        let header = JournalHeader { vault_id: [7; 16], base_seq: 10, snapshot_digest: [1; 32] };
        let mut bytes = header.encode(key);
        let mut starts = Vec::new();
        for i in 1..=n {
            starts.push(bytes.len());
            bytes.extend(encode_frame(&record(10 + i), &[7; 16], key).expect("frame"));
        }
        (bytes, starts)
    }

    #[test]
    fn reads_back_every_record_in_order() {
        let key = VaultKey::generate();
        let (bytes, _) = journal_with(3, &key);
        let s = scan(&bytes, &key).expect("scan");
        assert_eq!(s.records.iter().map(|r| r.seq).collect::<Vec<_>>(), vec![11, 12, 13]);
        assert!(!s.torn_tail);
        assert_eq!(s.good_len, bytes.len() as u64);
    }

    #[test]
    fn every_truncation_of_the_last_frame_is_a_torn_tail() {
        let key = VaultKey::generate();
        let (bytes, starts) = journal_with(3, &key);
        let last = *starts.last().expect("three frames");
        for cut in last..bytes.len() {
            let s = scan(&bytes[..cut], &key).expect("torn tail is not damage");
            assert_eq!(s.records.len(), 2, "cut at {cut}");
            assert_eq!(s.good_len, last as u64);
            assert_eq!(s.torn_tail, cut > last);
        }
    }

    #[test]
    fn zero_filled_extension_is_a_torn_tail() {
        let key = VaultKey::generate();
        let (mut bytes, _) = journal_with(2, &key);
        bytes.extend(std::iter::repeat_n(0u8, 4096));
        let s = scan(&bytes, &key).expect("scan");
        assert_eq!(s.records.len(), 2);
        assert!(s.torn_tail);
    }

    #[test]
    fn a_flipped_byte_before_the_last_frame_is_damage() {
        let key = VaultKey::generate();
        let (bytes, starts) = journal_with(3, &key);
        let last = *starts.last().expect("three frames");
        for offset in (0..last).step_by(7) {
            let mut copy = bytes.clone();
            copy[offset] ^= 0x40;
            let err = scan(&copy, &key).expect_err(&format!("flip at {offset} must be refused"));
            assert_eq!(err.kind(), "damaged", "flip at {offset}");
        }
    }

    #[test]
    fn a_record_from_another_key_is_damage_not_data() {
        let key = VaultKey::generate();
        let intruder = VaultKey::generate();
        let (mut bytes, _) = journal_with(1, &key);
        // An attacker who knows the public recipient can write a valid age frame, but not the MAC.
        let forged_json = serde_json::to_vec(&record(12)).expect("json");
        let mut plain = forged_json.clone();
        plain.extend_from_slice(&intruder.mac(&[b"record", &[7; 16], &forged_json]));
        let cipher = age::encrypt(&key.recipient(), &plain).expect("encrypt");
        let len = cipher.len() as u32;
        bytes.extend_from_slice(&len.to_le_bytes());
        bytes.extend_from_slice(&frame_check(len).to_le_bytes());
        bytes.extend_from_slice(&cipher);
        bytes.extend(encode_frame(&record(13), &[7; 16], &key).expect("frame"));
        assert_eq!(scan(&bytes, &key).expect_err("forged record").kind(), "damaged");
    }

    #[test]
    fn sequence_gaps_are_damage() {
        let key = VaultKey::generate();
        let header = JournalHeader { vault_id: [7; 16], base_seq: 0, snapshot_digest: [0; 32] };
        let mut bytes = header.encode(&key);
        bytes.extend(encode_frame(&record(1), &[7; 16], &key).expect("frame"));
        bytes.extend(encode_frame(&record(3), &[7; 16], &key).expect("frame"));
        assert_eq!(scan(&bytes, &key).expect_err("gap").kind(), "damaged");
    }
}
