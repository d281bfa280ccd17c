//! Vault commands: first run, unlock by each method, lock, quick-hide, passphrase and key
//! changes, preferences, and encrypted backups (the core's `vault`, `keys` and `settings`),
//! with the request and response types the window sends and receives for them.
//!
//! Backup paths must be ones the person picked in the native dialog this session (see
//! `chosen_paths`).

use crate::error::{CommandError, CommandResult};
use crate::settings::Settings;
use crate::state::AppState;
use secrecy::SecretString;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tauri::{Emitter, State, WebviewWindow};
use wellkept::keys::{RecoveryKey, keychain};
use wellkept::vault::{CreateOptions, Unlock, Vault};

/// Event emitted to the window whenever the vault locks by itself (idle) or on request, so the
/// UI clears everything it shows.
pub const LOCKED_EVENT: &str = "vault-locked";

/// What a vault holds; kept inside the vault by the core (`wellkept::settings`).
pub use wellkept::settings::VaultPurpose;

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
    /// The vault folder this app opens (the default place, or one the person chose).
    #[ts(type = "string")]
    pub vault_folder: PathBuf,
    /// Said by the unlock that just opened an older copy of the vault (a restored backup) holding
    /// clients this computer erased: "This vault is an older copy, made before an erasure (a
    /// restored backup?): 1 client erased on 2 Dec 2026 was in it and has been erased again, …"
    /// (`wellkept::practice::erasure::reapply_erasures`). `None` otherwise, and from `app_status`.
    pub erased_again: Option<String>,
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

/// Event emitted to the window when another computer's files, delivered by the sync engine,
/// have arrived in the vault folder while it is open here (see `Vault::changed_elsewhere`): the
/// window shows them ([`reload_vault`]), by itself unless something is being typed; a save
/// made meanwhile merges them first (decision 65).
pub const CHANGED_ELSEWHERE_EVENT: &str = "vault-changed-elsewhere";

/// Loads the vault again from its files (after [`CHANGED_ELSEWHERE_EVENT`]), with the key
/// already in memory: no typing. A delivery that is refused (rolled back, damaged) leaves the
/// vault open as it was, and the error says why.
#[tauri::command(rename_all = "snake_case")]
pub async fn reload_vault(state: State<'_, AppState>) -> CommandResult<()> {
    let vault = state.open_vault().await?;
    off_thread(move || async move { vault.reload().await }).await?;
    // Files that arrive from now on are told of again (the delivery watch in lib.rs).
    state.delivery_told.store(false, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// Payload of [`LOCKED_EVENT`].
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
pub struct LockedEvent {
    /// `"idle"`, `"user"` or `"quick-hide"`.
    pub reason: &'static str,
}

/// A backup written.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct BackupDone {
    /// Where.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
}

/// A backup restored and checked.
#[derive(Debug, Serialize, ts_rs::TS)]
pub struct RestoreDone {
    /// The new vault folder.
    pub folder: PathBuf,
    /// Whether the restored vault's current generation and every attached file it refers to verified
    /// with the passphrase given.
    pub verified: bool,
    /// What verify found wrong, if anything.
    pub problems: Vec<String>,
    /// The folder this app opens its vault from (the restored one is elsewhere until moved).
    pub app_vault_folder: PathBuf,
}

/// Runs a core future on a blocking-pool thread with its own `block_on`.
///
/// Tauri's async commands must be `Send`. Opening and creating a vault run sqlx's migrator,
/// whose future rustc cannot prove `Send` through its higher-ranked lifetimes
/// (rust-lang/rust#64552, launchbadge/sqlx#1921), so those calls (and `verify`, which opens a
/// locked vault read-only to check its attached files) are driven here, where
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
    status_of(&state, guard.as_ref(), None).await
}

/// The status for `vault` (the one the state holds, its lock already taken by the caller).
/// `keychain_available`: already known (an unlock with the keychain just worked), or `None` to
/// ask the keychain service, which is a round trip over D-Bus.
async fn status_of(
    state: &AppState,
    vault: Option<&Arc<Vault>>,
    keychain_available: Option<bool>,
) -> CommandResult<AppStatus> {
    let (unlocked, read_only, keychain_enabled, purpose) = match vault {
        Some(vault) if vault.is_unlocked().await => (
            true,
            vault.is_read_only().await,
            vault.config().unlock.keychain,
            Some(wellkept::settings::purpose(vault).await?),
        ),
        Some(vault) => (false, false, vault.config().unlock.keychain, None),
        None => (false, false, true, None),
    };
    Ok(AppStatus {
        vault_exists: state.paths().vault_exists(),
        unlocked,
        read_only,
        keychain_available: match keychain_available {
            Some(known) => known,
            None => keychain::is_available().await,
        },
        keychain_enabled,
        purpose,
        settings: state.settings(),
        vault_folder: state.paths().vault_dir,
        erased_again: None,
    })
}

/// Erases again, right after an unlock, the clients this computer erased that the vault holds
/// once more (an older copy: a restored backup), and gives the sentence that says so. If that
/// fails the vault is locked again and the error said: it is never left open showing them.
async fn erase_again(vault: Option<&Arc<Vault>>) -> CommandResult<Option<String>> {
    let Some(vault) = vault else { return Ok(None) };
    let vault = Arc::clone(vault);
    let locking = Arc::clone(&vault);
    let done = off_thread(move || async move { wellkept::practice::erasure::reapply_erasures(&vault).await }).await;
    match done {
        Ok(done) => Ok(done.message()),
        Err(error) => {
            let _ = locking.lock().await;
            Err(error)
        }
    }
}

/// Opens the vault in another folder from now on — the vault folder inside a Syncthing or
/// Nextcloud folder, on a second computer — in place of the one at the default place. The
/// folder must be one the person picked in the native dialog and must hold a vault; the app
/// must not have a vault unlocked. Nothing in either folder is written: the choice is kept in
/// the app's own config folder, and the window goes on to unlock the chosen vault.
#[tauri::command(rename_all = "snake_case")]
pub async fn use_vault_folder(state: State<'_, AppState>, folder: PathBuf) -> CommandResult<()> {
    state.touch();
    state.chosen.check(&folder)?;
    if !wellkept::vault::VaultPaths::new(&folder).holds_vault() {
        return Err(wellkept::Error::invalid(
            "Vault folder",
            "that folder holds no Wellkept vault: choose the folder that holds wellkept-vault.json and the keys and data folders (the folder named \"vault\" inside your synced folder)",
        )
        .into());
    }
    let mut guard = state.vault.lock().await;
    // An early keychain unlock of the vault at the old place, not yet shown, is locked first.
    if let Some(Ok(())) = state.claim_early_unlock(&mut guard).await
        && let Some(vault) = guard.as_ref()
    {
        let _ = vault.lock().await;
    }
    if let Some(vault) = guard.as_ref()
        && vault.is_unlocked().await
    {
        return Err(wellkept::Error::invalid(
            "Vault folder",
            "lock the vault first: Wellkept opens one vault at a time",
        )
        .into());
    }
    // Dropping the loaded vault releases its one-writer lock on the old folder.
    *guard = None;
    state.use_vault_folder(folder).map_err(|e| {
        CommandError::new(
            "io",
            format!("Wellkept could not remember the vault folder ({e}). Check that your home folder is writable and has free space, then try again."),
        )
    })?;
    Ok(())
}

/// First run: creates the vault (stored in the keychain when it can be), records what it holds,
/// and hands back the recovery key to show once.
#[tauri::command(rename_all = "snake_case")]
pub async fn create_vault(state: State<'_, AppState>, request: CreateVaultRequest) -> CommandResult<CreatedVault> {
    state.touch();
    let mut guard = state.vault.lock().await;
    let options =
        CreateOptions { passphrase: Some(request.passphrase), use_keychain: true, ..CreateOptions::default() };
    let paths = state.paths();
    if paths.folder_chosen {
        // The folder was chosen because it held a vault, and now holds none: a synced folder
        // or a disk not connected, or a sync engine still copying. A new vault there would
        // stand beside (or over) the person's real one when it comes back.
        return Err(wellkept::Error::invalid(
            "Vault folder",
            format!(
                "Wellkept opens the vault in {}, which holds no vault now (a synced folder or a disk that is not connected, or a sync still copying?). Connect it and start Wellkept again, or choose the vault folder again below.",
                paths.vault_dir.display()
            ),
        )
        .into());
    }
    let dir = paths.vault_dir;
    let created = off_thread(move || async move { Vault::create(&dir, options).await }).await?;
    wellkept::settings::set_purpose(&created.vault, request.purpose).await?;
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

/// Unlocks with the key kept in this computer's keychain: no typing. `options` chooses how to
/// open a vault refused as rolled back (read-only, or accepting the loss); absent, normally.
/// Answers with the app's status once unlocked, so the window need not ask for it again.
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_keychain(
    state: State<'_, AppState>,
    options: Option<UnlockChoice>,
) -> CommandResult<AppStatus> {
    unlock(&state, Unlock::Keychain, options.unwrap_or_default()).await
}

/// Unlocks with the passphrase (`options` as for [`unlock_with_keychain`]).
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_passphrase(
    state: State<'_, AppState>,
    passphrase: SecretString,
    options: Option<UnlockChoice>,
) -> CommandResult<AppStatus> {
    unlock(&state, Unlock::Passphrase(passphrase), options.unwrap_or_default()).await
}

/// Unlocks with the recovery key (any spacing or dashes, any case; `options` as for
/// [`unlock_with_keychain`]).
#[tauri::command(rename_all = "snake_case")]
pub async fn unlock_with_recovery_key(
    state: State<'_, AppState>,
    recovery_key: SecretString,
    options: Option<UnlockChoice>,
) -> CommandResult<AppStatus> {
    use secrecy::ExposeSecret;
    let key = RecoveryKey::parse(recovery_key.expose_secret())?;
    unlock(&state, Unlock::RecoveryKey(key), options.unwrap_or_default()).await
}

/// Loads the vault (taking the one-writer lock) if this is the first unlock, then unlocks it.
/// A refusal (a wrong key, a rolled-back history) changes nothing and keeps the vault loaded,
/// so the person can try again with another choice. Answers with the status after the unlock.
async fn unlock(state: &AppState, method: Unlock, choice: UnlockChoice) -> CommandResult<AppStatus> {
    state.touch();
    let by_keychain = matches!(method, Unlock::Keychain);
    let mut guard = state.vault.lock().await;
    // The keychain unlock started at process start (`AppState::start_early_unlock`): the
    // window's plain keychain unlock takes its outcome as its own; any other method, or a
    // rollback choice (read-only, accepting a loss), checks again, so a vault the keychain
    // already opened is locked again first.
    if let Some(early) = state.claim_early_unlock(&mut guard).await {
        let plain = !choice.read_only && choice.accept_rollback.is_none();
        if plain && matches!(method, Unlock::Keychain) {
            early?;
            let erased_again = erase_again(guard.as_ref()).await?;
            state.touch();
            let status = status_of(state, guard.as_ref(), Some(true)).await?;
            return Ok(AppStatus { erased_again, ..status });
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
        if !state.paths().vault_exists() {
            return Err(CommandError::no_vault());
        }
        *guard = Some(Arc::new(Vault::load(&state.paths().vault_dir)?));
    }
    let vault = Arc::clone(guard.as_ref().ok_or_else(CommandError::no_vault)?);
    let options = wellkept::vault::UnlockOptions::from(choice);
    let typed = !matches!(method, Unlock::Keychain);
    let opened = Arc::clone(&vault);
    off_thread(move || async move { vault.unlock_with(method, options).await }).await?;
    if typed {
        // A computer that opened a vault kept in the keychain by typing — a second computer
        // joining a vault in a synced folder — keeps the key in its own keychain from now on.
        // Best effort: without it, the passphrase still opens the vault.
        if let Err(error) = opened.keep_key_on_this_computer().await {
            eprintln!("Wellkept: could not keep the key in this computer's keychain ({}).", error.kind());
        }
    }
    let erased_again = erase_again(guard.as_ref()).await?;
    state.touch();
    let status = status_of(state, guard.as_ref(), by_keychain.then_some(true)).await?;
    Ok(AppStatus { erased_again, ..status })
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
    settings.save(&state.paths().settings_file)?;
    state.set_settings(settings.clone());
    Ok(settings)
}

/// The window reports user input (throttled), which postpones auto-lock.
#[tauri::command(rename_all = "snake_case")]
pub fn keep_alive(state: State<'_, AppState>) {
    state.touch();
}

/// The computers that have opened this vault, the one last seen first (`wellkept devices`).
#[tauri::command(rename_all = "snake_case")]
pub async fn list_devices(state: State<'_, AppState>) -> CommandResult<Vec<wellkept::sync::devices::DeviceInfo>> {
    state.touch();
    let vault = state.open_vault().await?;
    Ok(vault.devices().await?)
}

/// Renames this computer in the list of computers (its own entry only).
#[tauri::command(rename_all = "snake_case")]
pub async fn rename_this_device(state: State<'_, AppState>, name: String) -> CommandResult<()> {
    state.touch();
    let vault = state.open_vault().await?;
    Ok(vault.rename_this_device(&name).await?)
}

/// Removes another computer from the list of computers.
#[tauri::command(rename_all = "snake_case")]
pub async fn remove_device(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.touch();
    let vault = state.open_vault().await?;
    Ok(vault.remove_device(&id).await?)
}

/// Makes computer `id` the vault's home: on the home, hands it to another computer; on another
/// computer, with its own id, takes it over from a home that will not open the vault again
/// (`Vault::move_home`).
#[tauri::command(rename_all = "snake_case")]
pub async fn move_home(state: State<'_, AppState>, id: String) -> CommandResult<()> {
    state.touch();
    let vault = state.open_vault().await?;
    Ok(vault.move_home(&id).await?)
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

/// Writes an encrypted backup of the whole vault to `path`.
#[tauri::command(rename_all = "snake_case")]
pub async fn back_up_vault(state: State<'_, AppState>, path: PathBuf) -> CommandResult<BackupDone> {
    state.chosen.check(&path)?;
    let bytes = state.open_vault().await?.backup_to(&path).await?;
    Ok(BackupDone { path, bytes })
}

/// Restores a backup file into a new, empty vault folder and verifies it with the passphrase.
/// Works while locked: it does not touch the vault this app has open.
#[tauri::command(rename_all = "snake_case")]
pub async fn restore_backup(
    state: State<'_, AppState>,
    backup: PathBuf,
    folder: PathBuf,
    passphrase: SecretString,
) -> CommandResult<RestoreDone> {
    state.touch();
    state.chosen.check(&backup)?;
    state.chosen.check(&folder)?;
    if same_folder(&folder, &state.paths().vault_dir) {
        return Err(wellkept::Error::invalid(
            "New vault folder",
            "choose a new, empty folder, not the vault Wellkept already uses",
        )
        .into());
    }
    wellkept::vault::restore_backup(&backup, &folder)?;
    let restored = Vault::load(&folder)?;
    // Off thread: checking the attached files opens the restored vault read-only (the migrator).
    let report = off_thread(move || async move { restored.verify(Unlock::Passphrase(passphrase)).await }).await?;
    let attached = report.attachments.iter().flat_map(|a| a.problems.iter().map(ToString::to_string));
    let problems = report.generations.iter().filter_map(|g| g.problem.clone()).chain(attached).collect();
    Ok(RestoreDone { folder, verified: report.intact(), problems, app_vault_folder: state.paths().vault_dir })
}

/// Whether two paths name the same folder (comparing resolved paths when they exist).
fn same_folder(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
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

    #[test]
    fn the_same_folder_is_recognised_through_dots() {
        let here = std::env::current_dir().expect("tests run in a folder");
        assert!(same_folder(&here, &here.join(".")));
        assert!(!same_folder(&here, &here.join("elsewhere-that-does-not-exist")));
    }
}

#[cfg(test)]
mod early_unlock_tests {
    use super::*;
    use crate::state::AppPaths;

    const PASSPHRASE: &str = "a long enough passphrase for tests";

    /// A closed vault kept in the (mock) keychain, and the app's state for it, early unlock started.
    fn started(dir: &std::path::Path, keep_keychain_entry: bool) -> AppState {
        // One store for the whole test binary: a second one would forget the first one's keys.
        static MOCK: std::sync::Once = std::sync::Once::new();
        MOCK.call_once(|| keychain::use_mock_store().expect("the mock keychain installs"));
        let paths = AppPaths {
            vault_dir: dir.join("vault"),
            settings_file: dir.join("settings.json"),
            location_file: dir.join("vault-folder"),
            folder_chosen: false,
        };
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
            let wrong =
                unlock(&state, Unlock::Passphrase(SecretString::from("not the passphrase")), UnlockChoice::default())
                    .await;
            assert_eq!(wrong.expect_err("a wrong passphrase is refused").kind, "wrong_key");
            assert!(state.open_vault().await.is_err(), "the vault stays locked");
            unlock(&state, Unlock::Keychain, UnlockChoice::default()).await.expect("the keychain still unlocks");
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
            let missing =
                unlock(&state, Unlock::Keychain, UnlockChoice::default()).await.expect_err("no keychain entry");
            assert_eq!(missing.kind, "keychain_missing");
            unlock(&state, Unlock::Passphrase(SecretString::from(PASSPHRASE)), UnlockChoice::default())
                .await
                .expect("the passphrase unlocks");
            assert!(state.open_vault().await.is_ok());
        });
    }
}
