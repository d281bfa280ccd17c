//! Lists this computer keeps for a vault *outside* the vault folder, beside its high-water mark
//! (`mark.rs`), so that what rolls the vault folder back (a restored backup, an old copy a sync
//! tool delivers) does not roll them back too. The vault floor knows no kinds of record: a list
//! is a name and entries of an id (random, naming no one), a time and a short word of the
//! caller's (`practice::erasure` keeps the clients it erased here, to erase them again if an
//! older copy brings them back: docs/practice.md, "Retention and erasure").
//!
//! ```text
//! <data dir>/wellkept/marks/<vault id>.<list>   (0600; folder 0700)
//!   JSON {"entries": [{"id", "at", "word", "mac"}]}
//!   mac = HMAC(vault MAC key, "kept here" | vault id | list | the entry's JSON without its mac)
//! ```
//! Each entry is authenticated on its own, under the key the vault had when it was written: an
//! entry that does not authenticate under the key a vault opens with (a damaged file, a file
//! someone wrote, or a copy made under a key the vault had before `wellkept rekey`) is not
//! returned, and is kept, since it may still authenticate under an older copy's key. Someone
//! who can write this folder therefore cannot add an entry a vault will act on.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{Vault, layout, mark};
use crate::keys::VaultKey;
use crate::{Error, Result};

/// One remembered id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptEntry {
    /// The id (random; it names no one).
    pub id: String,
    /// When it was remembered (for the caller, e.g. when a client was erased).
    pub at: DateTime<Utc>,
    /// A short word of the caller's (e.g. a reason's key); never a person's words.
    pub word: String,
}

#[derive(Serialize, Deserialize)]
struct StoredEntry {
    #[serde(flatten)]
    entry: KeptEntry,
    mac: String,
}

#[derive(Serialize, Deserialize, Default)]
struct File {
    entries: Vec<StoredEntry>,
}

fn path(vault_id: &[u8; 16], list: &str) -> Option<PathBuf> {
    let id = uuid::Uuid::from_bytes(*vault_id).to_string();
    mark::state_dir().map(|d| d.join("marks").join(format!("{id}.{list}")))
}

fn mac(key: &VaultKey, vault_id: &[u8; 16], list: &str, entry: &KeptEntry) -> Option<String> {
    let json = serde_json::to_vec(entry).ok()?;
    Some(super::peer_marks::hex(&key.mac(&[b"kept here", vault_id, list.as_bytes(), b"|", &json])))
}

fn authentic(key: &VaultKey, vault_id: &[u8; 16], list: &str, stored: &StoredEntry) -> bool {
    let Ok(json) = serde_json::to_vec(&stored.entry) else { return false };
    let tag: Option<Vec<u8>> = (stored.mac.len() == 64)
        .then(|| (0..64).step_by(2).map(|i| u8::from_str_radix(stored.mac.get(i..i + 2)?, 16).ok()).collect())
        .flatten();
    tag.is_some_and(|tag| key.verify_mac(&[b"kept here", vault_id, list.as_bytes(), b"|", &json], &tag))
}

fn read_file(vault_id: &[u8; 16], list: &str) -> File {
    path(vault_id, list)
        .and_then(|p| std::fs::read(p).ok())
        .and_then(|bytes| serde_json::from_slice(&bytes).ok())
        .unwrap_or_default()
}

impl Vault {
    /// Adds `entry` to this computer's list `list` for the vault (an entry with the same id is
    /// replaced). The vault must be unlocked (its key authenticates the entry). Without a data
    /// folder on this platform nothing is kept, and that is no error; a folder that will not
    /// take the write is ([`Error::Storage`]).
    pub async fn remember_here(&self, list: &str, entry: KeptEntry) -> Result<()> {
        let stored = {
            let state = self.state.lock().await;
            let open = state.as_ref().ok_or(Error::Locked)?;
            let mac = mac(&open.key, &self.vault_id, list, &entry)
                .ok_or_else(|| Error::Internal { detail: "an entry kept here did not encode".into() })?;
            StoredEntry { entry, mac }
        };
        let Some(path) = path(&self.vault_id, list) else { return Ok(()) };
        let mut file = read_file(&self.vault_id, list);
        file.entries.retain(|e| e.entry.id != stored.entry.id);
        file.entries.push(stored);
        let bytes = serde_json::to_vec(&file).map_err(|e| Error::Internal { detail: e.to_string() })?;
        if let Some(dir) = path.parent() {
            layout::create_private_dir(dir).map_err(|e| Error::storage("Saving what this computer keeps", e))?;
        }
        layout::write_atomic(&path, &bytes, "Saving what this computer keeps")
    }

    /// The entries of this computer's list `list` for the vault that authenticate under the key
    /// it is open with, oldest first. Empty when there is no such file (a new computer).
    pub async fn remembered_here(&self, list: &str) -> Result<Vec<KeptEntry>> {
        let state = self.state.lock().await;
        let open = state.as_ref().ok_or(Error::Locked)?;
        let file = read_file(&self.vault_id, list);
        let mut entries: Vec<KeptEntry> = file
            .entries
            .into_iter()
            .filter(|e| authentic(&open.key, &self.vault_id, list, e))
            .map(|e| e.entry)
            .collect();
        entries.sort_by(|a, b| a.at.cmp(&b.at).then_with(|| a.id.cmp(&b.id)));
        Ok(entries)
    }
}
