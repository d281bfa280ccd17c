//! The encrypted vault: an in-memory SQLite database whose durable form is an age-encrypted
//! snapshot plus an append-only journal of authenticated, age-encrypted change records.
//!
//! - **Writes** go through [`Vault::write`]. Each statement is recorded ([`Writer::exec`]);
//!   when the closure returns, the record is encrypted, appended to the journal and fsynced,
//!   and only then is the in-memory transaction committed. If the append fails, the transaction
//!   rolls back: memory never runs ahead of disk. Cost: one small append, whatever the size of
//!   the vault.
//! - **Reads** run on the same single connection with `PRAGMA query_only=ON`, so nothing can
//!   change the database without being journaled.
//! - **Opening** decrypts the snapshot in full, loads it with `sqlite3_deserialize`, replays the
//!   journal, and runs pending migrations. No SQLite file, journal or temp file ever touches disk.
//! - **Compaction** writes a new generation (see [`snapshot`]) when the journal grows large,
//!   on [`Vault::lock`] and on demand.
//!
//! File formats and the reasoning behind them: `docs/vault-format.md`.

mod journal;
pub mod layout;
mod maintenance;
mod methods;
mod plaintext;
mod record;
mod snapshot;
mod value;

use std::future::Future;
use std::path::Path;
use std::pin::Pin;
use std::str::FromStr;

use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqliteRow};
use sqlx::{Connection, FromRow, Sqlite, SqliteConnection};

use crate::keys::{self, RecoveryKey, VaultKey, keychain};
use crate::{Error, Result};
use journal::JournalFile;
pub use layout::{UnlockMethods, VaultConfig, VaultPaths};
pub use maintenance::{GenerationReport, VerifyReport, restore_backup};
use record::{ChangeRecord, Statement};
pub use value::{Params, Value};

/// The migrations embedded in the binary, run at every open.
pub static MIGRATOR: sqlx::migrate::Migrator = sqlx::migrate!("./migrations");

/// A boxed future, as taken by [`Vault::read`] and [`Vault::write`] closures.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// During writes, compact when the journal passes this size or the snapshot's size, whichever
/// is larger: the amortised cost of a write stays O(change) (a compaction rewrites the vault
/// once per vault-sized amount of journal) and replay time stays bounded.
const COMPACT_MIN_JOURNAL_BYTES: u64 = 8 << 20;

/// On lock, compact when replay has become a noticeable part of unlocking: this many records,
/// or a journal an eighth the size of the snapshot (and at least 256 KiB). Below that, the
/// next unlock replays the records in a few milliseconds and the snapshot is not rewritten —
/// which keeps a one-off `wellkept journal add` O(change) too.
const COMPACT_ON_LOCK_RECORDS: u64 = 1000;
const COMPACT_ON_LOCK_MIN_BYTES: u64 = 256 << 10;

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
    pub journal_bytes: u64,
    /// Size of the current snapshot, bytes.
    pub snapshot_bytes: u64,
    /// The unlock methods set up.
    pub methods: UnlockMethods,
}

impl OpenState {
    fn compaction_due_on_lock(&self) -> bool {
        let records = self.seq - self.base_seq;
        let bytes = self.journal.len();
        records >= COMPACT_ON_LOCK_RECORDS
            || (records > 0 && bytes >= COMPACT_ON_LOCK_MIN_BYTES.max(self.snapshot_bytes / 8))
    }
}

pub(crate) struct OpenState {
    conn: SqliteConnection,
    key: VaultKey,
    journal: JournalFile,
    base_seq: u64,
    seq: u64,
    snapshot_bytes: u64,
}

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
    /// Creates a new vault in `dir` (which may exist but must not hold a vault) and unlocks it.
    pub async fn create(dir: &Path, options: CreateOptions) -> Result<Created> {
        let paths = VaultPaths::new(dir);
        if paths.config().exists() {
            return Err(Error::VaultExists { path: dir.to_owned() });
        }
        for folder in [paths.root().to_owned(), paths.keys(), paths.data()] {
            std::fs::create_dir_all(&folder).map_err(|e| Error::storage("Creating the vault folder", e))?;
        }
        let lock = layout::WriterLock::acquire(&paths)?;
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
        let image = conn.serialize(None).await?;
        let (journal, snapshot_bytes) = snapshot::write_generation(&paths, 0, &image, vault_uuid.as_bytes(), &key)?;
        drop(image);
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
        let vault = Vault {
            device: device_id(&vault_id),
            vault_id: *vault_uuid.as_bytes(),
            paths,
            config: std::sync::Mutex::new(config),
            _lock: lock,
            state: tokio::sync::Mutex::new(Some(OpenState { conn, key, journal, base_seq: 0, seq: 0, snapshot_bytes })),
        };
        Ok(Created { vault, recovery_key, keychain_error })
    }

    /// Takes hold of the vault in `dir` (the one-writer lock) without unlocking it.
    pub fn load(dir: &Path) -> Result<Vault> {
        let paths = VaultPaths::new(dir);
        let config = paths.read_config()?;
        let lock = layout::WriterLock::acquire(&paths)?;
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
        let vault = Vault::load(dir)?;
        vault.unlock(unlock).await?;
        Ok(vault)
    }

    /// Unlocks: recovers the key by `method`, decrypts and loads the newest generation, replays
    /// its journal and applies pending migrations. Unlocking an unlocked vault is a no-op.
    pub async fn unlock(&self, method: Unlock) -> Result<()> {
        let mut state = self.state.lock().await;
        if state.is_some() {
            return Ok(());
        }
        let key = self.recover_key(&method).await?;
        *state = Some(self.load_state(key).await?);
        Ok(())
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
                journal_bytes: open.journal.len(),
                snapshot_bytes: open.snapshot_bytes,
                methods,
            },
            None => {
                VaultStatus { unlocked: false, seq: 0, snapshot_seq: 0, journal_bytes: 0, snapshot_bytes: 0, methods }
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
        if key.recipient().to_string() != config.recipient {
            return Err(Error::WrongKey { method: method.describe() });
        }
        Ok(key)
    }

    async fn load_state(&self, key: VaultKey) -> Result<OpenState> {
        let newest = *self.paths.generations()?.first().ok_or_else(|| Error::damaged("no snapshot was found"))?;
        let generation = snapshot::read_generation(&self.paths, newest, &key)?;
        if generation.journal.header.vault_id != self.vault_id {
            return Err(Error::damaged("the journal belongs to another vault"));
        }
        let mut conn = connect(false).await?;
        let buf = sqlx::sqlite::SqliteOwnedBuf::try_from(&generation.image[..])
            .map_err(|_| Error::damaged("the snapshot is empty"))?;
        conn.deserialize(None, buf, false).await.map_err(|_| Error::damaged("the snapshot is not a database"))?;
        let mut seq = generation.base_seq;
        for record in &generation.journal.records {
            replay(&mut conn, record).await?;
            seq = record.seq;
        }
        let before = applied_migrations(&mut conn).await;
        MIGRATOR.run(&mut conn).await?;
        let migrated = applied_migrations(&mut conn).await != before;
        sqlx::query("PRAGMA query_only = ON").execute(&mut conn).await?;
        // Only now, with everything checked, may anything on disk change: cut a torn tail.
        let journal = JournalFile::open_for_append(&self.paths.journal(newest), generation.journal.good_len)?;
        let mut open = OpenState {
            conn,
            key,
            journal,
            base_seq: generation.base_seq,
            seq,
            snapshot_bytes: generation.snapshot_bytes,
        };
        snapshot::prune(&self.paths, newest);
        if migrated {
            // Journal records must always match their snapshot's schema: start a new generation
            // before any write lands on the new schema.
            self.compact_locked(&mut open).await?;
        }
        Ok(open)
    }

    /// Runs read-only queries on the vault's connection.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        F: for<'c> FnOnce(&'c mut SqliteConnection) -> BoxFuture<'c, Result<T>> + Send,
        T: Send,
    {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        // Cheap, and guards against a write future that was dropped half way.
        sqlx::query("PRAGMA query_only = ON").execute(&mut open.conn).await?;
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

    /// Runs `f` as one durable write. Everything `f` executes through the [`Writer`] is journaled
    /// and fsynced before the transaction commits; if `f` fails or the journal cannot be written,
    /// nothing changes, in memory or on disk.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        F: for<'w, 'c> FnOnce(&'w mut Writer<'c>) -> BoxFuture<'w, Result<T>> + Send,
        T: Send,
    {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        sqlx::query("PRAGMA query_only = OFF").execute(&mut open.conn).await?;
        let result = self.run_write(open, f).await;
        sqlx::query("PRAGMA query_only = ON").execute(&mut open.conn).await?;
        if result.is_ok() && open.journal.len() > COMPACT_MIN_JOURNAL_BYTES.max(open.snapshot_bytes) {
            // The write is already durable; a failed compaction only means a longer replay.
            let _ = self.compact_locked(open).await;
        }
        result
    }

    async fn run_write<T, F>(&self, open: &mut OpenState, f: F) -> Result<T>
    where
        F: for<'w, 'c> FnOnce(&'w mut Writer<'c>) -> BoxFuture<'w, Result<T>> + Send,
        T: Send,
    {
        let OpenState { conn, key, journal, seq, .. } = open;
        let tx = conn.begin().await?;
        let mut writer = Writer { tx, ops: Vec::new() };
        let outcome = f(&mut writer).await;
        let Writer { tx, ops } = writer;
        match outcome {
            Err(e) => {
                tx.rollback().await?;
                Err(e)
            }
            Ok(value) if ops.is_empty() => {
                tx.rollback().await?;
                Ok(value)
            }
            Ok(value) => {
                let record = ChangeRecord { seq: *seq + 1, device: self.device.clone(), at: format_time(now()), ops };
                let appended =
                    journal::encode_frame(&record, &self.vault_id, key).and_then(|frame| journal.append(&frame));
                match appended {
                    Ok(()) => {
                        tx.commit().await?;
                        *seq = record.seq;
                        Ok(value)
                    }
                    Err(e) => {
                        tx.rollback().await?;
                        Err(e)
                    }
                }
            }
        }
    }

    /// Writes a new generation now (if anything changed since the last one).
    pub async fn compact(&self) -> Result<()> {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        self.compact_locked(open).await
    }

    /// Compacts, then deletes the older generations kept as backups. For purging: deleted text
    /// lingers in those backups (and their journals) until they rotate out, and a person who
    /// purges something from the trash expects it gone from the disk now.
    pub async fn compact_discarding_backups(&self) -> Result<()> {
        let mut state = self.state.lock().await;
        let open = state.as_mut().ok_or(Error::Locked)?;
        self.compact_locked(open).await?;
        snapshot::prune_keeping(&self.paths, open.seq, 1);
        Ok(())
    }

    async fn compact_locked(&self, open: &mut OpenState) -> Result<()> {
        if open.seq == open.base_seq {
            return Ok(());
        }
        let image = open.conn.serialize(None).await?;
        let (journal, snapshot_bytes) =
            snapshot::write_generation(&self.paths, open.seq, &image, &self.vault_id, &open.key)?;
        drop(image);
        open.journal = journal;
        open.base_seq = open.seq;
        open.snapshot_bytes = snapshot_bytes;
        snapshot::prune(&self.paths, open.seq);
        Ok(())
    }

    pub(crate) fn paths(&self) -> &VaultPaths {
        &self.paths
    }

    pub(crate) fn set_config(&self, config: VaultConfig) -> Result<()> {
        self.paths.write_config(&config)?;
        *self.config.lock().expect("config mutex is never poisoned: no code panics while holding it") = config;
        Ok(())
    }

    pub(crate) async fn with_key<T>(&self, f: impl FnOnce(&VaultKey) -> T) -> Result<T> {
        let state = self.state.lock().await;
        Ok(f(&state.as_ref().ok_or(Error::Locked)?.key))
    }
}

/// The handle a [`Vault::write`] closure works through.
pub struct Writer<'c> {
    tx: sqlx::Transaction<'c, Sqlite>,
    ops: Vec<Statement>,
}

impl Writer<'_> {
    /// Executes and records one write statement; returns the rows it changed.
    pub async fn exec(&mut self, sql: &'static str, params: Params) -> Result<u64> {
        record::check_deterministic(sql)?;
        let rows = sqlx::query_with(sql, value::arguments(&params)).execute(&mut *self.tx).await?.rows_affected();
        self.ops.push(Statement { sql: sql.to_owned(), params, rows });
        Ok(rows)
    }

    /// All rows of a read inside this write's transaction (sees its earlier statements).
    pub async fn fetch_all<T>(&mut self, sql: &'static str, params: Params) -> Result<Vec<T>>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_all(&mut *self.tx).await?)
    }

    /// At most one row, inside this write's transaction.
    pub async fn fetch_optional<T>(&mut self, sql: &'static str, params: Params) -> Result<Option<T>>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_optional(&mut *self.tx).await?)
    }

    /// Exactly one row, inside this write's transaction.
    pub async fn fetch_one<T>(&mut self, sql: &'static str, params: Params) -> Result<T>
    where
        T: for<'r> FromRow<'r, SqliteRow> + Send + Unpin,
    {
        Ok(sqlx::query_as_with::<_, T, _>(sql, value::arguments(&params)).fetch_one(&mut *self.tx).await?)
    }
}

/// Replays one journal record; a statement that changes a different number of rows than it did
/// originally means the journal does not fit its snapshot.
async fn replay(conn: &mut SqliteConnection, record: &ChangeRecord) -> Result<()> {
    let mut tx = conn.begin().await?;
    for op in &record.ops {
        let done = sqlx::query_with(sqlx::AssertSqlSafe(op.sql.as_str()), value::arguments(&op.params))
            .execute(&mut *tx)
            .await
            .map_err(|_| Error::damaged(format!("journal record {} does not apply to its snapshot", record.seq)))?;
        if done.rows_affected() != op.rows {
            return Err(Error::damaged(format!("journal record {} does not apply to its snapshot", record.seq)));
        }
    }
    tx.commit().await?;
    Ok(())
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
