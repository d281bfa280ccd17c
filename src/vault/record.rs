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
//!
//! A record *names* a statement; replay runs only statements this binary contains
//! ([`resolve`]). Authentication proves a record was made with the vault key, not that the
//! program made it: whoever holds the key (a leaked recovery key, a bug) could otherwise have
//! replay run `ATTACH`, `VACUUM INTO '/tmp/plain.db'` or a `PRAGMA`. The set of our statements
//! is built at compile time ([`known_statement`]) and checked on both sides: [`check_known`] at
//! write time, so a statement missing from the set fails the test that runs it instead of
//! writing a record no version could replay, and [`resolve`] at replay time, where anything
//! else is damage. The reasoning is written up in `docs/vault-format.md`.

use std::collections::HashSet;
use std::sync::LazyLock;

use serde::{Deserialize, Serialize};
use zeroize::Zeroize;

use super::value::Params;
use crate::{Error, Result};

/// One committed write: every statement it ran, in order.
///
/// It holds the user's text in its parameters: [`Zeroize`] lets replay wipe records once they
/// are applied, instead of leaving them in freed memory.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Zeroize)]
pub(crate) struct ChangeRecord {
    /// Position in the vault's history: the snapshot holds `1..=base`, records go on from there.
    pub seq: u64,
    /// Which computer made the change (a per-machine id, not secret); lets change logs from several
    /// devices be merged later.
    pub device: String,
    /// When it was committed (RFC 3339, UTC).
    pub at: String,
    /// Its place in the one order every computer merges changes in (a hybrid logical clock,
    /// `crate::sync::hlc`). `None` in records written before several computers could share a
    /// vault: those sort before every stamped record of their log.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[zeroize(skip)]
    pub stamp: Option<crate::sync::hlc::Stamp>,
    /// The statements, in order.
    pub ops: Vec<Statement>,
}

/// One executed statement.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Zeroize)]
pub(crate) struct Statement {
    /// The SQL text: always one of the program's own statements ([`known_statement`]). Stored as
    /// text rather than an id so records stay readable with nothing but the recovery key and
    /// `age`, and so records written before the allowlist existed replay unchanged.
    pub sql: String,
    /// Its parameters.
    pub params: Params,
    /// Rows it changed the first time; replay must change the same number.
    pub rows: u64,
}

mod extracted {
    // `EXTRACTED_WRITE_STATEMENTS`: every write-statement string literal in `src/`, found by
    // build.rs.
    include!(concat!(env!("OUT_DIR"), "/write_statements.rs"));
}

/// Write statements that are not string literals in the source, so build.rs cannot see them:
/// those that macros assemble with `concat!`. Each table of generated statements is listed here
/// once; a new one is caught by [`check_known`] in the first test that writes through it.
fn generated_write_statements() -> impl Iterator<Item = &'static str> {
    let soft_delete = crate::registry::KINDS.iter().filter(|k| k.trash.is_some()).map(|k| k.delete);
    crate::trash::SOURCES
        .iter()
        .flat_map(|source| {
            std::iter::once(source.restore)
                .chain(source.purge_one.iter().copied())
                .chain(source.purge_before.iter().copied())
        })
        .chain(soft_delete)
}

/// Write statements the program no longer contains but earlier versions wrote: existing vaults'
/// change logs hold their text, so replay must still run them. Add a statement here whenever one
/// is removed from the source (`the_allowlist_never_loses_a_statement` checks against the list
/// frozen in `tests/fixtures/replay/`); never remove one.
///
/// Since 2026-12-01 (the record-kind registry, `src/registry/`): every kind soft-deletes and
/// restores with the registry's two statements, so the hand-written per-kind ones went.
pub(crate) const LEGACY_WRITE_STATEMENTS: &[&str] = &[
    // Since 2026-12-03 (retention, docs/decisions.md 51): purging a client from the trash before
    // a closed client was kept for erasure.
    "DELETE FROM clients AS x WHERE x.deleted_at IS NOT NULL AND x.deleted_at < ?1 AND NOT (EXISTS (SELECT 1 FROM session_notes WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM appointments WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM goals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM measure_administrations WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM risk_flags WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM safety_plans WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM consents WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM disclosures WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM referrals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM resource_assignments WHERE client_id = x.id))",
    "DELETE FROM clients AS x WHERE x.id = ?1 AND x.deleted_at IS NOT NULL AND NOT (EXISTS (SELECT 1 FROM session_notes WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM appointments WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM goals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM measure_administrations WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM risk_flags WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM safety_plans WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM consents WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM disclosures WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM referrals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM resource_assignments WHERE client_id = x.id))",
    "DELETE FROM tags WHERE item_kind = 'client' AND item_id IN (SELECT x.id FROM clients AS x WHERE x.deleted_at IS NOT NULL AND x.deleted_at < ?1 AND NOT (EXISTS (SELECT 1 FROM session_notes WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM appointments WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM goals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM measure_administrations WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM risk_flags WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM safety_plans WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM consents WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM disclosures WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM referrals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM resource_assignments WHERE client_id = x.id)))",
    "DELETE FROM tags WHERE item_kind = 'client' AND item_id IN (SELECT x.id FROM clients AS x WHERE x.id = ?1 AND x.deleted_at IS NOT NULL AND NOT (EXISTS (SELECT 1 FROM session_notes WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM appointments WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM goals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM measure_administrations WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM risk_flags WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM safety_plans WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM consents WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM disclosures WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM referrals WHERE client_id = x.id) OR EXISTS (SELECT 1 FROM resource_assignments WHERE client_id = x.id)))",
    // Since 2026-12-02 (appointments kept in a time zone): the insert and update without
    // `time_zone` and `local_start`.
    "INSERT INTO appointments(id, created_at, updated_at, client_id, starts_at, ends_at, mode, location,\n                        recurrence, repeat_until, repeat_count, reminder_minutes, notes)\n                     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "UPDATE appointments SET updated_at = ?, client_id = ?, starts_at = ?, ends_at = ?, mode = ?,\n                        location = ?, recurrence = ?, repeat_until = ?, repeat_count = ?, reminder_minutes = ?,\n                        notes = ? WHERE id = ?",
    "UPDATE appointments SET deleted_at = ?1 WHERE id = ?2 AND (deleted_at IS NULL) = (?1 IS NOT NULL)",
    // Before consent kept its lawful basis (2026-12-02): a consent replayed from such a log has
    // no basis ("not recorded").
    "INSERT INTO consents(id, created_at, updated_at, client_id, scope, given_on, expires_on, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    // Before contact roles (2026-12-02): a contact replayed from such a log gets the column
    // defaults, role 'unknown' and an empty `role_since`, read as its confirmation time.
    "INSERT INTO contacts(id, display_name, card, verifying_key, fingerprint, confirmed_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
    // Before proposals (2026-12-02): a received safety plan was filed on import.
    "UPDATE received_items SET filed_as = ? WHERE id = ?",
    "UPDATE clients SET deleted_at = ?1, updated_at = coalesce(?1, updated_at)\n                         WHERE id = ?2 AND (deleted_at IS NULL) = (?1 IS NOT NULL)",
    "UPDATE credentials SET deleted_at = ?, updated_at = ? WHERE id = ?",
    "UPDATE crisis_lines SET deleted_at = ?, updated_at = ? WHERE id = ?",
    "UPDATE goals SET deleted_at = ?1 WHERE id = ?2 AND (deleted_at IS NULL) = (?1 IS NOT NULL)",
    "UPDATE measure_administrations SET deleted_at = ?, updated_at = ? WHERE id = ?",
    "UPDATE referrals SET deleted_at = ?, updated_at = ? WHERE id = ?",
    "UPDATE resources SET deleted_at = ?, updated_at = ? WHERE id = ?",
    "UPDATE session_notes SET deleted_at = ? WHERE id = ?",
    "UPDATE supervision_notes SET deleted_at = ?, updated_at = ? WHERE id = ?",
    "UPDATE training_records SET deleted_at = ?, updated_at = ? WHERE id = ?",
    // Since 2026-12-04 (decision 63): a client's tags are written with the registry's statements;
    // the tags were already tidied without case, so `OR IGNORE` never had a row to ignore.
    "INSERT OR IGNORE INTO tags(item_kind, item_id, tag) VALUES (?, ?, ?)",
    // Before versioned texts (2026-12-07, decision 66): an entry's and a note's save, and a
    // note's finalising, without `text_version`, `text_base` and `text_by`. Replayed, they keep
    // the row's version as it was, so they never set a version aside.
    "UPDATE journal_entries SET updated_at = ?, entry_date = ?, title = ?, body = ?, prompt = ?, mood = ? WHERE id = ? AND deleted_at IS NULL",
    "UPDATE session_notes SET updated_at = ?, session_date = ?, duration_minutes = ?, mode = ?,\n                        template = ?, sections = ?, body = ? WHERE id = ?",
    "UPDATE session_notes SET finalised_at = ?, updated_at = ? WHERE id = ? AND finalised_at IS NULL",
    // Before a supervision note's words were versioned (2026-12-09, decision 69): its save
    // without `text_version`, `text_base` and `text_by`. Replayed, it keeps the row's version as
    // it was, so it never sets a version aside.
    "UPDATE supervision_notes SET held_on = ?, supervisor = ?, notes = ?, actions = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
    // Before a thought record's worksheet and a client's notes were versioned (2026-12-10,
    // decision 70): their saves without `text_version`, `text_base` and `text_by`. Replayed, they
    // keep the row's version as it was, so they never set a version aside.
    "UPDATE thought_records SET updated_at = ?, record_date = ?, situation = ?, moods = ?, automatic_thoughts = ?, thoughts_text = ?, evidence_for = ?, evidence_against = ?, balanced_thought = ?, balanced_belief = ? WHERE id = ? AND deleted_at IS NULL",
    "UPDATE clients SET updated_at = ?, name = ?, preferred_name = ?, pronouns = ?, date_of_birth = ?,\n                            phone = ?, email = ?, address = ?, emergency_name = ?, emergency_relationship = ?,\n                            emergency_phone = ?, cultural_needs = ?, access_needs = ?, status = ?, start_date = ?,\n                            end_date = ?, notes = ?\n                         WHERE id = ? AND deleted_at IS NULL",
    // Before a goal's wording was versioned (2026-12-11, decision 73): the whole-details update,
    // status included, which nothing but tests called. Replayed, it keeps the row's version.
    "UPDATE goals SET updated_at = ?, title = ?, specific = ?, measurable = ?, achievable = ?,\n                        relevant = ?, target_date = ?, status = ? WHERE id = ?",
];

/// Every write statement the program contains: the replay allowlist.
static KNOWN: LazyLock<HashSet<&'static str>> = LazyLock::new(|| {
    extracted::EXTRACTED_WRITE_STATEMENTS
        .iter()
        .copied()
        .chain(generated_write_statements())
        .chain(LEGACY_WRITE_STATEMENTS.iter().copied())
        .collect()
});

/// Statements integration tests write to set up states the app's own API cannot reach
/// (backdated rows). Empty unless a test calls [`allow_for_tests`]; the app and the command-line
/// tool never do, so in them the allowlist is exactly [`KNOWN`].
static ALLOWED_FOR_TESTS: std::sync::RwLock<Vec<&'static str>> = std::sync::RwLock::new(Vec::new());

/// Adds statements to this process's allowlist; see [`ALLOWED_FOR_TESTS`].
pub(crate) fn allow_for_tests(statements: &[&'static str]) {
    // A poisoned lock only means another test panicked while adding; the list is still valid.
    let mut allowed = ALLOWED_FOR_TESTS.write().unwrap_or_else(std::sync::PoisonError::into_inner);
    allowed.extend(statements.iter().copied().filter(|s| !KNOWN.contains(s)));
}

/// The program's own copy of `sql`, if it is one of the write statements this binary contains.
pub(crate) fn known_statement(sql: &str) -> Option<&'static str> {
    KNOWN.get(sql).copied().or_else(|| {
        let allowed = ALLOWED_FOR_TESTS.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        allowed.iter().find(|s| **s == sql).copied()
    })
}

/// Write-time half of the allowlist: refuses a statement that replay would refuse, before it
/// runs, so the mistake shows up in the test that exercises it rather than as an unopenable
/// vault. Only a programming error reaches this (the statement is a `&'static str`).
pub(crate) fn check_known(sql: &'static str) -> Result<()> {
    match known_statement(sql) {
        Some(_) => Ok(()),
        None => Err(Error::Internal {
            detail: format!(
                "write statement is not in the replay allowlist (build.rs collects the string literals \
                 in src/ and src-tauri/src/; statements built with concat! are listed in \
                 vault/record.rs; integration tests use vault::allow_statements_for_tests): {sql}"
            ),
        }),
    }
}

/// A recorded statement whose SQL is the program's own.
#[derive(Debug)]
pub(crate) struct KnownStatement<'r> {
    /// The binary's copy of the statement text.
    pub sql: &'static str,
    /// Its recorded parameters.
    pub params: &'r Params,
    /// Rows it changed the first time.
    pub rows: u64,
}

/// Replay-time half of the allowlist: maps every statement of `record` to the program's own
/// copy, or refuses the whole record as damage before any of it runs. The error names the
/// record, never its text: the text came from the file and is not ours to print.
pub(crate) fn resolve(record: &ChangeRecord) -> Result<Vec<KnownStatement<'_>>> {
    record
        .ops
        .iter()
        .map(|op| match known_statement(&op.sql) {
            Some(sql) => Ok(KnownStatement { sql, params: &op.params, rows: op.rows }),
            None => Err(Error::damaged(format!(
                "change-log record {} holds a statement this program does not contain: the change log was altered",
                record.seq
            ))),
        })
        .collect()
}

/// Parses an authenticated record's JSON and checks every statement against the allowlist:
/// everything the change log reader does with bytes after the MAC has verified them. Used by the
/// fuzz harness; the open path runs the same two steps (journal scan, then [`resolve`]).
pub(crate) fn decode_and_resolve(json: &[u8]) -> Result<ChangeRecord> {
    let record: ChangeRecord =
        serde_json::from_slice(json).map_err(|_| Error::damaged("a change-log record is not in the expected form"))?;
    resolve(&record)?;
    Ok(record)
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
    fn the_allowlist_holds_the_programs_write_statements_and_nothing_else() {
        assert!(extracted::EXTRACTED_WRITE_STATEMENTS.len() > 50, "build.rs found the literals in src/");
        // A literal from the domain code, one written with `\` line continuations, and ones
        // the trash macro generates.
        for ours in [
            "DELETE FROM goal_steps WHERE id = ?",
            "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, body) VALUES (?, ?, ?, ?, ?)",
            "UPDATE mood_checkins SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
            crate::trash::SOURCES[0].restore,
            crate::trash::SOURCES[0].purge_before[0],
        ] {
            assert_eq!(known_statement(ours), Some(ours), "{ours}");
        }
        for statement in KNOWN.iter() {
            let verb = statement.split_whitespace().next().unwrap_or_default();
            assert!(["INSERT", "UPDATE", "DELETE", "REPLACE", "WITH"].contains(&verb), "{statement}");
        }
        for foreign in [
            "ATTACH DATABASE '/tmp/x.db' AS x",
            "VACUUM INTO '/tmp/plain.db'",
            "PRAGMA secure_delete = OFF",
            "COMMIT",
            "DELETE FROM goal_steps WHERE id = ? ",
            "delete from goal_steps where id = ?",
            "DELETE FROM goal_steps WHERE id = ?; ATTACH DATABASE '/tmp/x.db' AS x",
            // Unit-test SQL (after `#[cfg(test)]`) is not the program's.
            "INSERT INTO t VALUES (?)",
        ] {
            assert_eq!(known_statement(foreign), None, "{foreign}");
        }
    }

    /// Every statement the program could write on 2026-12-01 (before the record-kind registry
    /// folded the per-kind copies), frozen: existing change logs name them, so each must stay
    /// replayable, from the source or from [`LEGACY_WRITE_STATEMENTS`].
    #[test]
    fn the_allowlist_never_loses_a_statement() {
        let frozen: Vec<String> =
            serde_json::from_str(include_str!("../../tests/fixtures/replay/write-statements-2026-12-01.json"))
                .expect("the frozen list is a JSON array of strings");
        assert!(frozen.len() > 150, "the frozen list holds the program's statements");
        let lost: Vec<&String> = frozen.iter().filter(|s| known_statement(s).is_none()).collect();
        assert!(lost.is_empty(), "add these to LEGACY_WRITE_STATEMENTS: {lost:#?}");
    }

    #[test]
    fn a_statement_continued_over_lines_is_known_by_its_value() {
        // src/journal/mood.rs writes this with a `\` line continuation: rustc drops the newline
        // and the next line's indentation, and so must build.rs.
        let continued = "INSERT INTO mood_checkins(id, created_at, updated_at, checked_at, day, mood, emotions, energy, \
                         sleep_hours, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        assert!(continued.contains("energy, sleep_hours"));
        assert_eq!(known_statement(continued), Some(continued));
    }

    #[test]
    fn the_desktop_shells_statements_are_known_too() {
        // src-tauri/src/purpose.rs writes through the core's Writer; the command-line tool must
        // replay what the app wrote, so build.rs scans the shell's source as well.
        let purpose = "INSERT INTO settings (key, value) VALUES ('purpose', ?1) \
                       ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        assert_eq!(known_statement(purpose), Some(purpose));
    }

    #[test]
    fn zeroizing_a_record_wipes_the_users_text() {
        let mut record = ChangeRecord {
            stamp: None,
            seq: 3,
            device: "d".into(),
            at: "2026-11-23T02:00:00Z".into(),
            ops: vec![Statement {
                sql: crate::trash::SOURCES[0].restore.into(),
                params: crate::params!["I felt low today", vec![1u8, 2], 4i64, 0.5f64],
                rows: 1,
            }],
        };
        zeroize::Zeroize::zeroize(&mut record);
        assert_eq!(record.seq, 0);
        assert!(record.device.is_empty() && record.at.is_empty());
        assert!(record.ops.is_empty(), "the statements, their text and parameters are wiped and dropped");
    }

    #[test]
    fn replay_resolution_refuses_the_whole_record_for_one_foreign_statement() {
        let ours = crate::trash::SOURCES[1].restore;
        let record = ChangeRecord {
            stamp: None,
            seq: 12,
            device: "d".into(),
            at: "2026-11-23T02:00:00Z".into(),
            ops: vec![
                Statement { sql: ours.into(), params: crate::params!["id"], rows: 1 },
                Statement { sql: "PRAGMA user_version = 9".into(), params: Vec::new(), rows: 0 },
            ],
        };
        let error = resolve(&record).expect_err("foreign statement");
        assert_eq!(error.kind(), "damaged");
        assert!(error.to_string().contains("change-log record 12 holds a statement this program does not contain"));
        let only_ours = ChangeRecord { ops: record.ops[..1].to_vec(), ..record };
        let resolved = resolve(&only_ours).expect("known");
        assert_eq!(resolved[0].sql, ours);
        assert!(
            !std::ptr::eq(resolved[0].sql.as_ptr(), only_ours.ops[0].sql.as_ptr()),
            "replay runs the binary's copy, not the record's text"
        );
    }

    #[test]
    fn records_round_trip_through_json() {
        let rec = ChangeRecord {
            stamp: None,
            seq: 7,
            device: "d".into(),
            at: "2026-11-23T02:00:00Z".into(),
            ops: vec![Statement { sql: "INSERT INTO t VALUES (?)".into(), params: crate::params!["x"], rows: 1 }],
        };
        let json = serde_json::to_vec(&rec).expect("serialise");
        assert_eq!(serde_json::from_slice::<ChangeRecord>(&json).expect("parse"), rec);
    }
}
