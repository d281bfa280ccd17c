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

use chrono::NaiveTime;
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

/// Which daily check-in the daily reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(rename_all = "lowercase")]
pub enum CheckInKind {
    /// A journal entry dated today.
    Journal,
    /// A mood check-in for today.
    Mood,
    /// Both: the reminder comes while either is missing, and says which.
    Both,
}

/// The daily check-in reminder: a desktop notification once a day, at or after `time`, while
/// today's journal entry or mood check-in (or both) is missing. Off until the person turns it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[serde(deny_unknown_fields)]
pub struct DailyReminder {
    /// Whether the reminder comes at all.
    pub enabled: bool,
    /// The time of day, `HH:MM` on the 24-hour clock, in this computer's time zone.
    pub time: String,
    /// What it reminds about.
    pub what: CheckInKind,
}

impl Default for DailyReminder {
    fn default() -> Self {
        Self { enabled: false, time: "20:00".to_owned(), what: CheckInKind::Both }
    }
}

impl DailyReminder {
    /// The time of day it comes at (a stored value is always valid: [`set_daily_reminder`] checks).
    pub fn time_of_day(&self) -> Result<NaiveTime> {
        parse_time_of_day(&self.time)
    }
}

/// Reads a time of day as typed: `20:30`, `7:05` or `07:05` (24-hour clock, no seconds).
pub fn parse_time_of_day(text: &str) -> Result<NaiveTime> {
    let text = text.trim();
    let parsed = match text.split_once(':') {
        Some((h, m))
            if (1..=2).contains(&h.len()) && m.len() == 2 && h.chars().chain(m.chars()).all(|c| c.is_ascii_digit()) =>
        {
            NaiveTime::from_hms_opt(h.parse().unwrap_or(99), m.parse().unwrap_or(99), 0)
        }
        _ => None,
    };
    parsed.ok_or_else(|| {
        Error::invalid(
            "time",
            format!("“{text}” is not a time of day: use hours and minutes on the 24-hour clock, like 20:30"),
        )
    })
}

/// The daily check-in reminder as saved; off (the default) in a vault that never saved one, and
/// in one whose stored value this program cannot read.
pub async fn daily_reminder(vault: &Vault) -> Result<DailyReminder> {
    let row: Option<(String,)> =
        vault.fetch_optional("SELECT value FROM settings WHERE key = 'daily_reminder'", params![]).await?;
    Ok(row
        .and_then(|(json,)| serde_json::from_str::<DailyReminder>(&json).ok())
        .filter(|r| r.time_of_day().is_ok())
        .unwrap_or_default())
}

/// Saves the daily check-in reminder (replacing the earlier one), its time written as `HH:MM`.
/// A time that is not a time of day is refused and nothing is saved.
pub async fn set_daily_reminder(vault: &Vault, reminder: DailyReminder) -> Result<DailyReminder> {
    let time = parse_time_of_day(&reminder.time)?;
    let saved = DailyReminder { time: time.format("%H:%M").to_string(), ..reminder };
    let value = serde_json::to_string(&saved)
        .map_err(|e| Error::Internal { detail: format!("daily reminder to JSON: {e}") })?;
    vault
        .write(|w| {
            Box::pin(async move {
                w.exec(
                    "INSERT INTO settings (key, value) VALUES ('daily_reminder', ?1) \
                     ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                    params![value],
                )
                .await
            })
        })
        .await?;
    Ok(saved)
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

    #[tokio::test]
    async fn the_daily_reminder_is_off_until_saved_and_its_time_is_checked() {
        let dir = tempfile::tempdir().expect("tempdir");
        let options = CreateOptions { passphrase: None, use_keychain: false, ..CreateOptions::default() };
        let created = Vault::create(&dir.path().join("vault"), options).await.expect("create");
        let v = &created.vault;
        assert_eq!(daily_reminder(v).await.expect("read"), DailyReminder::default());
        assert!(!DailyReminder::default().enabled, "off by default");
        let wanted = DailyReminder { enabled: true, time: "7:05".into(), what: CheckInKind::Mood };
        let saved = set_daily_reminder(v, wanted).await.expect("save");
        assert_eq!(saved, DailyReminder { enabled: true, time: "07:05".into(), what: CheckInKind::Mood });
        assert_eq!(daily_reminder(v).await.expect("read"), saved);
        for bad in ["25:00", "20:5", "20h30", "", "8", "-1:30", "20:30:00"] {
            let error =
                set_daily_reminder(v, DailyReminder { time: bad.into(), ..saved.clone() }).await.expect_err(bad);
            assert!(
                matches!(&error, Error::Invalid { field, reason } if field == "time" && reason.ends_with("like 20:30")),
                "{bad}: {error:?}"
            );
        }
        assert_eq!(daily_reminder(v).await.expect("read"), saved, "a refused time changes nothing");
    }
}
