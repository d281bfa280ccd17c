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
}

impl CommandError {
    /// Builds an error with no particular field.
    pub fn new(kind: &str, message: impl Into<String>) -> Self {
        Self { kind: kind.to_owned(), message: message.into(), field: None }
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
        Self { kind: error.kind().to_owned(), message: error.to_string(), field }
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
    fn invalid_setting_names_its_field() {
        let error = CommandError::from(SettingsError::Invalid {
            field: "auto_lock_minutes",
            reason: "choose between 1 and 240 minutes".into(),
        });
        assert_eq!(error.kind, "invalid");
        assert_eq!(error.field.as_deref(), Some("auto_lock_minutes"));
    }
}
