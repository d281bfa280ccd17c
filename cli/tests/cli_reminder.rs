//! `wellkept reminder …` through the real binary: the daily check-in reminder is off in a new
//! vault, is turned on at a time of day for the journal, mood or both, refuses a time that is not
//! one (changing nothing), and turns off keeping its time. The desktop app reads the same setting
//! (tests/e2e/20-reminders.test.js shows the notification arriving).

mod common;

use common::ok;
use std::path::Path;
use std::process::Output;

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::run(vault, pass, None, args)
}

#[test]
fn the_daily_reminder_is_set_refused_and_turned_off_from_the_terminal() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let key = key.to_str().expect("utf-8 temp path");
    ok(wellkept(&vault, &pass, &["init", "--no-keychain", "--recovery-key-out", key]), "init");

    let show = || ok(wellkept(&vault, &pass, &["reminder", "show"]), "show");
    assert_eq!(show(), "Daily check-in reminder: Off.\n");
    let on = ok(wellkept(&vault, &pass, &["reminder", "daily", "--at", "7:05"]), "daily");
    assert_eq!(
        on,
        "Daily check-in reminder: Every day at 07:05, while today's journal entry or mood check-in is missing.\n"
    );
    let mood = ok(wellkept(&vault, &pass, &["reminder", "daily", "--at", "21:30", "--what", "mood"]), "mood");
    assert_eq!(mood, "Daily check-in reminder: Every day at 21:30, while today's mood check-in is missing.\n");

    let bad = wellkept(&vault, &pass, &["reminder", "daily", "--at", "9.30", "--what", "journal"]);
    assert!(!bad.status.success(), "a time that is not one is refused");
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("“9.30” is not a time of day: use hours and minutes on the 24-hour clock, like 20:30"),
        "{stderr}"
    );
    assert_eq!(show(), "Daily check-in reminder: Every day at 21:30, while today's mood check-in is missing.\n");

    assert_eq!(ok(wellkept(&vault, &pass, &["reminder", "off"]), "off"), "Daily check-in reminder: Off.\n");
    let journal = ok(wellkept(&vault, &pass, &["reminder", "daily", "--at", "21:30", "--what", "journal"]), "journal");
    assert_eq!(journal, "Daily check-in reminder: Every day at 21:30, while today's journal entry is missing.\n");
}
