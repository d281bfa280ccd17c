//! What the running app holds: where the vault lives, the vault itself (held with its one-writer
//! lock once loaded, decrypted only while unlocked), the user's preferences and the time of the
//! last user activity for auto-lock.

use crate::settings::Settings;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex as StdMutex;
use std::time::{Duration, Instant};
use wellkept::vault::{Unlock, Vault, VaultPaths};

/// Files the app keeps, resolved once at start-up from the platform's folders.
#[derive(Debug, Clone)]
pub struct AppPaths {
    /// The vault folder (ciphertext only).
    pub vault_dir: PathBuf,
    /// The preferences file (no user content).
    pub settings_file: PathBuf,
    /// The file naming the vault folder the person chose (a vault in a synced folder, opened on
    /// a second computer); absent, the vault lives at the platform's default place. Kept apart
    /// from the preferences, which the window saves whole: only the native folder dialog (see
    /// `chosen_paths`) can point the app at another folder.
    pub location_file: PathBuf,
    /// Whether `vault_dir` is a folder the person chose (named by `location_file`).
    pub folder_chosen: bool,
}

impl AppPaths {
    /// The same paths, with the vault folder the location file names, if it names an
    /// absolute path.
    pub fn with_chosen_folder(mut self) -> Self {
        if let Some(folder) = std::fs::read_to_string(&self.location_file)
            .ok()
            .map(|text| PathBuf::from(text.trim_end_matches(['\n', '\r'])))
            .filter(|p| p.is_absolute())
        {
            self.vault_dir = folder;
            self.folder_chosen = true;
        }
        self
    }

    /// Whether the vault folder holds a vault — with or without its descriptor, which is
    /// rebuilt on unlock. A folder holding key files or change logs must go to the unlock screen,
    /// never to first run (which would refuse it anyway: the core never writes over a vault).
    pub fn vault_exists(&self) -> bool {
        VaultPaths::new(&self.vault_dir).holds_vault()
    }
}

/// Shared state behind every command.
pub struct AppState {
    /// Resolved file locations (the vault folder changes when the person opens a vault in
    /// another folder).
    paths: std::sync::RwLock<AppPaths>,
    /// The vault once created or loaded. Holding it holds the one-writer lock, so a second
    /// Wellkept cannot open the same vault; its decrypted database exists only while unlocked.
    pub vault: tokio::sync::Mutex<Option<Arc<Vault>>>,
    /// The paths the person picked in the native dialogs: the only ones file commands accept.
    pub chosen: crate::chosen_paths::ChosenPaths,
    /// Current preferences.
    settings: StdMutex<Settings>,
    /// When the user last did anything; the idle watchdog compares against it.
    last_activity: StdMutex<Instant>,
    /// The keychain unlock started before the window existed ([`AppState::start_early_unlock`]),
    /// until a command claims it.
    early: StdMutex<Option<tauri::async_runtime::JoinHandle<EarlyUnlock>>>,
    /// Whether the window has been told that another computer's files arrived in the vault
    /// folder (the delivery watch in lib.rs); cleared when they are loaded (`reload_vault`), so
    /// files that arrive while the earlier ones load are told of in turn.
    pub delivery_told: std::sync::atomic::AtomicBool,
}

/// What the unlock started at process start came to: the vault if it could be loaded (holding
/// the one-writer lock), and the outcome of unlocking it with the keychain.
pub struct EarlyUnlock {
    /// The loaded vault (unlocked when `result` is `Ok`).
    pub vault: Option<Arc<Vault>>,
    /// The keychain unlock's own outcome, error and all, for the window's keychain unlock.
    pub result: Result<(), wellkept::Error>,
}

impl AppState {
    /// State for a fresh start: nothing loaded, preferences read from disk.
    pub fn new(paths: AppPaths) -> Self {
        let settings = Settings::load(&paths.settings_file);
        let paths = paths.with_chosen_folder();
        Self {
            paths: std::sync::RwLock::new(paths),
            vault: tokio::sync::Mutex::new(None),
            chosen: crate::chosen_paths::ChosenPaths::from_env(),
            settings: StdMutex::new(settings),
            last_activity: StdMutex::new(Instant::now()),
            early: StdMutex::new(None),
            delivery_told: std::sync::atomic::AtomicBool::new(false),
        }
    }

    /// Starts loading the vault and unlocking it with the keychain on a background thread, so
    /// the window's keychain unlock (which a cold start asks for at once) finds the work under
    /// way or done instead of starting it. Nothing is shown or decided here: the outcome, error
    /// included, waits for [`AppState::claim_early_unlock`]. Does nothing without a vault.
    ///
    /// `--no-early-unlock` on the command line turns it off (the unlock then starts when the
    /// window asks, as before), so the start-up measurement can compare both in one build.
    pub fn start_early_unlock(&self) {
        if !self.paths().vault_exists() || std::env::args().any(|a| a == "--no-early-unlock") {
            return;
        }
        let dir = self.paths().vault_dir;
        // Off the async runtime: opening runs sqlx's migrator, whose future is not `Send`
        // (see `commands::session::off_thread`).
        let handle = tauri::async_runtime::spawn_blocking(move || match Vault::load(&dir) {
            Ok(vault) => {
                let vault = Arc::new(vault);
                let result = tauri::async_runtime::block_on(vault.unlock(Unlock::Keychain));
                crate::startup_trace::mark("early-unlock-done");
                EarlyUnlock { vault: Some(vault), result }
            }
            Err(error) => EarlyUnlock { vault: None, result: Err(error) },
        });
        *self.early.lock().unwrap_or_else(|p| p.into_inner()) = Some(handle);
    }

    /// Waits for the early unlock, if one was started and nobody claimed it yet, and puts its
    /// vault (if it loaded) in `slot`. Returns its outcome for the caller to use or drop.
    pub async fn claim_early_unlock(&self, slot: &mut Option<Arc<Vault>>) -> Option<Result<(), wellkept::Error>> {
        let handle = self.early.lock().unwrap_or_else(|p| p.into_inner()).take()?;
        let early = match handle.await {
            Ok(early) => early,
            // The thread panicked: as if it never ran; the caller starts over.
            Err(_) => return None,
        };
        if slot.is_none() {
            *slot = early.vault;
        }
        Some(early.result)
    }

    /// The file locations now in force.
    pub fn paths(&self) -> AppPaths {
        self.paths.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Makes `folder` the vault folder, from now on and at every later start: writes the
    /// location file (atomically), then switches. The caller has checked that the folder holds
    /// a vault and that none is open.
    pub fn use_vault_folder(&self, folder: PathBuf) -> std::io::Result<()> {
        let file = self.paths().location_file;
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let tmp = file.with_extension("tmp");
        std::fs::write(&tmp, folder.as_os_str().as_encoded_bytes())?;
        std::fs::rename(&tmp, &file)?;
        let mut paths = self.paths.write().unwrap_or_else(|p| p.into_inner());
        paths.vault_dir = folder;
        paths.folder_chosen = true;
        Ok(())
    }

    /// Records user activity now (any command or a keep-alive from the window).
    pub fn touch(&self) {
        // A poisoned lock only means another thread panicked mid-update of an Instant; the
        // value is still a valid time, so keep going rather than stop auto-lock working.
        let mut last = self.last_activity.lock().unwrap_or_else(|p| p.into_inner());
        *last = Instant::now();
    }

    /// How long the user has been idle.
    pub fn idle_for(&self) -> Duration {
        self.last_activity.lock().unwrap_or_else(|p| p.into_inner()).elapsed()
    }

    /// A copy of the current preferences.
    pub fn settings(&self) -> Settings {
        self.settings.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Replaces the in-memory preferences (after they were saved).
    pub fn set_settings(&self, settings: Settings) {
        *self.settings.lock().unwrap_or_else(|p| p.into_inner()) = settings;
    }

    /// The auto-lock delay now in force.
    pub fn auto_lock_after(&self) -> Duration {
        Duration::from_secs(u64::from(self.settings().auto_lock_minutes) * 60)
    }

    /// The unlocked vault, for a command that reads or writes records; `Locked` otherwise.
    pub async fn open_vault(&self) -> Result<Arc<Vault>, wellkept::Error> {
        self.touch();
        let guard = self.vault.lock().await;
        match guard.as_ref() {
            Some(vault) if vault.is_unlocked().await => Ok(Arc::clone(vault)),
            _ => Err(wellkept::Error::Locked),
        }
    }

    /// The unlocked vault without counting as user activity (for background work such as
    /// reminders, which must not keep the vault from auto-locking).
    pub async fn peek_vault(&self) -> Result<Arc<Vault>, wellkept::Error> {
        let guard = self.vault.lock().await;
        match guard.as_ref() {
            Some(vault) if vault.is_unlocked().await => Ok(Arc::clone(vault)),
            _ => Err(wellkept::Error::Locked),
        }
    }

    /// Locks: drops the decrypted database and the key. Returns whether it was unlocked.
    ///
    /// The vault compacts on the way out when worthwhile; if that fails the database is still
    /// dropped (nothing acknowledged is lost: every write is already in the journal), so the
    /// error only goes to the log.
    pub async fn lock(&self) -> bool {
        // Decrypted copies opened from attachments go with the key, whatever else happens.
        crate::commands::attachments::remove_opened_copies();
        let mut guard = self.vault.lock().await;
        // An unclaimed early unlock is locked too, never left decrypted behind the unlock screen.
        let _ = self.claim_early_unlock(&mut guard).await;
        let Some(vault) = guard.as_ref() else { return false };
        if !vault.is_unlocked().await {
            return false;
        }
        if let Err(error) = vault.lock().await {
            eprintln!("Wellkept: compaction on lock failed ({}); the vault is locked.", error.kind());
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Issue 9: a vault whose descriptor was lost must reach the unlock screen (which rebuilds
    /// the descriptor), never first run.
    #[test]
    fn a_folder_holding_keys_and_data_without_a_descriptor_is_a_vault_not_a_first_run() {
        let dir = std::env::temp_dir().join(format!("wellkept-state-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let paths = AppPaths {
            vault_dir: dir.join("vault"),
            settings_file: dir.join("settings.json"),
            location_file: dir.join("vault-folder"),
            folder_chosen: false,
        };
        assert!(!paths.vault_exists(), "nothing there yet");
        std::fs::create_dir_all(paths.vault_dir.join("data")).expect("temp dir is writable");
        assert!(!paths.vault_exists(), "an empty data/ is not a vault");
        let journal = paths.vault_dir.join("data/journal-00000000000000000007.wkj");
        std::fs::write(&journal, b"WKJRNL01").expect("temp dir is writable");
        assert!(paths.vault_exists(), "a change log without a descriptor is a vault");
        std::fs::remove_file(&journal).expect("remove");
        std::fs::create_dir_all(paths.vault_dir.join("keys")).expect("temp dir is writable");
        std::fs::write(paths.vault_dir.join("keys/recovery.age"), b"age").expect("temp dir is writable");
        assert!(paths.vault_exists(), "a key file without a descriptor is a vault");
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Issue 15: a vault folder the person chose (a synced folder, on a second computer) is
    /// the one opened at every later start; a location file naming a relative path is ignored.
    #[test]
    fn a_chosen_vault_folder_is_kept_for_the_next_start() {
        let dir = std::env::temp_dir().join(format!("wellkept-location-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let default = AppPaths {
            vault_dir: dir.join("data/vault"),
            settings_file: dir.join("config/settings.json"),
            location_file: dir.join("config/vault-folder"),
            folder_chosen: false,
        };
        let state = AppState::new(default.clone());
        assert_eq!(state.paths().vault_dir, dir.join("data/vault"), "no choice yet: the default place");
        assert!(!state.paths().folder_chosen);
        let synced = dir.join("Sync/vault");
        state.use_vault_folder(synced.clone()).expect("the config folder is writable");
        assert_eq!(state.paths().vault_dir, synced);
        assert_eq!(
            std::fs::read_to_string(dir.join("config/vault-folder")).expect("written"),
            synced.to_str().expect("utf-8")
        );
        let next_start = AppState::new(default.clone());
        assert_eq!(next_start.paths().vault_dir, synced, "the next start opens the chosen folder");
        assert!(next_start.paths().folder_chosen);
        std::fs::write(dir.join("config/vault-folder"), "relative/vault\n").expect("write");
        assert_eq!(AppState::new(default).paths().vault_dir, dir.join("data/vault"), "a relative path is not a choice");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
