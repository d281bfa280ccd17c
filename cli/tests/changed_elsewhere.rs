//! A vault open on one computer while a sync engine delivers another computer's changes into
//! its folder (issue 15; the README's "one computer at a time" rule, for when the app was left
//! open). Without a check, this computer's next save went into a change log the engine had
//! already replaced (an unlinked file: acknowledged, then gone), or after a newer generation the
//! other computer wrote (ignored at the next open), and its compaction on lock pruned the other
//! computer's files. Now the save is refused with a message that says what to do, nothing on
//! disk changes, locking does not compact over the delivered files, and the next unlock shows
//! both computers' entries.
//!
//! "This computer" is the core library in this process (a vault held open); "the other
//! computer" is the real `wellkept` binary with its own state folder, on a copy of the folder;
//! "the engine" copies files the way Syncthing does (write a temporary file, rename it over).

use std::path::{Path, PathBuf};

use secrecy::SecretString;
use wellkept::journal::entries::{self, EntryFilter, NewJournalEntry};
use wellkept::vault::{CreateOptions, Unlock, Vault};

mod common;

const PASSPHRASE: &str = "a long enough passphrase for the laptop";

/// This process's state folder (where this computer keeps its marks and device id), set once.
fn this_computer_state() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("state dir");
        // SAFETY: set once, before any test in this binary reads the environment.
        unsafe { std::env::set_var("XDG_DATA_HOME", dir.path()) };
        dir
    })
    .path()
}

fn other_computer(root: &Path, vault: &Path, args: &[&str]) -> String {
    let out = common::command(vault, &root.join("pass"))
        .args(args)
        .env("XDG_DATA_HOME", root.join("other-state"))
        .output()
        .expect("run wellkept");
    assert!(out.status.success(), "wellkept {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Copies every file of `from`'s `data/` folder that differs into `to`'s, as a sync engine
/// does: a temporary file in the same folder, renamed over the old one. Removes nothing.
fn deliver(from: &Path, to: &Path) {
    for e in std::fs::read_dir(from.join("data")).expect("data") {
        let src = e.expect("entry").path();
        let name = src.file_name().expect("name").to_owned();
        let dst = to.join("data").join(&name);
        let bytes = std::fs::read(&src).expect("read");
        if std::fs::read(&dst).ok().as_deref() != Some(&bytes[..]) {
            let tmp = to.join("data").join(format!(".syncthing.{}.tmp", name.to_string_lossy()));
            std::fs::write(&tmp, &bytes).expect("write tmp");
            std::fs::rename(&tmp, &dst).expect("rename over");
        }
    }
}

fn copy_folder(from: &Path, to: &Path) {
    for (rel, bytes) in common::files_under(from) {
        let p = to.join(rel);
        std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
        std::fs::write(p, bytes).expect("copy");
    }
}

async fn add(vault: &Vault, title: &str) -> wellkept::Result<()> {
    entries::add_entry(
        vault,
        NewJournalEntry {
            entry_date: chrono::NaiveDate::from_ymd_opt(2026, 4, 2),
            title: title.into(),
            body: format!("{title}."),
            ..Default::default()
        },
    )
    .await
    .map(|_| ())
}

async fn titles(vault: &Vault) -> Vec<String> {
    let page = entries::list_entries(vault, EntryFilter::default()).await.expect("list");
    let mut titles: Vec<String> = page.items.into_iter().map(|e| e.title).collect();
    titles.sort();
    titles
}

async fn setup(root: &Path) -> (Vault, PathBuf, PathBuf) {
    this_computer_state();
    std::fs::write(root.join("pass"), format!("{PASSPHRASE}\n")).expect("pass");
    let here = root.join("here/vault");
    let options = CreateOptions {
        passphrase: Some(SecretString::from(PASSPHRASE)),
        use_keychain: false,
        passphrase_work_factor: 10,
    };
    let vault = Vault::create(&here, options).await.expect("create").vault;
    add(&vault, "Written here first").await.expect("first entry");
    // The engine copies the folder to the other computer, which adds an entry there.
    let there = root.join("there/vault");
    copy_folder(&here, &there);
    other_computer(root, &there, &["journal", "add", "--title", "Written on the laptop", "On the train."]);
    (vault, here, there)
}

#[tokio::test(flavor = "multi_thread")]
async fn a_change_log_replaced_by_the_engine_while_open_refuses_the_next_save_and_loses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let (vault, here, there) = setup(root).await;
    deliver(&there, &here);
    let delivered = common::files_under(&here);

    let refused = add(&vault, "Typed here after the laptop").await.expect_err("refused");
    assert_eq!(refused.kind(), "changed_elsewhere");
    assert_eq!(
        refused.to_string(),
        "This vault's files were changed from outside while it was open here, most likely by another computer through your sync folder. This change was not saved, so nothing on either computer is lost: lock and unlock to load the other changes, then save again."
    );
    assert_eq!(common::files_under(&here), delivered, "the refused save changed nothing on disk");
    // Locking does not compact over the delivered files.
    let _ = vault.lock().await;
    assert_eq!(common::files_under(&here), delivered, "locking folded and pruned nothing");

    // The next unlock loads both computers' entries, and saving works again.
    vault.unlock(Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("unlock again");
    assert_eq!(titles(&vault).await, ["Written here first", "Written on the laptop"]);
    add(&vault, "Typed here after the laptop").await.expect("saved after reopening");
    assert_eq!(titles(&vault).await, ["Typed here after the laptop", "Written here first", "Written on the laptop"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_newer_generation_delivered_while_open_refuses_the_next_save_and_compaction() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let (vault, here, there) = setup(root).await;
    // The other computer compacts: a newer snapshot and change log beside the old ones.
    other_computer(root, &there, &["compact"]);
    deliver(&there, &here);
    let delivered = common::files_under(&here);

    assert_eq!(vault.compact().await.expect_err("compaction refused").kind(), "changed_elsewhere");
    assert_eq!(add(&vault, "Typed here").await.expect_err("save refused").kind(), "changed_elsewhere");
    let _ = vault.lock().await;
    assert_eq!(common::files_under(&here), delivered, "nothing written, folded or pruned");

    vault.unlock(Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("unlock again");
    assert_eq!(titles(&vault).await, ["Written here first", "Written on the laptop"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn this_computer_s_own_saves_compactions_purges_and_rekeys_are_never_taken_for_another_s() {
    let dir = tempfile::tempdir().expect("tempdir");
    this_computer_state();
    let here = dir.path().join("vault");
    let options = CreateOptions {
        passphrase: Some(SecretString::from(PASSPHRASE)),
        use_keychain: false,
        passphrase_work_factor: 10,
    };
    let vault = Vault::create(&here, options).await.expect("create").vault;
    add(&vault, "one").await.expect("save after create");
    vault.compact().await.expect("compact");
    add(&vault, "two").await.expect("save after compaction");
    vault.compact_discarding_backups().await.expect("compact discarding backups");
    add(&vault, "three").await.expect("save after discarding backups");
    vault.rekey(Some(&SecretString::from(PASSPHRASE)), 10).await.expect("rekey");
    add(&vault, "four").await.expect("save after a re-key");
    vault.lock().await.expect("lock");
    vault.unlock(Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("unlock again");
    add(&vault, "five").await.expect("save after reopening");
    assert_eq!(titles(&vault).await, ["five", "four", "one", "three", "two"]);
}
