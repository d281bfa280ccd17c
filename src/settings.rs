//! Vault-wide settings, kept inside the vault in the `settings` table (key → JSON text).
//!
//! They live in the vault rather than in a program's plaintext preferences file because they say
//! something about the user: what the vault holds says whether they mentor others. Each setting
//! has a typed getter and setter here, so no program outside the core writes SQL for them.
//!
//! The statements are deterministic, as the change log requires, and their text is part of the
//! vault format: a change log records each write's SQL text, and replay runs only statements the
//! program contains (`build.rs`). The purpose statement below is the exact text the desktop shell
//! wrote before this module existed, so logs it wrote still replay; do not reword it without
//! keeping the old text in the program (see `docs/vault-format.md`, "Replay runs only our own
//! statements").

use serde::{Deserialize, Serialize};

use crate::params;
use crate::vault::Vault;
use crate::{Error, Result};

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

/// Records what the vault holds (replacing any earlier choice).
pub async fn set_purpose(vault: &Vault, purpose: VaultPurpose) -> Result<()> {
    let value =
        serde_json::to_string(&purpose).map_err(|e| Error::Internal { detail: format!("purpose to JSON: {e}") })?;
    vault
        .write(|w| {
            Box::pin(async move {
                // The desktop shell's statement before this module, word for word (see above).
                w.exec(
                    "INSERT INTO settings (key, value) VALUES ('purpose', ?1) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![value],
                )
                .await
            })
        })
        .await?;
    Ok(())
}

/// What the vault holds; a vault without the setting (made by the command-line tool) holds both,
/// and so does one whose stored value this program does not know.
pub async fn purpose(vault: &Vault) -> Result<VaultPurpose> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'purpose'", params![]).await?;
    Ok(row.and_then(|(json,)| serde_json::from_str::<VaultPurpose>(&json).ok()).unwrap_or(VaultPurpose::Both))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{CreateOptions, Unlock};

    /// The statement the desktop shell (src-tauri/src/purpose.rs) wrote into change logs before
    /// the core had this module. Copied here, in the test tail, so the test fails if the program
    /// ever stops containing it.
    const SHELL_STATEMENT_BEFORE_THE_SETTINGS_API: &str = "INSERT INTO settings (key, value) VALUES ('purpose', ?1) ON CONFLICT (key) DO UPDATE SET value = excluded.value";

    #[tokio::test]
    async fn a_new_vault_holds_both_and_the_purpose_round_trips() {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
        let created = Vault::create(&dir.path().join("vault"), options).await.expect("create");
        assert_eq!(purpose(&created.vault).await.expect("read"), VaultPurpose::Both);
        set_purpose(&created.vault, VaultPurpose::Mentor).await.expect("write");
        assert_eq!(purpose(&created.vault).await.expect("read"), VaultPurpose::Mentor);
        set_purpose(&created.vault, VaultPurpose::Journal).await.expect("replace");
        assert_eq!(purpose(&created.vault).await.expect("read"), VaultPurpose::Journal);
    }

    /// Regression for moving the purpose out of the shell: a change log that holds the shell's
    /// old statement (not compacted into the snapshot, as after a session that never locked)
    /// still replays, and the purpose it wrote reads back.
    #[tokio::test]
    async fn a_change_log_written_with_the_shells_old_statement_replays() {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault_dir = dir.path().join("vault");
        let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
        let created = Vault::create(&vault_dir, options).await.expect("create");
        created
            .vault
            .write(|w| {
                Box::pin(async move {
                    w.exec(SHELL_STATEMENT_BEFORE_THE_SETTINGS_API, params!["\"journal\"".to_owned()]).await
                })
            })
            .await
            // `Writer::exec` refuses statements outside the replay allowlist at write time.
            .expect("the old statement is still one of the program's");
        // Dropped without locking: the write is only in the change log, and opening replays it.
        drop(created.vault);
        let vault = Vault::open(&vault_dir, Unlock::RecoveryKey(created.recovery_key)).await.expect("replays");
        assert_eq!(purpose(&vault).await.expect("read"), VaultPurpose::Journal);
    }
}
