//! The one error shape the front end sees: `{ kind, message }`.
//!
//! `kind` is a stable machine word the UI can branch on (`"locked"`, `"invalid"`,
//! `"keychain_unavailable"`...); `message` is a sentence a person can act on. Raw IO or SQL text
//! and secrets never reach it: core errors arrive already worded by `wellkept::Error`'s Display.

use crate::settings::SettingsError;
use serde::Serialize;

/// An error returned by a command, serialised for the front end.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct CommandError {
    /// Stable machine-readable category.
    pub kind: String,
    /// What went wrong and what to do about it.
    pub message: String,
    /// The form field at fault, when there is one, so the UI can put the message beside it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// What is missing, when the vault's history ends before what this computer saw (kind
    /// `rolled_back`), so the window can say it exactly and ask for the confirmation phrase.
    // Boxed: rare, and every command's `Result` carries this type (clippy::result_large_err).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rollback: Option<Box<MissingChanges>>,
}

/// What a vault refused as rolled back lacks, as the core measured it against this computer's
/// high-water mark (`wellkept::Error::RolledBack`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
pub struct MissingChanges {
    /// How many saved changes are missing (at least; 1 when the newest one was replaced).
    pub missing: u64,
    /// When the newest missing change was made (UTC, to the minute).
    pub last_seen: String,
    /// The phrase the person types to accept the loss, e.g. "accept losing 2 changes".
    pub confirmation: String,
    /// The sequence number of the newest change this computer saw.
    pub seen_seq: u64,
    /// The sequence number of the newest change the vault folder holds.
    pub held_seq: u64,
}

impl CommandError {
    /// Builds an error with no particular field.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self { kind: kind.to_owned(), message: message.into(), field: None, rollback: None }
    }

    /// No vault has been created yet (the window asked for one before first run finished).
    pub fn no_vault() -> Self {
        Self::new("not_a_vault", "No vault has been set up yet. Restart Wellkept to set one up.")
    }

    /// The window could not be reached (it was closed while the command ran).
    pub fn window_unavailable() -> Self {
        Self::new("window", "The Wellkept window is not available. Restart Wellkept.")
    }
}

impl From<SettingsError> for CommandError {
    fn from(error: SettingsError) -> Self {
        match error {
            SettingsError::Invalid { field, reason } => Self {
                kind: "invalid".to_owned(),
                message: format!("Check this setting: {reason}."),
                field: Some(field.to_owned()),
                rollback: None,
            },
            SettingsError::Unwritable => Self::new(
                "io",
                "Your settings could not be saved. Check that your home folder is writable and has free space, then try again.",
            ),
        }
    }
}

impl From<wellkept::Error> for CommandError {
    fn from(error: wellkept::Error) -> Self {
        if let Some(detail) = error.detail() {
            // Detail (never secrets) goes to the log for bug reports, not to the window.
            eprintln!("Wellkept: {}: {detail}", error.kind());
        }
        let field = match &error {
            wellkept::Error::Invalid { field, .. } => Some(field.clone()),
            _ => None,
        };
        let rollback = match &error {
            wellkept::Error::RolledBack { missing, last_seen, confirmation, seen_seq, held_seq, .. } => {
                Some(Box::new(MissingChanges {
                    missing: *missing,
                    last_seen: last_seen.clone(),
                    confirmation: confirmation.clone(),
                    seen_seq: *seen_seq,
                    held_seq: *held_seq,
                }))
            }
            _ => None,
        };
        Self { kind: error.kind().to_owned(), message: error.to_string(), field, rollback }
    }
}

/// Result type of every command.
pub type CommandResult<T> = Result<T, CommandError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialises_to_kind_and_message_without_empty_field() {
        let json = serde_json::to_value(CommandError::no_vault()).expect("plain struct serialises");
        assert_eq!(json["kind"], "not_a_vault");
        assert!(json["message"].as_str().is_some_and(|m| m.contains("Restart")));
        assert!(json.get("field").is_none());
    }

    #[test]
    fn core_errors_keep_their_kind_words_and_field() {
        let error = CommandError::from(wellkept::Error::invalid("Title", "must not be empty"));
        assert_eq!(error.kind, "invalid");
        assert_eq!(error.field.as_deref(), Some("Title"));
        assert!(error.message.contains("must not be empty"));
        let locked = CommandError::from(wellkept::Error::Locked);
        assert_eq!(locked.kind, "locked");
    }

    #[test]
    fn a_rollback_carries_what_is_missing_beside_the_core_message() {
        let core = wellkept::Error::RolledBack {
            missing: 2,
            last_seen: "2026-04-02 08:30 UTC".into(),
            confirmation: "accept losing 2 changes".into(),
            seen_seq: 5,
            held_seq: 3,
            set_aside: vec![],
        };
        let message = core.to_string();
        let error = CommandError::from(core);
        assert_eq!(error.kind, "rolled_back");
        assert_eq!(error.message, message, "the window shows the same words as the command line");
        let json = serde_json::to_value(&error).expect("plain struct serialises");
        assert_eq!(
            json["rollback"],
            serde_json::json!({
                "missing": 2,
                "last_seen": "2026-04-02 08:30 UTC",
                "confirmation": "accept losing 2 changes",
                "seen_seq": 5,
                "held_seq": 3,
            })
        );
        let other = serde_json::to_value(CommandError::from(wellkept::Error::Locked)).expect("serialises");
        assert!(other.get("rollback").is_none(), "only a rollback carries one");
    }

    #[test]
    fn invalid_setting_names_its_field() {
        let error = CommandError::from(SettingsError::Invalid {
            field: "auto_lock_minutes",
            reason: "choose between 1 and 240 minutes".into(),
        });
        assert_eq!(error.kind, "invalid");
        assert_eq!(error.field.as_deref(), Some("auto_lock_minutes"));
    }
}
