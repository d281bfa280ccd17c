//! What the running app holds: where the vault lives, the vault itself (held with its one-writer
//! lock once loaded, decrypted only while unlocked), the user's preferences and the time of the
//! last user activity for auto-lock.

use crate::settings::Settings;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::Mutex as StdMutex;
use std::time::{Duration, Instant};
use wellkept::vault::{Vault, VaultPaths};

/// Files the app keeps, resolved once at start-up from the platform's folders.
#[derive(Debug, Clone)]
pub struct AppPaths {
    /// The vault folder (ciphertext only).
    pub vault_dir: PathBuf,
    /// The preferences file (no user content).
    pub settings_file: PathBuf,
}

impl AppPaths {
    /// Whether the vault folder holds a vault — with or without its descriptor, which is
    /// rebuilt on unlock. A folder holding key files or change logs must go to the unlock screen,
    /// never to first run (which would refuse it anyway: the core never writes over a vault).
    pub fn vault_exists(&self) -> bool {
        VaultPaths::new(&self.vault_dir).holds_vault()
    }
}

/// Shared state behind every command.
pub struct AppState {
    /// Resolved file locations.
    pub paths: AppPaths,
    /// The vault once created or loaded. Holding it holds the one-writer lock, so a second
    /// Wellkept cannot open the same vault; its decrypted database exists only while unlocked.
    pub vault: tokio::sync::Mutex<Option<Arc<Vault>>>,
    /// The paths the person picked in the native dialogs: the only ones file commands accept.
    pub chosen: crate::chosen_paths::ChosenPaths,
    /// Current preferences.
    settings: StdMutex<Settings>,
    /// When the user last did anything; the idle watchdog compares against it.
    last_activity: StdMutex<Instant>,
}

impl AppState {
    /// State for a fresh start: nothing loaded, preferences read from disk.
    pub fn new(paths: AppPaths) -> Self {
        let settings = Settings::load(&paths.settings_file);
        Self {
            paths,
            vault: tokio::sync::Mutex::new(None),
            chosen: crate::chosen_paths::ChosenPaths::from_env(),
            settings: StdMutex::new(settings),
            last_activity: StdMutex::new(Instant::now()),
        }
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
        let guard = self.vault.lock().await;
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
        let paths = AppPaths { vault_dir: dir.join("vault"), settings_file: dir.join("settings.json") };
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
}
