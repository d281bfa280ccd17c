//! Request and response types of the commands, as the front end sees them (snake_case JSON, like
//! every record the core sends: one casing across the boundary).

use crate::settings::Settings;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};

/// Event emitted to the window whenever the vault locks by itself (idle) or on request, so the
/// UI clears everything it shows.
pub const LOCKED_EVENT: &str = "vault-locked";

/// What a vault holds: a mentor's practice, a personal journal, or both. Decides which screens
/// the sidebar offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum VaultPurpose {
    /// Clients, session notes, goals, measures.
    Mentor,
    /// A personal reflection journal.
    Journal,
    /// Both.
    Both,
}

/// What the app looks like right now: enough for the UI to pick the first screen.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct AppStatus {
    /// A vault exists (so show unlock, not first run).
    pub vault_exists: bool,
    /// The vault is open.
    pub unlocked: bool,
    /// It was opened read-only (to look at a vault missing changes): every save is refused.
    pub read_only: bool,
    /// The system keychain can be reached (so offer unlocking without typing).
    pub keychain_available: bool,
    /// Whether this vault's key is stored in the keychain.
    pub keychain_enabled: bool,
    /// What the vault holds, once unlocked.
    pub purpose: Option<VaultPurpose>,
    /// Preferences (theme, auto-lock).
    pub settings: Settings,
}

/// How to open a vault whose history ends before what this computer saw (error kind
/// `rolled_back`). Sent with every unlock; absent or default, the vault opens normally.
#[derive(Debug, Clone, Default, Deserialize, ts_rs::TS)]
#[serde(default, deny_unknown_fields)]
pub struct UnlockChoice {
    /// Open only to look: nothing on disk changes and every save is refused.
    pub read_only: bool,
    /// The confirmation phrase as the person typed it ("accept losing 2 changes"): accept that
    /// the missing changes are gone and continue from the history that is there.
    pub accept_rollback: Option<String>,
}

impl From<UnlockChoice> for wellkept::vault::UnlockOptions {
    fn from(choice: UnlockChoice) -> Self {
        Self { read_only: choice.read_only, accept_rollback: choice.accept_rollback }
    }
}

/// First run: what the vault is for and its passphrase.
#[derive(Deserialize, ts_rs::TS)]
pub struct CreateVaultRequest {
    /// What the vault will hold.
    pub purpose: VaultPurpose,
    /// The passphrase; zeroized on drop, never logged.
    #[ts(type = "string")]
    pub passphrase: SecretString,
}

/// The result of creating a vault.
#[derive(Serialize, ts_rs::TS)]
pub struct CreatedVault {
    /// The recovery key in its standard age form, shown once and then forgotten by the UI.
    pub recovery_key: String,
    /// The vault's key was stored in the keychain.
    pub keychain_stored: bool,
    /// Why not, in words a person can act on, when it was not.
    pub keychain_message: Option<String>,
}

/// Settings → change passphrase.
#[derive(Deserialize, ts_rs::TS)]
pub struct ChangePassphraseRequest {
    /// The current passphrase or the recovery key: checked first, so that someone who finds the
    /// computer unlocked cannot lock its owner out.
    #[ts(type = "string")]
    pub current: SecretString,
    /// The new passphrase.
    #[ts(type = "string")]
    pub next: SecretString,
}

/// Settings → make a new vault key.
#[derive(Deserialize, ts_rs::TS)]
pub struct RekeyRequest {
    /// The current passphrase: checked, then used to protect the new key.
    #[ts(type = "string")]
    pub passphrase: SecretString,
}

/// What a re-key did.
#[derive(Serialize, ts_rs::TS)]
pub struct RekeyDone {
    /// The NEW recovery key in its standard age form, shown once; the old one opens nothing current.
    pub recovery_key: String,
    /// Older snapshots (under the old key) removed.
    pub generations_removed: usize,
    /// Why the keychain could not take the new key, when it could not.
    pub keychain_message: Option<String>,
}

/// Payload of [`LOCKED_EVENT`].
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LockedEvent {
    /// `"idle"`, `"user"` or `"quick-hide"`.
    pub reason: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;
    use secrecy::ExposeSecret;

    #[test]
    fn create_request_reads_and_keeps_the_passphrase_secret() {
        let request: CreateVaultRequest =
            serde_json::from_str(r#"{"purpose":"both","passphrase":"correct horse battery"}"#)
                .expect("well-formed request");
        assert_eq!(request.purpose, VaultPurpose::Both);
        assert_eq!(request.passphrase.expose_secret(), "correct horse battery");
    }

    #[test]
    fn change_passphrase_needs_the_current_secret() {
        let parsed = serde_json::from_str::<ChangePassphraseRequest>(r#"{"next":"a new passphrase"}"#);
        assert!(parsed.is_err(), "a request without the current secret is refused before any work");
        let request: ChangePassphraseRequest =
            serde_json::from_str(r#"{"current":"old one here","next":"a new passphrase"}"#).expect("both given");
        assert_eq!(request.current.expose_secret(), "old one here");
    }

    #[test]
    fn unknown_purpose_is_refused() {
        let parsed = serde_json::from_str::<CreateVaultRequest>(r#"{"purpose":"diary","passphrase":"x"}"#);
        assert!(parsed.is_err());
    }
}
