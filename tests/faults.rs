//! Faults lose nothing: each step of a compaction (write, fsync, rename, folder fsync of the
//! new snapshot and of the new change log, reopening the new log) and the in-memory commit
//! after a durable append are made to fail once, through the hidden hook in
//! `wellkept::vault::fault`. After each: more writes, a reopen, and then every acknowledged
//! write is present, nothing unacknowledged is, and `verify` finds every generation intact.
//!
//! The hook is process-wide, so these tests take turns (`TURN`) and this binary holds no
//! other tests.

mod common;

use std::path::PathBuf;

use wellkept::keys::RecoveryKey;
use wellkept::vault::fault::{self, Point};
use wellkept::vault::{Unlock, Vault};

static TURN: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

async fn bodies(vault: &Vault) -> Vec<String> {
    vault
        .fetch_all::<(String,)>("SELECT body FROM journal_entries ORDER BY body", wellkept::params![])
        .await
        .expect("bodies")
        .into_iter()
        .map(|(b,)| b)
        .collect()
}

/// Writes, compacts with `point` failing after `skip` passes, writes more, reopens, checks.
async fn compaction_fault_loses_nothing(point: Point, skip: u32) {
    let _turn = TURN.lock().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir: PathBuf = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    let vault = created.vault;
    let mut acknowledged = Vec::new();
    for i in 0..3 {
        let body = format!("before {i}");
        common::add_entry(&vault, &body).await;
        acknowledged.push(body);
    }
    fault::arm(point, skip);
    let err = vault.compact().await.expect_err("the injected fault is reported");
    assert!(!fault::disarm(), "the fault fired");
    assert_eq!(err.kind(), "storage", "{err}");
    for i in 0..3 {
        let body = format!("after {i}");
        common::add_entry(&vault, &body).await;
        acknowledged.push(body);
    }
    assert_eq!(bodies(&vault).await, sorted(&acknowledged));
    drop(vault);

    let unlock = || Unlock::RecoveryKey(RecoveryKey::parse(&recovery).expect("key"));
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopens");
    assert_eq!(bodies(&vault).await, sorted(&acknowledged), "every acknowledged write, nothing else");
    let report = vault.verify(unlock()).await.expect("verify");
    assert!(report.generations.iter().all(|g| g.problem.is_none()), "{report:?}");
    // And the vault goes on: a compaction that succeeds, more writes, another reopen.
    vault.compact().await.expect("compacts now");
    common::add_entry(&vault, "the end").await;
    acknowledged.push("the end".into());
    drop(vault);
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopens again");
    assert_eq!(bodies(&vault).await, sorted(&acknowledged));
}

fn sorted(v: &[String]) -> Vec<String> {
    let mut v = v.to_vec();
    v.sort();
    v
}

// Compaction writes the snapshot first (the first pass of each step), then the new change log's
// header (the second pass).

#[tokio::test]
async fn a_failed_snapshot_write_during_compaction_loses_nothing() {
    compaction_fault_loses_nothing(Point::Write, 0).await;
}

#[tokio::test]
async fn a_failed_snapshot_fsync_during_compaction_loses_nothing() {
    compaction_fault_loses_nothing(Point::Fsync, 0).await;
}

#[tokio::test]
async fn a_failed_snapshot_rename_during_compaction_loses_nothing() {
    compaction_fault_loses_nothing(Point::Rename, 0).await;
}

#[tokio::test]
async fn a_failed_folder_fsync_after_the_snapshot_rename_loses_nothing() {
    compaction_fault_loses_nothing(Point::FolderFsync, 0).await;
}

#[tokio::test]
async fn a_failed_new_log_write_during_compaction_loses_nothing() {
    compaction_fault_loses_nothing(Point::Write, 1).await;
}

#[tokio::test]
async fn a_failed_new_log_fsync_during_compaction_loses_nothing() {
    compaction_fault_loses_nothing(Point::Fsync, 1).await;
}

#[tokio::test]
async fn a_failed_new_log_rename_during_compaction_loses_nothing() {
    compaction_fault_loses_nothing(Point::Rename, 1).await;
}

/// Regression: the new log was in place but the folder fsync failed; later writes went to the
/// old log while the next open chose the new generation, and lost them.
#[tokio::test]
async fn a_failed_folder_fsync_after_the_new_log_rename_loses_nothing() {
    compaction_fault_loses_nothing(Point::FolderFsync, 1).await;
}

/// Regression: as above, when reopening the new log for appending failed.
#[tokio::test]
async fn a_failed_reopen_of_the_new_log_loses_nothing() {
    compaction_fault_loses_nothing(Point::ReopenLog, 0).await;
}

/// Regression: the record was appended and fsynced, the in-memory commit failed, and the next
/// write reused the sequence number, which made the vault unopenable.
#[tokio::test]
async fn a_failed_commit_after_a_durable_append_loses_nothing_and_reuses_no_sequence_number() {
    let _turn = TURN.lock().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    let vault = created.vault;
    common::add_entry(&vault, "one").await;
    let journal_len = vault.status().await.changelog_bytes;
    fault::arm(Point::CommitAfterAppend, 0);
    let body = "never acknowledged".to_owned();
    let err = vault
        .write(move |w| {
            Box::pin(async move {
                w.exec(
                    "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, body) VALUES (?, ?, ?, ?, ?)",
                    wellkept::params![
                        wellkept::vault::new_id(),
                        "2026-12-01T00:00:00.000Z",
                        "2026-12-01T00:00:00.000Z",
                        "2026-12-01",
                        body
                    ],
                )
                .await?;
                Ok(())
            })
        })
        .await
        .expect_err("the injected commit failure is reported");
    assert!(!fault::disarm(), "the fault fired");
    assert_eq!(err.kind(), "storage");
    assert_eq!(vault.status().await.changelog_bytes, journal_len, "the record was taken off the disk again");
    assert_eq!(vault.status().await.seq, 1);
    common::add_entry(&vault, "two").await;
    assert_eq!(vault.status().await.seq, 2);
    drop(vault);
    let unlock = || Unlock::RecoveryKey(RecoveryKey::parse(&recovery).expect("key"));
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopens");
    assert_eq!(bodies(&vault).await, vec!["one".to_owned(), "two".to_owned()]);
    assert!(vault.verify(unlock()).await.expect("verify").current_ok());
}

/// The bodies of the entries a full-text search for `word` finds.
async fn found(vault: &Vault, word: &str) -> Vec<String> {
    vault
        .fetch_all::<(String,)>(
            "SELECT e.body FROM journal_entries_fts JOIN journal_entries e ON e.rowid = journal_entries_fts.rowid \
             WHERE journal_entries_fts MATCH ? ORDER BY e.body",
            wellkept::params![word],
        )
        .await
        .expect("search")
        .into_iter()
        .map(|(b,)| b)
        .collect()
}

/// A save (`journal::entries::add_entry`, as the window saves) with `point` failing once: the
/// save is refused, the vault folder is byte-identical to before it, nothing of it is in memory
/// or in the search index, the next save takes its sequence number, and after a reopen exactly
/// the acknowledged entries are there and found.
async fn a_save_fault_loses_nothing(point: Point) {
    use wellkept::journal::{NewJournalEntry, entries};
    let _turn = TURN.lock().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    let vault = created.vault;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let save = |body: &str| NewJournalEntry { entry_date: day, body: body.to_owned(), ..NewJournalEntry::default() };
    entries::add_entry(&vault, save("one walk")).await.expect("first save");
    let files_before = common::snapshot_dir(&vault_dir);
    fault::arm(point, 0);
    let err = entries::add_entry(&vault, save("never acknowledged zebra")).await.expect_err("the fault is reported");
    assert!(!fault::disarm(), "the fault fired");
    assert_eq!(err.kind(), "storage");
    assert!(
        common::snapshot_dir(&vault_dir) == files_before,
        "the vault's files are byte-identical to before the save"
    );
    assert_eq!(vault.status().await.seq, 1, "no sequence number was taken");
    assert_eq!(bodies(&vault).await, vec!["one walk".to_owned()], "nothing of the save is in memory");
    assert!(found(&vault, "zebra").await.is_empty(), "nothing of the save is in the search index");
    entries::add_entry(&vault, save("two zebra")).await.expect("the vault keeps working");
    assert_eq!(vault.status().await.seq, 2);
    assert_eq!(found(&vault, "zebra").await, vec!["two zebra".to_owned()]);
    drop(vault);
    let unlock = || Unlock::RecoveryKey(RecoveryKey::parse(&recovery).expect("key"));
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopens");
    assert_eq!(bodies(&vault).await, vec!["one walk".to_owned(), "two zebra".to_owned()]);
    assert_eq!(found(&vault, "zebra").await, vec!["two zebra".to_owned()]);
    assert_eq!(found(&vault, "walk").await, vec!["one walk".to_owned()]);
    assert!(vault.verify(unlock()).await.expect("verify").current_ok());
}

/// The change log's `fdatasync` fails while SQLite's thread is writing out the search index for
/// the same save (the two run side by side since 2026-12-02 b): nothing is acknowledged, nothing
/// stays in memory or on disk.
#[tokio::test]
async fn a_failed_fsync_of_a_save_while_the_index_was_written_leaves_nothing_and_the_vault_carries_on() {
    a_save_fault_loses_nothing(Point::SyncAppend).await;
}

/// The record was appended and fsynced but writing out the search index inside the transaction
/// failed: the save is refused and its record taken off the disk again, so the next save does
/// not reuse its sequence number.
#[tokio::test]
async fn a_failed_index_write_after_a_durable_append_takes_the_record_off_the_disk() {
    a_save_fault_loses_nothing(Point::FlushIndex).await;
}

/// Indexing saved entries for search happens after the saves were acknowledged, before the next
/// read (docs/decisions.md 61). Made to fail there: that read reports the failure instead of
/// answering from an incomplete index; nothing saved is lost; the next read indexes and finds
/// every entry. Then saves whose indexing never ran (the vault dropped first, as a process that
/// dies) and one more failure: after a reopen every entry is found, the vault verifies.
#[tokio::test]
async fn indexing_that_fails_after_the_save_loses_nothing_and_search_stays_exact() {
    use wellkept::journal::{NewJournalEntry, entries};
    let _turn = TURN.lock().await;
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    let vault = created.vault;
    let day = chrono::NaiveDate::from_ymd_opt(2026, 12, 1);
    let save = |body: &str| NewJournalEntry { entry_date: day, body: body.to_owned(), ..NewJournalEntry::default() };
    for body in ["one otter", "two otter", "three otter"] {
        entries::add_entry(&vault, save(body)).await.expect("save");
    }
    fault::arm(Point::IndexPending, 0);
    let err = vault
        .fetch_all::<(String,)>("SELECT body FROM journal_entries", wellkept::params![])
        .await
        .expect_err("the read reports that indexing failed");
    assert!(!fault::disarm(), "the fault fired");
    assert_eq!(err.kind(), "storage", "{err}");
    assert_eq!(vault.status().await.seq, 3, "every save stands");
    let all = vec!["one otter".to_owned(), "three otter".to_owned(), "two otter".to_owned()];
    assert_eq!(found(&vault, "otter").await, all, "the next read indexed every entry");
    assert_eq!(bodies(&vault).await, all);

    entries::add_entry(&vault, save("four otter")).await.expect("save");
    entries::add_entry(&vault, save("five heron")).await.expect("save");
    fault::arm(Point::IndexPending, 0);
    assert!(found_result(&vault, "heron").await.is_err(), "refused, not answered from a stale index");
    assert!(!fault::disarm(), "the fault fired");
    entries::add_entry(&vault, save("six heron")).await.expect("save");
    // Dropped with three entries saved and never indexed.
    drop(vault);

    let unlock = || Unlock::RecoveryKey(RecoveryKey::parse(&recovery).expect("key"));
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopens");
    assert_eq!(found(&vault, "heron").await, vec!["five heron".to_owned(), "six heron".to_owned()]);
    assert_eq!(
        found(&vault, "otter").await,
        vec!["four otter".to_owned(), "one otter".to_owned(), "three otter".to_owned(), "two otter".to_owned()]
    );
    assert!(vault.verify(unlock()).await.expect("verify").current_ok());
    vault.compact().await.expect("compact");
    drop(vault);
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopens from the new snapshot");
    assert_eq!(found(&vault, "heron").await, vec!["five heron".to_owned(), "six heron".to_owned()]);
    assert_eq!(bodies(&vault).await.len(), 6);
}

async fn found_result(vault: &Vault, word: &str) -> wellkept::Result<Vec<(String,)>> {
    vault
        .fetch_all::<(String,)>(
            "SELECT e.body FROM journal_entries_fts JOIN journal_entries e ON e.rowid = journal_entries_fts.rowid \
             WHERE journal_entries_fts MATCH ?",
            wellkept::params![word],
        )
        .await
}
