//! `wellkept thought add|list|edit` through the real binary on a test clock (London): what a
//! person reads when an edit changes nothing, when a mood or a thought is left blank, and in the
//! list when the situation starts with an empty line. (Found by trying the binary.)

mod common;

use common::{refused, run_in, stdout_of};
use std::path::Path;

const CLOCK: &str = "2026-10-22T08:30:00Z";

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run_in(root, CLOCK, args), args)
}

/// A vault in `root` with one thought record; its id.
fn vault_with_a_record(root: &Path) -> String {
    std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = root.join("recovery.txt");
    wellkept(root, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let added = wellkept(
        root,
        &[
            "thought",
            "add",
            "--date",
            "2026-10-21",
            "--situation",
            "Friend didn't reply",
            "--mood",
            "hurt=70",
            "--thought",
            "They hate me",
        ],
    );
    let id = added.strip_prefix("Added thought record ").and_then(|r| r.strip_suffix(".\n")).expect("added");
    id.to_owned()
}

/// `thought edit <id>` with nothing to change is refused and says what it takes; it used to print
/// "Saved thought record <id>." having changed nothing.
#[test]
fn an_edit_with_nothing_to_change_is_refused() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    let id = vault_with_a_record(dir);
    let said = refused(run_in(dir, CLOCK, &["thought", "edit", &id]));
    assert!(
        said.ends_with(
            "Thought record: nothing to change: give --date, --situation, --evidence-for, --evidence-against, --balanced or --belief\n"
        ),
        "{said}"
    );
    assert_eq!(
        wellkept(dir, &["thought", "edit", &id, "--balanced", "They may be busy"]),
        format!("Saved thought record {id}.\n")
    );
}

/// A mood without a name, or a blank automatic thought, is refused with which one and what to
/// write; both used to say only "moods: is required" / "automatic thoughts: is required".
#[test]
fn a_blank_mood_or_thought_is_refused_with_what_to_write() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    vault_with_a_record(dir);
    let add = ["thought", "add", "--date", "2026-10-22", "--situation", "Meeting ran late"];
    for (extra, says) in [
        (["--mood", "=50"], "--mood: “=50” names no mood; write it as hurt=70\n"),
        (["--mood", " =50"], "--mood: “ =50” names no mood; write it as hurt=70\n"),
        (
            ["--thought", "  "],
            "--thought: an automatic thought cannot be blank: write the thought, or leave that --thought out\n",
        ),
    ] {
        let args = [&add[..], &extra[..]].concat();
        let said = refused(run_in(dir, CLOCK, &args));
        assert!(said.ends_with(says), "{extra:?}: {said}");
    }
    let listed = wellkept(dir, &["thought", "list"]);
    assert_eq!(listed.lines().count(), 1, "nothing was added: {listed}");
}

/// The list shows a situation's first line with words in it; one that began with an empty line
/// used to be listed as nothing ("<id>  2026-10-20  ").
#[test]
fn the_list_shows_the_first_line_with_words() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    let first = vault_with_a_record(dir);
    let added = wellkept(
        dir,
        &[
            "thought",
            "add",
            "--date",
            "2026-10-20",
            "--situation",
            "\n\n  Meeting ran late\nand more",
            "--mood",
            "tense=60",
        ],
    );
    let id = added.strip_prefix("Added thought record ").and_then(|r| r.strip_suffix(".\n")).expect("added");
    assert_eq!(
        wellkept(dir, &["thought", "list"]),
        format!("{first}  2026-10-21  Friend didn't reply\n{id}  2026-10-20  Meeting ran late\n")
    );
}

/// `--belief` without a balanced thought is refused, on `add` and on `edit`; it used to be saved
/// and then shown nowhere (the export prints a belief only beside its balanced thought).
#[test]
fn a_belief_needs_a_balanced_thought() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    let id = vault_with_a_record(dir);
    let says = "--belief: there is no balanced thought to believe yet; write it with --balanced\n";
    let add =
        ["thought", "add", "--date", "2026-10-22", "--situation", "Late again", "--mood", "sad=40", "--belief", "70"];
    let said = refused(run_in(dir, CLOCK, &add));
    assert!(said.ends_with(says), "{said}");
    let said = refused(run_in(dir, CLOCK, &["thought", "edit", &id, "--belief", "70"]));
    assert!(said.ends_with(says), "{said}");
    assert_eq!(wellkept(dir, &["thought", "list"]).lines().count(), 1);

    // With the balanced thought, in one edit or after it, the belief is taken.
    assert_eq!(
        wellkept(dir, &["thought", "edit", &id, "--balanced", "They may be busy", "--belief", "60"]),
        format!("Saved thought record {id}.\n")
    );
    assert_eq!(wellkept(dir, &["thought", "edit", &id, "--belief", "75"]), format!("Saved thought record {id}.\n"));
}

/// A thought record's day may be today in London, never tomorrow; around midnight and on the day
/// the clocks go back, "today" is London's, not UTC's. (Found trying the binary: at 09:30 on
/// 22 October a record dated 23 October was saved, and at 23:30 on 25 October one dated
/// 26 October; the check allowed the day after the UTC day.)
#[test]
fn a_day_after_today_in_london_is_refused() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    vault_with_a_record(dir);
    let add = |clock: &str, day: &str| {
        run_in(dir, clock, &["thought", "add", "--date", day, "--situation", "Late", "--mood", "tired=50"])
    };
    for (clock, day, today) in [
        ("2026-10-22T08:30:00Z", "2026-10-23", "2026-10-22"),
        // 23:30 GMT on the day the clocks went back.
        ("2026-10-25T23:30:00Z", "2026-10-26", "2026-10-25"),
        // 23:30 UTC on the day the clocks went forward is 00:30 on 30 March in London.
        ("2026-03-29T23:30:00Z", "2026-03-31", "2026-03-30"),
    ] {
        let said = refused(add(clock, day));
        assert!(said.ends_with(&format!("date: {day} is in the future (today is {today})\n")), "{clock}: {said}");
    }
    // Just after midnight in London (still the day before in UTC), today is London's.
    for (clock, day) in [("2026-10-24T23:30:00Z", "2026-10-25"), ("2026-03-29T23:30:00Z", "2026-03-30")] {
        let out = add(clock, day);
        assert!(out.status.success(), "{clock} {day}: {}", String::from_utf8_lossy(&out.stderr));
    }
    let listed = wellkept(dir, &["thought", "list"]);
    assert_eq!(listed.lines().count(), 3, "{listed}");
}

/// One mood given twice (in any case) is refused; the record used to keep both rows ("sad 50%",
/// "Sad 60%") with no word.
#[test]
fn a_mood_given_twice_is_refused() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    vault_with_a_record(dir);
    let said = refused(run_in(
        dir,
        CLOCK,
        &["thought", "add", "--date", "2026-10-22", "--situation", "Late", "--mood", "sad=50", "--mood", "Sad=60"],
    ));
    assert!(said.ends_with("--mood: “Sad” is given twice; give each mood once\n"), "{said}");
    assert_eq!(wellkept(dir, &["thought", "list"]).lines().count(), 1);
}
