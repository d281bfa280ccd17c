//! `wellkept flag …` through the real binary, on the test clock (Thursday 2 April 2026 in
//! London): raise flags by client name and by id, list the open ones highest level first then
//! oldest (with how long each has been open, one open more than a week marked), change an open
//! one's level, resolve one with what was done, and read it back in the client's history.

mod common;

use common::ok;
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn wellkept(vault: &Path, pass: &Path, args: &[&str]) -> Output {
    common::run(vault, pass, Some(CLOCK), args)
}

/// The lines of `flag list` without the ids (the first word of a flag's line).
fn without_ids(stdout: &str) -> Vec<String> {
    stdout
        .lines()
        .map(
            |l| {
                if l.starts_with(' ') {
                    l.to_owned()
                } else {
                    l.split_once("  ").map_or(l, |(_, rest)| rest).to_owned()
                }
            },
        )
        .collect()
}

#[test]
fn flags_are_raised_listed_highest_and_oldest_first_resolved_and_kept_in_the_history() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let key = key.to_str().expect("utf-8 temp path");
    ok(wellkept(&vault, &pass, &["init", "--no-keychain", "--recovery-key-out", key]), "init");
    let sam = ok(wellkept(&vault, &pass, &["client", "add", "Sam", "Patel"]), "add Sam");
    let sam = sam.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    ok(wellkept(&vault, &pass, &["client", "add", "Jordan", "Rivers", "--preferred-name", "Jo"]), "add Jo");

    let raise = |client: &str, level: &str, reason: &str, on: &str| {
        let out = ok(
            wellkept(
                &vault,
                &pass,
                &["flag", "raise", "--client", client, "--level", level, "--reason", reason, "--on", on],
            ),
            "raise",
        );
        out.trim().strip_prefix("raised ").expect("raised <id>").to_owned()
    };
    raise("jo", "medium", "Sleeping badly again", "2026-03-31");
    let old_high = raise(&sam, "high", "Talked about giving his things away", "2026-03-23");
    raise("Jordan Rivers", "low", "Drinking more at weekends", "2026-03-18");
    let missed = raise("Sam Patel", "medium", "Missed a session without word", "2026-03-24");

    let open = ok(wellkept(&vault, &pass, &["flag", "list"]), "list");
    assert_eq!(
        without_ids(&open),
        [
            "high    Sam Patel  raised 2026-03-23 (open 10 days, over a week)  Talked about giving his things away",
            "medium  Sam Patel  raised 2026-03-24 (open 9 days, over a week)  Missed a session without word",
            "medium  Jordan Rivers  raised 2026-03-31 (open 2 days)  Sleeping badly again",
            "low     Jordan Rivers  raised 2026-03-18 (open 15 days, over a week)  Drinking more at weekends",
        ],
        "{open}"
    );

    let done = ok(
        wellkept(
            &vault,
            &pass,
            &[
                "flag",
                "resolve",
                &old_high,
                "--note",
                "Called Sam; safety plan reviewed; GP informed.",
                "--on",
                "2026-04-01",
            ],
        ),
        "resolve",
    );
    // The flag is named by whose it is and when it was raised (before: "resolved <id> on
    // 2026-04-01").
    assert_eq!(done, "Sam Patel's flag raised 2026-03-23 is resolved on 2026-04-01; it stays in the history.\n");
    let again = wellkept(&vault, &pass, &["flag", "resolve", &old_high, "--note", "Twice"]);
    assert!(!again.status.success(), "a resolved flag cannot be resolved again");
    assert!(String::from_utf8_lossy(&again.stderr).contains("already resolved on 2026-04-01"));

    let open = ok(wellkept(&vault, &pass, &["flag", "list"]), "list after resolving");
    assert!(!open.contains(&old_high), "the resolved flag left the open list: {open}");
    let history = ok(wellkept(&vault, &pass, &["flag", "list", "--client", "Sam Patel", "--all"]), "history");
    assert_eq!(
        without_ids(&history),
        [
            "medium  Sam Patel  raised 2026-03-24 (open 9 days, over a week)  Missed a session without word",
            "high    Sam Patel  raised 2026-03-23  Talked about giving his things away",
            "    resolved 2026-04-01: Called Sam; safety plan reviewed; GP informed.",
        ],
        "{history}"
    );

    // The concern grows: Sam's open flag goes up to high and moves to the top.
    let raised = ok(wellkept(&vault, &pass, &["flag", "level", &missed, "high"]), "level");
    // Before: "<id> is now high".
    assert_eq!(raised, "Sam Patel's flag raised 2026-03-24 is now high (was medium).\n");
    assert_eq!(
        ok(wellkept(&vault, &pass, &["flag", "level", &missed, "high"]), "level again"),
        "Sam Patel's flag raised 2026-03-24 is high already.\n"
    );
    let open = ok(wellkept(&vault, &pass, &["flag", "list"]), "list after the level change");
    assert_eq!(
        without_ids(&open),
        [
            "high    Sam Patel  raised 2026-03-24 (open 9 days, over a week)  Missed a session without word",
            "medium  Jordan Rivers  raised 2026-03-31 (open 2 days)  Sleeping badly again",
            "low     Jordan Rivers  raised 2026-03-18 (open 15 days, over a week)  Drinking more at weekends",
        ],
        "{open}"
    );
    let resolved = wellkept(&vault, &pass, &["flag", "level", &old_high, "low"]);
    assert!(!resolved.status.success(), "a resolved flag keeps its level");
    assert!(
        String::from_utf8_lossy(&resolved.stderr).contains("A resolved risk flag is kept as it was; raise a new one.")
    );
    let bad = wellkept(&vault, &pass, &["flag", "level", &missed, "severe"]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("use low, medium or high"));

    let unknown = wellkept(&vault, &pass, &["flag", "raise", "--client", "Nobody", "--level", "high", "--reason", "x"]);
    assert!(!unknown.status.success());
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("no client is called “Nobody”"));
    // A flag dated after today would read "open -60 days" and could not be resolved: refused.
    let ahead = wellkept(
        &vault,
        &pass,
        &["flag", "raise", "--client", "Jo", "--level", "low", "--reason", "x", "--on", "2026-06-01"],
    );
    assert!(!ahead.status.success());
    assert!(
        String::from_utf8_lossy(&ahead.stderr)
            .ends_with("Raised on: 2026-06-01 is in the future (today is 2026-04-02)\n"),
        "{}",
        String::from_utf8_lossy(&ahead.stderr)
    );
    let bad_level = wellkept(&vault, &pass, &["flag", "raise", "--client", "Jo", "--level", "severe", "--reason", "x"]);
    assert!(!bad_level.status.success());
    assert!(String::from_utf8_lossy(&bad_level.stderr).contains("use low, medium or high"));
}

/// Your own PHQ-9 (no --client) with item 9 above 0 raises a flag that `flag list` and `today`
/// call "Myself", as `measure due` and the goals do (before: "you" in the flag lines and
/// "Myself" in the measure lines of the same `today`).
#[test]
fn your_own_flag_is_named_myself_as_your_own_measures_are() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let vault = root.path().join("vault");
    let key = root.path().join("recovery.txt");
    let run = |args: &[&str]| ok(wellkept(&vault, &pass, args), &args.join(" "));
    run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    run(&["schedule", "set", "gad7", "--every-weeks", "2", "--from", "2026-04-02"]);
    run(&["measure", "add", "phq9", "--answers", "0,0,0,0,0,0,0,0,1"]);
    let said = "PHQ-9 item 9 (thoughts that you would be better off dead or of hurting yourself in some way) was \
                answered “Several days”. Check in about safety and review the safety plan.";
    assert_eq!(
        without_ids(&run(&["flag", "list"])),
        [format!("medium  Myself  raised 2026-04-02 (open 0 days)  {said}")]
    );
    let today = run(&["today"]);
    assert!(today.contains(&format!("\n  medium  Myself  raised 2026-04-02 (open 0 days)  {said}\n")), "{today}");
    assert!(today.contains("\n  GAD-7  Myself  due 2026-04-02  due today\n"), "{today}");
}
