//! Per-phase timings of durable writes, for `wellkept-bench` (`docs/performance.md`).
//!
//! Off unless [`enable`]d: each probe then costs one relaxed atomic load. When on, every probe
//! pushes `(phase, duration)` to a process-wide list that the benchmark [`take`]s after each
//! save. Always compiled (like [`super::fault`]) so that the release benchmark measures the
//! shipped code, and hidden from the documentation.

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// A step of a save, in the order a save takes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Phase {
    /// Waiting for the vault and settling the connection (normally nothing to settle).
    Acquire,
    /// `PRAGMA query_only = OFF; BEGIN`: one round trip to SQLite's thread.
    Begin,
    /// The write's first statement (a save: the `INSERT`, with its FTS5 trigger).
    FirstStatement,
    /// Every later statement of the write, summed (a save: one `INSERT` per tag).
    LaterStatements,
    /// Reads inside the write (a save from an import: the duplicate check).
    ReadsInWrite,
    /// The change record: JSON, XChaCha20-Poly1305, the chain HMAC.
    Encode,
    /// `write` of the frame to the change log.
    Write,
    /// `fdatasync` of the change log.
    Sync,
    /// From the frame written to both the `fdatasync` (on tokio's blocking pool) and, on SQLite's
    /// thread meanwhile, FTS5's pending terms written out inside the transaction (`SAVEPOINT`):
    /// the overlapped span.
    SyncAndFlush,
    /// Of `SyncAndFlush`: the `SAVEPOINT`, from handing it over to its answer.
    Flush,
    /// Of `SyncAndFlush`: after the `SAVEPOINT` answered, waiting for the `fdatasync`.
    SyncWait,
    /// `COMMIT; PRAGMA query_only = ON`: one round trip.
    Commit,
    /// The high-water mark: HMAC and one positioned write.
    Mark,
    /// Reading the saved row back after the write (what the save returned before 2026-12-02 b).
    ReadBack,
    /// Not part of a save: indexing the entries saved since the last read for full-text
    /// search, before the next read (`OpenState::index_pending`).
    IndexPending,
}

static ENABLED: AtomicBool = AtomicBool::new(false);
static SAMPLES: Mutex<Vec<(Phase, Duration)>> = Mutex::new(Vec::new());

/// Starts (or stops) collecting timings.
pub fn enable(on: bool) {
    ENABLED.store(on, Ordering::SeqCst);
}

/// The timings collected since the last call, in the order they were taken.
pub fn take() -> Vec<(Phase, Duration)> {
    std::mem::take(&mut *SAMPLES.lock().unwrap_or_else(std::sync::PoisonError::into_inner))
}

/// A start time when collecting, else `None` (no clock read).
pub(crate) fn start() -> Option<Instant> {
    ENABLED.load(Ordering::Relaxed).then(Instant::now)
}

/// Records the time since `since` as `phase` (nothing when not collecting).
pub(crate) fn record(phase: Phase, since: Option<Instant>) {
    if let Some(t) = since {
        let elapsed = t.elapsed();
        SAMPLES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((phase, elapsed));
    }
}
