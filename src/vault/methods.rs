//! Adding, changing and removing unlock methods. Each rewraps the one vault key; no data is
//! re-encrypted. All of them need the vault unlocked (the key in memory).
//!
//! Because the vault key itself does not change, an old secret keeps working wherever an old
//! copy of its key file survives (a backup file, a synced or copied folder): that copy still
//! unwraps the same key, which still decrypts today's files. Messages say so, and point to
//! [`Vault::rekey`], which changes the key itself.

use secrecy::SecretString;

use super::{Unlock, Vault, layout};
use crate::keys::{self, RecoveryKey, keychain};
use crate::{Error, Result};

impl Vault {
    /// Sets or changes the passphrase. The old passphrase no longer opens *this* key file, but
    /// the vault key is unchanged: see the module docs, and [`Vault::rekey`].
    pub async fn set_passphrase(&self, passphrase: &SecretString, work_factor: u8) -> Result<()> {
        let passphrase = passphrase.clone();
        let wrapped = self.with_key(|key| keys::wrap_with_passphrase(key, &passphrase, work_factor)).await??;
        layout::write_atomic(&self.paths().passphrase_key(), &wrapped, "Saving the new passphrase")?;
        let mut config = self.config();
        config.unlock.passphrase = true;
        self.set_config(config)
    }

    /// Replaces the recovery key: the old one no longer opens this vault's key file (an old
    /// backup's copy still opens with it; see the module docs). Show the new one to the user once.
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

    /// On a computer whose keychain lacks the key of a vault kept in the keychain — a second
    /// computer opening a vault in a synced folder with the passphrase or the recovery key —
    /// stores it there, so this computer too unlocks without typing. Writes no file in the vault
    /// folder (the descriptor already says the keychain is used; rewriting it from a second
    /// computer would give the sync engine two writers of it). Returns whether it stored the key.
    pub async fn keep_key_on_this_computer(&self) -> Result<bool> {
        if !self.config().unlock.keychain {
            return Ok(false);
        }
        match keychain::load_key(&self.id()).await {
            Ok(_) => Ok(false),
            Err(Error::KeychainMissing) => {
                let key_secret = self.with_key(|key| key.to_secret()).await?;
                let key = keys::VaultKey::from_secret(&key_secret, "keychain key")?;
                keychain::store_key(&self.id(), &key).await?;
                Ok(true)
            }
            Err(e) => Err(e),
        }
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

    /// Checks that `passphrase` is the vault's current one, before a change that a person who
    /// merely found the computer unlocked must not make (changing the passphrase, re-keying).
    /// Costs one scrypt unwrap (about a second).
    pub async fn check_passphrase(&self, passphrase: &SecretString) -> Result<()> {
        if !self.config().unlock.passphrase {
            return Err(Error::MethodNotSet { method: "passphrase" });
        }
        let wrapped = std::fs::read(self.paths().passphrase_key())
            .map_err(|e| Error::storage("Reading the passphrase key file", e))?;
        let passphrase = passphrase.clone();
        let key = tokio::task::spawn_blocking(move || keys::unwrap_with_passphrase(&wrapped, &passphrase))
            .await
            .map_err(|e| Error::Internal { detail: e.to_string() })??;
        self.check_same_key(&key, "passphrase").await
    }

    /// Checks that `recovery` is the vault's current recovery key (see [`Vault::check_passphrase`]).
    pub async fn check_recovery_key(&self, recovery: &RecoveryKey) -> Result<()> {
        let wrapped = std::fs::read(self.paths().recovery_key())
            .map_err(|e| Error::storage("Reading the recovery key file", e))?;
        let key = keys::unwrap_with_recovery_key(&wrapped, recovery)?;
        self.check_same_key(&key, "recovery key").await
    }

    async fn check_same_key(&self, key: &keys::VaultKey, method: &'static str) -> Result<()> {
        let held = self.with_key(|held| held.recipient().to_string()).await?;
        if held == key.recipient().to_string() { Ok(()) } else { Err(Error::WrongKey { method }) }
    }

    /// Writes a descriptor rebuilt by [`layout::VaultPaths::rebuild_config`], now that `recipient`'s
    /// key has opened the newest generation (whose header MAC covers the vault id). The keychain
    /// flag says whether this computer's keychain really holds that key.
    pub(super) async fn save_rebuilt_descriptor(
        &self,
        recipient: &age::x25519::Recipient,
        unlocked_by: &Unlock,
    ) -> Result<()> {
        let mut config = self.config();
        config.recipient = recipient.to_string();
        config.unlock.keychain = match unlocked_by {
            Unlock::Keychain => true,
            _ => keychain::load_key(&config.vault_id)
                .await
                .is_ok_and(|key| key.recipient().to_string() == config.recipient),
        };
        self.set_config(config)
    }
}
