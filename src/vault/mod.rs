//! The encrypted vault: an in-memory SQLite database whose durable form is an age-encrypted
//! snapshot plus an append-only journal of authenticated, age-encrypted change records.
//!
//! - **Writes** go through [`Vault::write`]. Each statement is recorded ([`Writer::exec`]);
//!   when the closure returns, the record is encrypted, appended to the change log and fsynced,
//!   and only then is the in-memory transaction committed. If the append fails, the transaction
//!   rolls back: memory never runs ahead of disk. Cost: one small append, whatever the size of
//!   the vault.
//! - **Reads** run on the same single connection with `PRAGMA query_only=ON`, so nothing can
//!   change the database without being logged.
//! - **Opening** decrypts the snapshot in full, loads it with `sqlite3_deserialize`, replays the
//!   journal, and runs pending migrations. No SQLite file, journal or temp file ever touches disk.
//! - **Compaction** writes a new generation (see [`snapshot`]) when the change log grows large,
//!   on [`Vault::lock`] and on demand.
//! - **Rollback**: records are chained ([`journal`]) and this computer remembers how far the
//!   history went ([`mark`], outside the vault folder); opening a history that ends before
//!   that is refused with [`Error::RolledBack`] unless the person chooses read-only or accepts
//!   the loss ([`UnlockOptions`]).
//!
//! File formats and the reasoning behind them: `docs/vault-format.md`.

mod changelog;
#[doc(hidden)]
pub mod fault;
#[doc(hidden)]
pub mod fuzzing;
mod kept_here;
pub mod layout;
mod maintenance;
mod mark;
mod methods;
mod peer_marks;
mod peers;
pub(crate) mod plaintext;
#[doc(hidden)]
pub mod profile;
mod record;
mod rekey;
#[cfg(test)]
mod replay_tests;
mod snapshot;
mod value;

use std::collections::BTreeMap;
use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteRow};
use sqlx::{Connection, FromRow, SqliteConnection};

use crate::keys::{self, RecoveryKey, VaultKey, keychain};
use crate::sync::hlc::Clock;
use crate::{Error, Result};
use changelog::{Chain, ChangeLogFile};
pub use kept_here::KeptEntry;
pub use layout::{UnlockMethods, VaultConfig, VaultPaths};
pub use maintenance::{GenerationReport, MAX_BACKUP_BYTES, VerifyReport, backup_destination, restore_backup};
use mark::{Mark, MarkFile};
pub use mark::{mark_path, state_dir};
use record::{ChangeRecord, Statement};
pub use rekey::Rekeyed;
pub use value::{Params, Value};

/// The migrations embedded in the binary, run at every open.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A boxed future, as taken by [`Vault::read`] and [`Vault::write`] closures.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// During writes, compact when the change log passes this size or the snapshot's size, whichever
/// is larger: the amortised cost of a write stays O(change) (a compaction rewrites the vault
/// once per vault-sized amount of journal) and replay time stays bounded.
const COMPACT_MIN_JOURNAL_BYTES: u64 = 8 << 20;

/// On lock, compact when replay has become a noticeable part of unlocking: this many records,
/// or a change log an eighth the size of the snapshot (and at least 256 KiB). Below that, the
/// next unlock replays the records in a few milliseconds and the snapshot is not rewritten —
/// which keeps a one-off `wellkept journal add` O(change) too.
const COMPACT_ON_LOCK_RECORDS: u64 = 1000;
const COMPACT_ON_LOCK_MIN_BYTES: u64 = 256 << 10;

/// Lets an integration test write — and replay — statements the program does not contain, to set
/// up states the app's own API cannot reach (rows backdated past the trash's 30 days). Replay
/// otherwise runs only the program's own statements (see `record.rs`); the app and the
/// command-line tool never call this.
#[doc(hidden)]
pub fn allow_statements_for_tests(statements: &[&'static str]) {
    record::allow_for_tests(statements);
}

/// A new random id for a row: UUID v7 (time-ordered, so indexes stay compact).
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

/// The current time, to be passed into write statements as a parameter ([`crate::clock::now`]:
/// the system clock, or the pinned test clock).
pub fn now() -> DateTime<Utc> {
    crate::clock::now()
}

/// How timestamps are stored: RFC 3339, UTC, milliseconds (sorts as text).
pub fn format_time(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// `t` as it reads back once stored ([`format_time`] keeps milliseconds, cut, not rounded):
/// for returning what a write stored without reading it back.
pub fn stored_time(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::SubsecRound;
    t.trunc_subsecs(3)
}

/// How to unlock a vault.
pub enum Unlock {
    /// The key stored in this computer's keychain: no typing.
    Keychain,
    /// The passphrase.
    Passphrase(secrecy::SecretString),
    /// The recovery key shown at creation.
    RecoveryKey(RecoveryKey),
}

impl Unlock {
    fn describe(&self) -> &'static str {
        match self {
            Unlock::Keychain => "keychain key",
            Unlock::Passphrase(_) => "passphrase",
            Unlock::RecoveryKey(_) => "recovery key",
        }
    }
}

/// Choices for opening a vault whose history ends before what this computer saw
/// ([`Error::RolledBack`]).
#[derive(Debug, Clone, Default)]
pub struct UnlockOptions {
    /// Open for reading only: nothing on disk changes (no torn tail is cut, no compaction, no
    /// upgrade, the high-water mark stays) and every write is refused. Lets a person look at a
    /// rolled-back vault before deciding.
    pub read_only: bool,
    /// The confirmation phrase of a [`Error::RolledBack`], as the person typed it: accept that
    /// the missing changes are gone and continue from the history that is there.
    pub accept_rollback: Option<String>,
}

/// Choices made when a vault is created.
pub struct CreateOptions {
    /// The passphrase (required by the app; optional for scripted vaults).
    pub passphrase: Option<secrecy::SecretString>,
    /// Store the key in the OS keychain for unlocking without typing.
    pub use_keychain: bool,
    /// scrypt work factor for the passphrase; leave at [`keys::PASSPHRASE_WORK_FACTOR`] outside tests.
    pub passphrase_work_factor: u8,
}

impl Default for CreateOptions {
    fn default() -> Self {
        Self { passphrase: None, use_keychain: true, passphrase_work_factor: keys::PASSPHRASE_WORK_FACTOR }
    }
}

/// What creating a vault produced.
pub struct Created {
    /// The vault, unlocked.
    pub vault: Vault,
    /// Shown once to the user; not stored anywhere in plaintext.
    pub recovery_key: RecoveryKey,
    /// Set when the keychain could not store the key; the vault works, unlock with the passphrase.
    pub keychain_error: Option<Error>,
}

/// Which computer writes a vault's snapshots ([`Vault::sync_role`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Home {
    /// This computer: it writes `data/` and folds the others' changes in.
    ThisComputer,
    /// Another computer (its id, 32 hex digits): this one writes only its own change log.
    Elsewhere(String),
    /// None yet: the first computer to save a change becomes it (this one, if it does).
    NotYet,
}

/// A vault's computers as the merge sees them ([`Vault::sync_role`]).
#[derive(Debug, Clone)]
pub struct SyncRole {
    /// Which computer writes the snapshots.
    pub home: Home,
    /// What the last open found worth telling: changes that did not apply in full, computers
    /// whose files are still arriving.
    pub notes: Vec<String>,
}

/// What [`Vault::compact`] did besides writing a generation (decision 77).
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Compaction {
    /// Each stray snapshot removed from `data/` since the vault was opened (by the open itself,
    /// or a compaction): a file named like a snapshot of this vault that no change log
    /// continued, which `verify` names. One sentence each ("Removed data/snapshot-….age: …").
    pub removed: Vec<String>,
}

/// Figures about an open vault.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VaultStatus {
    /// Whether the database is loaded.
    pub unlocked: bool,
    /// The last committed sequence number.
    pub seq: u64,
    /// Sequence number held by the current snapshot.
    pub snapshot_seq: u64,
    /// Size of the current journal, bytes.
    pub changelog_bytes: u64,
    /// Size of the current snapshot, bytes.
    pub snapshot_bytes: u64,
    /// The unlock methods set up.
    pub methods: UnlockMethods,
}

impl OpenState {
    fn compaction_due_on_lock(&self) -> bool {
        if self.read_only || self.home_elsewhere.is_some() {
            return false;
        }
        // The home folds other computers' records as soon as it has merged any, so that their
        // logs stay short (each computer replays them all at every open until then).
        if self.applied != self.folded {
            return true;
        }
        let records = self.seq - self.base_seq;
        let bytes = self.changelog_bytes();
        records >= COMPACT_ON_LOCK_RECORDS
            || (records > 0 && bytes >= COMPACT_ON_LOCK_MIN_BYTES.max(self.snapshot_bytes / 8))
    }
}

pub(crate) struct OpenState {
    conn: SqliteConnection,
    key: VaultKey,
    /// The journal new records go to. `None` when opened read-only, or for a format 1
    /// generation until it is upgraded (which happens on open).
    journal: Option<ChangeLogFile>,
    base_seq: u64,
    seq: u64,
    snapshot_bytes: u64,
    /// Opened with [`UnlockOptions::read_only`].
    read_only: bool,
    /// This computer's id for this vault, read (or, in a writable open, made) once when the vault
    /// opened. A read-only open that finds none uses a random id it never saves: this computer
    /// has then never written a device file, so no entry in the list is its own. A vault just
    /// created reads or makes it the first time it is needed (so a vault made and dropped, as
    /// tests and the e2e seed do, leaves no id behind).
    device: std::sync::OnceLock<crate::sync::DeviceId>,
    /// This computer's high-water mark for the vault, advanced after every commit.
    mark: Option<MarkFile>,
    /// The connection is known to be outside any transaction with `PRAGMA query_only = ON`.
    /// Cleared before a write starts changing either, set again only once both are restored:
    /// a write whose future was dropped half way leaves it cleared, and the next read or write
    /// restores the connection first ([`OpenState::settle`]). Saves a round trip to SQLite's
    /// thread per read (each read re-issued the pragma before).
    settled: bool,
    /// Journal entries may have been saved (or replayed) since the full-text index was last
    /// brought up to date: the next read indexes them first ([`OpenState::index_pending`]).
    /// Set after every committed write and at every open; cleared once indexing committed.
    index_due: bool,
    /// What this computer last saw of the vault's data folder (see [`FolderStamp`]); `None`
    /// when opened read-only.
    folder: Option<FolderStamp>,
    /// This computer's hybrid clock: stamps every change it records, later than every change
    /// it has applied from any computer (`crate::sync::hlc`, `peers.rs`).
    clock: Clock,
    /// Another computer is the vault's home (its id): this computer's changes go to its own
    /// log in `devices/<id>/` and it never writes `data/` (see `peers.rs`).
    home_elsewhere: Option<String>,
    /// No computer has claimed the home yet: this one does, in its first saved change.
    claim_home: bool,
    /// How far the snapshot folded each other computer's records (`sync_folded`).
    folded: BTreeMap<String, u64>,
    /// How far this open has applied each other computer's records (folded ones included).
    applied: BTreeMap<String, u64>,
    /// What the last open had to say about merging: changes that did not apply in full,
    /// computers whose files are still arriving. Shown by `wellkept sync status`.
    merge_notes: Vec<String>,
    /// Where each computer's own change logs ended when the vault was read: the home removes
    /// the logs no one else will once it has folded them ([`peers::remove_folded_logs`]).
    log_ends: BTreeMap<String, u64>,
    /// The stray snapshots removed from `data/` since the vault was opened (by the open itself
    /// or a compaction), each as a sentence, until [`Vault::compact`] hands them on (decision 77).
    removed_strays: Vec<String>,
}

/// What changed in the vault folder since this computer last looked ([`OpenState::check_folder`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Arrival {
    /// Nothing but this computer's own appends.
    Nothing,
    /// Another computer's files arrived (the home's generation, or another computer's own
    /// log): they are merged by loading the vault again before the next write.
    Delivered,
}

/// What a computer last saw of the vault's `data/` folder: the folder's modification time
/// (a file made, renamed or removed in it changes it; appending to the change log does not)
/// and which file the change log's path names. A sync engine delivering another computer's
/// changes replaces the change log by renaming a new file over it, or adds a newer generation;
/// either changes one of the two. Checked before every write and compaction, two `stat`s: a
/// write appended to a change log that is no longer the vault's newest history, or a
/// compaction that pruned the other computer's files, would lose one side's changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FolderStamp {
    data_modified: Option<std::time::SystemTime>,
    log: Option<FileIdentity>,
    /// Every other computer's own change logs (`devices/<id>/journal-*.wkj`): a sync engine
    /// delivers a grown log by renaming a new file over it, which changes its identity.
    peers: Vec<(std::path::PathBuf, FileIdentity)>,
}

/// A file's identity and length: (device, inode, length) on Unix; the length elsewhere.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileIdentity(u64, u64, u64);

fn file_identity(meta: &std::fs::Metadata) -> FileIdentity {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        FileIdentity(meta.dev(), meta.ino(), meta.len())
    }
    #[cfg(not(unix))]
    {
        FileIdentity(0, 0, meta.len())
    }
}

impl FolderStamp {
    /// The data folder, this computer's change log `own_log` and the other computers' logs
    /// (all but `me`'s) as they are now.
    fn now(paths: &VaultPaths, own_log: &Path, me: Option<&str>) -> Self {
        let identity = |path: &Path| std::fs::metadata(path).ok().map(|m| file_identity(&m));
        let peers = paths
            .side_logs()
            .into_iter()
            .filter(|(device, _)| Some(device.as_str()) != me)
            .flat_map(|(device, bases)| bases.into_iter().map(move |base| (device.clone(), base)))
            .filter_map(|(device, base)| {
                let path = paths.side_log(&device, base);
                identity(&path).map(|id| (path, id))
            })
            .collect();
        Self {
            data_modified: std::fs::metadata(paths.data()).and_then(|m| m.modified()).ok(),
            log: identity(own_log),
            peers,
        }
    }
}

impl OpenState {
    /// Remembers the data folder as it is now: after this computer's own changes to it
    /// (opening, compaction, re-key), never after a write from outside.
    fn restamp(&mut self, paths: &VaultPaths) {
        if !self.read_only {
            let me = self.device.get().map(|d| d.hex());
            self.folder = Some(FolderStamp::now(paths, &self.own_log_path(paths), me.as_deref()));
        }
    }

    /// The change log this computer appends to: the home's in `data/`, any other computer's
    /// own in `devices/<id>/`.
    fn own_log_path(&self, paths: &VaultPaths) -> std::path::PathBuf {
        match (&self.home_elsewhere, self.device.get()) {
            (Some(_), Some(me)) => paths.side_log(&me.hex(), self.base_seq),
            _ => paths.changelog(self.base_seq),
        }
    }

    /// What changed in the vault folder since this computer last saw it. Another computer's
    /// files arriving is [`Arrival::Delivered`]. Refused ([`Error::ChangedElsewhere`]) when
    /// a file only this computer writes changed under it: its own change log (expected to
    /// have grown by exactly its own appends) or, on the home, `data/`: some other program
    /// or an older Wellkept wrote there, and writing on would lose one side's changes.
    fn check_folder(&self, paths: &VaultPaths) -> Result<Arrival> {
        let Some(seen) = &self.folder else { return Ok(Arrival::Nothing) };
        let mut expected_log = seen.log;
        if let (Some(FileIdentity(dev, ino, _)), Some(journal)) = (expected_log, self.journal.as_ref()) {
            expected_log = Some(FileIdentity(dev, ino, journal.len()));
        }
        let me = self.device.get().map(|d| d.hex());
        let now = FolderStamp::now(paths, &self.own_log_path(paths), me.as_deref());
        let home_moved = now.data_modified != seen.data_modified;
        if now.log != expected_log || (home_moved && self.home_elsewhere.is_none()) {
            return Err(Error::ChangedElsewhere);
        }
        Ok(if home_moved || now.peers != seen.peers { Arrival::Delivered } else { Arrival::Nothing })
    }

    fn changelog_bytes(&self) -> u64 {
        self.journal.as_ref().map_or(0, ChangeLogFile::len)
    }

    /// Makes sure the connection is outside any transaction and read-only (see `settled`).
    async fn settle(&mut self) -> Result<()> {
        if !self.settled {
            // After a dropped write: end its transaction (an error only means none was open).
            let _ = sqlx::query("ROLLBACK").execute(&mut self.conn).await;
            sqlx::query("PRAGMA query_only = ON").execute(&mut self.conn).await?;
            self.settled = true;
        }
        Ok(())
    }

    /// Indexes for full-text search every journal entry noted as not yet indexed
    /// (`journal_entries_fts_pending`, kept by the triggers of migration 20261205010000), in one
    /// transaction of its own, so that a read sees every saved entry. Not a change-log record:
    /// the index is derived from the rows, which are recorded; replay notes the entries it
    /// inserts again. Runs inside the vault's lock, on a settled connection, only when a write
    /// or an open may have left something to index ([`OpenState::index_due`]). A failure rolls
    /// back and leaves the entries noted (and `index_due` set): the read that asked reports
    /// it, and the next one tries again.
    async fn index_pending(&mut self) -> Result<()> {
        if !self.index_due {
            return Ok(());
        }
        self.settle().await?;
        let probe = profile::start();
        self.settled = false;
        let indexed = match sqlx::query(INDEX_PENDING).execute(&mut self.conn).await {
            Ok(_) => fault::check(fault::Point::IndexPending).map_err(|e| Error::storage("Indexing for search", e)),
            Err(e) => Err(Error::from(e)),
        };
        let done = match indexed {
            Ok(()) => sqlx::query("COMMIT; PRAGMA query_only = ON").execute(&mut self.conn).await.map_err(Error::from),
            Err(e) => Err(e),
        };
        match done {
            Ok(_) => {
                self.settled = true;
                self.index_due = false;
            }
            Err(e) => {
                rollback(&mut self.conn, &mut self.settled).await;
                return Err(e);
            }
        }
        profile::record(profile::Phase::IndexPending, probe);
        Ok(())
    }

    /// The chain value at the newest record.
    fn chain(&self, vault_id: &[u8; 16]) -> Chain {
        match &self.journal {
            Some(j) => j.chain(),
            None => changelog::chain_start(&self.key, vault_id, self.seq),
        }
    }
}

fn read_only_error() -> Error {
    Error::ReadOnly {
        reason:
            "This vault was opened read-only, so this change was not saved. To make changes, lock or close the vault and open it again without read-only."
                .into(),
    }
}

/// Brings the journal's full-text index up to date (see [`OpenState::index_pending`]); the
/// `COMMIT` follows in a second round trip, after the fault point. Starts with a `PRAGMA`, so
/// the build's replay allowlist does not take it for a write statement: it is never recorded.
const INDEX_PENDING: &str = "PRAGMA query_only = OFF; BEGIN; \
    INSERT INTO journal_entries_fts(rowid, title, body) \
    SELECT j.rowid, j.title, j.body FROM journal_entries_fts_pending p \
    JOIN journal_entries j ON j.rowid = p.entry_rowid ORDER BY p.entry_rowid; \
    DELETE FROM journal_entries_fts_pending";

/// An encrypted vault held by this process (the one writer). Locked or unlocked.
pub struct Vault {
    paths: VaultPaths,
    config: std::sync::Mutex<VaultConfig>,
    vault_id: [u8; 16],
    device: String,
    _lock: layout::WriterLock,
    state: tokio::sync::Mutex<Option<OpenState>>,
}

impl std::fmt::Debug for Vault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Vault").field("path", &self.paths.root()).finish_non_exhaustive()
    }
}

impl Vault {
    /// Creates a new vault in `dir` (which may exist but must not hold any vault file, even
    /// without a descriptor) and unlocks it.
    pub async fn create(dir: &Path, options: CreateOptions) -> Result<Created> {
        let paths = VaultPaths::new(dir);
        paths.ensure_no_vault_files()?;
        layout::create_private_dir(paths.root()).map_err(|e| Error::storage("Creating the vault folder", e))?;
        let lock = layout::WriterLock::acquire(&paths)?;
        // `create_dir`, not `create_dir_all`: if another process made these since the check
        // above, stop rather than write keys over its vault.
        for folder in [paths.keys(), paths.data()] {
            std::fs::create_dir(&folder).map_err(|e| match e.kind() {
                std::io::ErrorKind::AlreadyExists => paths.ensure_no_vault_files().err().unwrap_or(Error::InUse),
                _ => Error::storage("Creating the vault folder", e),
            })?;
            layout::create_private_dir(&folder).map_err(|e| Error::storage("Creating the vault folder", e))?;
        }
        let created = Self::populate(paths.clone(), lock, options).await;
        if created.is_err() {
            // Everything here was made by this call (the check above found none of it), and
            // leaving it would make the folder refuse the next attempt as "holding a vault".
            let _ = std::fs::remove_dir_all(paths.keys());
            let _ = std::fs::remove_dir_all(paths.data());
            let _ = std::fs::remove_file(paths.lock_file());
        }
        created
    }

    /// Fills a new vault's empty folders: keys, the first generation, the descriptor last.
    async fn populate(paths: VaultPaths, lock: layout::WriterLock, options: CreateOptions) -> Result<Created> {
        let key = VaultKey::generate();
        let vault_uuid = uuid::Uuid::new_v4();
        let mut methods = UnlockMethods::default();

        if let Some(passphrase) = &options.passphrase {
            let wrapped = keys::wrap_with_passphrase(&key, passphrase, options.passphrase_work_factor)?;
            layout::write_atomic(&paths.passphrase_key(), &wrapped, "Saving the passphrase key")?;
            methods.passphrase = true;
        }
        let (recovery_key, wrapped) = keys::wrap_with_new_recovery_key(&key)?;
        layout::write_atomic(&paths.recovery_key(), &wrapped, "Saving the recovery key")?;
        methods.recovery = true;

        let mut conn = connect(true).await?;
        MIGRATOR.run(&mut conn).await?;
        let image = plaintext::WipeOnDrop(conn.serialize(None).await?);
        let start = changelog::chain_start(&key, vault_uuid.as_bytes(), 0);
        let (journal, snapshot_bytes) =
            snapshot::write_generation(&paths, 0, start, &image, vault_uuid.as_bytes(), &key).map_err(|f| f.error)?;
        drop(image);
        let mark = MarkFile::open(
            vault_uuid.as_bytes(),
            Mark { generation: 0, seq: 0, chain: start, at_ms: now().timestamp_millis() },
            &key,
        );
        sqlx::query("PRAGMA query_only = ON").execute(&mut conn).await?;

        let vault_id = vault_uuid.to_string();
        let keychain_error = if options.use_keychain {
            match keychain::store_key(&vault_id, &key).await {
                Ok(()) => {
                    methods.keychain = true;
                    None
                }
                Err(e) => Some(e),
            }
        } else {
            None
        };
        let config = VaultConfig {
            format: layout::FORMAT_VERSION,
            vault_id: vault_id.clone(),
            recipient: key.recipient().to_string(),
            unlock: methods,
        };
        // The descriptor is written last: until it exists, the folder is not a vault.
        paths.write_config(&config)?;
        let folder = Some(FolderStamp::now(&paths, &paths.changelog(0), None));
        let vault = Vault {
            device: device_id(&vault_id),
            vault_id: *vault_uuid.as_bytes(),
            paths,
            config: std::sync::Mutex::new(config),
            _lock: lock,
            state: tokio::sync::Mutex::new(Some(OpenState {
                conn,
                key,
                journal: Some(journal),
                base_seq: 0,
                seq: 0,
                snapshot_bytes,
                read_only: false,
                device: std::sync::OnceLock::new(),
                mark,
                settled: true,
                index_due: false,
                folder,
                // The device id is made with the first save (see `device`); the clock's own
                // device is only the stamps' tie-breaker, set from it at each save.
                clock: Clock::new(crate::sync::DeviceId(0)),
                home_elsewhere: None,
                // A new vault's home is the computer that made it, once it saves a change with
                // an id it keeps (one with no state folder makes a new id at every start).
                claim_home: mark::state_dir().is_some(),
                folded: BTreeMap::new(),
                applied: BTreeMap::new(),
                merge_notes: Vec::new(),
                log_ends: BTreeMap::new(),
                removed_strays: Vec::new(),
            })),
        };
        Ok(Created { vault, recovery_key, keychain_error })
    }

    /// Takes hold of the vault in `dir` (the one-writer lock) without unlocking it.
    pub fn load(dir: &Path) -> Result<Vault> {
        let paths = VaultPaths::new(dir);
        if !paths.holds_vault() {
            return Err(Error::NotAVault { path: dir.to_owned() });
        }
        let lock = layout::WriterLock::acquire(&paths)?;
        rekey::settle(&paths)?;
        paths.tighten_permissions();
        let config = match paths.read_config() {
            // Lost descriptor: rebuilt in memory now, written once unlocking proves the key.
            Err(Error::NotAVault { .. }) => paths.rebuild_config()?,
            other => other?,
        };
        let vault_uuid =
            uuid::Uuid::parse_str(&config.vault_id).map_err(|_| Error::damaged("the vault id is not valid"))?;
        Ok(Vault {
            device: device_id(&config.vault_id),
            vault_id: *vault_uuid.as_bytes(),
            paths,
            config: std::sync::Mutex::new(config),
            _lock: lock,
            state: tokio::sync::Mutex::new(None),
        })
    }

    /// Loads and unlocks the vault in `dir`.
    pub async fn open(dir: &Path, unlock: Unlock) -> Result<Vault> {
        Self::open_with(dir, unlock, UnlockOptions::default()).await
    }

    /// Loads and unlocks the vault in `dir` with `options` (read-only, or accepting a rollback).
    pub async fn open_with(dir: &Path, unlock: Unlock, options: UnlockOptions) -> Result<Vault> {
        let vault = Vault::load(dir)?;
        vault.unlock_with(unlock, options).await?;
        Ok(vault)
    }

    /// Unlocks: recovers the key by `method`, decrypts and loads the newest generation, replays
    /// its journal and applies pending migrations. Unlocking an unlocked vault is a no-op.
    pub async fn unlock(&self, method: Unlock) -> Result<()> {
        self.unlock_with(method, UnlockOptions::default()).await
    }

    /// As [`Vault::unlock`], with `options` for a vault whose history ends before what this
    /// computer saw ([`Error::RolledBack`]).
    pub async fn unlock_with(&self, method: Unlock, options: UnlockOptions) -> Result<()> {
        let mut state = self.state.lock().await;
        if state.is_some() {
            return Ok(());
        }
        let key = self.recover_key(&method).await?;
        let recipient = key.recipient();
        *state = Some(self.load_state(key, &options).await?);
        if !options.read_only
            && let Some(open) = state.as_mut()
        {
            // This computer's own entry in the list of computers. Best effort: a failure here
            // loses nothing, and the next save reports a disk that will not take writes. A
            // computer once taken off the list comes back under the name it had then (used
            // only when its entry is missing or damaged and its own copy is gone: decision 75).
            let me = self.device_of(open);
            let former: Option<(String,)> = sqlx::query_as("SELECT name FROM former_computers WHERE id = ?")
                .bind(me.hex())
                .fetch_optional(&mut open.conn)
                .await
                .unwrap_or(None);
            let vault_id = uuid::Uuid::from_bytes(self.vault_id).to_string();
            let _ =
                crate::sync::devices::touch(self.paths.root(), &vault_id, &open.key, me, former.map(|(n,)| n), now());
        }
        if self.config().recipient.is_empty() && !options.read_only {
            // A rebuilt descriptor: the newest generation authenticated under this key.
            self.save_rebuilt_descriptor(&recipient, &method).await?;
        }
        Ok(())
    }

    /// This computer's id for this vault (kept outside the vault folder), as read when the vault
    /// was opened; [`Error::Locked`] while it is locked.
    pub async fn this_device(&self) -> Result<crate::sync::DeviceId> {
        let state = self.state.lock().await;
        Ok(self.device_of(state.as_ref().ok_or(Error::Locked)?))
    }

    /// The open state's device id: set at unlock; for a vault just created, read or made here
    /// the first time (it is writable).
    fn device_of(&self, open: &OpenState) -> crate::sync::DeviceId {
        *open.device.get_or_init(|| self.device_for(false))
    }

    /// Reads (or, for a writable open, makes) this computer's id once, as the vault opens.
    fn device_for(&self, read_only: bool) -> crate::sync::DeviceId {
        let vault_id = uuid::Uuid::from_bytes(self.vault_id).to_string();
        if read_only {
            crate::sync::devices::saved_device(&vault_id).unwrap_or_else(crate::sync::DeviceId::random)
        } else {
            crate::sync::devices::this_device(&vault_id)
        }
    }

    /// The computers that have opened this vault, the one last seen first.
    pub async fn devices(&self) -> Result<Vec<crate::sync::devices::DeviceInfo>> {
        let claimed: Option<(String,)> =
            self.fetch_optional("SELECT device FROM sync_home WHERE id = 1", crate::params![]).await?;
        let state = self.state.lock().await;
        let open = state.as_ref().ok_or(Error::Locked)?;
        let me = self.device_of(open);
        // On a computer that writes as the home though another claimed it (no state folder to
        // keep an id in), the claim is not what happens: this computer writes `data/`.
        let home = match &open.home_elsewhere {
            Some(id) => Some(id.clone()),
            None => claimed.map(|_| me.hex()),
        };
        Ok(crate::sync::devices::list(self.paths.root(), &open.key, me, home.as_deref()))
    }

    /// Renames this computer in the list of computers.
    pub async fn rename_this_device(&self, name: &str) -> Result<()> {
        let state = self.state.lock().await;
        let open = state.as_ref().ok_or(Error::Locked)?;
        if open.read_only {
            return Err(read_only_error());
        }
        let vault_id = uuid::Uuid::from_bytes(self.vault_id).to_string();
        crate::sync::devices::rename(self.paths.root(), &vault_id, &open.key, self.device_of(open), name, now())
    }

    /// Removes another computer from the list of computers. The home is not removed this way:
    /// it keeps the snapshots, and another computer takes them over with [`Vault::move_home`].
    ///
    /// Its name is written first into `former_computers`, in a change every computer replays,
    /// so that what it wrote (a version kept aside, a merge note) is still named after it.
    pub async fn remove_device(&self, id: &str) -> Result<()> {
        let id = id.trim();
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        if open.read_only {
            return Err(read_only_error());
        }
        if open.home_elsewhere.as_deref() == Some(id) {
            return Err(Error::invalid(
                "id",
                "that computer is this vault's home, which keeps its snapshots and backups. If it will not open this vault again, make this computer the home instead: that takes it off the list too",
            ));
        }
        let me = self.device_of(open);
        let target = crate::sync::DeviceId::from_hex(id)
            .ok_or_else(|| Error::invalid("id", "give the 32-digit id from the list"))?;
        if target == me {
            return Err(Error::invalid("id", "that is the computer you are using; it cannot remove itself"));
        }
        if !crate::sync::devices::is_listed(self.paths.root(), id) {
            return Err(Error::NotFound { what: "That computer" });
        }
        // A damaged entry has no name to keep (decision 75): it is taken off the list all the
        // same, and that computer, opening again, lists itself under the name it keeps.
        if let Some(name) = crate::sync::devices::name_of(self.paths.root(), &open.key, id) {
            self.prepare_write(open).await?;
            let (id_owned, at) = (id.to_owned(), now());
            self.run_write(open, move |w| {
                Box::pin(async move {
                    w.exec_one(peers::FORMER_COMPUTER, crate::params![id_owned, name, at], "That computer").await
                })
            })
            .await?;
        }
        crate::sync::devices::remove(self.paths.root(), me, id)
    }

    /// Every computer's name by its id: those on the list, then those taken off it, as "Old
    /// laptop (no longer listed)".
    pub async fn computer_names(&self) -> Result<std::collections::HashMap<String, String>> {
        let former: Vec<(String, String)> =
            self.fetch_all("SELECT id, name FROM former_computers", crate::params![]).await?;
        let mut names: std::collections::HashMap<String, String> =
            former.into_iter().map(|(id, name)| (id, format!("{name} (no longer listed)"))).collect();
        names.extend(self.devices().await?.into_iter().map(|d| (d.id, d.name)));
        Ok(names)
    }

    /// Makes computer `to` (32 hex digits) the vault's home, the one that writes its snapshots
    /// and backups (`peers.rs`). Two cases, each with one writer of `data/` at a time:
    ///
    /// - **On the home, to another listed computer** (moving it while it still works): the move
    ///   is a change record in `data/`, folded at once into a snapshot naming the new home; from
    ///   then on this computer writes only its own log. The new home takes over `data/` when
    ///   the sync engine has delivered that snapshot, at its next open or save.
    /// - **On another computer, to itself** (the home is retired, lost or wiped, and will not
    ///   open this vault again): the move is a change record in this computer's own log, the
    ///   old home is taken off the list, and this computer loads the vault again as the home,
    ///   folding every computer's records into a snapshot of its own.
    ///
    /// The second is a promise the person makes: a home that does open the vault again is no
    /// longer the home there (it reads the move), and what it saved to `data/` meanwhile, had
    /// it kept working unseen, is refused at its next open as missing from the history rather
    /// than lost silently (docs/sync.md, "Moving the home").
    pub async fn move_home(&self, to: &str) -> Result<()> {
        let to = to.trim();
        let target = crate::sync::DeviceId::from_hex(to)
            .ok_or_else(|| Error::invalid("id", "give the 32-digit id from the list of computers"))?;
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        if open.read_only {
            return Err(read_only_error());
        }
        let me = self.device_of(open);
        // The newest of every computer first: the home may have moved already.
        self.prepare_write(open).await?;
        let old_home = open.home_elsewhere.clone();
        match (&old_home, target == me) {
            (None, true) => Err(Error::invalid("id", "this computer is already the vault's home")),
            (Some(_), false) => Err(Error::invalid(
                "id",
                "only the home can hand itself to another computer; on this computer you can make this computer the home",
            )),
            (None, false) => {
                if !crate::sync::devices::is_listed(self.paths.root(), to) {
                    return Err(Error::NotFound { what: "That computer" });
                }
                let to = to.to_owned();
                self.run_write(open, move |w| {
                    Box::pin(async move { w.exec_one(peers::MOVE_HOME, crate::params![to], "The home").await })
                })
                .await?;
                // Folded at once, so that the new home starts from a snapshot that names it. The
                // move is already durable in the change log, which the new home replays just as
                // well: a failed compaction (a full disk) changes nothing about it.
                let _ = self.compact_locked(open).await;
                self.reload_open(open).await
            }
            (Some(home), true) => {
                let home = home.clone();
                let mine = me.hex();
                // The old home's name is kept with the move: it goes off the list below.
                let name = crate::sync::devices::name_of(self.paths.root(), &open.key, &home);
                let (old, at) = (home.clone(), now());
                self.run_write(open, move |w| {
                    Box::pin(async move {
                        w.exec_one(peers::MOVE_HOME, crate::params![mine], "The home").await?;
                        if let Some(name) = name {
                            w.exec_one(peers::FORMER_COMPUTER, crate::params![old, name, at], "That computer").await?;
                        }
                        Ok(())
                    })
                })
                .await?;
                match crate::sync::devices::remove(self.paths.root(), me, &home) {
                    Ok(()) | Err(Error::NotFound { .. }) => {}
                    Err(e) => return Err(e),
                }
                // Loads as the home: folds this computer's own log and every other computer's
                // records into a first snapshot of its own (`load_state` compacts at once).
                self.reload_open(open).await
            }
        }
    }

    /// Whether the vault was opened read-only.
    pub async fn is_read_only(&self) -> bool {
        self.state.lock().await.as_ref().is_some_and(|open| open.read_only)
    }

    /// Locks: compacts if replay has grown worth saving, then drops the decrypted database and the key from memory.
    pub async fn lock(&self) -> Result<()> {
        let mut state = self.state.lock().await;
        let compacted = match state.as_mut() {
            Some(open) if open.compaction_due_on_lock() => self.compact_locked(open).await,
            _ => Ok(()),
        };
        if let Some(open) = state.take() {
            // Closing frees SQLite's pages; the image buffers we held were zeroized already.
            let _ = open.conn.close().await;
        }
        compacted
    }

    /// Whether another computer's files, delivered by a sync engine, have arrived in the vault
    /// folder since this computer last saw it (see `FolderStamp`): the next save merges them
    /// first, and [`Vault::reload`] shows them now. Also true when a file only this computer
    /// writes changed under it (then saves are refused, [`Error::ChangedElsewhere`]). A few
    /// `stat`s; never true while locked or read-only.
    pub async fn changed_elsewhere(&self) -> bool {
        let state = self.state.lock().await;
        state.as_ref().is_some_and(|open| open.check_folder(&self.paths).map_or(true, |a| a != Arrival::Nothing))
    }

    /// Loads the vault again from its files with the key already in memory, to show what
    /// another computer's sync delivered. The current state is kept until the new one has
    /// loaded: a refusal (a rolled-back or damaged delivery) leaves the vault open as it was,
    /// and the error says why.
    pub async fn reload(&self) -> Result<()> {
        let mut state = self.state.lock().await;
        let Some(open) = state.as_ref() else { return Err(Error::Locked) };
        let options = UnlockOptions { read_only: open.read_only, accept_rollback: None };
        let key = VaultKey::from_secret(&open.key.to_secret(), "vault key")?;
        let fresh = self.load_state(key, &options).await?;
        if let Some(old) = state.replace(fresh) {
            let _ = old.conn.close().await;
        }
        Ok(())
    }

    /// [`Vault::reload`] inside a write or a compaction that found another computer's files
    /// arrived: the vault loads again, merging them, before the write goes on.
    async fn reload_open(&self, open: &mut OpenState) -> Result<()> {
        let options = UnlockOptions { read_only: open.read_only, accept_rollback: None };
        let key = VaultKey::from_secret(&open.key.to_secret(), "vault key")?;
        // Boxed as `Send` here: the write futures this runs inside are handed to generic
        // callers, and an unboxed load (migrations take `&mut` connections) trips the
        // compiler's higher-ranked `Send` check.
        let loading: BoxFuture<'_, Result<OpenState>> = Box::pin(async move { self.load_state(key, &options).await });
        let fresh = loading.await?;
        let mut old = std::mem::replace(open, fresh);
        // What the earlier load removed is still to be told, before what this one removed.
        open.removed_strays.splice(0..0, std::mem::take(&mut old.removed_strays));
        let _ = old.conn.close().await;
        Ok(())
    }

    /// Which computer is this vault's home, and what the last open found worth telling
    /// about merging (see `peers.rs`).
    pub async fn sync_role(&self) -> Result<SyncRole> {
        let claimed: Option<(String,)> =
            self.fetch_optional("SELECT device FROM sync_home WHERE id = 1", crate::params![]).await?;
        let state = self.state.lock().await;
        let open = state.as_ref().ok_or(Error::Locked)?;
        let home = match (&open.home_elsewhere, claimed) {
            (Some(id), _) => Home::Elsewhere(id.clone()),
            (None, None) => Home::NotYet,
            (None, Some(_)) => Home::ThisComputer,
        };
        Ok(SyncRole { home, notes: open.merge_notes.clone() })
    }

    /// Whether the database is loaded.
    pub async fn is_unlocked(&self) -> bool {
        self.state.lock().await.is_some()
    }

    /// The vault folder.
    pub fn path(&self) -> &Path {
        self.paths.root()
    }

    /// The vault's id (names its keychain entry).
    pub fn id(&self) -> String {
        self.config().vault_id
    }

    /// The descriptor as last written.
    pub fn config(&self) -> VaultConfig {
        self.config.lock().expect("config mutex is never poisoned: no code panics while holding it").clone()
    }

    /// Figures about the vault.
    pub async fn status(&self) -> VaultStatus {
        let state = self.state.lock().await;
        let methods = self.config().unlock;
        match state.as_ref() {
            Some(open) => VaultStatus {
                unlocked: true,
                seq: open.seq,
                snapshot_seq: open.base_seq,
                changelog_bytes: open.changelog_bytes(),
                snapshot_bytes: open.snapshot_bytes,
                methods,
            },
            None => {
                VaultStatus { unlocked: false, seq: 0, snapshot_seq: 0, changelog_bytes: 0, snapshot_bytes: 0, methods }
            }
        }
    }

    async fn recover_key(&self, method: &Unlock) -> Result<VaultKey> {
        let config = self.config();
        let key = match method {
            Unlock::Keychain => keychain::load_key(&config.vault_id).await?,
            Unlock::Passphrase(p) => {
                let wrapped = read_key_file(&self.paths.passphrase_key(), "passphrase")?;
                let p = p.clone();
                tokio::task::spawn_blocking(move || keys::unwrap_with_passphrase(&wrapped, &p))
                    .await
                    .map_err(|e| Error::Internal { detail: e.to_string() })??
            }
            Unlock::RecoveryKey(r) => {
                let wrapped = read_key_file(&self.paths.recovery_key(), "recovery key")?;
                keys::unwrap_with_recovery_key(&wrapped, r)?
            }
        };
        // An empty recipient is a rebuilt descriptor's: the generation's MAC checks the key.
        if !config.recipient.is_empty() && key.recipient().to_string() != config.recipient {
            return Err(Error::WrongKey { method: method.describe() });
        }
        Ok(key)
    }

    async fn load_state(&self, key: VaultKey, options: &UnlockOptions) -> Result<OpenState> {
        // At most twice: a replaced home that carried its unseen saves into its own log loads
        // again to merge them (`load_state_once`).
        let secret = key.to_secret();
        if let Some(open) = self.load_state_once(key, options).await? {
            return Ok(open);
        }
        let key = VaultKey::from_secret(&secret, "vault key")?;
        self.load_state_once(key, options)
            .await?
            .ok_or_else(|| Error::Internal { detail: "the vault asked to load a third time".into() })
    }

    /// Loads the vault once; `None` when it must load again (see [`Vault::load_state`]).
    async fn load_state_once(&self, key: VaultKey, options: &UnlockOptions) -> Result<Option<OpenState>> {
        let newest = *self.paths.generations()?.first().ok_or_else(|| Error::damaged("no snapshot was found"))?;
        let mark = mark::read(&self.vault_id, &key);
        let mut generation = snapshot::read_generation(&self.paths, newest, &key, mark.map(|m| m.seq))?;
        if generation.journal.header.vault_id != self.vault_id {
            return Err(Error::damaged("the change log belongs to another vault"));
        }
        // Every statement of every record must be one of ours before any of them runs.
        for record in &generation.journal.records {
            record::resolve(record)?;
        }
        if let Some(mark) = mark
            && let Some(missing) = missing_since(&mark, &generation.journal)
        {
            let held = generation.journal.end_seq();
            self.refuse_rollback(options, missing, describe_ms(mark.at_ms), mark.seq, held)?;
        }
        let mut conn = connect(false).await?;
        let buf = sqlx::sqlite::SqliteOwnedBuf::try_from(&generation.image[..])
            .map_err(|_| Error::damaged("the snapshot is empty"))?;
        conn.deserialize(None, buf, false).await.map_err(|_| Error::damaged("the snapshot is not a database"))?;
        // `sqlite3_deserialize` gives "main" a new b-tree, which starts with secure_delete off
        // whatever the connection was opened with: set it again, or text deleted after an open
        // would stay in the pages' free space and in every later snapshot (found by the erasure
        // marker test, tests/erasure.rs; docs/decisions.md 51).
        sqlx::query("PRAGMA secure_delete = ON").execute(&mut conn).await?;
        // The other computers' records beyond what the snapshot folded (see `peers.rs`).
        let device = self.device_for(options.read_only);
        let me = device.hex();
        let folded = read_folded(&mut conn).await;
        // The home as the snapshot knows it, before replay: a move after it means this open may
        // start a new home's history (`took_over` below).
        let snapshot_home: Option<String> = sqlx::query_scalar("SELECT device FROM sync_home WHERE id = 1")
            .fetch_optional(&mut conn)
            .await
            .ok()
            .flatten();
        let peers::Gathered { records: side, ends, notes: mut merge_notes, own, seen, log_ends } =
            peers::gather(&self.paths, &key, &self.vault_id, &folded, &me)?;
        for (_, record) in &side {
            record::resolve(record)?;
        }
        // Every computer's history, checked against how far this computer merged it before
        // (`peer_marks.rs`): another computer's log that went backwards is refused like this
        // computer's own.
        let marks = peer_marks::read(&self.vault_id, &key);
        let mut rolled_back: Option<(u64, String, u64, u64)> = None;
        for (name, mark) in &marks {
            let (missing, held) = if name == peer_marks::HOME {
                let chain = parse_chain(&mark.chain);
                let as_mark = Mark { generation: 0, seq: mark.seq, chain, at_ms: 0 };
                (missing_since(&as_mark, &generation.journal).unwrap_or(0), generation.journal.end_seq())
            } else {
                let held = log_ends.get(name).copied().unwrap_or(0).max(folded.get(name).copied().unwrap_or(0));
                let replaced = seen
                    .get(name)
                    .and_then(|records| records.get(&mark.seq))
                    .is_some_and(|(chain, _)| peer_marks::hex(chain) != mark.chain);
                (if mark.seq > held { mark.seq - held } else { u64::from(replaced) }, held)
            };
            if missing > 0 {
                let (total, at, seen_seq, held_seq) = rolled_back.take().unwrap_or((0, String::new(), mark.seq, held));
                let at = if mark.at > at { mark.at.clone() } else { at };
                rolled_back = Some((total + missing, at, seen_seq, held_seq));
            }
        }
        if let Some((missing, at, seen_seq, held_seq)) = rolled_back {
            let last_seen = DateTime::parse_from_rfc3339(&at)
                .map_or_else(|_| "an unknown time".to_owned(), |t| describe_ms(t.timestamp_millis()));
            self.refuse_rollback(options, missing, last_seen, seen_seq, held_seq)?;
        }
        let mut clock = Clock::new(device);
        let mut seq = generation.base_seq;
        let merging = !side.is_empty();
        // One computer's history replays as it always has: its records, then the migrations
        // (they were written on the snapshot's schema). Merged histories take the migrations
        // first: another computer's records were written on the newest schema it knew.
        if !merging {
            for record in &generation.journal.records {
                replay(&mut conn, record).await?;
                seq = record.seq;
                if let Some(stamp) = record.stamp {
                    clock.observe(stamp);
                }
            }
        }
        let before = applied_migrations(&mut conn).await;
        let had_zones = has_migration(&mut conn, crate::practice::appointments::TIME_ZONE_MIGRATION).await;
        run_migrations(&mut conn).await?;
        let migrated = applied_migrations(&mut conn).await != before;
        if !had_zones {
            // Appointments booked before they had a time zone move to this computer's zone, in
            // the same migrated image the new generation is written from (docs/decisions.md, 39).
            let zone = crate::practice::appointments::local_zone();
            crate::practice::appointments::adopt_local_zone(&mut conn, zone).await?;
        }
        if merging {
            // (stamp, from another computer, index): indices rather than references, so that
            // nothing borrowed is held across the awaits below.
            let home_records = &generation.journal.records;
            let mut order: Vec<(Option<crate::sync::Stamp>, bool, usize)> =
                home_records.iter().enumerate().map(|(i, r)| (r.stamp, false, i)).collect();
            order.extend(side.iter().enumerate().map(|(i, (_, r))| (r.stamp, true, i)));
            // Stable: records from before stamps (`None`) first, in their log's order.
            order.sort_by_key(|entry| entry.0);
            // One transaction for the whole merge: the database is in memory, so this only
            // saves round trips (a statement that no longer fits is backed out by itself).
            sqlx::query("BEGIN").execute(&mut conn).await?;
            for (stamp, elsewhere, i) in order {
                if elsewhere {
                    let origin = side[i].0.clone();
                    replay_merged(&mut conn, &side[i].1, Origin::Elsewhere(&origin), &mut merge_notes).await?;
                } else {
                    let origin = Origin::Home(snapshot_home.as_deref().unwrap_or(""));
                    replay_merged(&mut conn, &home_records[i], origin, &mut merge_notes).await?;
                    seq = home_records[i].seq;
                }
                if let Some(stamp) = stamp {
                    clock.observe(stamp);
                }
            }
            sqlx::query("COMMIT").execute(&mut conn).await?;
        }
        let home: Option<String> =
            sqlx::query_scalar("SELECT device FROM sync_home WHERE id = 1").fetch_optional(&mut conn).await?;
        // Without a state folder this computer's id is new at every start: it cannot be one
        // of several computers, so it writes as the home, as every computer did before.
        let keeps_id = mark::state_dir().is_some();
        let home_elsewhere = home.clone().filter(|h| *h != me && keeps_id);
        let claim_home = home.is_none() && keeps_id && !options.read_only;
        // This computer became the home by a move its snapshot does not hold yet: it took the
        // home over (`Vault::move_home`), or the old home handed it on without folding. Its
        // history in `data/` starts afresh, past anything the old home could have saved there
        // unseen, and it never appends to the old home's log: no file in `data/` is written by
        // both, even if the old home was only cut off.
        let took_over = match (&snapshot_home, &home) {
            (Some(before), Some(now)) => before != now && *now == me && keeps_id && !options.read_only,
            _ => false,
        };
        let mut applied = folded.clone();
        for (device, end) in ends {
            let at = applied.entry(device).or_insert(0);
            *at = (*at).max(end);
        }
        // Away from the home, this computer's own records were applied above like any other's,
        // and only the others' count here: the home folds its log. The home counts its own
        // too: a computer that became the home (`Vault::move_home`) folds the log it wrote
        // before, or its records would be replayed again on top of the snapshot holding them.
        if home_elsewhere.is_some() {
            applied.remove(&me);
        }
        if took_over && let Some(before) = &snapshot_home {
            applied.insert(format!("{}{before}", peers::PREVIOUS_HOME), seq);
        }
        let folded_me = folded.get(&me).copied().unwrap_or(0);
        sqlx::query("PRAGMA query_only = ON").execute(&mut conn).await?;
        // When the last replayed change was made: the mark's time, if it moves.
        let last_record_ms = generation
            .journal
            .records
            .last()
            .and_then(|r| DateTime::parse_from_rfc3339(&r.at).ok())
            .map(|t| t.timestamp_millis());
        // Where the home's history ends, for the other computers' marks (`peer_marks.rs`).
        let home_tail = (
            generation.journal.end_seq(),
            generation.journal.end_chain(),
            generation.journal.records.last().map(|r| r.at.clone()).unwrap_or_default(),
        );
        // The records hold the user's text; it is in the database now, so wipe this copy.
        zeroize::Zeroize::zeroize(&mut generation.journal.records);
        let scanned = generation.journal;
        let home_elsewhere_is_none = home_elsewhere.is_none();
        let mut open = OpenState {
            conn,
            key,
            journal: None,
            base_seq: generation.base_seq,
            seq,
            snapshot_bytes: generation.snapshot_bytes,
            read_only: options.read_only,
            device: std::sync::OnceLock::from(self.device_for(options.read_only)),
            mark: None,
            settled: true,
            // Replay may have noted entries to index, or a snapshot carried some.
            index_due: true,
            folder: None,
            clock,
            home_elsewhere,
            claim_home,
            folded: folded.into_iter().filter(|(d, _)| *d != me || home_elsewhere_is_none).collect(),
            applied,
            merge_notes,
            log_ends,
            removed_strays: Vec::new(),
        };
        if options.read_only {
            // Nothing on disk may change: no torn tail cut, no upgrade, no mark moved.
            return Ok(Some(open));
        }
        if open.home_elsewhere.is_some() {
            // Another computer is the home: this one appends to its own log and never writes
            // `data/` (no torn tail cut there, no compaction, no mark, no descriptor upgrade).
            // Its log is started by its first save (`Vault::write`): a computer that only
            // reads leaves no file behind.
            if let Some(from) = open.folded.get(&format!("{}{me}", peers::PREVIOUS_HOME)).copied() {
                // The home was taken over from this computer while it was cut off and still
                // saving in `data/`: those saves are in no snapshot. They go into this
                // computer's own log, which every computer merges, and the vault loads again.
                let (unseen, files) = peers::unseen_home_records(&self.paths, &open.key, &self.vault_id, device, from)?;
                if !unseen.is_empty() {
                    let mut log = peers::open_own_log(&self.paths, &open.key, &self.vault_id, &me, own, folded_me)?;
                    // Where this computer's log ends: its newest record read, or the new log's base.
                    let end = log.base_seq().max(seen.get(&me).and_then(|r| r.keys().last().copied()).unwrap_or(0));
                    for (seq, record) in (end + 1..).zip(unseen) {
                        // The same change, stamp and time; numbered in this computer's log.
                        log.append(&ChangeRecord { seq, ..record }, &open.key)?;
                    }
                    drop(log);
                    for file in files {
                        // This computer's own old file; its records are in its log now.
                        let _ = std::fs::remove_file(file);
                    }
                    let _ = open.conn.close().await;
                    return Ok(None);
                }
            }
            open.seq = own.as_ref().map_or(folded_me, |o| o.end_seq.max(folded_me));
            open.base_seq = open.seq;
            if own.is_some() {
                let log = peers::open_own_log(&self.paths, &open.key, &self.vault_id, &me, own, folded_me)?;
                open.base_seq = log.base_seq();
                open.journal = Some(log);
            }
            open.restamp(&self.paths);
            remember_peers(&self.vault_id, &open.key, marks, &seen, Some(home_tail));
            return Ok(Some(open));
        }
        // Only now, with everything checked, may anything on disk change: cut a torn tail.
        let end_chain = scanned.end_chain();
        let at_ms = match mark {
            Some(m) if m.seq == seq => m.at_ms,
            _ => last_record_ms.unwrap_or_else(|| now().timestamp_millis()),
        };
        if took_over {
            // A history of its own, started by the compaction below (no change log open yet).
            open.seq = seq + peers::TAKEOVER_JUMP;
            let chain = changelog::chain_start(&open.key, &self.vault_id, open.seq);
            open.mark =
                MarkFile::open(&self.vault_id, Mark { generation: newest, seq: open.seq, chain, at_ms }, &open.key);
        } else {
            if let Some(generation_key) = scanned.generation {
                open.journal = Some(ChangeLogFile::open_for_append(
                    &self.paths.changelog(newest),
                    &scanned.header,
                    generation_key,
                    end_chain,
                    scanned.good_len,
                )?);
            }
            open.mark =
                MarkFile::open(&self.vault_id, Mark { generation: newest, seq, chain: end_chain, at_ms }, &open.key);
        }
        open.removed_strays = snapshot::prune(&self.paths, newest);
        open.restamp(&self.paths);
        if migrated || open.journal.is_none() {
            // Journal records must always match their snapshot's schema: start a new generation
            // before any write lands on the new schema. A format 1 generation is upgraded the
            // same way: new records are only ever written in the current format.
            self.compact_locked(&mut open).await?;
        } else if open.compaction_due_on_lock() {
            // The rule locking uses: a long replay here means the last session ended without locking (a crash, a killed
            // process, a computer switched off): it would be paid again at every start until
            // something compacts. Measured with the app at 10,000 entries written and never
            // locked: 767 ms to unlock instead of ~140 ms (docs/performance.md). Optional work:
            // the vault is already open and whole, so a failure (a full disk) only means the
            // next start replays again.
            let _ = self.compact_locked(&mut open).await;
        }
        if self.config().format < layout::FORMAT_VERSION {
            let mut config = self.config();
            config.format = layout::FORMAT_VERSION;
            self.set_config(config)?;
        }
        remember_peers(&self.vault_id, &open.key, marks, &seen, None);
        Ok(Some(open))
    }

    /// [`Error::RolledBack`] for a history that lacks `missing` changes this computer saw,
    /// unless the open is read-only or the person typed the confirmation phrase.
    fn refuse_rollback(
        &self,
        options: &UnlockOptions,
        missing: u64,
        last_seen: String,
        seen_seq: u64,
        held_seq: u64,
    ) -> Result<()> {
        let confirmation = format!("accept losing {missing} change{}", if missing == 1 { "" } else { "s" });
        let accepted =
            options.accept_rollback.as_deref().is_some_and(|typed| typed.trim().eq_ignore_ascii_case(&confirmation));
        if options.read_only || accepted {
            return Ok(());
        }
        Err(Error::RolledBack {
            missing,
            last_seen,
            confirmation,
            seen_seq,
            held_seq,
            set_aside: self.paths.set_aside_by_sync_tools(),
        })
    }

    /// Runs read-only queries on the vault's connection.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T>> + Send,
        T: Send,
    {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        // Guards against a write future that was dropped half way (a no-op otherwise).
        open.settle().await?;
        // Every saved journal entry is in the full-text index before anything reads.
        open.index_pending().await?;
        f(&mut open.conn).await
    }

    /// All rows of a read query.
    pub async fn fetch_all<T>(&self, sql: &'static str, params: Params) -> Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static,
    {
        self.read(move |conn| {
            Box::pin(async move {
                Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_all(conn).await?)
            })
        })
        .await
    }

    /// At most one row of a read query.
    pub async fn fetch_optional<T>(&self, sql: &'static str, params: Params) -> Result<Option<T>>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static,
    {
        self.read(move |conn| {
            Box::pin(async move {
                Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_optional(conn).await?)
            })
        })
        .await
    }

    /// Exactly one row of a read query.
    pub async fn fetch_one<T>(&self, sql: &'static str, params: Params) -> Result<T>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static,
    {
        self.read(move |conn| {
            Box::pin(async move {
                Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_one(conn).await?)
            })
        })
        .await
    }

    /// Runs `f` as one durable write. Everything `f` executes through the [`Writer`] is logged
    /// and fsynced before the transaction commits; if `f` fails or the change log cannot be written,
    /// nothing changes, in memory or on disk.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: for<'w, 'c> FnOnce(&'w mut Writer<'c>) -> BoxFuture<'w, Result<T>> + Send,
        T: Send,
    {
        let probe = profile::start();
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        if open.read_only {
            return Err(read_only_error());
        }
        self.prepare_write(open).await?;
        profile::record(profile::Phase::Acquire, probe);
        let result = self.run_write(open, f).await;
        if result.is_ok() && open.changelog_bytes() > COMPACT_MIN_JOURNAL_BYTES.max(open.snapshot_bytes) {
            // The write is already durable; a failed compaction only means a longer replay.
            let _ = self.compact_locked(open).await;
        }
        result
    }

    /// Gets an open vault ready to record a change: the connection settled, another computer's
    /// delivered changes merged first, and away from the home this computer's log started.
    async fn prepare_write(&self, open: &mut OpenState) -> Result<()> {
        open.settle().await?;
        if open.check_folder(&self.paths)? == Arrival::Delivered {
            // Another computer's changes arrived: merge them first, then save on top.
            self.reload_open(open).await?;
        }
        if open.journal.is_none() && open.home_elsewhere.is_some() {
            // This computer's first save since its records were folded (or ever): its log.
            let me = self.device_of(open).hex();
            let log = peers::open_own_log(&self.paths, &open.key, &self.vault_id, &me, None, open.seq)?;
            open.base_seq = log.base_seq();
            open.journal = Some(log);
            open.restamp(&self.paths);
        }
        Ok(())
    }

    /// The one row a read returns, or [`Error::NotFound`] naming `what` ("That goal").
    pub async fn fetch_existing<T>(&self, sql: &'static str, params: Params, what: &'static str) -> Result<T>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin + 'static,
    {
        self.fetch_optional(sql, params).await?.ok_or(Error::NotFound { what })
    }

    /// Runs one write statement as its own durable write; returns the rows it changed.
    pub async fn exec(&self, sql: &'static str, params: Params) -> Result<u64> {
        self.write(move |w| Box::pin(async move { w.exec(sql, params).await })).await
    }

    /// Runs one write statement that must change a row: none changed is [`Error::NotFound`]
    /// naming `what` ("That goal"), and nothing is written.
    pub async fn exec_one(&self, sql: &'static str, params: Params, what: &'static str) -> Result<()> {
        self.write(move |w| Box::pin(async move { w.exec_one(sql, params, what).await })).await
    }

    /// Runs one write statement that must change a row (else [`Error::NotFound`] naming `what`),
    /// then reads row `id` back with `select` inside the same write: what an add or an edit
    /// returns.
    pub async fn exec_and_fetch<T>(
        &self,
        sql: &'static str,
        params: Params,
        select: &'static str,
        id: &str,
        what: &'static str,
    ) -> Result<T>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let id = id.to_owned();
        self.write(move |w| {
            Box::pin(async move {
                w.exec_one(sql, params, what).await?;
                w.fetch_existing(select, crate::params![id], what).await
            })
        })
        .await
    }

    /// One write on a settled connection. The transaction is SQLite's own (`BEGIN` … `COMMIT`),
    /// not sqlx's `Transaction`, so that lifting `query_only` and beginning, and committing and
    /// restoring `query_only`, each take one round trip to the connection's thread instead of
    /// two. `settled` is cleared first and set again only once the connection is back to
    /// read-only with no transaction open, so a future dropped half way is cleaned up by the
    /// next read or write ([`OpenState::settle`]), as sqlx's `Transaction` rolled back on drop.
    async fn run_write<T, F>(&self, open: &mut OpenState, f: F) -> Result<T>
    where
        F: for<'w, 'c> FnOnce(&'w mut Writer<'c>) -> BoxFuture<'w, Result<T>> + Send,
        T: Send,
    {
        let me = self.device_of(open);
        let OpenState { conn, key, journal, seq, mark, settled, index_due, clock, claim_home, .. } = open;
        let journal = journal.as_mut().ok_or_else(read_only_error)?;
        *settled = false;
        let probe = profile::start();
        sqlx::query("PRAGMA query_only = OFF; BEGIN").execute(&mut *conn).await?;
        profile::record(profile::Phase::Begin, probe);
        let mut writer = Writer { conn: &mut *conn, ops: Vec::new() };
        let mut outcome = f(&mut writer).await;
        if *claim_home && outcome.is_ok() && !writer.ops.is_empty() {
            // The first change this computer saves names it the vault's home (`peers.rs`), in
            // the same record, so every computer replays the claim with it.
            let claimed = writer.exec(peers::CLAIM_HOME, crate::params![me.hex()]).await;
            if let Err(e) = claimed {
                outcome = Err(e);
            }
        }
        let ops = writer.ops;
        let value = match outcome {
            Ok(value) if !ops.is_empty() => value,
            // Failed, or changed nothing: nothing to record.
            other => {
                rollback(conn, settled).await;
                return other;
            }
        };
        let at = now();
        let mut stamp = clock.tick(at.timestamp_millis());
        stamp.device = me;
        let record =
            ChangeRecord { seq: *seq + 1, device: self.device.clone(), at: format_time(at), stamp: Some(stamp), ops };
        // The record is written but not yet durable; nothing commits before its fdatasync.
        let written = match journal.write_unsynced(&record, key) {
            Ok(written) => written,
            Err(e) => {
                rollback(conn, settled).await;
                return Err(e);
            }
        };
        // While the disk works, SQLite's thread does the heaviest part of the commit: `SAVEPOINT`
        // makes FTS5 write the terms it holds for this write out as an index segment (as
        // `COMMIT` would), inside the transaction, so a rollback still undoes it. The
        // `fdatasync` is started first, on tokio's blocking pool: waiting on the disk takes no
        // CPU, so the two overlap even when every core is busy (handing the savepoint over
        // first lets SQLite's thread take this core before the sync has even begun). `COMMIT`
        // is sent only once both succeeded. Until then, a failure or a dropped future takes the
        // record off the disk again (`SyncedRecord`), since the transaction is rolled back.
        let probe = profile::start();
        let mut pending = SyncedRecord { before: Some(written.before()), journal: &mut *journal };
        let syncing = tokio::task::spawn_blocking(pending.journal.start_sync());
        let flushing = profile::start();
        let flushed =
            sqlx::query("SAVEPOINT wellkept_flush").execute(&mut *conn).await.map_err(Error::from).and_then(|_| {
                fault::check(fault::Point::FlushIndex).map_err(|e| Error::storage("Saving your change", e))
            });
        profile::record(profile::Phase::Flush, flushing);
        let waiting = profile::start();
        let synced = syncing.await.unwrap_or_else(|e| Err(std::io::Error::other(e)));
        profile::record(profile::Phase::SyncWait, waiting);
        profile::record(profile::Phase::SyncAndFlush, probe);
        let before = match pending.journal.finish_sync(written, synced) {
            // The fdatasync failed: `finish_sync` cut the change log back already.
            Err(e) => {
                pending.before = None;
                drop(pending);
                rollback(conn, settled).await;
                return Err(e);
            }
            Ok(before) => before,
        };
        if let Err(e) = flushed {
            // Durable on disk but not applied in memory: `SyncedRecord` takes it off the disk.
            drop(pending);
            rollback(conn, settled).await;
            return Err(e);
        }
        pending.before = None;
        drop(pending);
        // Counted before `COMMIT` is awaited: once sent, SQLite's thread commits it even if this
        // future is dropped while waiting for the answer, and the next write must then take
        // the next sequence number, not this one again (which made the change log unopenable).
        *seq = record.seq;
        // Whatever happens to the `COMMIT`, the next read checks for entries to index.
        *index_due = true;
        let probe = profile::start();
        let committed = match fault::check(fault::Point::CommitAfterAppend) {
            Ok(()) => match sqlx::query("COMMIT; PRAGMA query_only = ON").execute(&mut *conn).await {
                Ok(_) => {
                    *settled = true;
                    Ok(())
                }
                // The COMMIT or the pragma after it failed. If a transaction is still open the
                // COMMIT did not happen; if none is (the rollback fails), it did, and only
                // restoring `query_only` failed: the change is in memory and on disk, and the
                // next read or write settles the connection.
                Err(e) => match sqlx::query("ROLLBACK").execute(&mut *conn).await {
                    Ok(_) => Err(Error::from(e)),
                    Err(_) => Ok(()),
                },
            },
            Err(e) => {
                rollback(conn, settled).await;
                Err(Error::storage("Saving your change", e))
            }
        };
        profile::record(profile::Phase::Commit, probe);
        if let Err(e) = committed {
            // Memory never took the change: take it off the disk too, or the next write
            // would reuse its sequence number and the change log would not open again.
            journal.undo(before);
            *seq = record.seq - 1;
            return Err(e);
        }
        *claim_home = false;
        let probe = profile::start();
        if let Some(mark) = mark {
            let now_at = Mark {
                generation: journal.base_seq(),
                seq: record.seq,
                chain: journal.chain(),
                at_ms: at.timestamp_millis(),
            };
            // Best effort: a mark that lags only weakens the rollback check, and the
            // change itself is already safe on disk.
            let _ = mark.advance(now_at, key);
        }
        profile::record(profile::Phase::Mark, probe);
        Ok(value)
    }

    /// Writes a new generation now (if anything changed since the last one), and says what it,
    /// or the open before it, removed from `data/` that the person was not told of.
    pub async fn compact(&self) -> Result<Compaction> {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        self.merge_arrivals(open).await?;
        self.compact_locked(open).await?;
        Ok(Compaction { removed: std::mem::take(&mut open.removed_strays) })
    }

    /// Loads the vault again if another computer's files arrived since it was opened, so that
    /// what follows (a compaction, a backup) holds every computer's changes.
    async fn merge_arrivals(&self, open: &mut OpenState) -> Result<()> {
        if !open.read_only && open.check_folder(&self.paths)? == Arrival::Delivered {
            self.reload_open(open).await?;
        }
        Ok(())
    }

    /// Compacts, then deletes the older generations kept as backups. For purging: deleted text
    /// lingers in those backups (and their change logs) until they rotate out, and a person who
    /// purges something from the trash expects it gone from the disk now.
    pub async fn compact_discarding_backups(&self) -> Result<()> {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        self.merge_arrivals(open).await?;
        self.compact_locked(open).await?;
        let removed = snapshot::prune_keeping(&self.paths, open.seq, 1);
        open.removed_strays.extend(removed);
        open.restamp(&self.paths);
        Ok(())
    }

    async fn compact_locked(&self, open: &mut OpenState) -> Result<()> {
        if open.read_only {
            return Err(read_only_error());
        }
        if open.home_elsewhere.is_some() {
            // Only the home writes snapshots; it folds this computer's log into its next one.
            return Ok(());
        }
        // Never fold or prune over files another computer delivered while this one had the
        // vault open: they are merged first ([`Vault::compact`], the next write or open).
        if open.check_folder(&self.paths)? == Arrival::Delivered {
            return Ok(());
        }
        // A format 1 generation (no journal to append to) is rewritten even when unchanged.
        if open.seq == open.base_seq && open.journal.is_some() && open.applied == open.folded {
            return Ok(());
        }
        // A snapshot holds a complete index, so that the next open has nothing to index.
        open.index_pending().await?;
        // And says how far it folded the other computers' logs (the table already holds what
        // the last snapshot folded, so only a change is written).
        if open.applied != open.folded {
            open.settled = false;
            let rows = folded_rows(&open.applied)?;
            write_folded(&mut open.conn, rows).await?;
            open.settled = true;
        }
        let chain = open.chain(&self.vault_id);
        // SQLite's serialized copy of the whole database: `SqliteOwnedBuf` frees it without
        // wiping, so the guard zeroes it first, on success and on every error path alike.
        let image = plaintext::WipeOnDrop(open.conn.serialize(None).await?);
        let written = snapshot::write_generation(&self.paths, open.seq, chain, &image, &self.vault_id, &open.key);
        drop(image);
        match written {
            Ok((journal, snapshot_bytes)) => {
                open.journal = Some(journal);
                open.base_seq = open.seq;
                open.folded = open.applied.clone();
                open.snapshot_bytes = snapshot_bytes;
                if let Some(mark) = open.mark.as_mut() {
                    let _ = mark.advance_generation(open.seq, &open.key);
                }
                let removed = snapshot::prune(&self.paths, open.seq);
                open.removed_strays.extend(removed);
                let me = self.device_of(open).hex();
                let root = self.paths.root();
                let removed = |device: &str| !crate::sync::devices::is_listed(root, device);
                peers::remove_folded_logs(&self.paths, &me, removed, &open.folded, &open.log_ends);
                open.restamp(&self.paths);
                Ok(())
            }
            Err(failed) => {
                if failed.old_journal_retired
                    && let Some(old) = open.journal.as_mut()
                {
                    old.poison();
                }
                // The failed attempt made and removed files of its own in the data folder.
                open.restamp(&self.paths);
                Err(failed.error)
            }
        }
    }

    pub(crate) fn paths(&self) -> &VaultPaths {
        &self.paths
    }

    pub(crate) fn set_config(&self, config: VaultConfig) -> Result<()> {
        self.paths.write_config(&config)?;
        *self.config.lock().expect("config mutex is never poisoned: no code panics while holding it") = config;
        Ok(())
    }

    /// Runs `f` with the vault key for reading (allowed in a read-only open): decrypting and
    /// checking an attachment file.
    pub(crate) async fn with_key_reading<T>(&self, f: impl FnOnce(&VaultKey) -> T) -> Result<T> {
        let state = self.state.lock().await;
        let open = state.as_ref().ok_or(Error::Locked)?;
        Ok(f(&open.key))
    }

    /// Runs `f` with the vault key, for changing unlock methods: refused in a read-only open,
    /// which promises that nothing on disk changes.
    pub(crate) async fn with_key<T>(&self, f: impl FnOnce(&VaultKey) -> T) -> Result<T> {
        let state = self.state.lock().await;
        let open = state.as_ref().ok_or(Error::Locked)?;
        if open.read_only {
            return Err(read_only_error());
        }
        Ok(f(&open.key))
    }
}

/// The handle a [`Vault::write`] closure works through.
pub struct Writer<'c> {
    /// The vault's connection, inside the write's transaction.
    conn: &'c mut SqliteConnection,
    ops: Vec<Statement>,
}

impl Writer<'_> {
    /// Executes and records one write statement; returns the rows it changed.
    pub async fn exec(&mut self, sql: &'static str, params: Params) -> Result<u64> {
        record::check_deterministic(sql)?;
        record::check_known(sql)?;
        let probe = profile::start();
        let rows = sqlx::query_with(sql, value::arguments(&params)).execute(&mut *self.conn).await?.rows_affected();
        let phase = if self.ops.is_empty() { profile::Phase::FirstStatement } else { profile::Phase::LaterStatements };
        profile::record(phase, probe);
        self.ops.push(Statement { sql: sql.to_owned(), params, rows });
        Ok(rows)
    }

    /// Executes one write statement that must change a row: none changed is
    /// [`Error::NotFound`] naming `what`, and the whole write is rolled back.
    pub async fn exec_one(&mut self, sql: &'static str, params: Params, what: &'static str) -> Result<()> {
        if self.exec(sql, params).await? == 0 {
            return Err(Error::NotFound { what });
        }
        Ok(())
    }

    /// The one row a read returns inside this write, or [`Error::NotFound`] naming `what`.
    pub async fn fetch_existing<T>(&mut self, sql: &'static str, params: Params, what: &'static str) -> Result<T>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        self.fetch_optional(sql, params).await?.ok_or(Error::NotFound { what })
    }

    /// All rows of a read inside this write's transaction (sees its earlier statements).
    pub async fn fetch_all<T>(&mut self, sql: &'static str, params: Params) -> Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_all(&mut *self.conn).await?)
    }

    /// At most one row, inside this write's transaction.
    pub async fn fetch_optional<T>(&mut self, sql: &'static str, params: Params) -> Result<Option<T>>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        let probe = profile::start();
        let row =
            sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_optional(&mut *self.conn).await?;
        profile::record(profile::Phase::ReadsInWrite, probe);
        Ok(row)
    }

    /// Exactly one row, inside this write's transaction.
    pub async fn fetch_one<T>(&mut self, sql: &'static str, params: Params) -> Result<T>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_one(&mut *self.conn).await?)
    }
}

/// A change record written to the change log whose transaction has not been committed yet. If it
/// is dropped still holding `before` (the save failed, or its future was dropped while waiting for
/// the disk or SQLite), the record is taken off the disk again ([`ChangeLogFile::undo`]; a sync
/// still running on the blocking pool then finds the file already cut back), so the disk never
/// holds a change that memory rolled back and the next write does not reuse its sequence number.
struct SyncedRecord<'j> {
    journal: &'j mut ChangeLogFile,
    before: Option<changelog::Before>,
}

impl Drop for SyncedRecord<'_> {
    fn drop(&mut self) {
        if let Some(before) = self.before.take() {
            self.journal.undo(before);
        }
    }
}

/// Rolls back a write's transaction and makes the connection read-only again, in one round
/// trip. If that fails (SQLite ends the transaction itself after some errors), `settled` stays
/// cleared and the next read or write settles the connection; the caller reports the error
/// that made it roll back, not this one.
async fn rollback(conn: &mut SqliteConnection, settled: &mut bool) {
    if sqlx::query("ROLLBACK; PRAGMA query_only = ON").execute(&mut *conn).await.is_ok() {
        *settled = true;
    }
}

/// Replays one change-log record. Only the program's own statements run: each is looked up in the
/// allowlist ([`record::resolve`]) and the binary's copy is executed, never the record's text, so
/// an authenticated record carrying `ATTACH`, `VACUUM INTO` or a `PRAGMA` is damage and nothing of
/// it runs. A statement that changes a different number of rows than it did originally means the
/// journal does not fit its snapshot.
async fn replay(conn: &mut SqliteConnection, record: &ChangeRecord) -> Result<()> {
    let statements = record::resolve(record)?;
    let mut tx = conn.begin().await?;
    for op in statements {
        let done = sqlx::query_with(op.sql, value::arguments(op.params))
            .execute(&mut *tx)
            .await
            .map_err(|_| Error::damaged(format!("change-log record {} does not apply to its snapshot", record.seq)))?;
        if done.rows_affected() != op.rows {
            return Err(Error::damaged(format!("change-log record {} does not apply to its snapshot", record.seq)));
        }
    }
    tx.commit().await?;
    Ok(())
}

/// Whose change a merged record is: the home's (from `data/`) or another computer's (from its
/// own log); the device id names it in `sync_merge_notes`.
#[derive(Clone, Copy)]
enum Origin<'a> {
    Home(&'a str),
    Elsewhere(&'a str),
}

/// Replays one record of a merged history (several computers' records in stamp order, see
/// `peers.rs`). Only the program's own statements run, as in [`replay`]. Unlike one computer's
/// history, a statement may find the world changed by another computer's record stamped just
/// before it: an edit of a note the other computer finalised meanwhile is refused by the
/// schema, an edit of a row the other purged changes nothing, two computers adding the same
/// unique thing make the second fail. Each statement that no longer fits is skipped on its own
/// and the rest of the record applies, so what can be kept is kept: the refused edit of a
/// finalised note still leaves its text in the note's revision history, written by the same
/// record. Every computer meets the same records in the same order, so each decides the same
/// way; what was skipped is noted (`sync_merge_notes`, shown by `wellkept sync status` and the
/// window's Computers card until cleared) rather than refusing to open the vault.
async fn replay_merged(
    conn: &mut SqliteConnection,
    record: &ChangeRecord,
    origin: Origin<'_>,
    notes: &mut Vec<String>,
) -> Result<()> {
    let statements = record::resolve(record)?;
    let (from, device) = match origin {
        Origin::Elsewhere(device) => (format!("computer {}", &device[..8.min(device.len())]), device),
        Origin::Home(device) => ("the home computer".to_owned(), device),
    };
    let mut short = false;
    let mut skipped = Vec::new();
    for op in statements {
        // A statement that fails (a constraint, a trigger's `RAISE(ABORT)`) is backed out by
        // SQLite on its own, and the transaction around the whole merge goes on.
        match sqlx::query_with(op.sql, value::arguments(op.params)).execute(&mut *conn).await {
            Ok(done) => short |= done.rows_affected() < op.rows,
            Err(e) => skipped.push(match e {
                sqlx::Error::Database(db) => db.message().to_owned(),
                other => other.to_string(),
            }),
        }
    }
    if short || !skipped.is_empty() {
        // Kept, so that every computer and every later open shows it until the person clears
        // it (`src/sync/notes.rs`); a change merged again finds its row there already.
        let kept = sqlx::query(
            "INSERT OR IGNORE INTO sync_merge_notes (device, seq, changed_at, noted_at, skipped) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .bind(device)
        .bind(i64::try_from(record.seq).unwrap_or(i64::MAX))
        .bind(&record.at)
        .bind(format_time(now()))
        .bind((!skipped.is_empty()).then(|| skipped.join("; ")))
        .execute(&mut *conn)
        .await;
        if let Err(e) = kept {
            // Not kept: said at this open at least.
            notes.push(if skipped.is_empty() {
                format!(
                    "A change made on {from} at {} found some of what it changed already changed or removed on another computer at the same time (not kept for later: {e}).",
                    record.at
                )
            } else {
                format!(
                    "Part of a change made on {from} at {} was not applied here ({}); the rest was (not kept for later: {e}).",
                    record.at,
                    skipped.join("; ")
                )
            });
        }
    }
    Ok(())
}

/// How far the snapshot just loaded folded each other computer's records (`sync_folded`); an
/// older snapshot has no such table and folded nothing.
async fn read_folded(conn: &mut SqliteConnection) -> BTreeMap<String, u64> {
    sqlx::query_as::<_, (String, i64)>("SELECT device, seq FROM sync_folded")
        .fetch_all(conn)
        .await
        .unwrap_or_default()
        .into_iter()
        .map(|(device, seq)| (device, u64::try_from(seq).unwrap_or(0)))
        .collect()
}

/// Writes into the database what the snapshot about to be written folds ([`read_folded`]).
/// Not a change record: it describes the snapshot, and replay never needs it.
/// Takes owned rows ([`folded_rows`]): a borrowed map held across an await makes the future
/// not `Send`.
async fn write_folded(conn: &mut SqliteConnection, rows: Vec<(String, i64)>) -> Result<()> {
    sqlx::query("PRAGMA query_only = OFF; BEGIN; DELETE FROM sync_folded").execute(&mut *conn).await?;
    for (device, seq) in rows {
        if let Err(e) = sqlx::query("INSERT INTO sync_folded (device, seq) VALUES (?1, ?2)")
            .bind(device)
            .bind(seq)
            .execute(&mut *conn)
            .await
        {
            let _ = sqlx::query("ROLLBACK").execute(&mut *conn).await;
            return Err(e.into());
        }
    }
    sqlx::query("COMMIT; PRAGMA query_only = ON").execute(&mut *conn).await?;
    Ok(())
}

fn folded_rows(applied: &BTreeMap<String, u64>) -> Result<Vec<(String, i64)>> {
    applied
        .iter()
        .map(|(device, seq)| {
            let seq = i64::try_from(*seq).map_err(|_| Error::damaged("a sequence number is out of range"))?;
            Ok((device.clone(), seq))
        })
        .collect()
}

/// [`MIGRATOR`] on `conn`, boxed: a load can run inside a write ([`Vault::reload_open`]), whose
/// future must be `Send` for every lifetime, and sqlx's `Acquire` bound on an unboxed
/// `Migrator::run` is not general enough for that.
fn run_migrations(conn: &mut SqliteConnection) -> BoxFuture<'_, Result<()>> {
    Box::pin(async move {
        MIGRATOR.run_direct(None, conn, false).await?;
        Ok(())
    })
}

/// Saves how far this open merged each computer's history ([`peer_marks`]): every computer's
/// newest record read, and on a computer that is not the home, the home's `data/`
/// (`home_tail`: sequence number, chain value, time). A mark never moves back.
fn remember_peers(
    vault_id: &[u8; 16],
    key: &VaultKey,
    mut marks: BTreeMap<String, peer_marks::PeerMark>,
    seen: &BTreeMap<String, BTreeMap<u64, (Chain, String)>>,
    home_tail: Option<(u64, Chain, String)>,
) {
    let before = marks.clone();
    let newest = seen.iter().filter_map(|(device, records)| {
        records.last_key_value().map(|(seq, (chain, at))| (device.clone(), (*seq, *chain, at.clone())))
    });
    for (name, (seq, chain, at)) in newest.chain(home_tail.map(|tail| (peer_marks::HOME.to_owned(), tail))) {
        if marks.get(&name).is_none_or(|m| seq > m.seq) {
            marks.insert(name, peer_marks::PeerMark { seq, chain: peer_marks::hex(&chain), at });
        }
    }
    if marks != before {
        peer_marks::write(vault_id, key, &marks);
    }
}

/// A chain value from its hex form (all zeros when damaged: it then matches no record).
fn parse_chain(hex: &str) -> Chain {
    let mut out = [0u8; 32];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = hex.get(2 * i..2 * i + 2).and_then(|h| u8::from_str_radix(h, 16).ok()).unwrap_or(0);
    }
    out
}

/// How many changes the newest history lacks compared with this computer's mark, if any.
/// A mark below the change log's base was compacted past since: the newer generation is
/// authenticated by the vault key, so its history reaching further is progress, not loss.
fn missing_since(mark: &Mark, scanned: &changelog::Scanned) -> Option<u64> {
    let end = scanned.end_seq();
    if mark.seq > end {
        return Some(mark.seq - end);
    }
    let covered = mark.seq >= scanned.header.base_seq && scanned.generation.is_some();
    // Same position, different history: the change this computer saw was replaced.
    (covered && scanned.chain_at(mark.seq) != Some(mark.chain)).then_some(1)
}

/// A time for a person to read: UTC, to the minute.
fn describe_ms(ms: i64) -> String {
    DateTime::<Utc>::from_timestamp_millis(ms)
        .map_or_else(|| "an unknown time".into(), |t| t.format("%Y-%m-%d %H:%M UTC").to_string())
}

/// An in-memory connection set up so that nothing ever touches disk.
async fn connect(fresh: bool) -> Result<SqliteConnection> {
    let mut options = SqliteConnectOptions::from_str("sqlite::memory:")?
        .journal_mode(SqliteJournalMode::Memory)
        .foreign_keys(true)
        .pragma("temp_store", "MEMORY")
        .pragma("secure_delete", "ON");
    if fresh {
        // 8 KiB pages: rows of ~2 KB fit with little slack, roughly halving the image compared
        // with 4 KiB pages. Fixed once, when the database is first created.
        options = options.page_size(8192);
    }
    Ok(SqliteConnection::connect_with(&options).await?)
}

async fn has_migration(conn: &mut SqliteConnection, version: i64) -> bool {
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM _sqlx_migrations WHERE version = ? AND success")
        .bind(version)
        .fetch_one(conn)
        .await
        .is_ok_and(|n| n > 0)
}

async fn applied_migrations(conn: &mut SqliteConnection) -> i64 {
    sqlx::query_scalar::<_, i64>("SELECT count(*) FROM _sqlx_migrations").fetch_one(conn).await.unwrap_or(0)
}

fn read_key_file(path: &Path, method: &'static str) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::MethodNotSet { method },
        _ => Error::storage("Reading the key file", e),
    })
}

/// A per-machine id for change records: derived from the OS machine id and the vault id, so it
/// is stable on one computer and reveals nothing about it.
fn device_id(vault_id: &str) -> String {
    use sha2::{Digest, Sha256};
    let machine = std::fs::read_to_string("/etc/machine-id").unwrap_or_default();
    let digest = Sha256::digest(format!("{}|{vault_id}", machine.trim()).as_bytes());
    digest[..8].iter().map(|b| format!("{b:02x}")).collect()
}
