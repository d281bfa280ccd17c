//! Change records: what one committed write did, as data that can be replayed.
//!
//! We journal *logical* changes — each statement's SQL text, its parameters and the number of
//! rows it touched — rather than SQLite session changesets. Changesets would need the session
//! extension compiled in, unsafe FFI through the raw handle, and they skip virtual tables (our
//! FTS5 indexes). Statement records need only one rule, enforced in [`check_deterministic`]:
//! a write statement may not ask SQLite for anything that differs between runs (time, random
//! numbers, implicit row ids). Ids and timestamps are made in Rust and passed as parameters.
//! Replay checks that each statement touches exactly as many rows as it did the first time, so
//! a record that no longer fits its snapshot is reported as damage instead of drifting silently.
//! The reasoning is written up in `docs/vault-format.md`.

use serde::{Deserialize, Serialize};

use super::value::Params;
use crate::{Error, Result};

/// One committed write: every statement it ran, in order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct ChangeRecord {
    /// Position in the vault's history: the snapshot holds `1..=base`, records go on from there.
    pub seq: u64,
    /// Which computer made the change (a per-machine id, not secret); lets journals from several
    /// devices be merged later.
    pub device: String,
    /// When it was committed (RFC 3339, UTC).
    pub at: String,
    /// The statements, in order.
    pub ops: Vec<Statement>,
}

/// One executed statement.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub(crate) struct Statement {
    /// The SQL text.
    pub sql: String,
    /// Its parameters.
    pub params: Params,
    /// Rows it changed the first time; replay must change the same number.
    pub rows: u64,
}

/// Fragments that make a statement's effect depend on when or where it runs.
const NON_DETERMINISTIC: &[&str] = &[
    "random(",
    "randomblob(",
    "'now'",
    "current_timestamp",
    "current_date",
    "current_time",
    "last_insert_rowid(",
    "changes(",
    "total_changes(",
];

/// Refuses write SQL whose replay could differ from its first run.
pub(crate) fn check_deterministic(sql: &str) -> Result<()> {
    let lowered = sql.to_ascii_lowercase();
    match NON_DETERMINISTIC.iter().find(|f| lowered.contains(*f)) {
        Some(fragment) => Err(Error::Internal {
            detail: format!(
                "write statement uses `{fragment}`, which would replay differently; pass the value as a parameter"
            ),
        }),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_time_and_randomness_in_write_sql() {
        for sql in [
            "INSERT INTO t VALUES (random())",
            "UPDATE t SET at = datetime('now')",
            "UPDATE t SET at = CURRENT_TIMESTAMP",
            "INSERT INTO t(x) VALUES (last_insert_rowid())",
        ] {
            assert!(check_deterministic(sql).is_err(), "{sql}");
        }
        assert!(check_deterministic("INSERT INTO t(id, at) VALUES (?, ?)").is_ok());
    }

    #[test]
    fn records_round_trip_through_json() {
        let rec = ChangeRecord {
            seq: 7,
            device: "d".into(),
            at: "2026-11-23T02:00:00Z".into(),
            ops: vec![Statement { sql: "INSERT INTO t VALUES (?)".into(), params: crate::params!["x"], rows: 1 }],
        };
        let json = serde_json::to_vec(&rec).expect("serialise");
        assert_eq!(serde_json::from_slice::<ChangeRecord>(&json).expect("parse"), rec);
    }
}
