//! `wellkept search` through the real binary on a test clock (London): the whole output, one
//! line per hit with its day, kind and id, and — for what belongs to a client — the client's name
//! before the snippet, so that "Session note … talked about [sleep]" says whose note it is.

mod common;

use common::{saved_id, stdout_of};
use std::path::Path;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(common::run_in(root, CLOCK, args), args)
}

#[test]
fn search_names_the_client_of_every_hit_that_has_one() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel"]));
    let goal = saved_id(&wellkept(dir, &["goal", "add", "--client", &sam, "Sleep", "before", "midnight"]));
    let note =
        wellkept(dir, &["note", "add", "--client", &sam, "--date", "2026-03-30", "--text", "Talked about sleep."]);
    let note = note.trim_end().strip_prefix("Added note ").and_then(|r| r.strip_suffix(" (draft).")).expect(&note);
    let entry = saved_id(&wellkept(dir, &["journal", "add", "Could", "not", "sleep", "again"]));

    // Best match first (FTS5's bm25 over each kind's index).
    assert_eq!(
        wellkept(dir, &["search", "sleep"]),
        [
            format!("2026-04-02  Goal             {goal}  Sam Patel: [Sleep] before midnight"),
            format!("2026-04-02  Journal entry    {entry}  Could not [sleep] again"),
            format!("2026-03-30  Session note     {note}  Sam Patel: Talked about [sleep]."),
            String::new(),
        ]
        .join("\n")
    );
    assert_eq!(
        wellkept(dir, &["search", "patel"]),
        format!("            Client           {sam}  Sam [Patel]\n"),
        "a client has no day of its own"
    );
    assert_eq!(wellkept(dir, &["search", "nothing-like-this"]), "Nothing matches.\n");
}

/// A hit whose text spans lines is printed on one line, for `search` and `journal search` alike
/// (found trying the binary: "first para\n[second] line" broke the list, and a thought record's
/// situation that began with an empty line showed nothing after the id).
#[test]
fn a_hit_over_several_lines_is_printed_on_one() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let entry = saved_id(&wellkept(dir, &["journal", "add", "First paragraph\n\nsecond   line"]));
    let thought = wellkept(
        dir,
        &[
            "thought",
            "add",
            "--date",
            "2026-04-01",
            "--situation",
            "\n\nMeeting ran late\nand more",
            "--mood",
            "tense=60",
        ],
    );
    let thought = thought.strip_prefix("Added thought record ").and_then(|r| r.strip_suffix(".\n")).expect(&thought);

    assert_eq!(
        wellkept(dir, &["journal", "search", "second"]),
        format!("2026-04-02  Journal entry    {entry}  First paragraph [second] line\n")
    );
    assert_eq!(
        wellkept(dir, &["search", "meeting"]),
        format!("2026-04-01  Thought record   {thought}  [Meeting] ran late and more\n")
    );
}

/// Found trying the binary: `search` says it looks in everything, but a referral's words were
/// not found. A referral is found by the service referred to, the reason and the notes; its line
/// names the client; in the trash it is not found, restored it is again.
#[test]
fn a_referral_is_found_and_names_its_client() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel"]));
    let referral = saved_id(&wellkept(
        dir,
        &[
            "referral",
            "add",
            "--client",
            &sam,
            "--to",
            "Eating Disorder Service",
            "--reason",
            "Restricting food since the summer",
            "--on",
            "2026-03-20",
        ],
    ));

    let line = format!("2026-03-20  Referral         {referral}  Sam Patel: [Restricting] food since the summer\n");
    assert_eq!(wellkept(dir, &["search", "restricting"]), line);
    assert_eq!(
        wellkept(dir, &["search", "eating", "disorder"]),
        format!("2026-03-20  Referral         {referral}  Sam Patel: [Eating] [Disorder] Service\n")
    );
    wellkept(dir, &["trash", "move", "referral", &referral]);
    assert_eq!(wellkept(dir, &["search", "restricting"]), "Nothing matches.\n");
    wellkept(dir, &["trash", "restore", "referral", &referral]);
    assert_eq!(wellkept(dir, &["search", "restricting"]), line);
    let help = wellkept(dir, &["search", "--help"]);
    assert!(help.starts_with("Search everything: journal, notes, clients, goals, referrals,"), "{help}");
}
