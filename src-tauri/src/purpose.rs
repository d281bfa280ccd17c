//! What a vault holds (mentor practice, personal journal, or both), kept inside the vault in the
//! shared `settings` table under the key `purpose`, as JSON text.
//!
//! It lives in the vault rather than the plaintext preferences file because it says something
//! about the user (that they mentor others). The shell reads and writes it here until the core
//! grows a typed vault-settings API; the statements are deterministic, as the journal requires.

use crate::models::VaultPurpose;
use wellkept::params;
use wellkept::vault::Vault;

/// Records what the vault holds (replacing any earlier choice).
pub async fn save(vault: &Vault, purpose: VaultPurpose) -> wellkept::Result<()> {
    let value = serde_json::to_string(&purpose)
        .map_err(|e| wellkept::Error::Internal { detail: format!("purpose to JSON: {e}") })?;
    vault
        .write(|w| {
            Box::pin(async move {
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

/// What the vault holds; a vault without the setting (made by the command-line tool) holds both.
pub async fn load(vault: &Vault) -> wellkept::Result<VaultPurpose> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'purpose'", params![]).await?;
    Ok(row.and_then(|(json,)| serde_json::from_str::<VaultPurpose>(&json).ok()).unwrap_or(VaultPurpose::Both))
}
