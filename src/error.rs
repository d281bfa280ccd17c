//! The crate's one error type.
//!
//! Every message is written for the person using Wellkept: it says what happened and what they
//! can do, and never contains a secret, raw SQL, or an operating-system message verbatim (those
//! go to [`Error::detail`] for logs and bug reports, which never hold secrets either).
//! Cryptographic failures are deliberately coarse ("wrong key or damaged file"), as in `age`:
//! saying which check failed helps an attacker more than it helps the user.

use std::io;
use std::path::PathBuf;

/// What an [`Error::Damaged`] tells the person to do (decision 77): "Restore from a backup"
/// only where a backup holds what was lost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DamageAdvice {
    /// Part of the records, or what opens them, is damaged: restore a backup.
    RestoreBackup,
    /// `what` ends with what to do already ("…; unlock with your recovery key", "…; restore a
    /// backup that has it"): nothing is added.
    Given,
    /// Only files beside the records are damaged, which the vault does not need (a computer's
    /// entry in `devices/`, a stray snapshot in `data/`): each is named with what becomes of it.
    NothingToRestore,
    /// A backup file being restored is damaged; the vault itself is not involved.
    AnotherBackup,
}

impl DamageAdvice {
    /// The whole message of an [`Error::Damaged`] about `what`.
    fn sentence(self, what: &str) -> String {
        let vault = format!("Part of the vault is damaged ({what}). Nothing was changed on disk.");
        match self {
            DamageAdvice::RestoreBackup => {
                format!("{vault} Restore from a backup (see `wellkept verify` for the backups that are still intact).")
            }
            DamageAdvice::Given => vault,
            DamageAdvice::NothingToRestore => {
                format!("{vault} Nothing needs restoring: each file named above says what becomes of it.")
            }
            DamageAdvice::AnotherBackup => format!(
                "The backup file is damaged ({what}). Nothing was written. Try another backup file: an older one, or a copy kept elsewhere."
            ),
        }
    }
}

/// Result type used throughout the core library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The passphrase, recovery key or keychain secret did not open the vault.
    #[error(
        "That {method} did not unlock this vault. Check it and try again; if you are sure it is right, the key file may be damaged — run `wellkept verify`."
    )]
    WrongKey {
        /// Which unlock method was tried, in the user's words ("passphrase", "recovery key").
        method: &'static str,
    },
    /// The OS keychain could not be reached (no Secret Service, locked, denied).
    #[error(
        "The system keychain is not available ({reason}). Unlock with your passphrase or recovery key instead; your data is safe."
    )]
    KeychainUnavailable {
        /// A short, secret-free reason from the keychain.
        reason: String,
    },
    /// The keychain works but holds no key for this vault (a new computer, or it was removed).
    #[error(
        "This computer's keychain has no key for this vault. Unlock with your passphrase or recovery key; this computer then keeps the key in its keychain."
    )]
    KeychainMissing,
    /// The unlock method is not set up for this vault.
    #[error("This vault has no {method} set up.")]
    MethodNotSet {
        /// Which method was asked for.
        method: &'static str,
    },
    /// The vault is locked: unlock it first.
    #[error("The vault is locked. Unlock it to continue.")]
    Locked,
    /// Another Wellkept window or command has this vault open for writing.
    #[error("This vault is already open in another Wellkept window or command. Close it there first.")]
    InUse,
    /// The vault's files changed from outside while it was open here — most likely another
    /// computer's changes, delivered by a sync engine. Writing on would add to (or compact
    /// over) a history that is no longer the newest, and lose one side's changes.
    #[error(
        "This vault's files were changed from outside while it was open here, most likely by another computer through your sync folder. This change was not saved, so nothing on either computer is lost: lock and unlock to load the other changes, then save again."
    )]
    ChangedElsewhere,
    /// A vault (or part of one) already exists where a new one was to be created or restored.
    /// Wellkept never writes over vault files: a folder whose descriptor was lost still holds
    /// keys and data that only its own passphrase or recovery key opens.
    #[error(
        "There is already a vault at {} (found: {found}). Wellkept never writes over a vault: choose another folder, or open that one (a missing wellkept-vault.json is rebuilt when it is unlocked).",
        path.display()
    )]
    VaultExists {
        /// The folder that already holds a vault.
        path: PathBuf,
        /// The vault files found there, e.g. "keys/, data/".
        found: String,
    },
    /// The folder is not a Wellkept vault.
    #[error("No Wellkept vault was found at {}.", path.display())]
    NotAVault {
        /// The folder that was looked at.
        path: PathBuf,
    },
    /// The vault was written by a newer version of Wellkept.
    #[error("This vault was made by a newer version of Wellkept (format {found}). Update Wellkept to open it.")]
    NewerFormat {
        /// The format version found on disk.
        found: u32,
    },
    /// A file failed to parse, decrypt or authenticate in a way that is not a torn write.
    /// Nothing on disk was changed. What the person can do depends on the file ([`DamageAdvice`]):
    /// most often, restore a backup; not for a file the vault does not need (decision 77).
    #[error("{}", advice.sentence(what))]
    Damaged {
        /// Which part, in plain words, without secrets.
        what: String,
        /// What the person can do about it.
        advice: DamageAdvice,
    },
    /// The vault folder holds less history than this computer saw it reach (its high-water
    /// mark): files were replaced by older copies or removed — by a sync tool, a restored copy,
    /// or someone with access to the folder. Nothing on disk was changed. The person may open
    /// it read-only, restore a backup, or accept the loss by typing `confirmation`.
    #[error(
        "This vault is missing {missing} saved change{} that this computer saw (the newest from {last_seen}). Older or missing files may have been put in the vault folder (by a sync tool, a restored copy, or someone with access to it).{} Nothing was changed on disk. You can open it read-only to look, restore a backup, or accept the loss by typing \"{confirmation}\".",
        if *missing == 1 { "" } else { "s" },
        describe_set_aside(set_aside)
    )]
    RolledBack {
        /// How many changes are missing (at least; 1 when the newest one was replaced).
        missing: u64,
        /// When the newest missing change was made (UTC, to the minute).
        last_seen: String,
        /// The phrase a person types to accept the loss.
        confirmation: String,
        /// The sequence number of the newest change this computer saw (its mark).
        seen_seq: u64,
        /// The sequence number of the newest change the vault folder holds.
        held_seq: u64,
        /// Copies of the vault's files that a sync tool set aside as conflicts (paths inside
        /// the vault folder): when two computers wrote at once, the missing changes are there.
        set_aside: Vec<String>,
    },
    /// Reading or writing a file failed (disk full, permissions, missing folder).
    /// Any write that was in progress has been rolled back.
    #[error("{action} failed: {}. Nothing you had already saved was lost.", describe_io(source))]
    Storage {
        /// What Wellkept was doing, e.g. "Saving your change".
        action: &'static str,
        /// The underlying error (shown only as a plain-language description).
        #[source]
        source: io::Error,
    },
    /// A value failed validation: nothing was written.
    #[error("{field}: {reason}")]
    Invalid {
        /// The field at fault, as the user sees it.
        field: String,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// The record asked for does not exist (or was deleted).
    #[error("{what} was not found. It may have been deleted.")]
    NotFound {
        /// What was looked for.
        what: &'static str,
    },
    /// The record cannot be changed (a finalised note takes addenda instead).
    #[error("{reason}")]
    ReadOnly {
        /// Why, and what to do instead.
        reason: String,
    },
    /// A share bundle or contact card was refused (unknown sender, bad signature, ...). Nothing
    /// was imported; the message says what to ask the sender for.
    #[error(transparent)]
    Exchange(#[from] crate::exchange::ExchangeError),
    /// An export from another journal app was refused; the message names the file and the line
    /// or field. Nothing was imported.
    #[error(transparent)]
    Import(#[from] crate::import::ImportError),
    /// An internal database error. The message is generic; `detail` holds the original for logs.
    #[error(
        "Wellkept hit an internal error and did not save that change. Please try again; if it keeps happening, report it with the details."
    )]
    Internal {
        /// The original message, for logs. Never contains secrets (statement parameters are not included).
        detail: String,
    },
}

impl Error {
    /// A stable, machine-readable name for the kind of error, for the UI and for scripts.
    pub fn kind(&self) -> &'static str {
        match self {
            Error::WrongKey { .. } => "wrong_key",
            Error::KeychainUnavailable { .. } => "keychain_unavailable",
            Error::KeychainMissing => "keychain_missing",
            Error::MethodNotSet { .. } => "method_not_set",
            Error::Locked => "locked",
            Error::InUse => "in_use",
            Error::ChangedElsewhere => "changed_elsewhere",
            Error::VaultExists { .. } => "vault_exists",
            Error::NotAVault { .. } => "not_a_vault",
            Error::NewerFormat { .. } => "newer_format",
            Error::Damaged { .. } => "damaged",
            Error::RolledBack { .. } => "rolled_back",
            Error::Storage { .. } => "storage",
            Error::Invalid { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::ReadOnly { .. } => "read_only",
            Error::Exchange(e) => e.kind(),
            Error::Import(e) => e.kind(),
            Error::Internal { .. } => "internal",
        }
    }

    /// Extra detail for logs and bug reports (never secrets).
    pub fn detail(&self) -> Option<String> {
        match self {
            Error::Internal { detail } => Some(detail.clone()),
            Error::Storage { source, .. } => Some(source.to_string()),
            _ => None,
        }
    }

    /// Shorthand for a validation error.
    pub fn invalid(field: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Invalid { field: field.into(), reason: reason.into() }
    }

    /// Shorthand for damage found in a file, for which a backup is the remedy.
    pub(crate) fn damaged(what: impl Into<String>) -> Self {
        Error::Damaged { what: what.into(), advice: DamageAdvice::RestoreBackup }
    }

    /// Damage whose description, `what`, ends with what to do about it.
    pub(crate) fn damaged_saying(what: impl Into<String>) -> Self {
        Error::Damaged { what: what.into(), advice: DamageAdvice::Given }
    }

    /// Wraps an IO error with what Wellkept was doing.
    pub(crate) fn storage(action: &'static str, source: io::Error) -> Self {
        Error::Storage { action, source }
    }

    /// Reading a file the person named failed. When the cause is theirs to fix (it is not
    /// there, not allowed, a folder, not UTF-8 text: [`reading_reason`]), an invalid-input error
    /// naming `field`, the file and why; any other failure stays a storage error with `action`.
    pub fn unreadable(field: &str, path: &std::path::Path, action: &'static str, source: io::Error) -> Self {
        match reading_reason(source.kind()) {
            Some(why) => Error::invalid(field, format!("could not read {}: {why}", path.display())),
            None => Error::storage(action, source),
        }
    }

    /// The process exit code the `wellkept` command uses for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid { .. }
            | Error::NotFound { .. }
            | Error::ReadOnly { .. }
            | Error::Exchange(_)
            | Error::Import(_) => 2,
            Error::WrongKey { .. }
            | Error::KeychainUnavailable { .. }
            | Error::KeychainMissing
            | Error::MethodNotSet { .. }
            | Error::Locked => 3,
            Error::InUse | Error::ChangedElsewhere => 4,
            Error::Damaged { .. } | Error::NewerFormat { .. } | Error::RolledBack { .. } => 5,
            Error::Storage { .. } => 6,
            Error::VaultExists { .. } | Error::NotAVault { .. } => 7,
            Error::Internal { .. } => 70,
        }
    }
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Internal { detail: e.to_string() }
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Internal { detail: format!("migration: {e}") }
    }
}

/// The sentence a rollback message gains when a sync tool set copies aside.
fn describe_set_aside(set_aside: &[String]) -> String {
    match set_aside {
        [] => String::new(),
        [one] => format!(
            " A sync tool set aside a copy of the vault's files ({one}): the missing changes are probably in it, made on two computers at once. Keep that file; Wellkept cannot merge it yet."
        ),
        many => format!(
            " A sync tool set aside copies of the vault's files ({}): the missing changes are probably in them, made on two computers at once. Keep those files; Wellkept cannot merge them yet.",
            many.join(", ")
        ),
    }
}

/// Plain-language description of an IO error: the cases a person can act on get their own words.
fn describe_io(e: &io::Error) -> String {
    // ENOSPC = 28, EFBIG = 27, EDQUOT = 122, EROFS = 30 on Linux; io::ErrorKind covers most.
    match e.kind() {
        io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded | io::ErrorKind::FileTooLarge => {
            "the disk is full — free some space and try again".into()
        }
        io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem => {
            "Wellkept may not write to the vault folder — check its permissions".into()
        }
        io::ErrorKind::NotFound => "a file or folder is missing".into(),
        _ => match e.raw_os_error() {
            Some(28) | Some(27) | Some(122) => "the disk is full — free some space and try again".into(),
            _ => "the operating system reported an input/output error".into(),
        },
    }
}

/// Why a file could not be read, in words a person can act on; `None` for a failure of the
/// disk or the system, which is not theirs to fix. (Imports, secret files and backups say it
/// the same way.)
pub(crate) fn reading_reason(kind: io::ErrorKind) -> Option<&'static str> {
    Some(match kind {
        io::ErrorKind::NotFound => "it does not exist (was it moved or renamed?)",
        io::ErrorKind::PermissionDenied => "permission was denied (check the file's permissions)",
        io::ErrorKind::IsADirectory => "it is a folder, not a file",
        io::ErrorKind::NotADirectory => "it is a file, not a folder",
        io::ErrorKind::InvalidData => "it is not text in UTF-8",
        io::ErrorKind::UnexpectedEof => "it ended unexpectedly (is it still being copied?)",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disk_full_is_named_as_such() {
        let e = Error::storage("Saving your change", io::Error::from_raw_os_error(28));
        assert!(e.to_string().contains("disk is full"), "{e}");
        let e = Error::storage("Saving your change", io::Error::from_raw_os_error(27));
        assert!(e.to_string().contains("disk is full"), "{e}");
        assert_eq!(e.kind(), "storage");
    }

    /// Each kind of damage says what helps, once (decision 77).
    #[test]
    fn damage_says_what_helps_and_restore_only_where_a_backup_holds_what_was_lost() {
        let said = |what: &str, advice| Error::Damaged { what: what.into(), advice }.to_string();
        assert_eq!(
            Error::damaged("the snapshot failed to decrypt").to_string(),
            "Part of the vault is damaged (the snapshot failed to decrypt). Nothing was changed on disk. Restore from a backup (see `wellkept verify` for the backups that are still intact)."
        );
        assert_eq!(
            Error::damaged_saying("keys/passphrase.age asks for more work; unlock with your recovery key").to_string(),
            "Part of the vault is damaged (keys/passphrase.age asks for more work; unlock with your recovery key). Nothing was changed on disk."
        );
        assert_eq!(
            said(
                "1 file beside the records, named above; the records themselves are intact",
                DamageAdvice::NothingToRestore
            ),
            "Part of the vault is damaged (1 file beside the records, named above; the records themselves are intact). Nothing was changed on disk. Nothing needs restoring: each file named above says what becomes of it."
        );
        assert_eq!(
            said("it is not a complete Wellkept backup", DamageAdvice::AnotherBackup),
            "The backup file is damaged (it is not a complete Wellkept backup). Nothing was written. Try another backup file: an older one, or a copy kept elsewhere."
        );
        assert_eq!(Error::damaged_saying("x").kind(), "damaged");
        assert_eq!(Error::damaged_saying("x").exit_code(), 5);
    }

    #[test]
    fn internal_errors_hide_their_detail() {
        let e = Error::Internal { detail: "UNIQUE constraint failed: clients.id".into() };
        assert!(!e.to_string().contains("UNIQUE"));
        assert_eq!(e.detail().as_deref(), Some("UNIQUE constraint failed: clients.id"));
    }
}
