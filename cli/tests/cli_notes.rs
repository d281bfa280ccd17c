//! `wellkept note …` with templates, through the real binary on a test clock (Tuesday 10
//! November 2026, London). Before this test `note add` wrote free text only, though `note edit
//! --section` spoke of SOAP sections, and nothing showed a note's text: `note list` gave dates
//! and ids, so a mentor could not read back what they wrote, nor an addendum.

mod common;

use common::{ok, refused};
use std::path::Path;
use std::process::Output;

fn wellkept(root: &Path, clock: &str, args: &[&str]) -> Output {
    common::run_in(root, clock, args)
}

#[test]
fn a_note_is_written_from_a_template_and_shown_whole_with_its_addendum() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let morning = "2026-11-10T09:00:00Z";
    let run = |args: &[&str]| ok(wellkept(dir, morning, args), &args.join(" "));
    let key = dir.join("recovery.txt");
    run(&["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")]);
    run(&["client", "add", "Sam", "Patel"]);

    let added = run(&[
        "note",
        "add",
        "--client",
        "Sam Patel",
        "--date",
        "2026-11-10",
        "--template",
        "DAP",
        "--text",
        "Slept better this week.",
    ]);
    let id = added
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("Added note "))
        .and_then(|l| l.strip_suffix(" (draft)."))
        .expect(&added)
        .to_owned();
    assert_eq!(
        added,
        format!(
            "Added note {id} (draft).\n\
             DAP note: Data written; Assessment and Plan still empty \
             (`wellkept note edit {id} --section assessment --text …`).\n"
        )
    );
    run(&["note", "edit", &id, "--section", "plan", "--text", "Keep the sleep diary.\nReview in two weeks."]);
    run(&["note", "finalise", &id]);
    ok(wellkept(dir, "2026-11-11T16:45:00Z", &["note", "addendum", &id, "--text", "GP letter arrived."]), "addendum");
    assert_eq!(
        run(&["note", "show", &id]),
        "Sam Patel, session of 10 Nov 2026, 50 min, DAP: finalised 10 Nov 2026 at 09:00\n\
         \n\
         Data\n  Slept better this week.\n\
         \n\
         Assessment\n  (not written)\n\
         \n\
         Plan\n  Keep the sleep diary.\n  Review in two weeks.\n\
         \n\
         Addendum, 11 Nov 2026 at 16:45\n  GP letter arrived.\n"
    );

    // A free note reads as written, with no heading; a private one says so.
    let free = run(&[
        "note",
        "add",
        "--client",
        "Sam Patel",
        "--date",
        "2026-11-09",
        "--text",
        "Talked about work.",
        "--private",
    ]);
    let free = free.split_whitespace().nth(3).expect("the id").to_owned();
    assert_eq!(
        run(&["note", "show", &free]),
        "Sam Patel, session of 9 Nov 2026, 50 min, Free text: draft  PRIVATE (not part of the record)\n\
         \n  Talked about work.\n"
    );

    let unknown = refused(wellkept(
        dir,
        morning,
        &["note", "add", "--client", "Sam Patel", "--date", "2026-11-10", "--template", "soapy", "--text", "x"],
    ));
    assert!(unknown.ends_with("wellkept: --template: use free, soap, dap, birp or girp\n"), "{unknown}");
}
