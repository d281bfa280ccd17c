//! `wellkept attach …`, and the README's "Reading an attachment with `age` alone": with only the
//! recovery key, the standard `age` tool decrypts an attached file to its exact bytes. Requires
//! `age` on PATH (scripts/setup.sh installs it); a missing tool fails the test rather than
//! skipping it.

mod common;

use common::tool;
use std::path::Path;
use std::process::Output;

struct Cli {
    vault: std::path::PathBuf,
    pass: std::path::PathBuf,
}

impl Cli {
    fn run(&self, args: &[&str]) -> Output {
        common::run(&self.vault, &self.pass, None, args)
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).expect("utf-8")
    }
}

fn setup(root: &Path) -> (Cli, std::path::PathBuf) {
    let cli = Cli { vault: root.join("vault"), pass: root.join("pass") };
    std::fs::write(&cli.pass, "attachment test passphrase\n").expect("pass");
    let recovery = root.join("recovery-key.txt");
    cli.ok(&["init", "--no-keychain", "--recovery-key-out", recovery.to_str().expect("utf-8")]);
    (cli, recovery)
}

#[test]
fn the_age_tool_reads_an_attachment_with_the_recovery_key_as_the_readme_says() {
    let root = tempfile::tempdir().expect("tempdir");
    let (cli, recovery) = setup(root.path());
    let saved = cli.ok(&["journal", "add", "The day at the beach"]);
    let entry = saved.trim().strip_prefix("saved ").expect("entry id").to_owned();
    let photo = root.path().join("beach.jpg");
    let mut bytes = b"\xff\xd8\xff\xe0".to_vec();
    bytes.extend((0..70_000u32).map(|i| (i * 31 % 251) as u8));
    std::fs::write(&photo, &bytes).expect("photo");

    let added = cli.ok(&["attach", "add", "journal_entry", &entry, photo.to_str().expect("utf-8")]);
    let id = added.trim().rsplit(' ').next().expect("id").to_owned();
    assert_eq!(added, format!("Attached beach.jpg (68.4 KB, image/jpeg): {id}\n"));

    // `attach list` names the encrypted file (the README's first step).
    let listed = cli.ok(&["attach", "list", "journal_entry", &entry]);
    let lines: Vec<&str> = listed.lines().collect();
    assert_eq!(lines.len(), 2, "{listed}");
    assert_eq!(lines[1], "1 attachment.");
    let fields: Vec<&str> = lines[0].split_whitespace().collect();
    assert_eq!(fields[0], id);
    assert_eq!(&fields[2..5], ["68.4", "KB", "beach.jpg"]);
    let relative = fields[5];
    assert!(relative.starts_with("attachments/") && relative.ends_with(".age"), "{relative}");

    // Steps 2 and 3: the recovery key opens the vault key; the vault key opens the file.
    let vault_key = root.path().join("vault-key.txt");
    let out = tool("age")
        .args(["-d", "-i"])
        .arg(&recovery)
        .arg("-o")
        .arg(&vault_key)
        .arg(cli.vault.join("keys/recovery.age"))
        .output()
        .expect("age");
    assert!(out.status.success(), "age (key): {}", String::from_utf8_lossy(&out.stderr));
    let decrypted = root.path().join("photo-from-age.jpg");
    let out = tool("age")
        .args(["-d", "-i"])
        .arg(&vault_key)
        .arg("-o")
        .arg(&decrypted)
        .arg(cli.vault.join(relative))
        .output()
        .expect("age");
    assert!(out.status.success(), "age (attachment): {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read(&decrypted).expect("decrypted"), bytes, "the exact bytes attached");

    // `attach save` writes the same bytes, and never over an existing file.
    let out_file = root.path().join("saved.jpg");
    let said = cli.ok(&["attach", "save", &id, "--out", out_file.to_str().expect("utf-8")]);
    assert_eq!(
        said,
        format!(
            "Saved beach.jpg (68.4 KB) to {}. It is not encrypted there: delete it when you are done.\n",
            out_file.display()
        )
    );
    assert_eq!(std::fs::read(&out_file).expect("saved"), bytes);
    let again = cli.run(&["attach", "save", &id, "--out", out_file.to_str().expect("utf-8")]);
    assert!(!again.status.success());
    assert_eq!(
        String::from_utf8_lossy(&again.stderr).lines().next().expect("message"),
        format!(
            "wellkept: --out: {} already exists; choose a new file name (nothing is overwritten)",
            out_file.display()
        )
    );

    // `attach remove` moves it to the trash, where it is listed by name.
    assert_eq!(
        cli.ok(&["attach", "remove", &id]),
        format!("Moved to the trash (restore it with `wellkept trash restore attachment {id}`).\n")
    );
    assert_eq!(cli.ok(&["attach", "list", "journal_entry", &entry]), "No attachments.\n");
    let trash = cli.ok(&["trash", "list"]);
    assert!(trash.contains(&format!("Attachment       attachment     {id}  beach.jpg")), "{trash}");
}

#[test]
fn a_file_over_the_limit_is_refused_with_a_message_and_nothing_is_stored() {
    let root = tempfile::tempdir().expect("tempdir");
    let (cli, _) = setup(root.path());
    let saved = cli.ok(&["journal", "add", "A scan"]);
    let entry = saved.trim().strip_prefix("saved ").expect("entry id").to_owned();
    let big = root.path().join("scan.pdf");
    std::fs::File::create(&big).expect("create").set_len(60 << 20).expect("sparse");
    let out = cli.run(&["attach", "add", "journal_entry", &entry, big.to_str().expect("utf-8")]);
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "wellkept: File: it is 60.0 MB; the largest file Wellkept attaches is 50.0 MB. Make it smaller (a lower-resolution scan or photo) or keep it outside the vault\n"
    );
    assert!(
        !cli.vault.join("attachments").exists()
            || std::fs::read_dir(cli.vault.join("attachments")).expect("dir").next().is_none()
    );
    let wrong = cli.run(&["attach", "add", "mood", &entry, big.to_str().expect("utf-8")]);
    assert_eq!(
        String::from_utf8_lossy(&wrong.stderr),
        "wellkept: Attach to: \"mood\" cannot have attachments (one of: journal_entry, session_note, client, received_item)\n"
    );
}

/// A path that is not there, or a folder, is named with what is wrong and the usage exit code
/// (2); they used to be storage failures (exit 6): "Opening the file to attach failed: a file or
/// folder is missing" and "… the operating system reported an input/output error" (found trying
/// the binary).
#[test]
fn a_missing_file_or_a_folder_is_named_with_what_is_wrong() {
    let root = tempfile::tempdir().expect("tempdir");
    let (cli, _) = setup(root.path());
    let saved = cli.ok(&["journal", "add", "A scan"]);
    let entry = saved.trim().strip_prefix("saved ").expect("entry id").to_owned();
    let missing = root.path().join("scan.pdf");
    let folder = root.path().join("scans");
    std::fs::create_dir(&folder).expect("folder");
    for (path, why) in
        [(&missing, "it does not exist (was it moved or renamed?)"), (&folder, "it is a folder, not a file")]
    {
        let out = cli.run(&["attach", "add", "journal_entry", &entry, path.to_str().expect("utf-8")]);
        assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!("wellkept: File: could not read {}: {why}\n", path.display())
        );
    }
    assert_eq!(cli.ok(&["attach", "list", "journal_entry", &entry]), "No attachments.\n");
}
