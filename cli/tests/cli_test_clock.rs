//! `WELLKEPT_TEST_CLOCK` through the real `wellkept` binary: a pinned instant and `TZ` decide
//! "today" (here half past midnight in London on the night the clocks go forward, still the
//! 29th in UTC), the binary says loudly that the test clock is on, and a malformed value stops
//! it with a message instead of silently running on the real clock.

mod common;

use std::path::Path;
use std::process::Output;

fn wellkept(vault: &Path, pass: &Path, clock: &str, args: &[&str]) -> Output {
    common::run(vault, pass, Some(clock), args)
}

#[test]
fn journal_add_dates_the_entry_by_the_test_clock_in_the_local_time_zone() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let key = key.to_str().expect("utf-8 temp path");
    // 23:30 UTC on Sunday 29 March 2026 is 00:30 BST on Monday the 30th in London.
    let clock = "2026-03-29T23:30:00Z";
    let init = wellkept(&vault, &pass, clock, &["init", "--no-keychain", "--recovery-key-out", key]);
    assert!(init.status.success(), "init: {}", String::from_utf8_lossy(&init.stderr));
    let add = wellkept(&vault, &pass, clock, &["journal", "add", "--title", "After midnight", "Could not sleep."]);
    assert!(add.status.success(), "add: {}", String::from_utf8_lossy(&add.stderr));
    assert!(
        String::from_utf8_lossy(&add.stderr)
            .contains("wellkept: TEST CLOCK from 2026-03-29T23:30:00Z (TZ=Europe/London)"),
        "the test clock is announced: {}",
        String::from_utf8_lossy(&add.stderr)
    );
    let list = wellkept(&vault, &pass, clock, &["journal", "list"]);
    let stdout = String::from_utf8_lossy(&list.stdout);
    let dates: Vec<&str> = stdout.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(dates, ["2026-03-30"], "{stdout}");
}

#[test]
fn a_malformed_test_clock_stops_the_command_with_a_message() {
    let root = tempfile::tempdir().expect("tempdir");
    let out = wellkept(&root.path().join("vault"), &root.path().join("pass"), "yesterday", &["unlock"]);
    assert_eq!(out.status.code(), Some(64));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.starts_with(
            "wellkept: WELLKEPT_TEST_CLOCK=\"yesterday\" is not an RFC 3339 time like 2026-04-02T08:30:00Z"
        ),
        "{stderr}"
    );
    assert!(stderr.trim_end().ends_with("unset it to use the real clock"), "{stderr}");
}
