//! `wellkept journal add|edit|list|search` through the real binary on a test clock (London): an
//! entry of several lines from standard input keeps its lines, an empty journal says so instead
//! of printing nothing, an empty entry is refused with what to do, and editing the title alone
//! keeps the words.

mod common;

use common::{refused, saved_id, stdout_of};
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn run_with_input(root: &Path, args: &[&str], input: &str) -> Output {
    common::run_in_with_input(root, CLOCK, args, input)
}

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run_with_input(root, args, ""), args)
}

#[test]
fn an_entry_from_standard_input_keeps_its_lines_and_an_empty_journal_says_so() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);

    assert_eq!(wellkept(dir, &["journal", "list"]), "No journal entries yet: add one with `wellkept journal add`.\n");
    let empty = refused(run_with_input(dir, &["journal", "add", "--title", "Nothing"], "  \n"));
    assert!(
        empty.ends_with(
            "Text: write something to add: as words after `add`, on standard input, or one entry per line with --stdin-lines\n"
        ),
        "{empty}"
    );
    assert_eq!(wellkept(dir, &["journal", "list"]), "No journal entries yet: add one with `wellkept journal add`.\n");

    let piped = run_with_input(
        dir,
        &["journal", "add", "--title", "River", "--mood", "7"],
        "Walked by the river.\nFelt calmer afterwards.\n",
    );
    let id = saved_id(&stdout_of(piped, &["journal", "add"]));
    // Later in the day (the test clock runs on from where it starts, so two processes started at
    // one clock could stamp their entries in either order).
    let mut later = common::london(&dir.join("vault"), &dir.join("pass"), Some("2026-04-02T20:30:00Z"));
    let from_words = saved_id(&stdout_of(later.args(["journal", "add", "Slept", "well"]).output().expect("run"), &[]));
    assert_eq!(
        wellkept(dir, &["journal", "list"]),
        format!(
            "2026-04-02  {from_words}  Slept well\n2026-04-02  {id}  mood 7/10  River — Walked by the river. Felt calmer afterwards.\n"
        )
    );
    let found = wellkept(dir, &["journal", "search", "calmer"]);
    assert!(found.contains("Felt [calmer] afterwards"), "{found}");

    // The line break is kept in the entry itself: the JSON export shows it.
    let out = dir.join("journal.json");
    wellkept(
        dir,
        &[
            "export",
            "journal",
            "--from",
            "2026-04-01",
            "--to",
            "2026-04-02",
            "--format",
            "json",
            "--out",
            out.to_str().expect("utf-8"),
        ],
    );
    let json = std::fs::read_to_string(&out).expect("export");
    assert!(json.contains(r#""body": "Walked by the river.\nFelt calmer afterwards.""#), "{json}");
}

/// `journal edit --title` renames the entry and keeps its words, also when standard input is
/// empty (a script's); an edit to an empty text, or with nothing to change, is refused and
/// changes nothing. (Found by trying the binary: the title alone used to wipe the text.)
#[test]
fn editing_only_the_title_keeps_the_words_and_an_empty_text_is_refused() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let id = saved_id(&wellkept(dir, &["journal", "add", "--title", "Morning", "Important", "words", "here"]));

    assert_eq!(wellkept(dir, &["journal", "edit", &id, "--title", "Morning walk"]), format!("saved {id}\n"));
    assert_eq!(wellkept(dir, &["journal", "list"]), format!("2026-04-02  {id}  Morning walk — Important words here\n"));

    for (args, input, says) in [
        (
            vec!["journal", "edit", id.as_str(), ""],
            "",
            "Text: an entry's text cannot be made empty; give the new words, or move the entry to the trash\n",
        ),
        (
            vec!["journal", "edit", id.as_str()],
            "  \n",
            "Text: nothing to change: give the new text (as words after the id, or on standard input), --title, or both\n",
        ),
    ] {
        let said = refused(run_with_input(dir, &args, input));
        assert!(said.ends_with(says), "{args:?}: {said}");
    }
    assert_eq!(wellkept(dir, &["journal", "list"]), format!("2026-04-02  {id}  Morning walk — Important words here\n"));

    // New words from standard input still replace the text, the title kept.
    assert_eq!(
        stdout_of(run_with_input(dir, &["journal", "edit", &id], "Walked to the river.\n"), &["journal", "edit"]),
        format!("saved {id}\n")
    );
    assert_eq!(wellkept(dir, &["journal", "list"]), format!("2026-04-02  {id}  Morning walk — Walked to the river.\n"));
    // A limit of 0 is refused by the argument parser, not taken as "everything".
    let zero = run_with_input(dir, &["journal", "list", "--limit", "0"], "");
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("invalid value '0' for '--limit <LIMIT>'"));
}

/// A passphrase file that is not there is named, with the reason and the usage exit code (2),
/// not reported as a storage failure (exit 6) that "lost nothing you had saved" (found trying
/// the binary).
#[test]
fn a_missing_passphrase_file_is_named_with_the_reason() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let missing = dir.join("no-such-file");
    let out = common::run(&dir.join("vault"), &missing, Some(CLOCK), &["journal", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.ends_with(&format!(
            "Secret file: could not read {}: it does not exist (was it moved or renamed?)\n",
            missing.display()
        )),
        "{said}"
    );
}

/// `journal add --stdin-lines --title T --mood N` gives every line the title and the mood (found
/// trying the binary: the mood was kept and the title dropped without a word).
#[test]
fn entries_added_one_per_line_keep_the_title_given() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);

    let added = stdout_of(
        run_with_input(
            dir,
            &["journal", "add", "--stdin-lines", "--title", "Dreams", "--mood", "4"],
            "Flying\n\nFalling\n",
        ),
        &["journal", "add", "--stdin-lines"],
    );
    let ids: Vec<&str> = added.lines().filter_map(|l| l.strip_prefix("saved ")).collect();
    assert_eq!(ids.len(), 2, "{added}");
    assert_eq!(
        wellkept(dir, &["journal", "list"]),
        format!(
            "2026-04-02  {}  mood 4/10  Dreams — Falling\n2026-04-02  {}  mood 4/10  Dreams — Flying\n",
            ids[1], ids[0]
        )
    );
    let out = dir.join("journal.md");
    let out = out.to_str().expect("utf-8");
    wellkept(dir, &["export", "journal", "--from", "2026-04-02", "--to", "2026-04-02", "--format", "md", "--out", out]);
    let md = std::fs::read_to_string(out).expect("export");
    assert_eq!(md.matches("### 2026-04-02 · Dreams\n\n- **Mood:** 4/10\n").count(), 2, "{md}");
}

/// `journal list` says when there are more entries than it showed, and `--limit` above one page
/// (500) shows them all (found trying the binary: `--limit 600` showed 500 of 502 entries, and
/// the default 20 gave no sign that the journal held more).
#[test]
fn a_list_that_stops_short_says_so_and_a_big_limit_shows_everything() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let lines: String = (1..=502).map(|n| format!("Entry {n}\n")).collect();
    stdout_of(run_with_input(dir, &["journal", "add", "--stdin-lines"], &lines), &["journal", "add"]);

    let default = wellkept(dir, &["journal", "list"]);
    assert_eq!(default.lines().count(), 21, "{default}");
    assert!(default.ends_with("  Entry 483\n(the newest 20 shown; there are more: use --limit)\n"), "{default}");

    let all = wellkept(dir, &["journal", "list", "--limit", "600"]);
    assert_eq!(all.lines().count(), 502, "{all}");
    assert!(all.starts_with("2026-04-02  ") && all.lines().next().expect("a line").ends_with("  Entry 502"), "{all}");
    assert!(all.ends_with("  Entry 1\n"), "{all}");

    let one_short = wellkept(dir, &["journal", "list", "--limit", "501"]);
    assert_eq!(one_short.lines().count(), 502, "{one_short}");
    assert!(one_short.ends_with("  Entry 2\n(the newest 501 shown; there are more: use --limit)\n"), "{one_short}");
    let exact = wellkept(dir, &["journal", "list", "--limit", "502"]);
    assert!(exact.ends_with("  Entry 1\n"), "{exact}");
}

/// `journal list` shows an entry's mood as the window's list does ("mood 7/10"); an entry
/// without one shows none. Before, the mood given with `--mood` was saved but never listed.
#[test]
fn the_list_shows_each_entrys_mood() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let low = saved_id(&wellkept(dir, &["journal", "add", "--mood", "3", "Rained", "all", "day"]));
    let none = saved_id(&wellkept(dir, &["journal", "add", "--title", "Plans", "Ring", "Mum"]));
    // Both are dated today; two processes started at one test clock may stamp them in either
    // order, so the lines are compared as a set.
    let listed = wellkept(dir, &["journal", "list"]);
    let mut lines: Vec<&str> = listed.lines().collect();
    lines.sort_by_key(|l| l.contains("Plans"));
    assert_eq!(
        lines,
        [format!("2026-04-02  {low}  mood 3/10  Rained all day"), format!("2026-04-02  {none}  Plans — Ring Mum")]
    );
}
