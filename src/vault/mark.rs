//! The high-water mark: how far this computer has seen the vault's history go, kept *outside*
//! the vault folder so that whoever can change the folder (a person, a sync tool, a restored
//! copy) cannot also move the mark back.
//!
//! Authentication proves a record is ours; it cannot prove that the newest records are still
//! there. So after every commit we remember the generation, the sequence number and the chain
//! value (`changelog::Chain`) at that point, and opening refuses a history that ends before it
//! (`Error::RolledBack`) or that holds a different record at that point.
//!
//! ```text
//! <data dir>/wellkept/marks/<vault id>.mark   (0600; folder 0700)
//!   two slots of 120 bytes, written alternately:
//!   "WKMARK01" | vault id (16) | counter (u64) | generation (u64) | seq (u64) | chain (32) |
//!   time of the change (ms since 1970, i64) | HMAC (32) under the vault key
//! ```
//! `<data dir>` is `$XDG_DATA_HOME` (or `~/.local/share`) on Linux, `~/Library/Application
//! Support` on macOS, `%APPDATA%` on Windows: one place shared by the command line and the app.
//!
//! Advancing the mark costs one small positioned write per commit and no fsync: after a power
//! cut it may *lag* (the change-log record is durable, the mark write was not), never lead, and a
//! lagging mark only weakens the check for the last few changes. Two slots mean a torn mark
//! write leaves the previous one readable. A slot that fails to authenticate (a damaged file,
//! or a vault re-keyed since) counts as no mark: so does a missing file — a new computer or a
//! restored backup has nothing to compare, and opens; the mark starts from what it opened.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::PathBuf;

use crate::keys::VaultKey;

use super::changelog::Chain;

const MAGIC: &[u8; 8] = b"WKMARK01";
const SLOT_LEN: usize = 8 + 16 + 8 + 8 + 8 + 32 + 8 + 32;

/// Where the history stood.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// The generation (snapshot sequence number) the history was in.
    pub generation: u64,
    /// The last committed sequence number.
    pub seq: u64,
    /// The chain value at `seq`.
    pub chain: Chain,
    /// When that change was made, ms since 1970 (for the message a person reads).
    pub at_ms: i64,
}

/// The folder holding this computer's Wellkept state (marks), if the platform names one.
pub fn state_dir() -> Option<PathBuf> {
    let env_path = |name: &str| std::env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute());
    #[cfg(target_os = "macos")]
    let base = env_path("HOME").map(|h| h.join("Library/Application Support"));
    #[cfg(windows)]
    let base = env_path("APPDATA");
    #[cfg(not(any(target_os = "macos", windows)))]
    let base = env_path("XDG_DATA_HOME").or_else(|| env_path("HOME").map(|h| h.join(".local/share")));
    base.map(|b| b.join("wellkept"))
}

/// The mark file of vault `vault_id` (hex or UUID text).
pub fn mark_path(vault_id: &str) -> Option<PathBuf> {
    state_dir().map(|d| d.join("marks").join(format!("{vault_id}.mark")))
}

fn encode(vault_id: &[u8; 16], counter: u64, mark: &Mark, key: &VaultKey) -> [u8; SLOT_LEN] {
    let mut out = [0u8; SLOT_LEN];
    let mut body = Vec::with_capacity(SLOT_LEN);
    body.extend_from_slice(MAGIC);
    body.extend_from_slice(vault_id);
    body.extend_from_slice(&counter.to_le_bytes());
    body.extend_from_slice(&mark.generation.to_le_bytes());
    body.extend_from_slice(&mark.seq.to_le_bytes());
    body.extend_from_slice(&mark.chain);
    body.extend_from_slice(&mark.at_ms.to_le_bytes());
    let tag = key.mac(&[b"high-water mark", &body]);
    body.extend_from_slice(&tag);
    out.copy_from_slice(&body);
    out
}

fn decode(slot: &[u8], vault_id: &[u8; 16], key: &VaultKey) -> Option<(u64, Mark)> {
    if slot.len() != SLOT_LEN || &slot[..8] != MAGIC || &slot[8..24] != vault_id {
        return None;
    }
    let (body, tag) = slot.split_at(SLOT_LEN - 32);
    if !key.verify_mac(&[b"high-water mark", body], tag) {
        return None;
    }
    let u64_at = |i: usize| u64::from_le_bytes(body[i..i + 8].try_into().expect("8 bytes"));
    let mut chain = [0u8; 32];
    chain.copy_from_slice(&body[48..80]);
    let at_ms = i64::from_le_bytes(body[80..88].try_into().expect("8 bytes"));
    Some((u64_at(24), Mark { generation: u64_at(32), seq: u64_at(40), chain, at_ms }))
}

fn newest_slot(bytes: &[u8], vault_id: &[u8; 16], key: &VaultKey) -> Option<(u64, Mark)> {
    bytes.chunks(SLOT_LEN).filter_map(|slot| decode(slot, vault_id, key)).max_by_key(|(counter, _)| *counter)
}

/// Reads this computer's mark for the vault, if there is one that authenticates.
pub(crate) fn read(vault_id: &[u8; 16], key: &VaultKey) -> Option<Mark> {
    let path = mark_path(&uuid::Uuid::from_bytes(*vault_id).to_string())?;
    let bytes = std::fs::read(path).ok()?;
    newest_slot(&bytes, vault_id, key).map(|(_, mark)| mark)
}

/// The mark file, open for advancing.
#[derive(Debug)]
pub(crate) struct MarkFile {
    file: File,
    vault_id: [u8; 16],
    counter: u64,
    last: Mark,
}

impl MarkFile {
    /// Opens (creating) the vault's mark file and records `mark` in it. `None` when the platform
    /// has no data folder or it cannot be written: the vault still works, without the check.
    pub fn open(vault_id: &[u8; 16], mark: Mark, key: &VaultKey) -> Option<Self> {
        let path = mark_path(&uuid::Uuid::from_bytes(*vault_id).to_string())?;
        let dir = path.parent()?;
        create_private_dir(dir).ok()?;
        let mut options = OpenOptions::new();
        options.read(true).write(true).create(true).truncate(false);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path).ok()?;
        let mut bytes = Vec::new();
        file.read_to_end(&mut bytes).ok()?;
        let counter = newest_slot(&bytes, vault_id, key).map_or(0, |(c, _)| c);
        let mut opened = Self { file, vault_id: *vault_id, counter, last: mark };
        opened.advance(mark, key).ok()?;
        Some(opened)
    }

    /// Records a new position. No fsync: see the module docs.
    pub fn advance(&mut self, mark: Mark, key: &VaultKey) -> std::io::Result<()> {
        let counter = self.counter + 1;
        let slot = encode(&self.vault_id, counter, &mark, key);
        self.file.seek(SeekFrom::Start((counter % 2) * SLOT_LEN as u64))?;
        self.file.write_all(&slot)?;
        self.counter = counter;
        self.last = mark;
        Ok(())
    }

    /// Records that the history moved to a new generation, at the same point.
    pub fn advance_generation(&mut self, generation: u64, key: &VaultKey) -> std::io::Result<()> {
        let mark = Mark { generation, ..self.last };
        self.advance(mark, key)
    }
}

fn create_private_dir(dir: &std::path::Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newest_authentic_slot_wins_and_a_torn_slot_falls_back() {
        let key = VaultKey::generate();
        let id = [3u8; 16];
        let first = Mark { generation: 0, seq: 4, chain: [1; 32], at_ms: 10 };
        let second = Mark { generation: 0, seq: 5, chain: [2; 32], at_ms: 11 };
        let mut file = [0u8; 2 * SLOT_LEN];
        file[SLOT_LEN..].copy_from_slice(&encode(&id, 1, &first, &key));
        file[..SLOT_LEN].copy_from_slice(&encode(&id, 2, &second, &key));
        assert_eq!(newest_slot(&file, &id, &key), Some((2, second)));
        file[5] ^= 1; // the newer write was torn by a power cut
        assert_eq!(newest_slot(&file, &id, &key), Some((1, first)));
        assert_eq!(newest_slot(&file, &id, &VaultKey::generate()), None, "another key proves nothing");
        assert_eq!(newest_slot(&file, &[4; 16], &key), None, "another vault's mark is not ours");
    }
}
