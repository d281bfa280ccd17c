//! A shared journal entry's attached files travel inside the share file (issue 12, deliverable
//! 1, received shares), through the real `wellkept` binary, each step its own process: Jo
//! attaches a photo and a PDF to an entry and shares it with her mentor Sam; Sam's preview names
//! the files; importing attaches them to the received entry, where `attach save` gives back the
//! same bytes; importing again adds nothing; the same photo shared again with another entry is
//! stored once; and a share whose files would take it past the largest share file is refused
//! with a message naming the file, writing nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{card_text, fingerprint, saved_id};

const PASSPHRASE: &str = "a long enough passphrase";

struct Person {
    vault: PathBuf,
    pass: PathBuf,
}

impl Person {
    fn run(&self, args: &[&str]) -> Output {
        common::command(&self.vault, &self.pass).env("TZ", "UTC").args(args).output().expect("run wellkept")
    }
    fn ok(&self, args: &[&str]) -> String {
        common::stdout_of(self.run(args), args)
    }
    /// The encrypted attachment files in the vault folder.
    fn stored_files(&self) -> usize {
        std::fs::read_dir(self.vault.join("attachments")).map_or(0, |dir| dir.count())
    }
}

fn path(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

/// `attach list` lines without their ids and dates: "<size>  <name>".
fn attached(p: &Person, kind: &str, id: &str) -> Vec<String> {
    p.ok(&["attach", "list", kind, id])
        .lines()
        .filter(|l| !l.ends_with("attachments.") && !l.ends_with("attachment."))
        .map(|l| {
            let fields: Vec<&str> = l.split_whitespace().collect();
            // id, day, size (two words), name, encrypted file
            format!("{} {}  {}", fields[2], fields[3], fields[4])
        })
        .collect()
}

fn attachment_ids(p: &Person, kind: &str, id: &str) -> Vec<String> {
    p.ok(&["attach", "list", kind, id])
        .lines()
        .filter(|l| !l.ends_with("attachments.") && !l.ends_with("attachment."))
        .map(|l| l.split_whitespace().next().expect("id").to_owned())
        .collect()
}

#[test]
fn a_shared_entry_brings_its_photo_and_pdf_and_an_oversize_share_is_refused() {
    let root = tempfile::tempdir().expect("tempdir");
    let pass = root.path().join("pass");
    std::fs::write(&pass, format!("{PASSPHRASE}\n")).expect("pass");
    let person = |name: &str| Person { vault: root.path().join(name), pass: pass.clone() };
    let (sam, jo) = (person("sam"), person("jo"));
    for p in [&sam, &jo] {
        p.ok(&["init", "--no-keychain", "--recovery-key-out", path(&p.vault.with_extension("rk"))]);
    }
    let sam_card = sam.ok(&["exchange", "setup", "Dr.", "Sam", "Rivera"]);
    let jo_card = jo.ok(&["exchange", "setup", "Jo", "Okafor"]);
    let (sam_file, jo_file) = (root.path().join("sam.card"), root.path().join("jo.card"));
    std::fs::write(&sam_file, card_text(&sam_card)).expect("card");
    std::fs::write(&jo_file, card_text(&jo_card)).expect("card");
    jo.ok(&["exchange", "add-contact", path(&sam_file), "--fingerprint", &fingerprint(&sam_card), "--role", "mentor"]);
    sam.ok(&["exchange", "add-contact", path(&jo_file), "--fingerprint", &fingerprint(&jo_card), "--role", "client"]);
    let sam_at_jo = jo.ok(&["exchange", "contacts"]).split_whitespace().next().expect("id").to_owned();

    // Jo's entry with a photo and a PDF attached.
    let mut photo = b"\xff\xd8\xff\xe0 not really a jpeg, but it starts like one".to_vec();
    photo.extend((0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 24) as u8));
    let plan = b"%PDF-1.4\n% the allotment plan\n".to_vec();
    let (photo_file, plan_file) = (root.path().join("allotment.jpg"), root.path().join("plan.pdf"));
    std::fs::write(&photo_file, &photo).expect("photo");
    std::fs::write(&plan_file, &plan).expect("pdf");
    let entry = saved_id(&jo.ok(&["journal", "add", "--title", "The allotment", "Planted", "the", "beans", "today."]));
    jo.ok(&["attach", "add", "journal_entry", &entry, path(&photo_file)]);
    jo.ok(&["attach", "add", "journal_entry", &entry, path(&plan_file)]);
    // A third file moved to the trash stays behind.
    let draft = root.path().join("draft.txt");
    std::fs::write(&draft, "not this one").expect("draft");
    let draft_id = jo.ok(&["attach", "add", "journal_entry", &entry, path(&draft)]);
    let draft_id = draft_id.trim().rsplit(": ").next().expect("id").to_owned();
    jo.ok(&["attach", "remove", &draft_id]);

    let share = |name: &str, entry: &str| -> (PathBuf, String) {
        let out = root.path().join(name);
        let said = jo.ok(&[
            "exchange",
            "share",
            "--to",
            &sam_at_jo,
            "--from",
            "client",
            "--entry",
            entry,
            "--out",
            path(&out),
        ]);
        (out, said)
    };
    let (first, said) = share("first.wks", &entry);
    assert!(said.starts_with("With 2 attachments: allotment.jpg, plan.pdf\nSealed 1 item(s) into "), "{said}");

    // Sam's preview names the files before anything is imported.
    let preview = sam.ok(&["exchange", "open", path(&first)]);
    let lines: Vec<&str> = preview.lines().skip(1).collect();
    assert_eq!(lines, ["  journal entry", "  2 attachments: allotment.jpg, plan.pdf", "1 new item(s) would be added."]);
    assert_eq!(sam.stored_files(), 0, "a preview stores nothing");

    let imported = sam.ok(&["exchange", "import", path(&first)]);
    assert_eq!(
        imported,
        "Imported 1 new item(s); 0 already here.\n  2 attachments are kept with the shared entry: allotment.jpg, plan.pdf.\n"
    );
    let received = sam.ok(&["exchange", "received"]);
    let received_id = received.split_whitespace().next().expect("id").to_owned();
    assert!(received.contains("journal entry  from Jo Okafor"), "{received}");
    assert_eq!(attached(&sam, "received_item", &received_id), ["19.6 KB  allotment.jpg", "30 bytes  plan.pdf"]);
    let ids = attachment_ids(&sam, "received_item", &received_id);
    for (id, expected, name) in [(&ids[0], &photo, "photo.out"), (&ids[1], &plan, "plan.out")] {
        let out = root.path().join(name);
        sam.ok(&["attach", "save", id, "--out", path(&out)]);
        assert_eq!(&std::fs::read(&out).expect("saved copy"), expected, "{name}");
    }
    assert_eq!(sam.stored_files(), 2);

    // The same file again adds nothing.
    let again = sam.ok(&["exchange", "import", path(&first)]);
    assert_eq!(again, "Imported 0 new item(s); 1 already here.\n");
    assert_eq!(attached(&sam, "received_item", &received_id).len(), 2);
    assert_eq!(sam.stored_files(), 2);

    // The same photo on another entry arrives as that entry's attachment and is stored once.
    let second_entry = saved_id(&jo.ok(&["journal", "add", "The", "beans", "are", "up."]));
    jo.ok(&["attach", "add", "journal_entry", &second_entry, path(&photo_file)]);
    let (second, _) = share("second.wks", &second_entry);
    let imported = sam.ok(&["exchange", "import", path(&second)]);
    assert_eq!(
        imported,
        "Imported 1 new item(s); 0 already here.\n  1 attachment is kept with the shared entry: allotment.jpg.\n"
    );
    let newest = sam.ok(&["exchange", "received"]);
    let ids: Vec<&str> = newest.lines().filter_map(|l| l.split_whitespace().next()).collect();
    assert_eq!(ids.len(), 2, "{newest}");
    let newest_id = ids.into_iter().find(|id| *id != received_id).expect("the second entry").to_owned();
    assert_eq!(attached(&sam, "received_item", &newest_id), ["19.6 KB  allotment.jpg"]);
    assert_eq!(sam.stored_files(), 2, "the same photo is stored once");

    // Two files of 25 MiB each come to more than a share file may hold (64 MB in base64).
    let big_entry = saved_id(&jo.ok(&["journal", "add", "Scans", "of", "the", "lease."]));
    for name in ["lease-1.pdf", "lease-2.pdf"] {
        let file = root.path().join(name);
        let mut bytes = b"%PDF-1.4\n".to_vec();
        bytes.resize(25 << 20, b'x');
        std::fs::write(&file, bytes).expect("big file");
        jo.ok(&["attach", "add", "journal_entry", &big_entry, path(&file)]);
    }
    let out = root.path().join("too-big.wks");
    let refused = common::refused(jo.run(&[
        "exchange",
        "share",
        "--to",
        &sam_at_jo,
        "--from",
        "client",
        "--entry",
        &entry,
        "--entry",
        &big_entry,
        "--out",
        path(&out),
    ]));
    assert_eq!(
        refused.trim_end(),
        "wellkept: Share: lease-2.pdf takes the share file past the largest of 64.0 MB (with all the attached files \
         it would be 66.9 MB): share the entries with the largest attachments on their own, or fewer entries at a time"
    );
    assert!(!out.exists(), "nothing is written");

    // The same entry shared again after Jo attached one more file: the entry is already here,
    // so only the file it lacks arrives. (The same rule completes an import that a crash cut
    // short between filing the entry and attaching its files: importing the file again.)
    let notes_file = root.path().join("notes.txt");
    std::fs::write(&notes_file, "water on Sundays").expect("notes");
    jo.ok(&["attach", "add", "journal_entry", &entry, path(&notes_file)]);
    let (third, _) = share("third.wks", &entry);
    let imported = sam.ok(&["exchange", "import", path(&third)]);
    assert_eq!(
        imported,
        "Imported 0 new item(s); 1 already here.\n  1 attachment is kept with the shared entry: notes.txt.\n"
    );
    assert_eq!(
        attached(&sam, "received_item", &received_id),
        ["19.6 KB  allotment.jpg", "30 bytes  plan.pdf", "16 bytes  notes.txt"]
    );
    // A file Sam moved to the trash is not brought back by importing again.
    let plan_id = attachment_ids(&sam, "received_item", &received_id)[1].clone();
    sam.ok(&["attach", "remove", &plan_id]);
    assert_eq!(sam.ok(&["exchange", "import", path(&third)]), "Imported 0 new item(s); 1 already here.\n");
    assert_eq!(attached(&sam, "received_item", &received_id), ["19.6 KB  allotment.jpg", "16 bytes  notes.txt"]);
}
