//! Session commands: first run, unlock by each method, lock, quick-hide, preferences.

use crate::error::{CommandError, CommandResult};
use crate::models::{
    AppStatus, ChangePassphraseRequest, CreateVaultRequest, CreatedVault, LOCKED_EVENT, LockedEvent, RekeyDone,
    RekeyRequest,
};
use crate::purpose;
use crate::settings::Settings;
use crate::state::AppState;
use secrecy::SecretString;
use std::sync::Arc;
use tauri::{Emitter, State, WebviewWindow};
use wellkept::keys::{RecoveryKey, keychain};
use wellkept::vault::{CreateOptions, Unlock, Vault};

/// Runs a core future on a blocking-pool thread with its own `block_on`.
///
/// Tauri's async commands must be `Send`. Opening and creating a vault run sqlx's migrator,
/// whose future rustc cannot prove `Send` through its higher-ranked lifetimes
/// (rust-lang/rust#64552, launchbadge/sqlx#1921), so those two calls are driven here, where
/// the future itself never crosses threads.
async fn off_thread<F, Fut, T>(make: F) -> CommandResult<T>
where
    F: FnOnce() -> Fut + Send + 'static,
    Fut: std::future::Future<Output = wellkept::Result<T>>,
    T: Send + 'static,
{
    tauri::async_runtime::spawn_blocking(move || tauri::async_runtime::block_on(make()))
        .await
        .map_err(|_| {
            CommandError::new("internal", "Wellkept hit an internal error and did not finish. Please try again.")
        })?
        .map_err(CommandError::from)
}

/// Where the app stands: vault present, locked or not, keychain reachable, preferences.
#[tauri::command(rename_all = "snake_case")]
pub async fn app_status(state: State<'_, AppState>) -> CommandResult<AppStatus> {
    let guard = state.vault.lock().await;
    let (unlocked, keychain_enabled, purpose) = match guard.as_ref() {
        Some(vault) if vault.is_unlocked().await => {
            (true, vault.config().unlock.keychain, Some(purpose::load(vault).await?))
        }
        Some(vault) => (false, vault.config().unlock.keychain, None),
        None => (false, true, None),
    };
    Ok(AppStatus {
        vault_exists: state.paths.vault_exists(),
        unlocked,
        keychain_available: keychain::is_available().await,
        keychain_enabled,
        purpose,
        settings: state.settings(),
    })
}

/// First run: creates the vault (stored in the keychain when it can be), records what it holds,
/// and hands back the recovery key to show once.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_vault(state: State<'_, AppState>, request: CreateVaultRequest) -> CommandResult<CreatedVault> {
    state.touch();
    let mut guard = state.vault.lock().await;
    let options =
        CreateOptions { passphrase: Some(request.passphrase), use_keychain: true, ..CreateOptions::default() };
    let dir = state.paths.vault_dir.clone();
    let created = off_thread(move || async move { Vault::create(&dir, options).await }).await?;
    purpose::save(&created.vault, request.purpose).await?;
    let keychain_message = created
        .keychain_error
        .map(|e| format!("{e} You will type your passphrase to unlock until the keychain works again."));
    let reply = CreatedVault {
        recovery_key: created.recovery_key.expose().to_owned(),
        keychain_stored: keychain_message.is_none(),
        keychain_message,
    };
    *guard = Some(Arc::new(created.vault));
    Ok(reply)
}

/// Unlocks with the key kept in this computer's keychain: no typing.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_keychain(state: State<'_, AppState>) -> CommandResult<()> {
    unlock(&state, Unlock::Keychain).await
}

/// Unlocks with the passphrase.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_passphrase(state: State<'_, AppState>, passphrase: SecretString) -> CommandResult<()> {
    unlock(&state, Unlock::Passphrase(passphrase)).await
}

/// Unlocks with the recovery key (any spacing or dashes, any case).
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_recovery_key(state: State<'_, AppState>, recovery_key: SecretString) -> CommandResult<()> {
    use secrecy::ExposeSecret;
    let key = RecoveryKey::parse(recovery_key.expose_secret())?;
    unlock(&state, Unlock::RecoveryKey(key)).await
}

/// Loads the vault (taking the one-writer lock) if this is the first unlock, then unlocks it.
async fn unlock(state: &AppState, method: Unlock) -> CommandResult<()> {
    state.touch();
    let mut guard = state.vault.lock().await;
    // The keychain unlock started at process start (`AppState::start_early_unlock`): the
    // window's keychain unlock takes its outcome as its own; any other method checks what the
    // person typed, so a vault the keychain already opened is locked again first.
    if let Some(early) = state.claim_early_unlock(&mut guard).await {
        if matches!(method, Unlock::Keychain) {
            early?;
            state.touch();
            return Ok(());
        }
        if early.is_ok()
            && let Some(vault) = guard.as_ref()
            && let Err(error) = vault.lock().await
        {
            // As `AppState::lock`: the database is dropped all the same; only compaction failed.
            eprintln!("Wellkept: compaction on lock failed ({}); the vault is locked.", error.kind());
        }
    }
    if guard.is_none() {
        if !state.paths.vault_exists() {
            return Err(CommandError::no_vault());
        }
        *guard = Some(Arc::new(Vault::load(&state.paths.vault_dir)?));
    }
    let vault = Arc::clone(guard.as_ref().ok_or_else(CommandError::no_vault)?);
    off_thread(move || async move { vault.unlock(method).await }).await?;
    state.touch();
    Ok(())
}

/// Sets a new passphrase (the vault key is rewrapped; no data is re-encrypted), once the
/// current passphrase or the recovery key has been typed: an unlocked window alone is not
/// enough to lock the owner out.
#[tauri::command(rename_all = "snake_case")]
pub async fn change_passphrase(state: State<'_, AppState>, request: ChangePassphraseRequest) -> CommandResult<()> {
    state.touch();
    let vault = state.open_vault().await?;
    check_current_secret(&vault, &request.current).await?;
    vault.set_passphrase(&request.next, wellkept::keys::PASSPHRASE_WORK_FACTOR).await?;
    Ok(())
}

/// Checks `current` as the recovery key when it reads as one, otherwise as the passphrase.
/// A wrong one is reported on the "current" field.
pub(crate) async fn check_current_secret(vault: &Vault, current: &SecretString) -> CommandResult<()> {
    use secrecy::ExposeSecret;
    let checked = match RecoveryKey::parse(current.expose_secret()) {
        Ok(recovery) => vault.check_recovery_key(&recovery).await,
        Err(_) => vault.check_passphrase(current).await,
    };
    checked.map_err(|e| match e {
        wellkept::Error::WrongKey { .. } => CommandError::from(wellkept::Error::invalid(
            "current",
            "that is not this vault's current passphrase or recovery key; nothing was changed",
        )),
        other => other.into(),
    })
}

/// Makes a new vault key (see `wellkept::vault::Vault::rekey`) once the current passphrase is
/// checked; the passphrase protects the new key. Hands back the NEW recovery key to show once.
#[tauri::command(rename_all = "snake_case")]
pub async fn rekey_vault(state: State<'_, AppState>, request: RekeyRequest) -> CommandResult<RekeyDone> {
    state.touch();
    let vault = state.open_vault().await?;
    check_current_secret(&vault, &request.passphrase).await?;
    let done = vault.rekey(Some(&request.passphrase), wellkept::keys::PASSPHRASE_WORK_FACTOR).await?;
    state.touch();
    Ok(RekeyDone {
        recovery_key: done.recovery_key.expose().to_owned(),
        generations_removed: done.generations_removed,
        keychain_message: done
            .keychain_error
            .map(|e| format!("{e} You will type your passphrase to unlock until the keychain works again.")),
    })
}

/// Validates and saves preferences; the new auto-lock delay applies at once.
#[tauri::command(rename_all = "snake_case")]
pub fn save_settings(state: State<'_, AppState>, settings: Settings) -> CommandResult<Settings> {
    state.touch();
    settings.save(&state.paths.settings_file)?;
    state.set_settings(settings.clone());
    Ok(settings)
}

/// The window reports user input (throttled), which postpones auto-lock.
#[tauri::command(rename_all = "snake_case")]
pub fn keep_alive(state: State<'_, AppState>) {
    state.touch();
}

/// Locks now: drops the decrypted vault.
#[tauri::command(rename_all = "snake_case")]
pub async fn lock_vault(state: State<'_, AppState>) -> CommandResult<()> {
    state.lock().await;
    Ok(())
}

/// Quick-hide: locks and minimises the window in one step, for when someone walks in.
#[tauri::command(rename_all = "snake_case")]
pub async fn quick_hide(state: State<'_, AppState>, window: WebviewWindow) -> CommandResult<()> {
    state.lock().await;
    // The UI has already cleared itself; the event covers any other listener.
    let _ = window.emit(LOCKED_EVENT, LockedEvent { reason: "quick-hide" });
    window.minimize().map_err(|_| CommandError::window_unavailable())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::AppPaths;

    const PASSPHRASE: &str = "a long enough passphrase for tests";

    /// A closed vault kept in the (mock) keychain, and the app's state for it, early unlock started.
    fn started(dir: &std::path::Path, keep_keychain_entry: bool) -> AppState {
        // One store for the whole test binary: a second one would forget the first one's keys.
        static MOCK: std::sync::Once = std::sync::Once::new();
        MOCK.call_once(|| keychain::use_mock_store().expect("the mock keychain installs"));
        let paths = AppPaths { vault_dir: dir.join("vault"), settings_file: dir.join("settings.json") };
        let vault_dir = paths.vault_dir.clone();
        tauri::async_runtime::block_on(async move {
            let options = CreateOptions {
                passphrase: Some(SecretString::from(PASSPHRASE)),
                use_keychain: true,
                passphrase_work_factor: 10,
            };
            let created = Vault::create(&vault_dir, options).await.expect("the vault is created");
            assert!(created.keychain_error.is_none(), "the mock keychain stores the key");
            if !keep_keychain_entry {
                keychain::delete_key(&created.vault.id()).await.expect("the entry is removed");
            }
            created.vault.lock().await.expect("the vault locks");
        });
        let state = AppState::new(paths);
        state.start_early_unlock();
        state
    }

    /// Issue 8: the keychain unlock started before the window never stands in for a typed
    /// secret: a wrong passphrase is refused although the keychain had already opened the vault.
    #[test]
    fn a_typed_passphrase_is_checked_even_after_the_early_keychain_unlock() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = started(dir.path(), true);
        tauri::async_runtime::block_on(async {
            let wrong = unlock(&state, Unlock::Passphrase(SecretString::from("not the passphrase"))).await;
            assert_eq!(wrong.expect_err("a wrong passphrase is refused").kind, "wrong_key");
            assert!(state.open_vault().await.is_err(), "the vault stays locked");
            unlock(&state, Unlock::Keychain).await.expect("the keychain still unlocks");
            assert!(state.open_vault().await.is_ok());
        });
    }

    /// Issue 8: the early unlock's failure reaches the window's keychain unlock as it would have
    /// without it, and the passphrase then works.
    #[test]
    fn the_early_unlocks_failure_is_the_keychain_unlocks_answer() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let state = started(dir.path(), false);
        tauri::async_runtime::block_on(async {
            let missing = unlock(&state, Unlock::Keychain).await.expect_err("no keychain entry");
            assert_eq!(missing.kind, "keychain_missing");
            unlock(&state, Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("the passphrase unlocks");
            assert!(state.open_vault().await.is_ok());
        });
    }
}
