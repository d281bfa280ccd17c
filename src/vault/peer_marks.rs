//! High-water marks for the other computers' histories (issue 15, deliverable 5): how far this
//! computer has merged each other computer's change log, and, on a computer that is not the
//! home, the home's `data/`. Kept outside the vault folder like this computer's own mark
//! (`mark.rs`), so that a sync engine delivering a stale copy of another computer's log cannot
//! also move the mark back: opening then refuses, as it does for this computer's own history.
//!
//! ```text
//! <data dir>/wellkept/marks/<vault id>.peers   (0600)
//!   JSON {"marks": {"<computer id or \"home\">": {"seq", "chain", "at"}}, "mac": hex}
//!   mac = HMAC(vault MAC key, "peer marks" | vault id | the marks' JSON)
//! ```
//! Written (atomically, best effort) after every writable open that merged something new: a
//! lagging file only weakens the check, and one that fails to authenticate (damaged, or the
//! vault re-keyed) counts as none.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::keys::VaultKey;

/// The key under which the home's `data/` history is remembered.
pub(crate) const HOME: &str = "home";

/// How far one history was merged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct PeerMark {
    /// The last sequence number merged.
    pub seq: u64,
    /// The chain value at that record (hex).
    pub chain: String,
    /// When that change was made (RFC 3339), for the message a person reads.
    pub at: String,
}

#[derive(Serialize, Deserialize)]
struct File {
    marks: BTreeMap<String, PeerMark>,
    mac: String,
}

fn path(vault_id: &[u8; 16]) -> Option<PathBuf> {
    let id = uuid::Uuid::from_bytes(*vault_id).to_string();
    super::mark::state_dir().map(|d| d.join("marks").join(format!("{id}.peers")))
}

fn mac(key: &VaultKey, vault_id: &[u8; 16], marks: &BTreeMap<String, PeerMark>) -> Option<String> {
    let json = serde_json::to_vec(marks).ok()?;
    Some(hex(&key.mac(&[b"peer marks", vault_id, &json])))
}

/// The marks this computer keeps for the vault; none when there is no file or it does not
/// authenticate.
pub(crate) fn read(vault_id: &[u8; 16], key: &VaultKey) -> BTreeMap<String, PeerMark> {
    let Some(bytes) = path(vault_id).and_then(|p| std::fs::read(p).ok()) else { return BTreeMap::new() };
    let Ok(file) = serde_json::from_slice::<File>(&bytes) else { return BTreeMap::new() };
    if mac(key, vault_id, &file.marks).as_deref() == Some(file.mac.as_str()) { file.marks } else { BTreeMap::new() }
}

/// Saves the marks (best effort: a failure only weakens the check).
pub(crate) fn write(vault_id: &[u8; 16], key: &VaultKey, marks: &BTreeMap<String, PeerMark>) {
    let (Some(path), Some(mac)) = (path(vault_id), mac(key, vault_id, marks)) else { return };
    let Ok(bytes) = serde_json::to_vec(&File { marks: marks.clone(), mac }) else { return };
    if let Some(dir) = path.parent() {
        let _ = super::layout::create_private_dir(dir);
    }
    let _ = super::layout::write_atomic(&path, &bytes, "Saving what this computer merged");
}

/// A chain value as the file keeps it.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
