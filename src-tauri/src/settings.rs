//! The app's few non-secret preferences (theme, auto-lock delay, country), kept in a small JSON
//! file in the app's config folder.
//!
//! They live outside the vault on purpose: the theme must apply to the unlock screen, the
//! auto-lock delay must be known before anything is decrypted, and the crisis button on the
//! unlock screen shows the person's own country's lines first. Nothing here says anything about
//! a user's records.

use serde::{Deserialize, Serialize};
use std::path::Path;

/// Shortest auto-lock delay a user can choose, in minutes.
pub const MIN_AUTO_LOCK_MINUTES: u32 = 1;
/// Longest auto-lock delay a user can choose, in minutes (a working day's long meeting).
pub const MAX_AUTO_LOCK_MINUTES: u32 = 240;

/// Colour theme: follow the operating system, or force one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum Theme {
    /// Follow `prefers-color-scheme`.
    #[default]
    System,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

/// The user's preferences, in the boundary's one casing (snake_case).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct Settings {
    /// Minutes without any input after which the vault locks itself. (Settings files written
    /// before the boundary became snake_case spell it `autoLockMinutes`; they still load.)
    #[serde(alias = "autoLockMinutes")]
    pub auto_lock_minutes: u32,
    /// Colour theme.
    pub theme: Theme,
    /// The person's country (ISO 3166-1 alpha-2, "GB"), whose crisis lines are shown first;
    /// `None` until chosen (the window then guesses from the system's locale).
    pub country: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Self { auto_lock_minutes: 5, theme: Theme::System, country: None }
    }
}

/// Why settings could not be saved, in words a person can act on.
#[derive(Debug, PartialEq, Eq)]
pub enum SettingsError {
    /// A value is out of range; names the field.
    Invalid {
        /// The settings field, as the UI names it.
        field: &'static str,
        /// What is wrong and what is allowed.
        reason: String,
    },
    /// The settings file could not be written.
    Unwritable,
}

impl Settings {
    /// Checks every field, naming the first one out of range.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if !(MIN_AUTO_LOCK_MINUTES..=MAX_AUTO_LOCK_MINUTES).contains(&self.auto_lock_minutes) {
            return Err(SettingsError::Invalid {
                field: "auto_lock_minutes",
                reason: format!("choose between {MIN_AUTO_LOCK_MINUTES} and {MAX_AUTO_LOCK_MINUTES} minutes"),
            });
        }
        // A country code as stored: two capitals naming a country ("INT" is a directory group,
        // not somewhere a person lives).
        if let Some(country) = &self.country
            && !(country.len() == 2
                && country.bytes().all(|b| b.is_ascii_uppercase())
                && wellkept::clinical::countries::country_name(country).is_some())
        {
            return Err(SettingsError::Invalid {
                field: "country",
                reason: format!("“{country}” is not a country; choose one from the list"),
            });
        }
        Ok(())
    }

    /// Reads the settings file. A missing, unreadable or malformed file gives the defaults:
    /// preferences are cheap to choose again and must never keep a user out of their vault.
    pub fn load(path: &Path) -> Self {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<Settings>(&bytes).ok())
            .filter(|settings| settings.validate().is_ok())
            .unwrap_or_default()
    }

    /// Validates and writes the settings atomically (temp file + rename), so a crash mid-write
    /// leaves the previous file intact.
    pub fn save(&self, path: &Path) -> Result<(), SettingsError> {
        self.validate()?;
        let bytes = serde_json::to_vec_pretty(self).map_err(|_| SettingsError::Unwritable)?;
        let dir = path.parent().ok_or(SettingsError::Unwritable)?;
        std::fs::create_dir_all(dir).map_err(|_| SettingsError::Unwritable)?;
        let temp = path.with_extension("json.tmp");
        std::fs::write(&temp, bytes).map_err(|_| SettingsError::Unwritable)?;
        std::fs::rename(&temp, path).map_err(|_| SettingsError::Unwritable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let dir = std::env::temp_dir().join(format!("wellkept-settings-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn missing_file_gives_defaults() {
        let dir = temp_dir("missing");
        assert_eq!(Settings::load(&dir.join("settings.json")), Settings::default());
    }

    #[test]
    fn saved_settings_load_back() {
        let dir = temp_dir("roundtrip");
        let path = dir.join("settings.json");
        let settings = Settings { auto_lock_minutes: 12, theme: Theme::Dark, country: Some("NZ".into()) };
        settings.save(&path).expect("temp dir is writable");
        assert_eq!(Settings::load(&path), settings);
        let _ = std::fs::remove_dir_all(&dir);
    }

    /// Regression: the boundary moved to snake_case; a settings file written before that must
    /// keep its auto-lock delay rather than silently fall back to the default.
    #[test]
    fn a_settings_file_in_the_old_camel_case_still_loads() {
        let dir = temp_dir("camel");
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        let path = dir.join("settings.json");
        std::fs::write(&path, br#"{"autoLockMinutes": 17, "theme": "dark"}"#).expect("temp dir is writable");
        assert_eq!(Settings::load(&path), Settings { auto_lock_minutes: 17, theme: Theme::Dark, country: None });
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn malformed_file_gives_defaults() {
        let dir = temp_dir("malformed");
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        let path = dir.join("settings.json");
        std::fs::write(&path, b"{ not json").expect("temp dir is writable");
        assert_eq!(Settings::load(&path), Settings::default());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn out_of_range_auto_lock_is_refused_and_named() {
        let dir = temp_dir("range");
        let path = dir.join("settings.json");
        for minutes in [0, MAX_AUTO_LOCK_MINUTES + 1] {
            let settings = Settings { auto_lock_minutes: minutes, theme: Theme::System, country: None };
            match settings.save(&path) {
                Err(SettingsError::Invalid { field, .. }) => assert_eq!(field, "auto_lock_minutes"),
                other => panic!("expected Invalid for {minutes}, got {other:?}"),
            }
        }
        assert!(!path.exists(), "nothing is written when validation fails");
    }

    #[test]
    fn a_country_must_be_a_country_code() {
        for bad in ["Britain", "QQ", "INT", "gb"] {
            let settings = Settings { country: Some(bad.into()), ..Settings::default() };
            match settings.validate() {
                Err(SettingsError::Invalid { field, .. }) => assert_eq!(field, "country"),
                other => panic!("expected Invalid for {bad}, got {other:?}"),
            }
        }
        assert!(Settings { country: Some("GB".into()), ..Settings::default() }.validate().is_ok());
    }

    #[test]
    fn a_settings_file_from_before_countries_still_loads() {
        let dir = temp_dir("old");
        std::fs::create_dir_all(&dir).expect("temp dir is writable");
        let path = dir.join("settings.json");
        std::fs::write(&path, br#"{"autoLockMinutes": 9, "theme": "light"}"#).expect("temp dir is writable");
        assert_eq!(Settings::load(&path), Settings { auto_lock_minutes: 9, theme: Theme::Light, country: None });
        let _ = std::fs::remove_dir_all(&dir);
    }
}
