//! Attachments: a photo, a PDF or any other file attached to a journal entry, a session note, a
//! client (a consent form, a referral letter) or a received shared item.
//!
//! The file itself never enters the in-memory database. It is stored once in the vault folder as
//! `attachments/<content id>.age`: age-encrypted to the vault's own recipient, exactly as the
//! snapshots are, so the `age` tool and the recovery key read it (README, "Reading an attachment
//! with `age` alone"). The content id is an HMAC-SHA256 of the plaintext under a random naming
//! key kept inside the encrypted database (`attachment_naming_key`): the same file attached twice
//! is stored once, the name tells nobody without the vault key whether two vaults (or two
//! backups) hold the same file, and a swapped file is detected on reading. The naming key is not
//! derived from the vault key so that a re-key re-encrypts the files without renaming them
//! (`vault/rekey.rs`). The database holds only the metadata ([`Attachment`]).
//!
//! - **Adding** writes the encrypted file durably (temp file, fsync, rename, folder fsync) and
//!   only then the metadata record, so an acknowledged attachment always has its file; a crash in
//!   between leaves an unreferenced file, removed by the next sweep.
//! - **Reading** ([`read`]) decrypts on demand and checks the plaintext against its content id:
//!   a damaged, truncated or swapped file is refused with a clear error, never returned.
//! - **Trash**: an attachment is hidden while its owner is in the trash, can be moved to the trash
//!   on its own ([`remove`]), and is purged with its owner. After every purge the files no record
//!   refers to any more are deleted ([`sweep_unreferenced_files`]).
//! - **Size**: at most [`MAX_ATTACHMENT_BYTES`] per file, refused before it is read in full.

use std::collections::HashSet;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use crate::keys::VaultKey;
use crate::registry::kinds::ATTACHMENT;
use crate::vault::{self, Vault, layout};
use crate::{Error, Result, params};

/// The largest file that can be attached: 50 MiB.
pub const MAX_ATTACHMENT_BYTES: u64 = 50 << 20;

/// What an attachment can belong to, as `owner_kind` names it.
pub const OWNER_KINDS: [&str; 4] = ["journal_entry", "session_note", "client", "received_item"];

/// One attached file's metadata (the file itself is only read by [`read`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Attachment {
    /// Its id.
    pub id: String,
    /// What it belongs to: `journal_entry`, `session_note`, `client` or `received_item`.
    pub owner_kind: String,
    /// The id of what it belongs to.
    pub owner_id: String,
    /// The file's name as it was attached (no folders).
    pub file_name: String,
    /// Its media type (`image/jpeg`, `application/pdf`…), from its name and first bytes.
    pub media_type: String,
    /// Its size in bytes (of the plaintext).
    #[ts(type = "number")]
    pub size: i64,
    /// The HMAC of its content that names its encrypted file: `attachments/<content_id>.age`.
    pub content_id: String,
    /// When it was attached.
    pub created_at: DateTime<Utc>,
}

impl Attachment {
    /// Its encrypted file, relative to the vault folder (`attachments/<content id>.age`).
    pub fn relative_path(&self) -> String {
        format!("{}/{}.age", layout::ATTACHMENTS_DIR, self.content_id)
    }

    /// Whether the window can show it as a thumbnail.
    pub fn is_image(&self) -> bool {
        matches!(self.media_type.as_str(), "image/jpeg" | "image/png" | "image/gif" | "image/webp")
    }
}

/// Serialises adding files with sweeping them: a sweep must never delete a file whose metadata
/// record is about to be written.
static FILES: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

/// An attachment whose owner is live (not in the trash): the condition over `a`.
macro_rules! owner_live {
    () => {
        "(CASE a.owner_kind \
           WHEN 'journal_entry' THEN EXISTS (SELECT 1 FROM journal_entries o WHERE o.id = a.owner_id AND o.deleted_at IS NULL) \
           WHEN 'session_note' THEN EXISTS (SELECT 1 FROM session_notes o WHERE o.id = a.owner_id AND o.deleted_at IS NULL) \
           WHEN 'client' THEN EXISTS (SELECT 1 FROM clients o WHERE o.id = a.owner_id AND o.deleted_at IS NULL) \
           ELSE EXISTS (SELECT 1 FROM received_items o WHERE o.id = a.owner_id) END)"
    };
}

fn check_owner_kind(kind: &str) -> Result<()> {
    if OWNER_KINDS.contains(&kind) {
        Ok(())
    } else {
        Err(Error::invalid(
            "Attach to",
            format!("\"{kind}\" cannot have attachments (one of: {})", OWNER_KINDS.join(", ")),
        ))
    }
}

/// Attaches the file at `path` to the owner. Refuses a file over [`MAX_ATTACHMENT_BYTES`] before
/// reading it, and reads at most one byte past the limit whatever the file claims.
pub async fn add_file(vault: &Vault, owner_kind: &str, owner_id: &str, path: &Path) -> Result<Attachment> {
    check_owner_kind(owner_kind)?;
    // A path the person typed: one that is not there, or a folder, says so and names it (it used
    // to be a storage failure, "a file or folder is missing" / "an input/output error").
    let unreadable = |action, e| Error::unreadable("File", path, action, e);
    let file = fs::File::open(path).map_err(|e| unreadable("Opening the file to attach", e))?;
    let meta = file.metadata().map_err(|e| unreadable("Reading the file to attach", e))?;
    if meta.is_dir() {
        return Err(unreadable("Reading the file to attach", std::io::ErrorKind::IsADirectory.into()));
    }
    let len = meta.len();
    if len > MAX_ATTACHMENT_BYTES {
        return Err(too_large(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(MAX_ATTACHMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| unreadable("Reading the file to attach", e))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    add(vault, owner_kind, owner_id, &name, &bytes).await
}

fn too_large(len: u64) -> Error {
    Error::invalid(
        "File",
        format!(
            "it is {}; the largest file Wellkept attaches is {}. Make it smaller (a lower-resolution scan or photo) or keep it outside the vault",
            format_size(len),
            format_size(MAX_ATTACHMENT_BYTES)
        ),
    )
}

/// Attaches `bytes` named `file_name` to the owner (`owner_kind` one of [`OWNER_KINDS`], a live
/// record). The encrypted file is durable before the metadata record is written.
pub async fn add(vault: &Vault, owner_kind: &str, owner_id: &str, file_name: &str, bytes: &[u8]) -> Result<Attachment> {
    check_owner_kind(owner_kind)?;
    if bytes.len() as u64 > MAX_ATTACHMENT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    let file_name = clean_file_name(file_name);
    let media_type = media_type(&file_name, bytes).to_owned();
    if vault.is_read_only().await {
        return Err(Error::ReadOnly { reason: "the vault was opened read-only: nothing can be attached".into() });
    }
    let naming = naming_key(vault).await?;
    let content_id = naming.content_id(bytes);
    let sealed = vault
        .with_key_reading(|key| {
            age::encrypt(&key.recipient(), bytes)
                .map_err(|e| Error::Internal { detail: format!("encrypting an attachment: {e}") })
        })
        .await??;
    let _files = FILES.lock().await;
    store_file(vault, &naming, &content_id, &sealed).await?;
    let attachment = Attachment {
        id: vault::new_id(),
        owner_kind: owner_kind.to_owned(),
        owner_id: owner_id.to_owned(),
        file_name,
        media_type,
        size: bytes.len() as i64,
        content_id: content_id.clone(),
        // As stored (milliseconds), so what is returned equals what is listed later.
        created_at: chrono::SubsecRound::trunc_subsecs(vault::now(), 3),
    };
    let row = attachment.clone();
    let written = vault
        .write(move |w| {
            Box::pin(async move {
                let (live,) = w.fetch_one::<(i64,)>(owner_check(&row.owner_kind), params![row.owner_id.as_str()]).await?;
                if live == 0 {
                    return Err(Error::NotFound { what: owner_what(&row.owner_kind) });
                }
                w.exec(
                    "INSERT INTO attachments(id, owner_kind, owner_id, file_name, media_type, size, content_id, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    params![
                        row.id.as_str(),
                        row.owner_kind.as_str(),
                        row.owner_id.as_str(),
                        row.file_name.as_str(),
                        row.media_type.as_str(),
                        row.size,
                        row.content_id.as_str(),
                        vault::format_time(row.created_at)
                    ],
                )
                .await?;
                Ok(())
            })
        })
        .await;
    if let Err(e) = written {
        // Nothing refers to a file stored just now for this attachment: take it away again.
        let referenced = vault
            .fetch_one::<(i64,)>("SELECT count(*) FROM attachments WHERE content_id = ?", params![content_id.as_str()])
            .await
            .map(|(n,)| n > 0)
            .unwrap_or(true);
        if !referenced {
            let _ = fs::remove_file(vault.paths().attachment(&content_id));
        }
        return Err(e);
    }
    Ok(attachment)
}

/// Attaches `bytes` to the owner unless the owner already has (or had, and moved to the trash)
/// a file with the same content: what an import that may arrive more than once uses, so that
/// arriving again completes what a crash cut short and never brings back what the person
/// trashed. `None` when it was already there.
pub async fn add_unless_held(
    vault: &Vault,
    owner_kind: &str,
    owner_id: &str,
    file_name: &str,
    bytes: &[u8],
) -> Result<Option<Attachment>> {
    check_owner_kind(owner_kind)?;
    let content_id = naming_key(vault).await?.content_id(bytes);
    let (held,) = vault
        .fetch_one::<(i64,)>(
            "SELECT count(*) FROM attachments WHERE owner_kind = ? AND owner_id = ? AND content_id = ?",
            params![owner_kind, owner_id, content_id.as_str()],
        )
        .await?;
    if held > 0 {
        return Ok(None);
    }
    add(vault, owner_kind, owner_id, file_name, bytes).await.map(Some)
}

fn owner_check(kind: &str) -> &'static str {
    match kind {
        "journal_entry" => "SELECT count(*) FROM journal_entries WHERE id = ? AND deleted_at IS NULL",
        "session_note" => "SELECT count(*) FROM session_notes WHERE id = ? AND deleted_at IS NULL",
        "client" => "SELECT count(*) FROM clients WHERE id = ? AND deleted_at IS NULL",
        _ => "SELECT count(*) FROM received_items WHERE id = ?",
    }
}

fn owner_what(kind: &str) -> &'static str {
    match kind {
        "journal_entry" => "That journal entry",
        "session_note" => "That session note",
        "client" => "That client",
        _ => "That received item",
    }
}

/// Writes the encrypted file for `content_id`, unless an intact copy is already there (the same
/// content attached before): temp file, fsync, rename, folder fsync.
async fn store_file(vault: &Vault, naming: &NamingKey, content_id: &str, sealed: &[u8]) -> Result<()> {
    let paths = vault.paths();
    let dir = paths.attachments();
    if !dir.is_dir() {
        layout::create_private_dir(&dir).map_err(|e| Error::storage("Creating the attachments folder", e))?;
        layout::sync_dir(paths.root()).map_err(|e| Error::storage("Creating the attachments folder", e))?;
    }
    let path = paths.attachment(content_id);
    if let Ok(existing) = fs::read(&path) {
        let intact = vault.with_key_reading(|key| open_sealed(key, naming, &existing, content_id).is_ok()).await?;
        if intact {
            return Ok(());
        }
    }
    layout::write_atomic(&path, sealed, "Saving the attached file")
}

/// The attachments of one owner, oldest first: none while the owner is in the trash, and not
/// those moved to the trash on their own.
pub async fn list(vault: &Vault, owner_kind: &str, owner_id: &str) -> Result<Vec<Attachment>> {
    check_owner_kind(owner_kind)?;
    vault
        .fetch_all::<Attachment>(
            concat!(
                "SELECT a.id, a.owner_kind, a.owner_id, a.file_name, a.media_type, a.size, a.content_id, a.created_at ",
                "FROM attachments a WHERE a.owner_kind = ?1 AND a.owner_id = ?2 AND a.deleted_at IS NULL AND ",
                owner_live!(),
                " ORDER BY a.created_at, a.id"
            ),
            params![owner_kind, owner_id],
        )
        .await
}

/// One visible attachment's metadata (live, its owner live).
pub async fn get(vault: &Vault, id: &str) -> Result<Attachment> {
    vault
        .fetch_optional::<Attachment>(
            concat!(
                "SELECT a.id, a.owner_kind, a.owner_id, a.file_name, a.media_type, a.size, a.content_id, a.created_at ",
                "FROM attachments a WHERE a.id = ?1 AND a.deleted_at IS NULL AND ",
                owner_live!()
            ),
            params![id],
        )
        .await?
        .ok_or(Error::NotFound { what: "That attachment" })
}

/// Decrypts one attachment's file and checks it against its content id.
pub async fn read(vault: &Vault, id: &str) -> Result<(Attachment, Vec<u8>)> {
    let attachment = get(vault, id).await?;
    let bytes = read_content(vault, &attachment).await?;
    Ok((attachment, bytes))
}

/// The plaintext of `attachment`'s file, checked.
pub async fn read_content(vault: &Vault, attachment: &Attachment) -> Result<Vec<u8>> {
    let path = vault.paths().attachment(&attachment.content_id);
    let sealed = read_sealed(&path, &attachment.file_name)?;
    let naming =
        stored_naming_key(vault).await?.ok_or_else(|| damaged(&attachment.file_name, &attachment.relative_path()))?;
    let plain = vault
        .with_key_reading(|key| open_sealed(key, &naming, &sealed, &attachment.content_id))
        .await?
        .map_err(|e| match e {
            Error::Damaged { .. } => damaged(&attachment.file_name, &attachment.relative_path()),
            other => other,
        })?;
    Ok(plain)
}

fn read_sealed(path: &Path, name: &str) -> Result<Vec<u8>> {
    let file = fs::File::open(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::damaged_saying(format!(
            "the file of the attachment \"{name}\" is missing from the vault folder; restore a backup that has it"
        )),
        _ => Error::storage("Reading an attached file", e),
    })?;
    // age adds ~200 bytes of header and 16 bytes per 64 KiB chunk; anything much larger is not ours.
    let cap = MAX_ATTACHMENT_BYTES + MAX_ATTACHMENT_BYTES / 1024 + 4096;
    let mut sealed = Vec::new();
    file.take(cap + 1).read_to_end(&mut sealed).map_err(|e| Error::storage("Reading an attached file", e))?;
    if sealed.len() as u64 > cap {
        return Err(Error::damaged(format!(
            "the file of the attachment \"{name}\" is larger than any Wellkept writes"
        )));
    }
    Ok(sealed)
}

fn damaged(name: &str, relative: &str) -> Error {
    Error::damaged_saying(format!(
        "the file of the attachment \"{name}\" ({relative}) is damaged or was replaced, so it was not opened; restore a backup that has it"
    ))
}

/// An image attachment as a `data:` URL (for a thumbnail in the window: decrypted in memory,
/// never written to disk); `None` for anything else, or an image over `max_bytes`.
pub async fn thumbnail_data_url(vault: &Vault, id: &str, max_bytes: i64) -> Result<Option<String>> {
    use base64::Engine as _;
    let attachment = get(vault, id).await?;
    if !attachment.is_image() || attachment.size > max_bytes {
        return Ok(None);
    }
    let bytes = zeroize::Zeroizing::new(read_content(vault, &attachment).await?);
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes.as_slice());
    Ok(Some(format!("data:{};base64,{encoded}", attachment.media_type)))
}

/// Decrypts a sealed attachment file and checks that its plaintext has `content_id`. Any damage
/// — not age, truncated, another key, other content — is [`Error::Damaged`], never a panic.
pub fn open_sealed(key: &VaultKey, naming: &NamingKey, sealed: &[u8], content_id: &str) -> Result<Vec<u8>> {
    let bad = || Error::damaged("an attached file is damaged");
    let plain = age::decrypt(key.identity(), sealed).map_err(|_| bad())?;
    if !naming.matches(&plain, content_id) {
        return Err(bad());
    }
    Ok(plain)
}

/// The key that names attachment files (see the module docs). `Debug` never shows it.
#[derive(Clone)]
pub struct NamingKey(zeroize::Zeroizing<[u8; 32]>);

impl std::fmt::Debug for NamingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NamingKey(…)")
    }
}

impl NamingKey {
    /// A fresh random key.
    pub fn generate() -> Self {
        let mut bytes = zeroize::Zeroizing::new([0u8; 32]);
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, bytes.as_mut());
        Self(bytes)
    }

    /// A key with these bytes: for tests and the fuzzer, which need the same names every run.
    pub fn from_bytes(bytes: [u8; 32]) -> Self {
        Self(zeroize::Zeroizing::new(bytes))
    }

    fn from_hex(text: &str) -> Option<Self> {
        let bytes = decode_hex(text)?;
        let mut key = zeroize::Zeroizing::new([0u8; 32]);
        key.copy_from_slice(&bytes);
        Some(Self(key))
    }

    fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    fn mac(&self) -> Hmac<Sha256> {
        let mut m = <Hmac<Sha256> as Mac>::new_from_slice(self.0.as_ref()).expect("HMAC accepts keys of any length");
        m.update(CONTENT_MAC_CONTEXT);
        m
    }

    /// The content id of `bytes`: HMAC-SHA256, 64 hex digits.
    pub fn content_id(&self, bytes: &[u8]) -> String {
        let mut m = self.mac();
        m.update(bytes);
        m.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
    }

    fn matches(&self, bytes: &[u8], content_id: &str) -> bool {
        let Some(expected) = decode_hex(content_id) else { return false };
        let mut m = self.mac();
        m.update(bytes);
        m.verify_slice(&expected).is_ok()
    }
}

const CONTENT_MAC_CONTEXT: &[u8] = b"wellkept attachment content v1\0";

/// This vault's naming key, made (in a write of its own) the first time one is needed.
async fn naming_key(vault: &Vault) -> Result<NamingKey> {
    if let Some(key) = stored_naming_key(vault).await? {
        return Ok(key);
    }
    let fresh = NamingKey::generate().to_hex();
    vault
        .exec(
            "INSERT INTO attachment_naming_key(id, secret) VALUES (1, ?) ON CONFLICT(id) DO NOTHING",
            params![fresh.as_str()],
        )
        .await?;
    stored_naming_key(vault).await?.ok_or(Error::Internal { detail: "the attachment naming key was not saved".into() })
}

async fn stored_naming_key(vault: &Vault) -> Result<Option<NamingKey>> {
    let row =
        vault.fetch_optional::<(String,)>("SELECT secret FROM attachment_naming_key WHERE id = 1", params![]).await?;
    match row {
        None => Ok(None),
        Some((hex,)) => NamingKey::from_hex(&hex)
            .map(Some)
            .ok_or_else(|| Error::damaged("the attachment naming key in the vault is not valid")),
    }
}

fn decode_hex(text: &str) -> Option<Vec<u8>> {
    if text.len() != 64 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..32).map(|i| u8::from_str_radix(&text[2 * i..2 * i + 2], 16).ok()).collect()
}

/// Moves one attachment to the trash (restore and purge it there, as any record).
pub async fn remove(vault: &Vault, id: &str) -> Result<()> {
    ATTACHMENT.delete(vault, id).await
}

/// Deletes for good every attachment of one owner (live or in the trash) and the files no record
/// refers to any more; returns how many records went. For erasing a whole client or record.
pub async fn remove_all_for_owner(vault: &Vault, owner_kind: &str, owner_id: &str) -> Result<u64> {
    check_owner_kind(owner_kind)?;
    let (kind, id) = (owner_kind.to_owned(), owner_id.to_owned());
    let removed = vault
        .exec("DELETE FROM attachments WHERE owner_kind = ? AND owner_id = ?", params![kind.as_str(), id.as_str()])
        .await?;
    sweep_unreferenced_files(vault).await?;
    Ok(removed)
}

/// Deletes the files in `attachments/` that no record refers to (after a purge), and temp files
/// left by an interrupted write. Returns how many files went.
pub async fn sweep_unreferenced_files(vault: &Vault) -> Result<usize> {
    let _files = FILES.lock().await;
    let dir = vault.paths().attachments();
    if !dir.is_dir() {
        return Ok(0);
    }
    let referenced: HashSet<String> = vault
        .fetch_all::<(String,)>("SELECT DISTINCT content_id FROM attachments", params![])
        .await?
        .into_iter()
        .map(|(c,)| c)
        .collect();
    let mut removed = 0;
    let entries = fs::read_dir(&dir).map_err(|e| Error::storage("Reading the attachments folder", e))?;
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let keep = name.strip_suffix(".age").is_some_and(|id| referenced.contains(id));
        let ours = name.ends_with(".age") || name.ends_with(".tmp");
        if ours && !keep && fs::remove_file(entry.path()).is_ok() {
            removed += 1;
        }
    }
    if removed > 0 {
        let _ = layout::sync_dir(&dir);
    }
    Ok(removed)
}

/// What `wellkept verify` found about the attached files ([`check_files`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FilesChecked {
    /// How many attachment records were checked (each once, in the trash or not).
    pub checked: usize,
    /// Those whose file is missing or damaged, oldest first.
    pub problems: Vec<FileProblem>,
}

/// One attachment whose file is missing or damaged. Its `Display` is the line `verify` prints:
/// `Attachment "scan.pdf" on client Ana Reyes: its file attachments/<id>.age is missing`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileProblem {
    /// The attachment's id.
    pub attachment_id: String,
    /// Its file name as attached.
    pub file_name: String,
    /// What it is attached to, in words ("client Ana Reyes", "journal entry \"Allotment\"").
    pub owner: String,
    /// Its encrypted file, relative to the vault folder.
    pub relative_path: String,
    /// What is wrong with it.
    pub fault: FileFault,
}

/// What is wrong with an attached file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FileFault {
    /// There is no file.
    Missing,
    /// It does not decrypt with the vault key, or not to the content its id names.
    Damaged,
    /// It decrypts to the right content, but not of the size the record holds.
    WrongSize {
        /// Bytes it holds.
        found: u64,
        /// Bytes the record says.
        recorded: i64,
    },
    /// It could not be read (permissions, a failing disk).
    Unreadable {
        /// The system's reason.
        reason: String,
    },
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Attachment \"{}\" on {}: its file {} ", self.file_name, self.owner, self.relative_path)?;
        match &self.fault {
            FileFault::Missing => f.write_str("is missing"),
            FileFault::Damaged => f.write_str("is damaged or was replaced (it does not decrypt to the file attached)"),
            FileFault::WrongSize { found, recorded } => {
                write!(f, "holds {found} bytes, not the {recorded} recorded")
            }
            FileFault::Unreadable { reason } => write!(f, "could not be read ({reason})"),
        }
    }
}

/// Checks the file of every attachment record not purged (live, in the trash, or whose owner is
/// in the trash: a restore from the trash needs them all): it exists, decrypts with the vault
/// key, has the content its id names and the size recorded. Reads only; one file in memory at a
/// time, wiped after its check.
pub async fn check_files(vault: &Vault) -> Result<FilesChecked> {
    let all = vault
        .fetch_all::<Attachment>(
            "SELECT id, owner_kind, owner_id, file_name, media_type, size, content_id, created_at \
             FROM attachments ORDER BY created_at, id",
            params![],
        )
        .await?;
    let naming = if all.is_empty() { None } else { stored_naming_key(vault).await.ok().flatten() };
    let mut problems = Vec::new();
    for attachment in &all {
        let Some(fault) = check_file(vault, naming.as_ref(), attachment).await? else { continue };
        problems.push(FileProblem {
            attachment_id: attachment.id.clone(),
            file_name: attachment.file_name.clone(),
            owner: describe_owner(vault, &attachment.owner_kind, &attachment.owner_id).await?,
            relative_path: attachment.relative_path(),
            fault,
        });
    }
    Ok(FilesChecked { checked: all.len(), problems })
}

async fn check_file(vault: &Vault, naming: Option<&NamingKey>, attachment: &Attachment) -> Result<Option<FileFault>> {
    let path = vault.paths().attachment(&attachment.content_id);
    let sealed = match fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Some(FileFault::Missing)),
        Err(e) => return Ok(Some(FileFault::Unreadable { reason: e.to_string() })),
    };
    // Without the naming key no content can be vouched for.
    let Some(naming) = naming else { return Ok(Some(FileFault::Damaged)) };
    let opened = vault.with_key_reading(|key| open_sealed(key, naming, &sealed, &attachment.content_id)).await?;
    Ok(match opened {
        Err(_) => Some(FileFault::Damaged),
        Ok(plain) => {
            let plain = zeroize::Zeroizing::new(plain);
            let found = plain.len() as u64;
            (i64::try_from(found).ok() != Some(attachment.size))
                .then_some(FileFault::WrongSize { found, recorded: attachment.size })
        }
    })
}

/// What an attachment belongs to, in words: "client Ana Reyes", "journal entry \"Allotment\"",
/// "session note of 2026-03-19 with Jordan Rivers", "journal entry shared by Jordan Rivers".
async fn describe_owner(vault: &Vault, kind: &str, id: &str) -> Result<String> {
    let described = match kind {
        "client" => vault
            .fetch_optional::<(String,)>("SELECT name FROM clients WHERE id = ?", params![id])
            .await?
            .map(|(name,)| format!("client {name}")),
        "journal_entry" => vault
            .fetch_optional::<(String, String)>("SELECT title, entry_date FROM journal_entries WHERE id = ?", params![id])
            .await?
            .map(|(title, day)| {
                if title.trim().is_empty() {
                    format!("the journal entry of {day}")
                } else {
                    format!("journal entry \"{title}\"")
                }
            }),
        "session_note" => vault
            .fetch_optional::<(String, String)>(
                "SELECT n.session_date, c.name FROM session_notes n JOIN clients c ON c.id = n.client_id WHERE n.id = ?",
                params![id],
            )
            .await?
            .map(|(day, client)| format!("the session note of {day} with {client}")),
        _ => vault
            .fetch_optional::<(String, Option<String>)>(
                "SELECT r.kind, c.display_name FROM received_items r LEFT JOIN contacts c ON c.id = r.contact_id WHERE r.id = ?",
                params![id],
            )
            .await?
            .map(|(what, from)| {
                let what = what.replace('_', " ");
                match from {
                    Some(from) => format!("the {what} shared by {from}"),
                    None => format!("a received {what}"),
                }
            }),
    };
    Ok(described.unwrap_or_else(|| format!("a {} no longer in the vault", kind.replace('_', " "))))
}

/// The encrypted files a backup must carry: every file a record (live or in the trash) refers to.
pub(crate) async fn files_for_backup(vault: &Vault) -> Result<Vec<(String, PathBuf)>> {
    let ids = vault.fetch_all::<(String,)>("SELECT DISTINCT content_id FROM attachments ORDER BY 1", params![]).await?;
    Ok(ids
        .into_iter()
        .map(|(id,)| (format!("{}/{id}.age", layout::ATTACHMENTS_DIR), vault.paths().attachment(&id)))
        .collect())
}

/// A file name as stored: no folders, no control characters, at most 255 characters.
fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(255).collect();
    let cleaned = cleaned.trim();
    if cleaned.is_empty() || cleaned == "." || cleaned == ".." { "attachment".to_owned() } else { cleaned.to_owned() }
}

/// The media type from the first bytes, else from the name's extension.
pub fn media_type(name: &str, bytes: &[u8]) -> &'static str {
    if bytes.starts_with(b"%PDF-") {
        return "application/pdf";
    }
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return "image/png";
    }
    if bytes.starts_with(b"\xff\xd8\xff") {
        return "image/jpeg";
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return "image/gif";
    }
    if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        return "image/webp";
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "jpg" | "jpeg" => "image/jpeg",
        "png" => "image/png",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "heic" => "image/heic",
        "pdf" => "application/pdf",
        "m4a" => "audio/mp4",
        "mp3" => "audio/mpeg",
        "wav" => "audio/wav",
        "aac" => "audio/aac",
        "mp4" => "video/mp4",
        "mov" => "video/quicktime",
        "txt" => "text/plain",
        "md" => "text/markdown",
        "doc" => "application/msword",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
}

/// A size for a person: "812 bytes", "14.2 KB", "3.1 MB" (powers of 1024, one decimal).
pub fn format_size(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} byte{}", if bytes == 1 { "" } else { "s" })
    } else if b < KB * KB {
        format!("{:.1} KB", b / KB)
    } else if b < KB * KB * KB {
        format!("{:.1} MB", b / (KB * KB))
    } else {
        format!("{:.1} GB", b / (KB * KB * KB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_control_characters() {
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("C:\\scans\\consent.pdf"), "consent.pdf");
        assert_eq!(clean_file_name("a\nb.txt"), "ab.txt");
        assert_eq!(clean_file_name(".."), "attachment");
        assert_eq!(clean_file_name(""), "attachment");
    }

    #[test]
    fn media_types_come_from_bytes_first() {
        assert_eq!(media_type("scan.bin", b"%PDF-1.4"), "application/pdf");
        assert_eq!(media_type("photo.pdf", b"\xff\xd8\xff\xe0"), "image/jpeg");
        assert_eq!(media_type("voice.m4a", b"\0\0\0\x18ftypM4A "), "audio/mp4");
        assert_eq!(media_type("mystery", b"??"), "application/octet-stream");
    }

    #[test]
    fn sizes_read_as_a_person_would_say_them() {
        assert_eq!(format_size(1), "1 byte");
        assert_eq!(format_size(812), "812 bytes");
        assert_eq!(format_size(14_540), "14.2 KB");
        assert_eq!(format_size(50 << 20), "50.0 MB");
    }

    #[test]
    fn a_damaged_sealed_file_is_an_error_never_a_panic() {
        let key = VaultKey::generate();
        let naming = NamingKey::generate();
        let plain = b"consent form, signed".to_vec();
        let id = naming.content_id(&plain);
        let sealed = age::encrypt(&key.recipient(), &plain).expect("encrypt");
        assert_eq!(open_sealed(&key, &naming, &sealed, &id).expect("intact"), plain);
        for cut in [0, 1, 20, sealed.len() / 2, sealed.len() - 1] {
            assert!(open_sealed(&key, &naming, &sealed[..cut], &id).is_err(), "truncated at {cut}");
        }
        let mut flipped = sealed.clone();
        let last = flipped.len() - 5;
        flipped[last] ^= 1;
        assert_eq!(open_sealed(&key, &naming, &flipped, &id).unwrap_err().kind(), "damaged");
        // A valid age file to the same recipient with other content: refused by the content id.
        let swapped = age::encrypt(&key.recipient(), b"something else".as_slice()).expect("encrypt");
        assert_eq!(open_sealed(&key, &naming, &swapped, &id).unwrap_err().kind(), "damaged");
        // Another naming key does not vouch for it; another vault's key opens nothing.
        assert!(open_sealed(&key, &NamingKey::generate(), &sealed, &id).is_err());
        assert!(open_sealed(&VaultKey::generate(), &naming, &sealed, &id).is_err());
    }
}
