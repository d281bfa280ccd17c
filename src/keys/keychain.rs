//! The OS keychain as an unlock method: Secret Service on Linux, Keychain on macOS, Credential
//! Manager on Windows, through `keyring-core` and the platform's store crate.
//!
//! We link `keyring-core` and the one store each platform needs rather than the `keyring`
//! umbrella crate, as its own documentation advises for applications. Tests install
//! `keyring_core::mock::Store` as the default store before touching a vault; the real
//! Secret Service is exercised by `tests/keychain.rs` inside a private D-Bus session.
//!
//! Keychain calls block (D-Bus round trips), so they run on tokio's blocking pool.

use std::sync::Arc;

use age::secrecy::{ExposeSecret, SecretString};

use super::VaultKey;
use crate::{Error, Result};

/// The service name entries are stored under; the user name is `vault:<vault id>`.
pub const SERVICE: &str = "Wellkept";

fn user_for(vault_id: &str) -> String {
    format!("vault:{vault_id}")
}

/// Installs the platform's credential store as keyring-core's default, unless one (for example
/// a mock in tests) is already installed.
pub fn ensure_store() -> Result<()> {
    if keyring_core::get_default_store().is_some() {
        return Ok(());
    }
    let store = native_store().map_err(|e| unavailable(&e))?;
    keyring_core::set_default_store(store);
    Ok(())
}

#[cfg(all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android"))))]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}
#[cfg(target_os = "macos")]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}
#[cfg(target_os = "windows")]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}
#[cfg(not(any(
    target_os = "macos",
    target_os = "windows",
    all(unix, not(any(target_os = "macos", target_os = "ios", target_os = "android")))
)))]
fn native_store() -> keyring_core::Result<Arc<keyring_core::CredentialStore>> {
    Err(keyring_core::Error::NotSupportedByStore("no keychain on this platform".into()))
}

fn unavailable(e: &keyring_core::Error) -> Error {
    // keyring-core's messages name the platform failure without secrets.
    let reason = match e {
        keyring_core::Error::NoStorageAccess(_) => "access was denied or the keychain is locked".to_owned(),
        keyring_core::Error::NoDefaultStore => "no keychain service is running".to_owned(),
        other => {
            let text = other.to_string();
            if text.len() > 160 { format!("{}…", &text[..text.floor_char_boundary(160)]) } else { text }
        }
    };
    Error::KeychainUnavailable { reason }
}

async fn blocking<T: Send + 'static>(f: impl FnOnce() -> Result<T> + Send + 'static) -> Result<T> {
    tokio::task::spawn_blocking(f).await.map_err(|e| Error::Internal { detail: format!("keychain task: {e}") })?
}

/// Stores the vault key in the keychain (replacing any earlier one for this vault).
pub async fn store_key(vault_id: &str, key: &VaultKey) -> Result<()> {
    let user = user_for(vault_id);
    let secret = key.to_secret();
    blocking(move || {
        ensure_store()?;
        let entry = keyring_core::Entry::new(SERVICE, &user).map_err(|e| unavailable(&e))?;
        entry.set_password(secret.expose_secret()).map_err(|e| unavailable(&e))
    })
    .await
}

/// Reads the vault key from the keychain.
pub async fn load_key(vault_id: &str) -> Result<VaultKey> {
    let user = user_for(vault_id);
    let secret = blocking(move || {
        ensure_store()?;
        let entry = keyring_core::Entry::new(SERVICE, &user).map_err(|e| unavailable(&e))?;
        match entry.get_password() {
            Ok(p) => Ok(SecretString::from(p)),
            Err(keyring_core::Error::NoEntry) => Err(Error::KeychainMissing),
            Err(e) => Err(unavailable(&e)),
        }
    })
    .await?;
    VaultKey::from_secret(&secret, "keychain key")
}

/// Removes the vault key from the keychain; absent is fine.
pub async fn delete_key(vault_id: &str) -> Result<()> {
    let user = user_for(vault_id);
    blocking(move || {
        ensure_store()?;
        let entry = keyring_core::Entry::new(SERVICE, &user).map_err(|e| unavailable(&e))?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring_core::Error::NoEntry) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    })
    .await
}

/// Whether the keychain can be reached right now (for the unlock screen).
pub async fn is_available() -> bool {
    blocking(ensure_store).await.is_ok()
}

/// Installs keyring-core's in-memory mock store for this process, for unit tests that exercise
/// the keychain path quickly beside the real Secret Service test. Never used by the app itself.
#[doc(hidden)]
pub fn use_mock_store() -> Result<()> {
    let store = keyring_core::mock::Store::new().map_err(|e| unavailable(&e))?;
    keyring_core::set_default_store(store);
    Ok(())
}
