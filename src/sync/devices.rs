//! The computers that open a vault: each has a random id of its own, kept outside the vault
//! folder, and one small file inside it that only it writes (issue 15, deliverables 1, 4, 8).
//!
//! ```text
//! <vault>/devices/<id>.age                 this computer's name, when it first and last opened
//!                                          the vault; age-encrypted to the vault key; written
//!                                          only by the computer it names
//! <data dir>/wellkept/devices/<vault id>   this computer's id for that vault (0600)
//! ```
//! The id lives outside the folder so that copying or syncing the folder never makes two
//! computers one, and per vault so that two vaults cannot link a computer's activity. A sync
//! engine never sees two writers of a device file: a computer rewrites only its own (when it
//! opens the vault for writing, and when the person renames it); removing another computer's
//! file is an explicit action in settings, and if that computer opens the vault again it simply
//! writes its file again.

use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::hlc::DeviceId;
use crate::keys::VaultKey;
use crate::vault::layout;
use crate::{Error, Result};

/// The folder of device files inside a vault.
pub const DEVICES_DIR: &str = "devices";

/// What a device file holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DeviceFile {
    id: String,
    name: String,
    first_seen: DateTime<Utc>,
    last_seen: DateTime<Utc>,
}

/// One computer, as the settings list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeviceInfo {
    /// Its id (32 hex digits): what `remove` takes.
    pub id: String,
    /// The first 8 hex digits, for telling computers apart in a message.
    pub short_id: String,
    /// The name the person gave it (the computer's host name until renamed).
    pub name: String,
    /// When it first opened this vault for writing.
    pub first_seen: DateTime<Utc>,
    /// When it last did.
    pub last_seen: DateTime<Utc>,
    /// Whether it is the computer this runs on.
    pub this_computer: bool,
    /// Whether it is the vault's home: the computer that writes its snapshots and backups
    /// (`src/vault/peers.rs`).
    pub home: bool,
}

impl DeviceId {
    /// 32 hex digits: the id in file names.
    pub fn hex(&self) -> String {
        format!("{:032x}", self.0)
    }

    /// The id from its 32 hex digits, or `None`.
    pub fn from_hex(text: &str) -> Option<Self> {
        (text.len() == 32 && text.bytes().all(|b| b.is_ascii_hexdigit()))
            .then(|| u128::from_str_radix(text, 16).ok().map(DeviceId))
            .flatten()
    }
}

fn id_file(vault_id: &str) -> Option<PathBuf> {
    crate::vault::state_dir().map(|d| d.join("devices").join(vault_id))
}

/// This computer's id for the vault `vault_id`: read from this computer's state folder, or made
/// and saved there the first time. Without a state folder (no HOME), a fresh id each run. Called
/// once per writable open (the id is kept on the open vault); a read-only open uses
/// [`saved_device`] instead, which writes nothing.
pub fn this_device(vault_id: &str) -> DeviceId {
    let Some(path) = id_file(vault_id) else { return DeviceId::random() };
    if let Some(id) = read_id(&path) {
        return id;
    }
    let id = DeviceId::random();
    if let Some(folder) = path.parent() {
        let made = std::fs::create_dir_all(folder).and_then(|()| layout::create_private_dir(folder));
        if made.is_ok() {
            // Best effort: an id that could not be saved only means this computer appears
            // again, under a new id, the next time.
            let _ = layout::write_atomic(&path, id.hex().as_bytes(), "Saving this computer's id");
        }
    }
    id
}

/// This computer's id for the vault `vault_id` if it has saved one; never writes.
pub fn saved_device(vault_id: &str) -> Option<DeviceId> {
    read_id(&id_file(vault_id)?)
}

fn read_id(path: &Path) -> Option<DeviceId> {
    std::fs::read_to_string(path).ok().and_then(|t| DeviceId::from_hex(t.trim()))
}

/// This computer's name as the system gives it, for a first device file.
fn host_name() -> String {
    let from_file = |p: &str| std::fs::read_to_string(p).ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    from_file("/proc/sys/kernel/hostname")
        .or_else(|| from_file("/etc/hostname"))
        .or_else(|| std::env::var("COMPUTERNAME").ok())
        .unwrap_or_else(|| "This computer".to_owned())
}

fn device_path(vault: &Path, id: DeviceId) -> PathBuf {
    vault.join(DEVICES_DIR).join(format!("{}.age", id.hex()))
}

fn read(path: &Path, key: &VaultKey) -> Option<DeviceFile> {
    let sealed = std::fs::read(path).ok()?;
    let plain = crate::vault::plaintext::decrypt(key.identity(), &sealed)?;
    serde_json::from_slice(&plain).ok()
}

fn write(vault: &Path, key: &VaultKey, file: &DeviceFile) -> Result<()> {
    let folder = vault.join(DEVICES_DIR);
    layout::create_private_dir(&folder).map_err(|e| Error::storage("Creating the devices folder", e))?;
    let json = serde_json::to_vec(file).map_err(|e| Error::Internal { detail: format!("device file: {e}") })?;
    let sealed = age::encrypt(&key.recipient(), &json)
        .map_err(|e| Error::Internal { detail: format!("encrypting the device file: {e}") })?;
    let id = DeviceId::from_hex(&file.id).ok_or_else(|| Error::Internal { detail: "device id".into() })?;
    layout::write_atomic(&device_path(vault, id), &sealed, "Saving this computer's entry")
}

/// Records that this computer opened the vault for writing at `now`: its own file only. A
/// first file takes the name `former` (the name it had when it was taken off the list, if it
/// was), else the system's host name.
pub(crate) fn touch(
    vault: &Path,
    key: &VaultKey,
    this: DeviceId,
    former: Option<String>,
    now: DateTime<Utc>,
) -> Result<()> {
    let file = match read(&device_path(vault, this), key) {
        Some(mut file) => {
            file.last_seen = now;
            file
        }
        None => DeviceFile { id: this.hex(), name: former.unwrap_or_else(host_name), first_seen: now, last_seen: now },
    };
    write(vault, key, &file)
}

/// Every computer that has opened the vault and can be read with `key`, the one last seen
/// first. Files that do not decrypt (from before a re-key, or damaged) are left out.
pub(crate) fn list(vault: &Path, key: &VaultKey, this: DeviceId, home: Option<&str>) -> Vec<DeviceInfo> {
    let mut out: Vec<DeviceInfo> = std::fs::read_dir(vault.join(DEVICES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let id = DeviceId::from_hex(name.strip_suffix(".age")?)?;
            let file = read(&entry.path(), key)?;
            // A file renamed to another computer's name is not that computer.
            (file.id == id.hex()).then(|| DeviceInfo {
                short_id: id.to_string(),
                name: file.name,
                first_seen: file.first_seen,
                last_seen: file.last_seen,
                this_computer: id == this,
                home: home == Some(file.id.as_str()),
                id: file.id,
            })
        })
        .collect();
    out.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then_with(|| a.id.cmp(&b.id)));
    out
}

/// Renames this computer (only its own file is written).
pub(crate) fn rename(vault: &Path, key: &VaultKey, this: DeviceId, name: &str, now: DateTime<Utc>) -> Result<()> {
    let name = crate::validate::line("Name", name, 80)?;
    if name.is_empty() {
        return Err(Error::invalid("Name", "give this computer a name"));
    }
    let mut file = read(&device_path(vault, this), key).unwrap_or(DeviceFile {
        id: this.hex(),
        name: String::new(),
        first_seen: now,
        last_seen: now,
    });
    file.name = name;
    write(vault, key, &file)
}

/// Whether computer `id` (32 hex digits) has an entry: false once it was removed.
pub(crate) fn is_listed(vault: &Path, id: &str) -> bool {
    DeviceId::from_hex(id).is_some_and(|id| device_path(vault, id).exists())
}

/// Forgets another computer. This computer cannot remove itself.
pub(crate) fn remove(vault: &Path, this: DeviceId, id: &str) -> Result<()> {
    let target =
        DeviceId::from_hex(id.trim()).ok_or_else(|| Error::invalid("id", "give the 32-digit id from the list"))?;
    if target == this {
        return Err(Error::invalid("id", "that is the computer you are using; it cannot remove itself"));
    }
    match std::fs::remove_file(device_path(vault, target)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NotFound { what: "That computer" }),
        Err(e) => Err(Error::storage("Removing the computer", e)),
    }
}

/// Rewrites every device file that decrypts under `old` so that it decrypts under `new`
/// (after a re-key). Best effort: a file that fails stays as it was, and its computer writes
/// it again the next time it opens the vault.
pub(crate) fn rekey(vault: &Path, old: &VaultKey, new: &VaultKey) {
    for entry in std::fs::read_dir(vault.join(DEVICES_DIR)).into_iter().flatten().flatten() {
        if let Some(file) = read(&entry.path(), old) {
            let _ = write(vault, new, &file);
        }
    }
}
