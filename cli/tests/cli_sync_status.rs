//! `wellkept sync status` (issue 15, deliverable 8): the computers that open a vault, and every
//! file a sync engine set aside or is still copying, each with what it means — read from the
//! folder without the key, so it is shown even when the vault refuses to open because of them.
//! The status opens the vault read-only: it changes nothing on disk. Also `wellkept sync
//! conflicts` and `wellkept sync choose`: a journal entry rewritten on two computers at once.

use std::path::Path;

mod common;

fn wellkept(root: &Path, state: &Path, clock: &str, args: &[&str]) -> (i32, String, String) {
    let out = common::london(&root.join("vault"), &root.join("pass"), Some(clock))
        .args(args)
        .env("XDG_DATA_HOME", state)
        .output()
        .expect("run wellkept");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(root: &Path, state: &Path, clock: &str, args: &[&str]) -> String {
    let (code, out, err) = wellkept(root, state, clock, args);
    assert_eq!(code, 0, "wellkept {args:?}: {err}");
    out
}

fn short_id(state: &Path) -> String {
    let folder = state.join("wellkept/devices");
    let file = std::fs::read_dir(&folder).expect("id folder").next().expect("one id").expect("entry").path();
    std::fs::read_to_string(file).expect("id").trim()[..8].to_owned()
}

const CLOSING: &str = "The computers may be used at the same time: each writes only files of its own, and each merges the others' changes as they arrive.\n";

#[test]
fn status_lists_the_computers_and_says_nothing_to_do_in_a_clean_folder() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    let (office, laptop) = (root.join("office-state"), root.join("laptop-state"));
    ok(
        root,
        &office,
        "2026-04-02T08:30:00Z",
        &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")],
    );
    ok(root, &office, "2026-04-02T08:30:00Z", &["devices", "rename", "Office desktop"]);
    ok(root, &laptop, "2026-04-03T19:05:00Z", &["devices", "rename", "Laptop at home"]);
    let vault = root.join("vault");

    let before = common::files_under(&vault);
    let shown = ok(root, &office, "2026-04-06T07:45:00Z", &["sync", "status"]);
    assert_eq!(
        shown,
        format!(
            "Vault folder: {}\n\
             This computer: Office desktop (id {}), last opened 2026-04-02 08:30 UTC\n\
             Other computers (1):\n  Laptop at home (id {}), last opened 2026-04-03 19:05 UTC\n\
             Home computer: none yet (the first computer to save a change becomes it)\n\
             What merges could not do in full: nothing\n\
             Changed on two computers at once: nothing\n\
             Conflict copies: none\n\
             Files still arriving: none\n\
             Status: nothing to do\n{CLOSING}",
            vault.display(),
            short_id(&office),
            short_id(&laptop),
        )
    );
    assert_eq!(common::files_under(&vault), before, "the status opened the vault read-only and wrote nothing");
}

#[test]
fn status_names_each_copy_the_engine_set_aside_and_each_file_still_arriving_with_what_it_means() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    let office = root.join("office-state");
    ok(
        root,
        &office,
        "2026-04-02T08:30:00Z",
        &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")],
    );
    ok(root, &office, "2026-04-02T08:30:00Z", &["devices", "rename", "Office desktop"]);
    let vault = root.join("vault");
    // What Syncthing leaves: a change log and a device entry set aside, a passphrase file set
    // aside (as Dropbox names it), and a snapshot still being copied.
    let log = std::fs::read_dir(vault.join("data"))
        .expect("data")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .find(|n| n.starts_with("journal-"))
        .expect("a change log");
    let stem = log.strip_suffix(".wkj").expect("wkj");
    let copies = [
        format!("data/{stem}.sync-conflict-20260405-101500-ABCDEFG.wkj"),
        "devices/0123456789abcdef0123456789abcdef.sync-conflict-20260405-101500-ABCDEFG.age".to_owned(),
        "keys/passphrase (Laptop's conflicted copy 2026-04-05).age".to_owned(),
    ];
    for c in &copies {
        std::fs::write(vault.join(c), b"set aside").expect("plant copy");
    }
    std::fs::write(vault.join("data/.syncthing.snapshot-00000000000000000009.age.tmp"), b"half").expect("plant tmp");

    let before = common::files_under(&vault);
    let shown = ok(root, &office, "2026-04-06T07:45:00Z", &["sync", "status"]);
    assert_eq!(
        shown,
        format!(
            "Vault folder: {}\n\
             This computer: Office desktop (id {}), last opened 2026-04-02 08:30 UTC\n\
             Other computers: none yet\n\
             Home computer: none yet (the first computer to save a change becomes it)\n\
             What merges could not do in full: nothing\n\
             Changed on two computers at once: nothing\n\
             Conflict copies (3):\n\
             \x20 {}: saved changes from another computer that this vault does not hold; keep this file, it is the only place those changes are\n\
             \x20 {}: a computer's entry in the list of computers, written twice; harmless, you may delete it\n\
             \x20 {}: a key file changed on two computers at once; keep it until you have unlocked with the passphrase you use now\n\
             Files still arriving (1):\n  data/snapshot-00000000000000000009.age\n\
             Status: wait: the sync engine is still copying files into this vault; open it once the engine says the folder is up to date\n{CLOSING}",
            vault.display(),
            short_id(&office),
            copies[0],
            copies[1],
            copies[2],
        )
    );
    assert_eq!(common::files_under(&vault), before, "nothing changed on disk");

    // Once the copy has arrived, what is left needs the person's attention.
    std::fs::remove_file(vault.join("data/.syncthing.snapshot-00000000000000000009.age.tmp")).expect("arrived");
    let shown = ok(root, &office, "2026-04-06T07:46:00Z", &["sync", "status"]);
    assert!(
        shown.contains("Files still arriving: none\nStatus: needs attention: keep the copies marked \"keep\" above; the README's section \"A vault in a Syncthing (or Nextcloud, Dropbox) folder\" says what to do\n"),
        "{shown}"
    );
}

#[test]
fn status_still_names_the_copies_when_the_vault_does_not_open() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    let office = root.join("office-state");
    ok(
        root,
        &office,
        "2026-04-02T08:30:00Z",
        &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")],
    );
    let vault = root.join("vault");
    std::fs::write(vault.join("data/journal-x.sync-conflict-20260405-101500-ABCDEFG.wkj"), b"set aside")
        .expect("plant");
    std::fs::write(root.join("pass"), "not the passphrase at all\n").expect("wrong pass");
    let shown = ok(root, &office, "2026-04-06T07:45:00Z", &["sync", "status"]);
    let lines: Vec<&str> = shown.lines().collect();
    assert!(lines[1].starts_with("Computers: not listed, because the vault did not open: "), "{shown}");
    assert_eq!(
        &lines[2..],
        [
            "Conflict copies (1):",
            "  data/journal-x.sync-conflict-20260405-101500-ABCDEFG.wkj: saved changes from another computer that this vault does not hold; keep this file, it is the only place those changes are",
            "Files still arriving: none",
            "Status: needs attention: keep the copies marked \"keep\" above; the README's section \"A vault in a Syncthing (or Nextcloud, Dropbox) folder\" says what to do",
            CLOSING.trim_end(),
        ]
    );
}

/// Copies every file of `from` that `to` lacks or holds differently (the sync engine).
fn deliver(from: &Path, to: &Path) {
    for (name, bytes) in common::files_under(from) {
        if name.ends_with("vault.lock") {
            continue;
        }
        let dst = to.join(&name);
        if std::fs::read(&dst).ok().as_deref() != Some(&bytes[..]) {
            std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
            std::fs::write(&dst, &bytes).expect("copy");
        }
    }
}

/// The first "Kept aside: version V," in `wellkept sync conflicts`'s output.
fn kept_version(output: &str) -> String {
    output
        .split("Kept aside: version ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("a version in {output}"))
        .to_owned()
}

/// Two computers' folders (`office`, `laptop`: each a root with the vault and its passphrase
/// file) and state folders; the office has made the vault at 08:30 UTC and named itself "Office
/// desktop". The laptop has not opened it yet.
struct TwoComputers {
    _dir: tempfile::TempDir,
    office_root: std::path::PathBuf,
    laptop_root: std::path::PathBuf,
    office: std::path::PathBuf,
    laptop: std::path::PathBuf,
}

fn two_computers() -> TwoComputers {
    let dir = tempfile::tempdir().expect("tempdir");
    let (office_root, laptop_root) = (dir.path().join("office"), dir.path().join("laptop"));
    for root in [&office_root, &laptop_root] {
        std::fs::create_dir_all(root).expect("root");
        std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    }
    let (office, laptop) = (dir.path().join("office-state"), dir.path().join("laptop-state"));
    let rk = dir.path().join("rk");
    ok(
        &office_root,
        &office,
        "2026-04-02T08:30:00Z",
        &["init", "--no-keychain", "--recovery-key-out", rk.to_str().expect("utf-8")],
    );
    ok(&office_root, &office, "2026-04-02T08:30:00Z", &["devices", "rename", "Office desktop"]);
    TwoComputers { _dir: dir, office_root, laptop_root, office, laptop }
}

#[test]
fn an_entry_rewritten_on_two_computers_at_once_is_listed_with_both_texts_and_chosen_once() {
    let TwoComputers { _dir, office_root, laptop_root, office, laptop } = two_computers();
    let saved =
        ok(&office_root, &office, "2026-04-02T08:31:00Z", &["journal", "add", "--title", "Thursday", "First words."]);
    let id = saved.trim().strip_prefix("saved ").expect("saved <id>").to_owned();
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    ok(&laptop_root, &laptop, "2026-04-02T08:40:00Z", &["devices", "rename", "Laptop at home"]);

    // Neither has seen the other's edit: the office saves at 09:00 UTC, the laptop at 09:05.
    ok(&office_root, &office, "2026-04-02T09:00:00Z", &["journal", "edit", &id, "Written at the office."]);
    ok(&laptop_root, &laptop, "2026-04-02T09:05:00Z", &["journal", "edit", &id, "Written on the laptop."]);
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));

    let expected = format!(
        "Journal entry of 2026-04-02 “Thursday” (id {id}):\n\
         \x20 On show:\n\
         \x20   Thursday\n\
         \x20   Written on the laptop.\n\
         \x20 Kept aside: version VERSION, saved on Office desktop at 2026-04-02 09:00 UTC:\n\
         \x20   Thursday\n\
         \x20   Written at the office.\n\
         Choose with: wellkept sync choose <record id> shown|<version>\n"
    );
    let on_office = ok(&office_root, &office, "2026-04-02T09:10:00Z", &["sync", "conflicts"]);
    let version = kept_version(&on_office);
    assert_eq!(on_office, expected.replace("VERSION", &version));
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:10:00Z", &["sync", "conflicts"]),
        on_office,
        "the same on the laptop"
    );
    let status = ok(&office_root, &office, "2026-04-02T09:11:00Z", &["sync", "status"]);
    assert!(
        status.contains(
            "Changed on two computers at once (1): the later text is on show, the other kept aside until you choose (wellkept sync conflicts):\n\
             \x20 Journal entry of 2026-04-02 “Thursday”: 1 other version(s) kept aside\n"
        ),
        "{status}"
    );

    // Chosen on the office: the office's words back on show; nothing left to choose, on both.
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T09:12:00Z", &["sync", "choose", &id, &version]),
        "Took the version kept aside of Journal entry of 2026-04-02 “Thursday”: it is now on show.\n"
    );
    assert!(
        ok(&office_root, &office, "2026-04-02T09:13:00Z", &["journal", "list"])
            .contains("Thursday — Written at the office.")
    );
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:14:00Z", &["sync", "conflicts"]),
        "No record was changed on two computers at once.\n"
    );
    let (code, _, err) = wellkept(&office_root, &office, "2026-04-02T09:15:00Z", &["sync", "choose", &id, "shown"]);
    assert_eq!(
        (code, err.lines().last().unwrap_or_default()),
        (
            2,
            "wellkept: Record: no versions are kept aside for a record with that id; `wellkept sync conflicts` lists those that have"
        ),
        "nothing to choose twice"
    );
}

#[test]
fn an_edit_that_reached_a_note_finalised_on_the_other_computer_is_named_by_sync_status_on_both_until_cleared() {
    let TwoComputers { _dir, office_root, laptop_root, office, laptop } = two_computers();
    ok(&office_root, &office, "2026-04-02T08:31:00Z", &["client", "add", "Ada Lovelace"]);
    let added = ok(
        &office_root,
        &office,
        "2026-04-02T08:32:00Z",
        &["note", "add", "--client", "Ada Lovelace", "--date", "2026-04-01", "--text", "First session"],
    );
    let note = added.split_whitespace().nth(2).expect("Added note <id> (draft).").to_owned();
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    ok(&laptop_root, &laptop, "2026-04-02T08:40:00Z", &["devices", "rename", "Laptop at home"]);

    // The office finalises at 09:00 UTC; the laptop, not having seen it, edits at 09:05.
    ok(&office_root, &office, "2026-04-02T09:00:00Z", &["note", "finalise", &note]);
    ok(&laptop_root, &laptop, "2026-04-02T09:05:00Z", &["note", "edit", &note, "--text", "Edited on the laptop"]);
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));

    // Both computers say the same, at every open, until it is cleared.
    let noted = |root: &Path, state: &Path, at: &str| {
        let status = ok(root, state, at, &["sync", "status"]);
        let from = status.find("What merges could not do in full").unwrap_or_else(|| panic!("{status}"));
        let to = status.find("Changed on two computers at once").unwrap_or_else(|| panic!("{status}"));
        status[from..to].to_owned()
    };
    let on_office = noted(&office_root, &office, "2026-04-02T09:10:00Z");
    let key = on_office.split("\n  ").nth(1).and_then(|l| l.split(": ").next()).expect("a key").to_owned();
    assert!(key.starts_with(&short_id(&laptop)), "the laptop's change: {key}");
    assert_eq!(
        on_office,
        format!(
            "What merges could not do in full (1; clear with wellkept sync clear-notes [<key>…]):\n\
             \x20 {key}: A change saved on Laptop at home at 2026-04-02 09:05 UTC found part of what it changed already changed, finalised or removed on another computer; the rest of it was applied.\n"
        )
    );
    assert_eq!(noted(&office_root, &office, "2026-04-02T09:11:00Z"), on_office, "at the next open too");
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    assert_eq!(noted(&laptop_root, &laptop, "2026-04-02T09:12:00Z"), on_office, "the same on the laptop");

    // A key not listed is refused; clearing on the laptop clears it on the office too, and
    // the finalised note is as it was.
    let (code, _, err) = wellkept(&laptop_root, &laptop, "2026-04-02T09:13:00Z", &["sync", "clear-notes", "0000:1"]);
    assert_eq!(
        (code, err.lines().last().unwrap_or_default()),
        (2, "wellkept: Merge note: no note 0000:1 is listed (wellkept sync status lists them)")
    );
    assert_eq!(ok(&laptop_root, &laptop, "2026-04-02T09:14:00Z", &["sync", "clear-notes"]), "Cleared 1 merge note.\n");
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:15:00Z", &["sync", "clear-notes"]),
        "No merge notes to clear.\n"
    );
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));
    assert_eq!(noted(&office_root, &office, "2026-04-02T09:16:00Z"), "What merges could not do in full: nothing\n");
    let listed = ok(&office_root, &office, "2026-04-02T09:17:00Z", &["note", "list", "--client", "Ada Lovelace"]);
    assert!(listed.contains(&format!("{note}  finalised")), "{listed}");
}

/// `wellkept supervision add | list | edit`, and a supervision note rewritten on two computers
/// at once: `sync conflicts` prints both computers' words the same on both, and "shown" lets
/// the other go (docs/decisions.md 69).
#[test]
fn a_supervision_note_rewritten_on_two_computers_at_once_is_listed_with_both_texts() {
    let TwoComputers { _dir, office_root, laptop_root, office, laptop } = two_computers();
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T08:31:00Z", &["supervision", "list"]),
        "No supervision notes yet.\n"
    );
    let added = ok(
        &office_root,
        &office,
        "2026-04-02T08:31:00Z",
        &["supervision", "add", "--date", "2026-03-25", "--supervisor", "Dr Ann Lee", "--notes", "Endings."],
    );
    let id = added
        .trim()
        .strip_prefix("Added supervision note ")
        .and_then(|s| s.strip_suffix('.'))
        .unwrap_or_else(|| panic!("Added supervision note <id>.: {added}"))
        .to_owned();
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T08:32:00Z", &["supervision", "list"]),
        format!("{id}  2026-03-25  with Dr Ann Lee\n    Endings.\n")
    );
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    ok(&laptop_root, &laptop, "2026-04-02T08:40:00Z", &["devices", "rename", "Laptop at home"]);

    // Neither has seen the other's edit: the office saves at 09:00 UTC, the laptop at 09:05.
    ok(
        &office_root,
        &office,
        "2026-04-02T09:00:00Z",
        &["supervision", "edit", &id, "--actions", "Plan the last three sessions."],
    );
    ok(
        &laptop_root,
        &laptop,
        "2026-04-02T09:05:00Z",
        &["supervision", "edit", &id, "--notes", "Endings, and the client's fear of them."],
    );
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));

    let on_office = ok(&office_root, &office, "2026-04-02T09:10:00Z", &["sync", "conflicts"]);
    let version = kept_version(&on_office);
    assert_eq!(
        on_office,
        format!(
            "Supervision note of 2026-03-25 with Dr Ann Lee (id {id}):\n\
             \x20 On show:\n\
             \x20   Endings, and the client's fear of them.\n\
             \x20 Kept aside: version {version}, saved on Office desktop at 2026-04-02 09:00 UTC:\n\
             \x20   Endings.\n\
             \x20   \n\
             \x20   Actions: Plan the last three sessions.\n\
             Choose with: wellkept sync choose <record id> shown|<version>\n"
        )
    );
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:10:00Z", &["sync", "conflicts"]),
        on_office,
        "the same on the laptop"
    );

    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:12:00Z", &["sync", "choose", &id, "shown"]),
        "Kept the text on show of Supervision note of 2026-03-25 with Dr Ann Lee; 1 version(s) kept aside let go.\n"
    );
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T09:14:00Z", &["sync", "conflicts"]),
        "No record was changed on two computers at once.\n"
    );
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T09:14:00Z", &["supervision", "list"]),
        format!("{id}  2026-03-25  with Dr Ann Lee\n    Endings, and the client's fear of them.\n")
    );
}

/// A client's notes and a thought record are versioned too (docs/decisions.md 70): changed on
/// both computers at once, `sync conflicts` lists both, in the words a person reads, the same
/// on both computers; `wellkept client edit` and `wellkept thought add|list|edit` are how a
/// person on the command line makes and changes them.
#[test]
fn a_clients_notes_and_a_thought_record_rewritten_on_two_computers_at_once_are_listed_with_both_texts() {
    let TwoComputers { _dir, office_root, laptop_root, office, laptop } = two_computers();
    ok(&office_root, &office, "2026-04-02T08:31:00Z", &["client", "add", "Ana", "Kovač"]);
    assert_eq!(
        ok(
            &office_root,
            &office,
            "2026-04-02T08:31:00Z",
            &["client", "edit", "Ana Kovač", "--notes", "Referred by her GP."]
        ),
        "Saved Ana Kovač.\n"
    );
    assert_eq!(ok(&office_root, &office, "2026-04-02T08:31:00Z", &["thought", "list"]), "No thought records yet.\n");
    // A mood without its strength, or a day that is not one, is refused with what to write.
    for (args, said) in [
        (
            ["2026-03-30", "--mood", "hurt"],
            "wellkept: --mood: “hurt” is not a mood and a strength; write it as hurt=70\n",
        ),
        (["30/03/2026", "--mood", "hurt=70"], "wellkept: --date: “30/03/2026” is not a date; use YYYY-MM-DD\n"),
    ] {
        let mut command = vec!["thought", "add", "--situation", "Sam did not answer", "--date"];
        command.extend(args);
        let (code, out, err) = wellkept(&office_root, &office, "2026-04-02T08:31:00Z", &command);
        assert_eq!((code, out.as_str()), (2, ""), "{command:?}: {err}");
        assert!(err.ends_with(said), "{command:?}: {err}");
    }
    let added = ok(
        &office_root,
        &office,
        "2026-04-02T08:32:00Z",
        &[
            "thought",
            "add",
            "--date",
            "2026-03-30",
            "--situation",
            "Sam did not answer",
            "--mood",
            "hurt=70",
            "--thought",
            "Sam is angry with me",
            "--thought",
            "I always mess up",
        ],
    );
    let id = added
        .trim()
        .strip_prefix("Added thought record ")
        .and_then(|s| s.strip_suffix('.'))
        .unwrap_or_else(|| panic!("Added thought record <id>.: {added}"))
        .to_owned();
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T08:32:00Z", &["thought", "list"]),
        format!("{id}  2026-03-30  Sam did not answer\n")
    );
    let ana = ok(&office_root, &office, "2026-04-02T08:33:00Z", &["client", "list"]);
    let ana = ana.split_whitespace().next().expect("Ana's id").to_owned();
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    ok(&laptop_root, &laptop, "2026-04-02T08:40:00Z", &["devices", "rename", "Laptop at home"]);

    // Neither has seen the other's edits: the office saves at 09:00 UTC, the laptop at 09:05.
    ok(&office_root, &office, "2026-04-02T09:00:00Z", &["client", "edit", "Ana Kovač", "--notes", "Works nights."]);
    ok(
        &office_root,
        &office,
        "2026-04-02T09:00:00Z",
        &["thought", "edit", &id, "--balanced", "Sam is busy.", "--belief", "60"],
    );
    ok(&laptop_root, &laptop, "2026-04-02T09:05:00Z", &["client", "edit", &ana, "--notes", "Prefers evenings."]);
    assert_eq!(
        ok(
            &laptop_root,
            &laptop,
            "2026-04-02T09:05:00Z",
            &["thought", "edit", &id, "--evidence-against", "We talked on Sunday."]
        ),
        format!("Saved thought record {id}.\n")
    );
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));

    let on_office = ok(&office_root, &office, "2026-04-02T09:10:00Z", &["sync", "conflicts"]);
    let versions: Vec<String> = on_office
        .split("Kept aside: version ")
        .skip(1)
        .map(|rest| rest.split(',').next().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(versions.len(), 2, "{on_office}");
    assert_eq!(
        on_office,
        format!(
            "Notes on Ana Kovač (id {ana}):\n\
             \x20 On show:\n\
             \x20   Prefers evenings.\n\
             \x20 Kept aside: version {}, saved on Office desktop at 2026-04-02 09:00 UTC:\n\
             \x20   Works nights.\n\
             Thought record of 2026-03-30 (id {id}):\n\
             \x20 On show:\n\
             \x20   Situation: Sam did not answer\n\
             \x20   \n\
             \x20   Moods: hurt 70%\n\
             \x20   \n\
             \x20   Automatic thoughts: Sam is angry with me (the hot thought); I always mess up\n\
             \x20   \n\
             \x20   Evidence against: We talked on Sunday.\n\
             \x20 Kept aside: version {}, saved on Office desktop at 2026-04-02 09:00 UTC:\n\
             \x20   Situation: Sam did not answer\n\
             \x20   \n\
             \x20   Moods: hurt 70%\n\
             \x20   \n\
             \x20   Automatic thoughts: Sam is angry with me (the hot thought); I always mess up\n\
             \x20   \n\
             \x20   Balanced thought (believed 60%): Sam is busy.\n\
             Choose with: wellkept sync choose <record id> shown|<version>\n",
            versions[0], versions[1]
        )
    );
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:10:00Z", &["sync", "conflicts"]),
        on_office,
        "the same on the laptop"
    );

    // The person takes the office's worksheet on the laptop, and keeps the laptop's notes.
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:12:00Z", &["sync", "choose", &id, &versions[1]]),
        "Took the version kept aside of Thought record of 2026-03-30: it is now on show.\n"
    );
    ok(&laptop_root, &laptop, "2026-04-02T09:12:00Z", &["sync", "choose", &ana, "shown"]);
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T09:14:00Z", &["sync", "conflicts"]),
        "No record was changed on two computers at once.\n"
    );
    assert_eq!(
        ok(&office_root, &office, "2026-04-02T09:14:00Z", &["client", "show", "Ana Kovač"]),
        "Ana Kovač\n  Status          active\n\nPrefers evenings.\n",
        "the laptop's notes stay"
    );
}

/// A goal reworded on two computers at once (docs/decisions.md 73): `sync conflicts` prints both
/// wordings the same on both computers, the status set meanwhile on one stands, and `sync
/// choose` takes the other wording, which `goal show` then prints on both.
#[test]
fn a_goal_reworded_on_two_computers_at_once_is_listed_with_both_wordings_and_keeps_its_status() {
    let TwoComputers { _dir, office_root, laptop_root, office, laptop } = two_computers();
    ok(&office_root, &office, "2026-04-02T08:31:00Z", &["client", "add", "Ana", "Kovač"]);
    let added = ok(
        &office_root,
        &office,
        "2026-04-02T08:32:00Z",
        &["goal", "add", "--client", "Ana Kovač", "Sleep", "better", "--measurable", "Sleep diary"],
    );
    let goal = added
        .lines()
        .next()
        .and_then(|l| l.strip_prefix("saved "))
        .unwrap_or_else(|| panic!("saved <id>: {added}"))
        .to_owned();
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    ok(&laptop_root, &laptop, "2026-04-02T08:40:00Z", &["devices", "rename", "Laptop at home"]);

    // Neither has seen the other's changes: the office marks it achieved and rewords it at
    // 09:00 UTC, the laptop rewords it at 09:05.
    ok(&office_root, &office, "2026-04-02T09:00:00Z", &["goal", "status", &goal, "achieved"]);
    ok(&office_root, &office, "2026-04-02T09:00:00Z", &["goal", "edit", &goal, "--specific", "Lights out by 23:00"]);
    ok(&laptop_root, &laptop, "2026-04-02T09:05:00Z", &["goal", "edit", &goal, "--title", "Sleep seven hours"]);
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    deliver(&laptop_root.join("vault"), &office_root.join("vault"));

    let on_office = ok(&office_root, &office, "2026-04-02T09:10:00Z", &["sync", "conflicts"]);
    let version = on_office
        .split("Kept aside: version ")
        .nth(1)
        .and_then(|rest| rest.split(',').next())
        .unwrap_or_else(|| panic!("a version kept aside: {on_office}"))
        .to_owned();
    assert_eq!(
        on_office,
        format!(
            "Goal “Sleep seven hours” for Ana Kovač (id {goal}):\n\
             \x20 On show:\n\
             \x20   Sleep seven hours\n\
             \x20   Measurable: Sleep diary\n\
             \x20 Kept aside: version {version}, saved on Office desktop at 2026-04-02 09:00 UTC:\n\
             \x20   Sleep better\n\
             \x20   Specific: Lights out by 23:00\n\
             \x20   \n\
             \x20   Measurable: Sleep diary\n\
             Choose with: wellkept sync choose <record id> shown|<version>\n"
        )
    );
    assert_eq!(
        ok(&laptop_root, &laptop, "2026-04-02T09:10:00Z", &["sync", "conflicts"]),
        on_office,
        "the same on the laptop"
    );

    assert_eq!(
        ok(&office_root, &office, "2026-04-02T09:12:00Z", &["sync", "choose", &goal, &version]),
        "Took the version kept aside of Goal “Sleep seven hours” for Ana Kovač: it is now on show.\n"
    );
    deliver(&office_root.join("vault"), &laptop_root.join("vault"));
    let shown = format!(
        "{goal}  achieved no steps Sleep better\n\
         For: Ana Kovač\n\
         Target date: none\n\
         \n\
         Specific: Lights out by 23:00\n\
         \n\
         Measurable: Sleep diary\n"
    );
    for (root, vault) in [(&office_root, &office), (&laptop_root, &laptop)] {
        assert_eq!(ok(root, vault, "2026-04-02T09:14:00Z", &["goal", "show", &goal]), shown, "{}", vault.display());
        assert_eq!(
            ok(root, vault, "2026-04-02T09:14:00Z", &["sync", "conflicts"]),
            "No record was changed on two computers at once.\n"
        );
    }
}
