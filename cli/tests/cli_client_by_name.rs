//! Every command that takes `--client` takes the client's id, full name or preferred name, and a
//! name that matches nobody is refused with what to do, never answered with an empty list ("No
//! notes.") or "It may have been deleted". Before this test `note`, `measure`, `schedule` and
//! `exchange link-client` took only ids while `flag`, `goal`, `session` and `billing` took names.

mod common;

use common::{refused, saved_id, stdout_of};
use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn run(root: &Path, args: &[&str]) -> Output {
    common::run_in(root, CLOCK, args)
}

fn wellkept(root: &Path, args: &[&str]) -> String {
    stdout_of(run(root, args), args)
}

#[test]
fn notes_measures_and_schedules_find_the_client_by_name() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let sam = saved_id(&wellkept(dir, &["client", "add", "Sam", "Patel", "--preferred-name", "Sammy"]));

    let note = wellkept(dir, &["note", "add", "--client", "sam patel", "--date", "2026-04-01", "--text", "Sleep."]);
    let note_id = note.trim_end().strip_prefix("Added note ").and_then(|r| r.strip_suffix(" (draft).")).expect(&note);
    assert_eq!(
        wellkept(dir, &["note", "list", "--client", "Sammy"]),
        format!("2026-04-01  {note_id}  draft  50 min  record\n")
    );
    assert_eq!(
        wellkept(dir, &["note", "list", "--client", &sam]),
        wellkept(dir, &["note", "list", "--client", "Sammy"])
    );

    assert_eq!(
        wellkept(dir, &["measure", "add", "gad7", "--client", "Sam Patel", "--answers", "1,1,1,1,0,0,0"])
            .lines()
            .last(),
        Some("GAD-7 total 4 of 21: Minimal")
    );
    assert!(
        wellkept(dir, &["schedule", "set", "PHQ-9", "--client", "Sammy", "--every-weeks", "4", "--from", "2026-04-02"])
            .contains("PHQ-9"),
    );
    assert_eq!(wellkept(dir, &["measure", "due"]), "PHQ-9  Sam Patel  due 2026-04-02  due today\n");
    assert_eq!(
        wellkept(dir, &["schedule", "list", "--client", "Sammy"]),
        wellkept(dir, &["schedule", "list", "--client", &sam])
    );

    for args in [
        &["note", "list", "--client", "Sam Pattel"][..],
        &["note", "add", "--client", "Sam Pattel", "--date", "2026-04-01", "--text", "x"][..],
        &["measure", "add", "gad7", "--client", "Sam Pattel", "--answers", "0,0,0,0,0,0,0"][..],
    ] {
        let said = refused(run(dir, args));
        assert!(
            said.ends_with("--client: no client is called “Sam Pattel”; did you mean Sam Patel?\n"),
            "{args:?}: {said}"
        );
    }
    // A first name alone, or a surname, names the clients who share it (before: "no client is
    // called “Sam”; see `wellkept client list`", leaving the mentor to look them up); a name
    // sharing no word with anyone still points at the list.
    wellkept(dir, &["client", "add", "Sam", "Lee"]);
    for (typed, said) in [
        ("sam", "--client: no client is called “sam”; did you mean Sam Lee or Sam Patel?\n"),
        ("Lee", "--client: no client is called “Lee”; did you mean Sam Lee?\n"),
        ("Nobody", "--client: no client is called “Nobody”; see `wellkept client list`\n"),
    ] {
        let refused = refused(run(dir, &["note", "list", "--client", typed]));
        assert!(refused.ends_with(said), "{typed}: {refused}");
    }
    // A note of a session to come (a slip of the year) is refused: it would move Sam's last
    // contact, and so the end of their retention, into 2031 (a helper's new-user run).
    let said = refused(run(dir, &["note", "add", "--client", "Sammy", "--date", "2031-05-05", "--text", "x"]));
    assert!(said.ends_with("Session date: 2031-05-05 is in the future (today is 2026-04-02)\n"), "{said}");
    assert_eq!(
        wellkept(dir, &["note", "list", "--client", "Sammy"]),
        format!("2026-04-01  {note_id}  draft  50 min  record\n"),
        "the refused notes were not written"
    );
}

#[test]
fn client_show_close_and_retention_take_a_name_and_erase_only_an_id() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let alex = saved_id(&wellkept(dir, &["client", "add", "Alex", "Morgan", "--pronouns", "they/them"]));

    assert_eq!(
        wellkept(dir, &["client", "show", "alex morgan"]),
        "Alex Morgan\n  Pronouns        they/them\n  Status          active\n"
    );
    assert_eq!(
        wellkept(dir, &["client", "close", "Alex Morgan", "--on", "2019-02-03"]),
        "Alex Morgan: closed 3 Feb 2019; last contact 3 Feb 2019 (closing); retention ended 3 Feb 2026\n"
    );
    assert_eq!(wellkept(dir, &["client", "retention", "Alex Morgan"]), wellkept(dir, &["client", "retention", &alex]));
    let by_name = refused(run(dir, &["client", "erase", "Alex Morgan", "--reason", "retention", "--yes"]));
    assert!(
        by_name.ends_with(
            "wellkept: Client: no client has the id “Alex Morgan”; erase takes the id from `wellkept client list --status all`, never a name, since erasing cannot be undone\n"
        ),
        "{by_name}"
    );
    assert_eq!(
        wellkept(dir, &["client", "delete", "Alex Morgan"]),
        format!("Moved to the trash: `wellkept trash restore client {alex}` brings it back.\n")
    );
    let gone = refused(run(dir, &["client", "show", "Alex Morgan"]));
    // The client is named as an argument, not with --client: the refusal says "Client".
    assert!(gone.ends_with("Client: no client is called “Alex Morgan”; see `wellkept client list`\n"), "{gone}");
}

/// `client list` lists active and paused clients by default, as its help says, and says how
/// many closed clients it left out; `--status closed` and `--status all` list them. (Found by
/// trying the binary: closed clients were listed by default.)
#[test]
fn client_list_leaves_closed_clients_out_by_default_and_says_so() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let ana = saved_id(&wellkept(dir, &["client", "add", "Ana", "Past"]));
    let bo = saved_id(&wellkept(dir, &["client", "add", "Bo", "Present"]));
    wellkept(dir, &["client", "close", "Ana Past", "--on", "2026-03-01"]);

    assert_eq!(
        wellkept(dir, &["client", "list"]),
        format!("{bo}  active  Bo Present\n(1 closed client not listed: `wellkept client list --status closed`)\n")
    );
    assert_eq!(wellkept(dir, &["client", "list", "--status", "closed"]), format!("{ana}  closed  Ana Past\n"));
    let all = wellkept(dir, &["client", "list", "--status", "all"]);
    let mut lines: Vec<&str> = all.lines().collect();
    lines.sort_unstable();
    let mut expected = vec![format!("{ana}  closed  Ana Past"), format!("{bo}  active  Bo Present")];
    expected.sort_unstable();
    assert_eq!(lines, expected);
    let bad = refused(run(dir, &["client", "list", "--status", "gone"]));
    assert!(bad.ends_with("Status: use active, paused, closed or all\n"), "{bad}");

    // A name typed with extra spaces is found by the name as usually written.
    wellkept(dir, &["client", "add", "Sam   Lee"]);
    assert!(wellkept(dir, &["client", "show", "sam lee"]).starts_with("Sam   Lee\n"));
}
