//! What `wellkept sync status` reports about a vault in a synced folder (issue 15, deliverable 8):
//! the files a sync engine left in the vault folder, read without the key, so that it can be
//! shown even when the vault refuses to open because of them.
//!
//! Sync engines do not merge files. When two computers changed one file before either saw the
//! other's change, Syncthing keeps one version and renames the other to
//! `<name>.sync-conflict-<date>-<time>-<device>.<ext>`; Nextcloud and Dropbox write
//! `<name> (conflicted copy …)`. While a file is still arriving, Syncthing writes it under a
//! temporary name, `.syncthing.<name>.tmp` (`~syncthing~<name>.tmp` on Windows). Opening a vault
//! while its files are half arrived, or without knowing a copy was set aside, is how a person
//! could lose a change; the status names each such file and what it means for the vault.

use std::path::Path;

/// What a conflict copy holds, by the vault folder it was found in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CopyKind {
    /// `data/`: a change log or snapshot: saved changes from another computer. The vault opens
    /// only the history it can prove; the changes in the copy are not in it.
    History,
    /// `keys/`: a key file: the passphrase or recovery key was changed on two computers.
    Keys,
    /// `devices/`: a computer's entry in the list of computers, rewritten by that computer the
    /// next time it opens the vault.
    Device,
    /// `attachments/`: an attached file. Attachment files are named by their content, so both
    /// copies hold the same bytes.
    Attachment,
    /// Anywhere else in the vault folder.
    Other,
}

impl CopyKind {
    /// What the copy means for the person, and what to do, in one sentence.
    pub fn meaning(self) -> &'static str {
        match self {
            Self::History => {
                "saved changes from another computer that this vault does not hold; keep this file, it is the only place those changes are"
            }
            Self::Keys => {
                "a key file changed on two computers at once; keep it until you have unlocked with the passphrase you use now"
            }
            Self::Device => "a computer's entry in the list of computers, written twice; harmless, you may delete it",
            Self::Attachment => "an attached file written twice with the same content; harmless, you may delete it",
            Self::Other => "a file set aside by the sync engine; keep it until you know what it is",
        }
    }

    /// Whether the copy may hold something that is nowhere else.
    pub fn needs_attention(self) -> bool {
        matches!(self, Self::History | Self::Keys | Self::Other)
    }
}

/// One file the sync engine set aside.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConflictCopy {
    /// Its path inside the vault folder, with `/` between folders (`data/journal-….wkj`).
    pub path: String,
    /// What it holds.
    pub kind: CopyKind,
}

/// The sync engine's files found in a vault folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FolderScan {
    /// Copies the engine set aside, sorted by path.
    pub conflict_copies: Vec<ConflictCopy>,
    /// Files the engine is still writing (their final names), sorted.
    pub arriving: Vec<String>,
}

impl FolderScan {
    /// Whether the person should act before using the vault: a copy that may hold something
    /// nowhere else, or files still arriving.
    pub fn needs_attention(&self) -> bool {
        !self.arriving.is_empty() || self.conflict_copies.iter().any(|c| c.kind.needs_attention())
    }
}

/// Whether `name` is a copy a sync engine set aside.
pub fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-") || name.contains("conflicted copy")
}

/// The final name of a file a sync engine is still writing, if `name` is one.
fn arriving_name(name: &str) -> Option<&str> {
    let inner = name.strip_prefix(".syncthing.").or_else(|| name.strip_prefix("~syncthing~"))?;
    inner.strip_suffix(".tmp")
}

/// Scans the vault folder (and its folders, three levels deep; links are not followed).
/// Unreadable folders are skipped: the scan reports what it could read.
pub fn scan(vault: &Path) -> FolderScan {
    let mut out = FolderScan::default();
    walk(vault, "", 0, &mut out);
    out.conflict_copies.sort_by(|a, b| a.path.cmp(&b.path));
    out.arriving.sort();
    out
}

fn walk(dir: &Path, prefix: &str, depth: usize, out: &mut FolderScan) {
    const MAX_DEPTH: usize = 3;
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let Ok(name) = entry.file_name().into_string() else { continue };
        let Ok(kind) = entry.file_type() else { continue };
        let path = format!("{prefix}{name}");
        if kind.is_dir() {
            if depth + 1 < MAX_DEPTH {
                walk(&entry.path(), &format!("{path}/"), depth + 1, out);
            }
        } else if let Some(final_name) = arriving_name(&name) {
            out.arriving.push(format!("{prefix}{final_name}"));
        } else if is_conflict_copy(&name) {
            let kind = match prefix.split('/').next().unwrap_or("") {
                "data" => CopyKind::History,
                "keys" => CopyKind::Keys,
                super::devices::DEVICES_DIR => CopyKind::Device,
                crate::vault::layout::ATTACHMENTS_DIR => CopyKind::Attachment,
                _ => CopyKind::Other,
            };
            out.conflict_copies.push(ConflictCopy { path, kind });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_engine_s_names_are_recognised_and_ordinary_files_are_not() {
        assert!(is_conflict_copy("journal-00000000000000000003.sync-conflict-20260402-093000-ABCDEFG.wkj"));
        assert!(is_conflict_copy("passphrase (Ana's conflicted copy 2026-04-02).age"));
        assert!(!is_conflict_copy("journal-00000000000000000003.wkj"));
        assert_eq!(arriving_name(".syncthing.snapshot-1.age.tmp"), Some("snapshot-1.age"));
        assert_eq!(arriving_name("~syncthing~snapshot-1.age.tmp"), Some("snapshot-1.age"));
        assert_eq!(arriving_name(".syncthing.snapshot-1.age"), None);
        assert_eq!(arriving_name("snapshot-1.age.tmp"), None);
    }
}
