//! The computers that open a vault: each has a random id of its own, kept outside the vault
//! folder, and one small file inside it that only it writes (issue 15, deliverables 1, 4, 8).
//!
//! ```text
//! <vault>/devices/<id>.age                 this computer's name, when it first and last opened
//!                                          the vault; age-encrypted to the vault key; written
//!                                          only by the computer it names
//! <data dir>/wellkept/devices/<vault id>   this computer's id for that vault (0600)
//! <data dir>/wellkept/entries/<vault id>.age  a copy of this computer's own entry, rewritten
//!                                          only when its name changes (decision 75)
//! ```
//! The id lives outside the folder so that copying or syncing the folder never makes two
//! computers one, and per vault so that two vaults cannot link a computer's activity. A sync
//! engine never sees two writers of a device file: a computer rewrites only its own (when it
//! opens the vault for writing, and when the person renames it); removing another computer's
//! file is an explicit action in settings, and if that computer opens the vault again it simply
//! writes its file again.
//!
//! A damaged entry (decision 75) is never dropped or overwritten without a word: its own
//! computer moves it aside (`<id>.age.damaged`) before writing a fresh one, named from its copy
//! outside the folder; every other computer lists it as "a computer whose entry is damaged" and
//! leaves it alone; `verify` names it.

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

/// What a computer's entry in `devices/` told the list (decision 76).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum DeviceEntry {
    /// It was read whole: its name and times are what it holds.
    Whole,
    /// It was written afresh after a damaged one, and neither its name nor when it first
    /// opened the vault could be found again: the name shown says so, and its computer can be
    /// renamed.
    NameLost,
    /// It is there but damaged (it does not decrypt, or holds something else): what it held is
    /// unknown, so the name shown says so and `last_seen` is its file's modification time. Its
    /// own computer sets it aside and writes a fresh one when it next opens the vault.
    Damaged,
}

/// One computer, as the settings list shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct DeviceInfo {
    /// Its id (32 hex digits): what `remove` takes.
    pub id: String,
    /// The first 8 hex digits, for telling computers apart in a message.
    pub short_id: String,
    /// The name the person gave it (the computer's host name until renamed). For an entry that
    /// is not [`DeviceEntry::Whole`], a description in its place ("a computer whose entry is
    /// damaged"), not a name: never offer it as one to keep or edit.
    pub name: String,
    /// When it first opened this vault for writing; `None` when that is not known (its entry is
    /// damaged, or its name and first-opened time were lost with a damaged one).
    pub first_seen: Option<DateTime<Utc>>,
    /// When it last did; for a damaged entry, when its file was last changed.
    pub last_seen: DateTime<Utc>,
    /// Whether its entry was read whole, lost its name, or is damaged.
    pub entry: DeviceEntry,
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

/// What is wrong with a computer's entry that is there but cannot be used (decision 75).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Damage {
    /// It does not decrypt with the vault's key: changed on disk, cut short, or written under a
    /// key the vault no longer uses.
    DoesNotDecrypt,
    /// It decrypts but does not hold a computer's entry.
    NotAnEntry,
    /// It holds the entry of another computer than the one its name says.
    OtherComputer,
}

impl Damage {
    /// Why, as the end of a sentence.
    pub(crate) fn why(self) -> &'static str {
        match self {
            Damage::DoesNotDecrypt => "it does not decrypt with the vault's key",
            Damage::NotAnEntry => "it decrypts but does not hold a computer's entry",
            Damage::OtherComputer => "it holds the entry of another computer",
        }
    }
}

/// A computer's entry as found on disk.
enum Entry {
    Missing,
    Read(DeviceFile),
    Damaged(Damage),
}

/// Reads the entry of computer `id` at `path`. A file that cannot be read at all (permissions,
/// a folder in its place) counts as damaged: it is there and says nothing.
fn read_entry(path: &Path, id: DeviceId, key: &VaultKey) -> Entry {
    let sealed = match std::fs::read(path) {
        Ok(sealed) => sealed,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Entry::Missing,
        Err(_) => return Entry::Damaged(Damage::DoesNotDecrypt),
    };
    let Some(plain) = crate::vault::plaintext::decrypt(key.identity(), &sealed) else {
        return Entry::Damaged(Damage::DoesNotDecrypt);
    };
    match serde_json::from_slice::<DeviceFile>(&plain) {
        // A file renamed to another computer's name is not that computer.
        Ok(file) if file.id != id.hex() => Entry::Damaged(Damage::OtherComputer),
        Ok(file) => Entry::Read(file),
        Err(_) => Entry::Damaged(Damage::NotAnEntry),
    }
}

fn read(path: &Path, id: DeviceId, key: &VaultKey) -> Option<DeviceFile> {
    match read_entry(path, id, key) {
        Entry::Read(file) => Some(file),
        Entry::Missing | Entry::Damaged(_) => None,
    }
}

fn seal(key: &VaultKey, file: &DeviceFile) -> Result<Vec<u8>> {
    let json = serde_json::to_vec(file).map_err(|e| Error::Internal { detail: format!("device file: {e}") })?;
    age::encrypt(&key.recipient(), &json)
        .map_err(|e| Error::Internal { detail: format!("encrypting the device file: {e}") })
}

fn write(vault: &Path, key: &VaultKey, file: &DeviceFile) -> Result<()> {
    let folder = vault.join(DEVICES_DIR);
    layout::create_private_dir(&folder).map_err(|e| Error::storage("Creating the devices folder", e))?;
    let sealed = seal(key, file)?;
    let id = DeviceId::from_hex(&file.id).ok_or_else(|| Error::Internal { detail: "device id".into() })?;
    layout::write_atomic(&device_path(vault, id), &sealed, "Saving this computer's entry")
}

/// The suffix of a damaged entry set aside by its own computer: `<id>.age.damaged`, then
/// `<id>.age.damaged-2`, `-3`, … if it happens again.
pub(crate) const SET_ASIDE_SUFFIX: &str = ".damaged";

/// Moves this computer's damaged entry aside, beside it, under a name no one else writes and
/// nothing reads as an entry; never deletes it. Returns the new file name.
fn set_aside(path: &Path) -> Result<String> {
    let base = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
    let folder = path.parent().unwrap_or(Path::new("."));
    let name = (1u32..)
        .map(|n| if n == 1 { format!("{base}{SET_ASIDE_SUFFIX}") } else { format!("{base}{SET_ASIDE_SUFFIX}-{n}") })
        .find(|name| std::fs::symlink_metadata(folder.join(name)).is_err())
        .expect("an unused name");
    std::fs::rename(path, folder.join(&name))
        .and_then(|()| layout::sync_dir(folder))
        .map_err(|e| Error::storage("Setting this computer's damaged entry aside", e))?;
    Ok(name)
}

/// Where this computer keeps a copy of its own entry for the vault `vault_id`, outside the
/// vault folder (`<data dir>/wellkept/entries/<vault id>.age`, 0600): the same sealed bytes,
/// so that a damaged entry in the folder is written afresh with the name and first-opened
/// time it had.
fn own_copy_path(vault_id: &str) -> Option<PathBuf> {
    crate::vault::state_dir().map(|d| d.join("entries").join(format!("{vault_id}.age")))
}

/// This computer's copy of its own entry, if it has one that decrypts and names it.
fn own_copy(vault_id: &str, this: DeviceId, key: &VaultKey) -> Option<DeviceFile> {
    read(&own_copy_path(vault_id)?, this, key)
}

/// Keeps the copy of this computer's entry up to date: written only when the name or the
/// first-opened time changed (or the copy does not decrypt, after a re-key), so an ordinary
/// open writes nothing here. Best effort: without a copy, a damaged entry loses its name.
fn keep_own_copy(vault_id: &str, key: &VaultKey, file: &DeviceFile) {
    let Some(this) = DeviceId::from_hex(&file.id) else { return };
    if own_copy(vault_id, this, key).is_some_and(|c| c.name == file.name && c.first_seen == file.first_seen) {
        return;
    }
    let Some(path) = own_copy_path(vault_id) else { return };
    if let (Some(folder), Ok(sealed)) = (path.parent(), seal(key, file))
        && std::fs::create_dir_all(folder).and_then(|()| layout::create_private_dir(folder)).is_ok()
    {
        let _ = layout::write_atomic(&path, &sealed, "Saving a copy of this computer's entry");
    }
}

/// This computer's entry as it stands before a write: read, or — when it is missing or
/// damaged — made afresh. A damaged one is first set aside (never overwritten). The fresh
/// entry takes the name and first-opened time from this computer's own copy, else the name
/// `former` (the name it had when taken off the list), else, when missing, the system's host
/// name; when damaged and neither is known, no name: the list then says the name was lost
/// rather than showing the host name as if nothing had happened.
fn own_entry(
    vault: &Path,
    vault_id: &str,
    key: &VaultKey,
    this: DeviceId,
    former: Option<String>,
    now: DateTime<Utc>,
) -> Result<DeviceFile> {
    let path = device_path(vault, this);
    let damaged = match read_entry(&path, this, key) {
        Entry::Read(file) => return Ok(file),
        Entry::Missing => false,
        Entry::Damaged(_) => {
            set_aside(&path)?;
            true
        }
    };
    if let Some(copy) = own_copy(vault_id, this, key) {
        return Ok(DeviceFile { last_seen: now, ..copy });
    }
    let name = former.unwrap_or_else(|| if damaged { String::new() } else { host_name() });
    Ok(DeviceFile { id: this.hex(), name, first_seen: now, last_seen: now })
}

/// Records that this computer opened the vault `vault_id` for writing at `now`: its own file
/// only (and its own copy of it, outside the folder). A first file takes the name `former`
/// (the name it had when it was taken off the list, if it was), else the system's host name;
/// a damaged one is set aside and written afresh ([`own_entry`]).
pub(crate) fn touch(
    vault: &Path,
    vault_id: &str,
    key: &VaultKey,
    this: DeviceId,
    former: Option<String>,
    now: DateTime<Utc>,
) -> Result<()> {
    let mut file = own_entry(vault, vault_id, key, this, former, now)?;
    file.last_seen = now;
    write(vault, key, &file)?;
    keep_own_copy(vault_id, key, &file);
    Ok(())
}

/// The name shown for a computer whose entry is damaged, or whose name went with a damaged
/// entry. Shown in the list itself, so that the window and the command line both say it; the
/// id is shown beside every name already.
fn damaged_name(this_computer: bool, name_lost: bool) -> &'static str {
    match (this_computer, name_lost) {
        (true, false) => {
            "this computer, whose entry is damaged (set aside and written afresh the next time it opens the vault for writing)"
        }
        (false, false) => "a computer whose entry is damaged",
        (true, true) => "this computer, whose name was lost with its damaged entry (rename it)",
        (false, true) => "a computer whose name was lost with its damaged entry",
    }
}

/// Every computer that has opened the vault, the one last seen first. An entry that is there
/// but damaged is listed all the same, as "a computer whose entry is damaged (id 3f9a1c2e)",
/// [`DeviceEntry::Damaged`], with no first-opened time and its file's modification time as
/// its last (what it held is unknown): a computer, the home above all, never vanishes from
/// the list without a word.
pub(crate) fn list(vault: &Path, key: &VaultKey, this: DeviceId, home: Option<&str>) -> Vec<DeviceInfo> {
    let mut out: Vec<DeviceInfo> = std::fs::read_dir(vault.join(DEVICES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let id = DeviceId::from_hex(name.strip_suffix(".age")?)?;
            let this_computer = id == this;
            let (name, first_seen, last_seen, state) = match read_entry(&entry.path(), id, key) {
                Entry::Missing => return None,
                // Written afresh without a name: its first-opened time went with the name, and
                // the one it holds is when it was written again.
                Entry::Read(file) if file.name.is_empty() => {
                    (damaged_name(this_computer, true).to_owned(), None, file.last_seen, DeviceEntry::NameLost)
                }
                Entry::Read(file) => (file.name, Some(file.first_seen), file.last_seen, DeviceEntry::Whole),
                Entry::Damaged(_) => {
                    let modified =
                        entry.metadata().and_then(|m| m.modified()).map_or_else(|_| Utc::now(), DateTime::<Utc>::from);
                    (damaged_name(this_computer, false).to_owned(), None, modified, DeviceEntry::Damaged)
                }
            };
            Some(DeviceInfo {
                short_id: id.to_string(),
                name,
                first_seen,
                last_seen,
                entry: state,
                this_computer,
                home: home == Some(id.hex().as_str()),
                id: id.hex(),
            })
        })
        .collect();
    out.sort_by(|a, b| b.last_seen.cmp(&a.last_seen).then_with(|| a.id.cmp(&b.id)));
    out
}

/// The name computer `id` (32 hex digits) gave itself, if its entry is there and can be read
/// and holds one: what is kept in `former_computers` when it is taken off the list. `None`
/// for a damaged entry, whose placeholder in the list is no name to keep.
pub(crate) fn name_of(vault: &Path, key: &VaultKey, id: &str) -> Option<String> {
    let id = DeviceId::from_hex(id.trim())?;
    read(&device_path(vault, id), id, key).map(|f| f.name).filter(|n| !n.is_empty())
}

/// Renames this computer (only its own file is written; a damaged one is set aside first).
pub(crate) fn rename(
    vault: &Path,
    vault_id: &str,
    key: &VaultKey,
    this: DeviceId,
    name: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    let name = crate::validate::line("Name", name, 80)?;
    if name.is_empty() {
        return Err(Error::invalid("Name", "give this computer a name"));
    }
    let mut file = own_entry(vault, vault_id, key, this, None, now)?;
    file.name = name;
    write(vault, key, &file)?;
    keep_own_copy(vault_id, key, &file);
    Ok(())
}

/// What `wellkept verify` finds in `devices/` (decision 75): each entry that is there but
/// damaged, as a sentence naming its file and its computer (`this`, when known, is named
/// "this computer"); and, as notes, each damaged entry a computer set aside itself.
pub(crate) fn check(vault: &Path, key: &VaultKey, this: Option<DeviceId>) -> (Vec<String>, Vec<String>) {
    let (mut damaged, mut notes) = (Vec::new(), Vec::new());
    let mut names: Vec<String> = std::fs::read_dir(vault.join(DEVICES_DIR))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    for name in names {
        let file = format!("{DEVICES_DIR}/{name}");
        if let Some(id) = name.strip_suffix(".age").and_then(DeviceId::from_hex) {
            if let Entry::Damaged(damage) = read_entry(&vault.join(DEVICES_DIR).join(&name), id, key) {
                let (whose, fix) = if this == Some(id) {
                    (
                        format!("this computer ({id})"),
                        "this computer sets it aside and writes a fresh one when it next opens the vault for writing",
                    )
                } else {
                    (
                        format!("computer {id}"),
                        "that computer sets it aside and writes a fresh one when it next opens the vault",
                    )
                };
                damaged.push(format!("the entry of {whose} in devices/ is damaged: {} ({file}); {fix}", damage.why()));
            }
        } else if let Some((entry, _)) = name.split_once(&format!(".age{SET_ASIDE_SUFFIX}"))
            && let Some(id) = DeviceId::from_hex(entry)
        {
            let (whose, it) = if this == Some(id) {
                (format!("this computer ({id})"), "this computer")
            } else {
                (format!("computer {id}"), "that computer")
            };
            notes.push(format!(
                "{file}: the damaged entry of {whose}, set aside by {it}, which wrote a fresh one; nothing reads this file, and it can be deleted"
            ));
        }
    }
    (damaged, notes)
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
        let Some(id) = entry.file_name().to_str().and_then(|n| n.strip_suffix(".age")).and_then(DeviceId::from_hex)
        else {
            continue;
        };
        if let Some(file) = read(&entry.path(), id, old) {
            let _ = write(vault, new, &file);
        }
    }
}
