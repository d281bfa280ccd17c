//! Replay runs only the program's own statements (issue 9, "Trust", deliverable 5).
//!
//! Each test forges a record the way someone holding the vault key could: the change log's own
//! encoder, the real key, the next sequence number, so it authenticates exactly like a real
//! write. Its statements escape the replay transaction (`COMMIT` … `BEGIN`), which is what makes
//! `ATTACH` and `VACUUM INTO` runnable at all, and each carries the row counts the code before
//! the allowlist saw for it (`sqlite3_changes()` carries over from the last write), so without
//! the allowlist these records replay, the files appear and the vault opens. Opening must
//! refuse them as damage, run none of them (no file appears), and leave every vault file
//! byte-identical.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::*;
use crate::journal::NewJournalEntry;

async fn add_entry(vault: &Vault, body: &str) {
    let entry = NewJournalEntry {
        entry_date: chrono::NaiveDate::from_ymd_opt(2026, 11, 30),
        body: body.to_owned(),
        ..NewJournalEntry::default()
    };
    crate::journal::entries::add_entry(vault, entry).await.expect("a real write succeeds");
}

/// A vault whose journal holds a real write, then a forged record running `ops`, then another
/// real write (so the forged record is in the middle, not a possibly-torn tail). `ops` are
/// statements with the row counts replay will see.
async fn vault_with_forged_record(dir: &Path, ops: &[(&str, u64)]) -> RecoveryKey {
    let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
    let created = Vault::create(dir, options).await.expect("create");
    add_entry(&created.vault, "before the forged record").await;
    {
        let vault = &created.vault;
        let mut state = vault.state.lock().await;
        let open = state.as_mut().expect("a created vault is unlocked");
        let record = ChangeRecord {
            stamp: None,
            seq: open.seq + 1,
            device: vault.device.clone(),
            at: format_time(now()),
            ops: ops
                .iter()
                .map(|(sql, rows)| Statement { sql: (*sql).to_owned(), params: Vec::new(), rows: *rows })
                .collect(),
        };
        // The change log's own encoder: authenticated and chained exactly like a real record.
        let journal = open.journal.as_mut().expect("a created vault has a change log to append to");
        journal.append(&record, &open.key).expect("append");
        open.seq = record.seq;
    }
    add_entry(&created.vault, "after the forged record").await;
    created.recovery_key
}

fn files_under(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            let bytes = std::fs::read(&path).expect("read");
            files.insert(path, bytes);
        }
    }
    files
}

/// Opens the vault and checks: refused as damage naming record 2, nothing in `leaks` exists, and
/// the vault folder is byte-identical.
async fn assert_refused_and_untouched(vault_dir: &Path, recovery: RecoveryKey, leaks: &[&Path]) {
    let before = files_under(vault_dir);
    let error = Vault::open(vault_dir, Unlock::RecoveryKey(recovery)).await.expect_err("a forged record must not open");
    assert_eq!(error.kind(), "damaged", "{error}");
    assert!(
        error.to_string().contains("change-log record 2 holds a statement this program does not contain"),
        "{error}"
    );
    for leak in leaks {
        assert!(!leak.exists(), "{} was written", leak.display());
    }
    assert_eq!(files_under(vault_dir), before, "the vault folder changed");
}

#[tokio::test]
async fn forged_vacuum_into_a_plaintext_file_is_damage_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let leak = dir.path().join("plain.db");
    let vacuum = format!("VACUUM INTO '{}'", leak.display());
    let recovery = vault_with_forged_record(&vault_dir, &[("COMMIT", 1), (&vacuum, 1), ("BEGIN", 1)]).await;
    assert_refused_and_untouched(&vault_dir, recovery, &[&leak]).await;
}

#[tokio::test]
async fn forged_attach_copying_the_journal_out_is_damage_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let leak = dir.path().join("attached.db");
    let attach = format!("ATTACH DATABASE '{}' AS leak", leak.display());
    let ops = [
        ("COMMIT", 1),
        (attach.as_str(), 1),
        ("CREATE TABLE leak.copy AS SELECT * FROM journal_entries", 1),
        ("BEGIN", 1),
    ];
    let recovery = vault_with_forged_record(&vault_dir, &ops).await;
    assert_refused_and_untouched(&vault_dir, recovery, &[&leak]).await;
}

#[tokio::test]
async fn forged_pragma_write_is_damage_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    // Turning secure_delete off would let deleted text linger in every later snapshot.
    let recovery = vault_with_forged_record(&vault_dir, &[("PRAGMA secure_delete = OFF", 1)]).await;
    assert_refused_and_untouched(&vault_dir, recovery, &[]).await;
}

#[tokio::test]
async fn a_forged_record_cannot_smuggle_a_foreign_statement_between_known_ones() {
    // One of ours first: the whole record is refused before any of it runs.
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let ours = crate::trash::SOURCES[0].restore;
    assert!(record::known_statement(ours).is_some(), "the test needs one of the program's statements");
    let recovery = vault_with_forged_record(&vault_dir, &[(ours, 0), ("PRAGMA user_version = 99", 0)]).await;
    assert_refused_and_untouched(&vault_dir, recovery, &[]).await;
}

#[tokio::test]
async fn a_write_through_a_statement_outside_the_allowlist_is_refused_before_it_runs() {
    let dir = tempfile::tempdir().expect("tempdir");
    let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
    let created = Vault::create(&dir.path().join("vault"), options).await.expect("create");
    let before = created.vault.status().await.seq;
    let error = created
        .vault
        .write(|w| Box::pin(async move { w.exec("PRAGMA user_version = 99", Vec::new()).await }))
        .await
        .expect_err("an unknown statement is a programming error");
    assert_eq!(error.kind(), "internal");
    assert_eq!(created.vault.status().await.seq, before, "nothing was logged");
    let version: i64 = created
        .vault
        .read(|c| Box::pin(async move { Ok(sqlx::query_scalar::<_, i64>("PRAGMA user_version").fetch_one(c).await?) }))
        .await
        .expect("read");
    assert_eq!(version, 0, "the statement did not run");
}

#[tokio::test]
async fn a_soft_delete_written_before_the_registry_still_replays() {
    // Before the record-kind registry, deleting a referral wrote this statement. Change logs
    // written then still hold its text; opening them must replay it (LEGACY_WRITE_STATEMENTS).
    let legacy = "UPDATE referrals SET deleted_at = ?, updated_at = ? WHERE id = ?";
    assert!(record::LEGACY_WRITE_STATEMENTS.contains(&legacy));
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
    let created = Vault::create(&vault_dir, options).await.expect("create");
    let input = crate::clinical::ReferralInput {
        client_id: None,
        referred_to: "Citizens Advice".into(),
        reason: "Debt".into(),
        referred_on: chrono::NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid date"),
        status: crate::clinical::ReferralStatus::Draft,
        follow_up_on: None,
        notes: String::new(),
    };
    let referral = crate::clinical::add_referral(&created.vault, input).await.expect("referral");
    {
        let vault = &created.vault;
        let mut state = vault.state.lock().await;
        let open = state.as_mut().expect("a created vault is unlocked");
        let at = format_time(now());
        let record = ChangeRecord {
            stamp: None,
            seq: open.seq + 1,
            device: vault.device.clone(),
            at: at.clone(),
            ops: vec![Statement {
                sql: legacy.to_owned(),
                params: crate::params![at, now(), referral.id.as_str()],
                rows: 1,
            }],
        };
        let journal = open.journal.as_mut().expect("a created vault has a change log to append to");
        journal.append(&record, &open.key).expect("append");
        open.seq = record.seq;
    }
    add_entry(&created.vault, "after the old-style delete").await;
    let recovery = created.recovery_key;
    drop(created.vault);

    let vault = Vault::open(&vault_dir, Unlock::RecoveryKey(recovery)).await.expect("an old change log opens");
    let trash = crate::trash::list_trash(&vault).await.expect("list");
    assert_eq!(
        trash.iter().map(|i| (i.kind.as_str(), i.id.as_str())).collect::<Vec<_>>(),
        [("referral", referral.id.as_str())]
    );
}
