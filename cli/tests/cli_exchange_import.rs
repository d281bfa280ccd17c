//! The `wellkept` command line for issue 5, as a person would use it: two vaults (a mentor's and
//! a client's) swap contact cards, confirm fingerprints, and send shares both ways as files,
//! each step a separate process; imports from other apps with a dry run first; malformed input
//! refused with a message naming the line.

mod common;

use common::{card_text, fingerprint, saved_id};
use std::path::Path;
use std::process::Output;

/// What `journal list` says of an empty journal.
const NO_ENTRIES: &str = "No journal entries yet: add one with `wellkept journal add`.\n";

struct Person<'a> {
    vault: std::path::PathBuf,
    pass: &'a Path,
}

impl Person<'_> {
    fn run(&self, args: &[&str]) -> Output {
        common::command(&self.vault, self.pass).env("TZ", "UTC").args(args).output().expect("run wellkept")
    }
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

#[test]
fn mentor_and_client_share_both_ways_through_the_command_line() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let mentor = Person { vault: root.path().join("mentor"), pass: &pass };
    let client = Person { vault: root.path().join("client"), pass: &pass };
    for p in [&mentor, &client] {
        p.ok(&["init", "--no-keychain", "--recovery-key-out", p.vault.with_extension("rk").to_str().expect("utf-8")]);
    }
    let mentor_card = mentor.ok(&["exchange", "setup", "Sam", "Rivera"]);
    let client_card = client.ok(&["exchange", "setup", "Jo", "Okafor"]);
    let mentor_card_file = root.path().join("sam.card");
    let client_card_file = root.path().join("jo.card");
    std::fs::write(&mentor_card_file, card_text(&mentor_card)).expect("card");
    std::fs::write(&client_card_file, card_text(&client_card)).expect("card");

    // A wrong fingerprint is refused; the right one (as read aloud) confirms.
    let out = client.run(&[
        "exchange",
        "add-contact",
        mentor_card_file.to_str().expect("utf-8"),
        "--fingerprint",
        "1234 5678",
        "--role",
        "mentor",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("does not match"));
    client.ok(&[
        "exchange",
        "add-contact",
        mentor_card_file.to_str().expect("utf-8"),
        "--fingerprint",
        &fingerprint(&mentor_card),
        "--role",
        "mentor",
    ]);
    mentor.ok(&[
        "exchange",
        "add-contact",
        client_card_file.to_str().expect("utf-8"),
        "--fingerprint",
        &fingerprint(&client_card),
        "--role",
        "client",
    ]);
    let contact_of =
        |p: &Person| p.ok(&["exchange", "contacts"]).split_whitespace().next().expect("contact id").to_owned();
    let (sam_at_jo, jo_at_sam) = (contact_of(&client), contact_of(&mentor));

    // The client shares one journal entry.
    let entry = saved_id(&client.ok(&["journal", "add", "Tried", "the", "breathing", "twice", "--mood", "6"]));
    client.ok(&["journal", "add", "private", "thoughts", "stay", "home"]);
    let share = root.path().join("to-sam.wks");
    client.ok(&["exchange", "share", "--to", &sam_at_jo, "--entry", &entry, "--out", share.to_str().expect("utf-8")]);
    let preview = mentor.ok(&["exchange", "open", share.to_str().expect("utf-8")]);
    assert!(preview.contains("From Jo Okafor (signature verified") && preview.contains("1 new item"), "{preview}");
    assert!(mentor.ok(&["exchange", "import", share.to_str().expect("utf-8")]).contains("Imported 1 new item"));
    assert!(
        mentor
            .ok(&["exchange", "import", share.to_str().expect("utf-8")])
            .contains("Imported 0 new item(s); 1 already here")
    );
    // The client cannot open their own share (it is sealed to the mentor).
    let out = client.run(&["exchange", "import", share.to_str().expect("utf-8")]);
    assert!(!out.status.success());

    // The mentor sends homework back.
    let homework = root.path().join("to-jo.wks");
    mentor.ok(&[
        "exchange",
        "share",
        "--to",
        &jo_at_sam,
        "--from",
        "mentor",
        "--homework",
        "Sleep diary",
        "--instructions",
        "Note bedtime each night",
        "--due",
        "2030-01-01",
        "--out",
        homework.to_str().expect("utf-8"),
    ]);
    assert!(client.ok(&["exchange", "import", homework.to_str().expect("utf-8")]).contains("Imported 1 new item"));

    // A tampered share is refused and changes nothing.
    let mut bytes = std::fs::read(&homework).expect("read");
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    let tampered = root.path().join("tampered.wks");
    std::fs::write(&tampered, &bytes).expect("write");
    let out = client.run(&["exchange", "import", tampered.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn imports_from_other_apps_dry_run_first_and_refuse_malformed_files() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let me = Person { vault: root.path().join("v"), pass: &pass };
    me.ok(&["init", "--no-keychain", "--recovery-key-out", root.path().join("rk").to_str().expect("utf-8")]);
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import");
    let jrnl = fixtures.join("jrnl-journal-four-entries.txt");

    let dry = me.ok(&["import", jrnl.to_str().expect("utf-8"), "--format", "jrnl-text", "--dry-run"]);
    assert!(dry.contains("4 entries") && dry.contains("Nothing was written"), "{dry}");
    assert_eq!(me.ok(&["journal", "list"]), NO_ENTRIES, "a dry run writes nothing");
    assert!(me.ok(&["import", jrnl.to_str().expect("utf-8"), "--format", "jrnl-text"]).contains("Imported 4 entries"));
    assert!(
        me.ok(&["import", jrnl.to_str().expect("utf-8"), "--format", "jrnl-text"])
            .contains("Imported 0 entries; 4 were already")
    );
    assert!(
        me.ok(&["import", fixtures.join("dayone-export-two-journals.zip").to_str().expect("utf-8")])
            .contains("Imported")
    );

    let bad = me.run(&["import", fixtures.join("daylio-export-bad-date.csv").to_str().expect("utf-8")]);
    assert_eq!(bad.status.code(), Some(2));
    let message = String::from_utf8_lossy(&bad.stderr);
    assert!(message.contains("line"), "the error names the line: {message}");
}

#[test]
fn the_trash_lists_restores_and_purges_from_the_command_line() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let me = Person { vault: root.path().join("v"), pass: &pass };
    me.ok(&["init", "--no-keychain", "--recovery-key-out", root.path().join("rk").to_str().expect("utf-8")]);
    let client = saved_id(&me.ok(&["client", "add", "Ada", "Lovelace"]));
    assert!(me.ok(&["trash", "list"]).contains("The trash is empty"));
    let out = me.run(&["trash", "restore", "client", &client]);
    assert_eq!(
        out.status.code(),
        Some(2),
        "restoring a live record is refused: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    me.ok(&["client", "delete", &client]);
    let listed = me.ok(&["trash", "list"]);
    assert!(listed.contains(&client) && listed.contains("Ada Lovelace"), "{listed}");
    me.ok(&["trash", "restore", "client", &client]);
    assert!(me.ok(&["client", "list"]).contains("Ada Lovelace"));
    me.ok(&["client", "delete", &client]);
    assert!(me.ok(&["trash", "empty"]).contains("Purged 1 record"));
    assert!(me.ok(&["trash", "list"]).contains("The trash is empty"));
    assert!(me.ok(&["client", "list"]).contains("No clients match"));
}

/// Issue 12: the Day One export a new user had refused whole (a photo-only entry among others)
/// imports whole, and its dry run says exactly what the import then does. The computer's zone is
/// UTC here; each entry's date is still its own local day (New York's 21:30 on 25 October is not
/// UTC's 26th).
#[test]
fn a_day_one_export_with_a_photo_only_entry_dry_runs_and_imports_the_same() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, "a long enough passphrase\n").expect("pass");
    let me = Person { vault: root.path().join("v"), pass: &pass };
    me.ok(&["init", "--no-keychain", "--recovery-key-out", root.path().join("rk").to_str().expect("utf-8")]);
    let export = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/import/dayone-export-real-shapes");
    let export = export.to_str().expect("utf-8");

    let notes = "  note: 2 photos, recordings, videos or PDFs will be attached to their entries\n  \
                 note: 1 file the entries name is not in the export or cannot be attached \
                 (photos/8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d.heic); each entry says what was missing where it was\n  \
                 note: 2 entries have no text; each is titled by what it held (\"Photo entry\", or \"Entry with no text\")\n  \
                 note: 1 entry was starred in the other app; Wellkept's journal has no stars, so it was imported without one\n";
    let summary = "4 entries, 2026-10-25 to 2026-10-29 (0 with a mood, 3 tags).\n";
    assert_eq!(
        me.ok(&["import", export, "--dry-run"]),
        format!(
            "{summary}{notes}Dry run: 4 would be added (with 2 attachments), 0 are already in the vault. Nothing was written.\n"
        )
    );
    assert_eq!(me.ok(&["journal", "list"]), NO_ENTRIES, "a dry run writes nothing");
    assert_eq!(
        me.ok(&["import", export]),
        format!("{summary}{notes}Imported 4 entries (with 2 attachments); 0 were already in the vault.\n")
    );
    let listed: Vec<String> = me
        .ok(&["journal", "list"])
        .lines()
        .map(|l| {
            // date, id, text: the id is random.
            let mut parts = l.splitn(3, "  ");
            let (day, _id, text) = (parts.next().unwrap_or(""), parts.next(), parts.next().unwrap_or(""));
            format!("{day}  {text}")
        })
        .collect();
    assert_eq!(
        listed,
        [
            "2026-10-29  Entry with no text",
            "2026-10-29  Voice note on the train home [Attached: audio 1.m4a]",
            "2026-10-27  Photo entry — [photo not imported: photos/8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d.heic is not in…",
            "2026-10-25  Late walk — Walked *slowly* by the river. Felt **calmer**. - no phone after 21:00 - tea, …",
        ]
    );
}
