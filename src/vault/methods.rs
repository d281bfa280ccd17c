//! Adding, changing and removing unlock methods. Each rewraps the one vault key; no data is
//! re-encrypted. All of them need the vault unlocked (the key in memory).

use secrecy::SecretString;

use super::{Vault, layout};
use crate::keys::{self, RecoveryKey, keychain};
use crate::{Error, Result};

impl Vault {
    /// Sets or changes the passphrase.
    pub async fn set_passphrase(&self, passphrase: &SecretString, work_factor: u8) -> Result<()> {
        let passphrase = passphrase.clone();
        let wrapped = self.with_key(|key| keys::wrap_with_passphrase(key, &passphrase, work_factor)).await??;
        layout::write_atomic(&self.paths().passphrase_key(), &wrapped, "Saving the new passphrase")?;
        let mut config = self.config();
        config.unlock.passphrase = true;
        self.set_config(config)
    }

    /// Replaces the recovery key; the old one stops working. Show the new one to the user once.
    pub async fn replace_recovery_key(&self) -> Result<RecoveryKey> {
        let (recovery, wrapped) = self.with_key(keys::wrap_with_new_recovery_key).await??;
        layout::write_atomic(&self.paths().recovery_key(), &wrapped, "Saving the new recovery key")?;
        let mut config = self.config();
        config.unlock.recovery = true;
        self.set_config(config)?;
        Ok(recovery)
    }

    /// Stores the key in this computer's keychain, so the vault unlocks without typing.
    pub async fn remember_in_keychain(&self) -> Result<()> {
        let key_secret = self.with_key(|key| key.to_secret()).await?;
        let key = keys::VaultKey::from_secret(&key_secret, "keychain key")?;
        keychain::store_key(&self.id(), &key).await?;
        let mut config = self.config();
        config.unlock.keychain = true;
        self.set_config(config)
    }

    /// Removes the key from this computer's keychain. Refused if no other way in would remain.
    pub async fn forget_keychain(&self) -> Result<()> {
        let config = self.config();
        if !config.unlock.passphrase && !config.unlock.recovery {
            return Err(Error::invalid("Keychain", "this is the only way to unlock the vault; set a passphrase first"));
        }
        keychain::delete_key(&config.vault_id).await?;
        let mut config = config;
        config.unlock.keychain = false;
        self.set_config(config)
    }
}
