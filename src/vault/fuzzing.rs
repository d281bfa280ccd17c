//! Entry points for fuzzing the change-log reader from outside the crate (`tests/fuzz_parsers.rs`,
//! and the cargo-fuzz target in `fuzz/`), without making the change log format public API. Hidden
//! from the docs; nothing here touches the disk.
//!
//! Two targets, matching the two kinds of bytes the reader handles:
//! - [`read_change_log`]: a whole `journal-*.wkj` file as opening reads it — header, frame
//!   lengths and checks, age decryption, record MACs, JSON, sequence numbers, and the statement
//!   allowlist. Everything before the MAC check runs on bytes anyone with write access to the
//!   vault folder controls.
//! - [`decode_record`]: what happens to a record's bytes *after* its MAC verified — the JSON
//!   decoder and the allowlist. Only a key holder can reach it, so it is fuzzed directly rather
//!   than through the MAC.

use super::Value;
use super::changelog::{self, ChangeLogHeader};
use super::record::{self, ChangeRecord, Statement};
use crate::Result;
use crate::keys::VaultKey;

/// What reading a change log produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeLogReading {
    /// The sequence numbers of the records read, in order.
    pub seqs: Vec<u64>,
    /// Bytes up to the end of the last good record.
    pub good_len: u64,
    /// Whether an unacknowledged partial write was found (and would be cut on open).
    pub torn_tail: bool,
}

/// Reads a change log exactly as opening a vault does, up to (not including) replay.
pub fn read_change_log(bytes: &[u8], key: &VaultKey) -> Result<ChangeLogReading> {
    // No high-water mark: a complete last frame that fails is damage, the strict reading.
    let scanned = changelog::scan(bytes, key, None)?;
    for record in &scanned.records {
        record::resolve(record)?;
    }
    Ok(ChangeLogReading {
        seqs: scanned.records.iter().map(|r| r.seq).collect(),
        good_len: scanned.good_len,
        torn_tail: scanned.torn_tail,
    })
}

/// Every record of a change log, authenticated and decrypted, as JSON text: for tests that prove
/// what a vault folder no longer holds (`tests/erasure.rs` scans every record for a marker).
pub fn change_log_plaintexts(bytes: &[u8], key: &VaultKey) -> Result<Vec<String>> {
    let scanned = changelog::scan(bytes, key, None)?;
    scanned
        .records
        .iter()
        .map(|r| {
            serde_json::to_string(r).map_err(|e| crate::Error::Internal { detail: format!("record to JSON: {e}") })
        })
        .collect()
}

/// Decodes one authenticated record's JSON and checks its statements; returns its sequence
/// number.
pub fn decode_record(json: &[u8]) -> Result<u64> {
    record::decode_and_resolve(json).map(|r| r.seq)
}

/// A record as the program writes them, with all five kinds of value. The statements come from
/// the trash table, not from literals here: a literal would put itself on the allowlist.
fn sample_record(seq: u64) -> ChangeRecord {
    let restore = crate::trash::SOURCES[0].restore;
    let purge = crate::trash::SOURCES[0].purge_one[0];
    ChangeRecord {
        stamp: None,
        seq,
        device: "0123456789abcdef".into(),
        at: "2026-11-30T09:00:00.000Z".into(),
        ops: vec![
            Statement {
                sql: restore.to_owned(),
                params: vec![
                    Value::Text(format!("0190a5c0-0000-7000-8000-{seq:012}")),
                    Value::Text("2026-11-30T09:00:00.000Z".into()),
                    Value::Null,
                    Value::Int(20_261_130),
                    Value::Text("Walked to work; felt \"fine\" \u{2014} really.\n".into()),
                ],
                rows: 1,
            },
            Statement { sql: purge.to_owned(), params: vec![Value::Real(1.5), Value::Blob(vec![0, 255])], rows: 0 },
        ],
    }
}

/// The JSON of a realistic record, a seed for [`decode_record`].
pub fn sample_record_json(seq: u64) -> Vec<u8> {
    serde_json::to_vec(&sample_record(seq)).expect("a record always serialises")
}

/// A change log continuing snapshot `base_seq` with `records` realistic records, encrypted and
/// authenticated under `key` by the change log's own encoder: a seed for [`read_change_log`].
pub fn sample_change_log(key: &VaultKey, base_seq: u64, records: u64) -> Result<Vec<u8>> {
    let vault_id = [7u8; 16];
    let base_chain = changelog::chain_start(key, &vault_id, base_seq);
    let header = ChangeLogHeader { vault_id, base_seq, snapshot_digest: [1; 32], base_chain };
    let generation = changelog::GenerationKey::generate();
    let mut bytes = header.encode(key, &generation)?;
    let mut prev = base_chain;
    for seq in base_seq + 1..=base_seq + records {
        let at = changelog::ChainPosition { vault_id: &vault_id, base_seq, prev: &prev, generation: &generation };
        let (frame, next) = changelog::encode_frame(&sample_record(seq), &at, key)?;
        bytes.extend(frame);
        prev = next;
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sample_change_log_reads_back_whole() {
        let key = VaultKey::generate();
        let bytes = sample_change_log(&key, 40, 3).expect("encode");
        let reading = read_change_log(&bytes, &key).expect("read");
        assert_eq!(
            reading,
            ChangeLogReading { seqs: vec![41, 42, 43], good_len: bytes.len() as u64, torn_tail: false }
        );
        assert_eq!(decode_record(&sample_record_json(9)).expect("decode"), 9);
    }

    #[test]
    fn a_record_naming_a_foreign_statement_does_not_decode() {
        let mut record = sample_record(5);
        record.ops[1].sql = "ATTACH DATABASE '/tmp/x.db' AS x".into();
        let json = serde_json::to_vec(&record).expect("json");
        assert_eq!(decode_record(&json).expect_err("foreign statement").kind(), "damaged");
    }
}
