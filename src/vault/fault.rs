//! Fault injection for tests: make one chosen step of a durable write fail, once.
//!
//! Always compiled (a cargo feature would change the workspace's feature set and rebuild half
//! the dependency tree) and hidden from the documentation. Costs one atomic load per step when
//! nothing is armed. The state is process-wide, so tests that arm faults must not run beside
//! other vault tests in the same process that could hit the same step (`tests/faults.rs`
//! serialises its tests and holds only vaults of its own).

use std::sync::atomic::{AtomicU32, Ordering};

/// A step that can be made to fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u32)]
pub enum Point {
    /// Writing an atomic file's temp copy (compaction: the snapshot, then the new change log).
    Write = 1,
    /// fsync of that temp copy.
    Fsync = 2,
    /// Renaming it over the final name.
    Rename = 3,
    /// fsync of the folder after the rename.
    FolderFsync = 4,
    /// Opening the new change log for appending, after compaction wrote it.
    ReopenLog = 5,
    /// The in-memory commit, after the change record was appended and fsynced.
    CommitAfterAppend = 6,
    /// `fdatasync` of a change record appended to the change log (a save's durability), while
    /// SQLite's thread writes out the full-text index's pending terms.
    SyncAppend = 7,
    /// Writing out the full-text index's pending terms inside a save's transaction (the
    /// `SAVEPOINT` run beside the change log's `fdatasync`).
    FlushIndex = 8,
    /// Indexing the journal entries saved since the last read for full-text search, before a
    /// read (after the save was acknowledged); the rows are in, the terms not yet committed.
    IndexPending = 9,
}

static ARMED: AtomicU32 = AtomicU32::new(0);
static SKIP: AtomicU32 = AtomicU32::new(0);

/// Makes `point` fail the next time it is reached after `skip` passes (0: the very next one).
pub fn arm(point: Point, skip: u32) {
    SKIP.store(skip, Ordering::SeqCst);
    ARMED.store(point as u32, Ordering::SeqCst);
}

/// Disarms any pending fault; returns whether one was still pending (it never fired).
pub fn disarm() -> bool {
    ARMED.swap(0, Ordering::SeqCst) != 0
}

/// Called at each step: fails if this step is armed and its turn has come.
pub(crate) fn check(point: Point) -> std::io::Result<()> {
    if ARMED.load(Ordering::Relaxed) != point as u32 {
        return Ok(());
    }
    if SKIP.load(Ordering::SeqCst) > 0 {
        SKIP.fetch_sub(1, Ordering::SeqCst);
        return Ok(());
    }
    ARMED.store(0, Ordering::SeqCst);
    Err(std::io::Error::other(format!("injected fault at {point:?}")))
}
