//! `wellkept note add --private`, `wellkept note list` and `wellkept export client
//! --private-note` through the real binary, clock and time zone pinned: a private note is listed
//! marked, stays out of an export unless chosen, and the log says when it went.

mod common;

use std::path::Path;
use std::process::Output;

const CLOCK: &str = "2026-04-02T08:30:00Z";

fn run(root: &Path, args: &[&str]) -> Output {
    common::run_in(root, CLOCK, args)
}

fn wellkept(root: &Path, args: &[&str]) -> (String, String) {
    let out = run(root, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    (String::from_utf8(out.stdout).expect("utf-8"), String::from_utf8(out.stderr).expect("utf-8"))
}

fn last_word(line: &str) -> String {
    line.split_whitespace().find(|w| w.len() == 36).expect("an id").trim_end_matches(['.', ':']).to_owned()
}

#[test]
fn a_private_note_is_listed_marked_and_leaves_only_when_chosen() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    let (out, _) = wellkept(dir, &["client", "add", "Sam", "Patel"]);
    let sam = out.lines().find_map(|l| l.strip_prefix("saved ")).expect("saved").trim().to_owned();

    let (out, _) = wellkept(
        dir,
        &[
            "note",
            "add",
            "--client",
            &sam,
            "--date",
            "2026-03-30",
            "--text",
            "Talked about the allotment.",
            "--finalise",
        ],
    );
    let record = last_word(&out);
    assert_eq!(out, format!("Added note {record} (finalised).\n"));
    let (out, _) = wellkept(
        dir,
        &["note", "add", "--client", &sam, "--date", "2026-03-31", "--text", "My hunch: grief work.", "--private"],
    );
    let private = last_word(&out);
    assert_eq!(out, format!("Added private note {private} (draft): not part of the record.\n"));

    let (out, _) = wellkept(dir, &["note", "list", "--client", &sam]);
    assert_eq!(
        out,
        format!(
            "2026-03-31  {private}  draft  50 min  PRIVATE (not part of the record)\n\
             2026-03-30  {record}  finalised  50 min  record\n"
        )
    );
    let (out, _) = wellkept(dir, &["note", "list", "--client", &sam, "--record"]);
    assert_eq!(out, format!("2026-03-30  {record}  finalised  50 min  record\n"));

    let plain = dir.join("sam.md");
    let p = plain.to_str().expect("utf-8");
    let (out, _) = wellkept(
        dir,
        &[
            "export",
            "client",
            &sam,
            "--format",
            "md",
            "--out",
            p,
            "--to",
            "Dr Okafor",
            "--basis",
            "legitimate_interests",
        ],
    );
    assert!(out.contains("Logged: 2026-04-02  Client record export, Markdown, all sections  to Dr Okafor"), "{out}");
    let text = std::fs::read_to_string(&plain).expect("read");
    assert!(text.contains("Talked about the allotment."));
    assert!(!text.contains("grief"), "the private note stayed in the vault");

    let chosen = dir.join("sam-with.md");
    let c = chosen.to_str().expect("utf-8");
    let (out, err) = wellkept(
        dir,
        &[
            "export",
            "client",
            &sam,
            "--format",
            "md",
            "--out",
            c,
            "--to",
            "Dr Okafor",
            "--basis",
            "legitimate_interests",
            "--private-note",
            &private,
        ],
    );
    assert!(
        out.contains("Logged: 2026-04-02  Client record export, Markdown, all sections, with 1 private note chosen one by one  to Dr Okafor"),
        "{out}"
    );
    assert!(
        err.contains("Warning: This private note will leave the vault as part of the client record export. It is not part of the record."),
        "{err}"
    );
    let text = std::fs::read_to_string(&chosen).expect("read");
    assert!(text.contains("# Private notes — not part of the record"));
    assert!(text.contains("My hunch: grief work."));
}

/// A finalised note refuses an edit with the time it was signed in London time, and points to
/// an addendum, which `wellkept note addendum` adds, dated (found trying the binary: the message
/// named a command the CLI did not have, and the time in UTC).
#[test]
fn a_finalised_note_refuses_an_edit_and_takes_an_addendum() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    wellkept(dir, &["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    wellkept(dir, &["client", "add", "Jo", "Okafor"]);
    let (out, _) = wellkept(
        dir,
        &["note", "add", "--client", "Jo Okafor", "--date", "2026-04-01", "--text", "Signed words.", "--finalise"],
    );
    let id = last_word(&out);
    assert_eq!(out, format!("Added note {id} (finalised).\n"));

    let refused = run(dir, &["note", "edit", &id, "--text", "Changed words."]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains(
            "This session note was finalised on 2 Apr 2026 at 09:30 and can no longer be changed. Add an addendum instead."
        ),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
    let (out, _) = wellkept(dir, &["note", "addendum", &id, "--text", "Jo rang after the session."]);
    assert_eq!(out, format!("Added an addendum to note {id}, dated 2 Apr 2026 at 09:30.\n"));
    // A draft takes no addendum: it is edited directly.
    let (out, _) = wellkept(dir, &["note", "add", "--client", "Jo Okafor", "--date", "2026-04-02", "--text", "Draft."]);
    let draft = last_word(&out);
    let refused = run(dir, &["note", "addendum", &draft, "--text", "More."]);
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).ends_with("Addendum: this note is still a draft: edit it directly\n"),
        "{}",
        String::from_utf8_lossy(&refused.stderr)
    );
}
