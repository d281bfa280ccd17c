//! `wellkept trash move` through the real binary: a kind it does not take is refused with the
//! kinds it does, a client with the command that moves one, and `--help` lists only kinds it
//! takes. (Found by trying the binary: `--help` offered "client, session_note", and both were
//! refused with only 'kind: "client" cannot be moved to the trash from here'.)

mod common;

use common::{refused, run_in, stdout_of};

const CLOCK: &str = "2026-10-22T08:30:00Z";

#[test]
fn a_kind_it_does_not_take_is_refused_with_the_kinds_it_does() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path();
    std::fs::write(dir.join("pass"), "a long enough passphrase\n").expect("pass");
    let key = dir.join("recovery.txt");
    let init = ["init", "--no-keychain", "--recovery-key-out", key.to_str().expect("utf-8")];
    stdout_of(run_in(dir, CLOCK, &init), &init);
    let id = "01a24059-da1e-71bc-8803-971e2cf51666";

    let said = refused(run_in(dir, CLOCK, &["trash", "move", "session_note", id]));
    assert!(
        said.ends_with(
            "kind: \"session_note\" cannot be moved to the trash with `trash move`; it takes journal_entry, \
             mood_checkin, thought_record, activation, gratitude, coping_strategy, referral, resource, credential, \
             training_record, supervision_note, appointment\n"
        ),
        "{said}"
    );
    let said = refused(run_in(dir, CLOCK, &["trash", "move", "client", id]));
    assert!(said.ends_with("kind: a client is moved to the trash with `wellkept client delete <id>`\n"), "{said}");

    let help = stdout_of(run_in(dir, CLOCK, &["trash", "move", "--help"]), &["trash", "move", "--help"]);
    assert!(!help.contains("session_note"), "{help}");
    assert!(
        help.contains(
            "Its kind: journal_entry, mood_checkin, thought_record, activation, gratitude, coping_strategy, referral, \
             resource, credential, training_record, supervision_note or appointment"
        ),
        "{help}"
    );
    assert!(help.contains("A client goes with `wellkept client delete`"), "{help}");

    // A kind it takes still goes, and the trash lists it.
    let added = stdout_of(run_in(dir, CLOCK, &["journal", "add", "Tidy", "up"]), &["journal", "add"]);
    let entry = common::saved_id(&added);
    assert_eq!(
        stdout_of(run_in(dir, CLOCK, &["trash", "move", "journal_entry", &entry]), &[]),
        "Moved to the trash.\n"
    );
    assert!(
        stdout_of(run_in(dir, CLOCK, &["trash", "list"]), &[]).contains(&format!("journal_entry  {entry}  Tidy up"))
    );
}
