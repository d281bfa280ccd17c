//! One vault on several computers, with the sync engine played by this test (issue 15; the
//! real engine is in `syncthing_pair.rs`). Each computer writes only files of its own: the
//! vault's home writes `data/`, every other computer its own change log in `devices/<id>/`
//! (`src/vault/peers.rs`), and every computer merges them all in the order of their stamps.
//! So two computers can write at once, and each ends with every change.
//!
//! "The engine" copies files the way Syncthing does (a temporary file beside the old one,
//! renamed over it, deletions passed on) and fails the test if it ever finds a file changed on
//! both sides since it last copied it: two writers of one file are what make a sync engine
//! set a copy aside. "This computer" is sometimes the core library in this process (a vault
//! held open while files arrive); "the laptop" is the real `wellkept` binary with a state
//! folder of its own, so an id of its own.

use std::collections::BTreeMap;
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

/// Runs `wellkept` on `vault` as the computer whose state folder is `state`.
fn run(root: &Path, state: &Path, vault: &Path, args: &[&str]) -> (bool, String, String) {
    let out = common::command(vault, &root.join("pass")).args(args).env("XDG_DATA_HOME", state).output().expect("run");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(root: &Path, state: &Path, vault: &Path, args: &[&str]) -> String {
    let (ok, out, err) = run(root, state, vault, args);
    assert!(ok, "wellkept {args:?}: {err}");
    out
}

/// The sync engine between two copies of the folder: remembers each file as it last copied it,
/// so that it can tell who changed what.
#[derive(Default)]
struct Engine {
    synced: BTreeMap<String, Vec<u8>>,
}

impl Engine {
    /// Copies what `from` changed since the last delivery into `to` (temporary file, rename),
    /// and removes what `from` removed. Panics on a file both sides changed: a second writer.
    fn deliver(&mut self, from: &Path, to: &Path) {
        let source = common::files_under(from);
        let target = common::files_under(to);
        for (name, bytes) in &source {
            if self.synced.get(name) == Some(bytes) || target.get(name) == Some(bytes) {
                self.synced.insert(name.clone(), bytes.clone());
                continue;
            }
            let changed_there =
                matches!((self.synced.get(name), target.get(name)), (Some(last), Some(now)) if last != now);
            assert!(!changed_there, "two computers wrote {name}");
            let dst = to.join(name);
            std::fs::create_dir_all(dst.parent().expect("parent")).expect("mkdir");
            let tmp =
                dst.with_file_name(format!(".syncthing.{}.tmp", dst.file_name().expect("name").to_string_lossy()));
            std::fs::write(&tmp, bytes).expect("write tmp");
            std::fs::rename(&tmp, &dst).expect("rename over");
            self.synced.insert(name.clone(), bytes.clone());
        }
        for (name, bytes) in &target {
            if !source.contains_key(name) && self.synced.get(name) == Some(bytes) {
                std::fs::remove_file(to.join(name)).expect("pass a deletion on");
                self.synced.remove(name);
            }
        }
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

/// The journal's titles as `wellkept journal list` prints them ("date  id  title — text"), sorted.
fn cli_titles(root: &Path, state: &Path, vault: &Path) -> Vec<String> {
    let mut titles: Vec<String> = ok(root, state, vault, &["journal", "list", "--limit", "500"])
        .lines()
        .map(|line| line.splitn(3, "  ").nth(2).expect("date, id, text").split(" — ").next().expect("title").to_owned())
        .collect();
    titles.sort();
    titles
}

/// This computer makes a vault (it becomes the home) and saves an entry; the engine copies the
/// folder to the laptop.
async fn setup(root: &Path, engine: &mut Engine) -> (Vault, PathBuf, PathBuf) {
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
    let there = root.join("there/vault");
    std::fs::create_dir_all(&there).expect("mkdir");
    engine.deliver(&here, &there);
    (vault, here, there)
}

/// The files of the laptop's own change logs, by name.
fn side_logs(vault: &Path) -> Vec<String> {
    common::files_under(&vault.join("devices"))
        .into_keys()
        .filter(|name| name.contains('/') && name.ends_with(".wkj"))
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn changes_delivered_while_the_vault_is_open_are_merged_before_the_next_save_and_folded_by_the_home() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, here, there) = setup(root, &mut engine).await;
    let laptop = root.join("laptop-state");

    // The laptop is not the home: it writes only its own change log, nothing in data/.
    let data_before = common::files_under(&there.join("data"));
    ok(root, &laptop, &there, &["journal", "add", "--title", "Written on the laptop", "On the train."]);
    assert_eq!(common::files_under(&there.join("data")), data_before, "the laptop never writes data/");
    let logs = side_logs(&there);
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert!(logs[0].ends_with("/journal-00000000000000000000.wkj"), "{logs:?}");
    let status = ok(root, &laptop, &there, &["sync", "status"]);
    let home_line = status.lines().find(|l| l.starts_with("Home computer: ")).expect("a home line");
    assert!(home_line.ends_with("; this computer writes only its own change log, which the home folds in"), "{status}");
    engine.deliver(&there, &here);

    // Here, the vault was open all along: the next save merges the laptop's change first.
    assert!(vault.changed_elsewhere().await, "the delivery is noticed");
    add(&vault, "Typed here after the laptop").await.expect("saved, after merging");
    assert!(!vault.changed_elsewhere().await);
    assert_eq!(titles(&vault).await, ["Typed here after the laptop", "Written here first", "Written on the laptop"]);
    // The home folds the laptop's records into its next snapshot when it locks.
    vault.lock().await.expect("lock");
    engine.deliver(&here, &there);

    // The laptop sees everything, and, its records folded, starts a new log and removes the old.
    assert_eq!(
        cli_titles(root, &laptop, &there),
        ["Typed here after the laptop", "Written here first", "Written on the laptop"]
    );
    let logs = side_logs(&there);
    assert_eq!(logs.len(), 1, "{logs:?}");
    assert!(logs[0].ends_with("/journal-00000000000000000001.wkj"), "the new log goes on from record 1: {logs:?}");
    engine.deliver(&there, &here);
    vault.unlock(Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("unlock");
    assert_eq!(titles(&vault).await, ["Typed here after the laptop", "Written here first", "Written on the laptop"]);
}

#[tokio::test(flavor = "multi_thread")]
async fn two_computers_writing_at_once_each_end_with_every_change_and_the_later_edit_wins_on_both() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, here, there) = setup(root, &mut engine).await;
    vault.lock().await.expect("lock");
    drop(vault);
    let (office, laptop) = (this_computer_state().to_path_buf(), root.join("laptop-state"));
    ok(root, &office, &here, &["client", "add", "Ada Lovelace"]);
    engine.deliver(&here, &there);

    // Both computers write before either sees the other's changes.
    ok(root, &office, &here, &["journal", "add", "--title", "Office one", "at the office"]);
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop one", "on the train"]);
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop two", "still on the train"]);
    ok(root, &office, &here, &["client", "close", "Ada Lovelace", "--on", "2026-03-01"]);
    // The laptop's close is the later one: it wins on both computers.
    std::thread::sleep(std::time::Duration::from_millis(20));
    ok(root, &laptop, &there, &["client", "close", "Ada Lovelace", "--on", "2026-03-15"]);
    engine.deliver(&here, &there);
    engine.deliver(&there, &here);

    let everything = ["Laptop one", "Laptop two", "Office one", "Written here first"];
    assert_eq!(cli_titles(root, &office, &here), everything);
    assert_eq!(cli_titles(root, &laptop, &there), everything);
    for (state, vault) in [(&office, &here), (&laptop, &there)] {
        let shown = ok(root, state, vault, &["client", "show", "Ada Lovelace"]);
        assert!(shown.contains("2026-03-15"), "the later close wins: {shown}");
        assert!(!shown.contains("2026-03-01"), "{shown}");
    }
    // Another round after the home folded: still every change, on both.
    engine.deliver(&here, &there);
    engine.deliver(&there, &here);
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop three", "home again"]);
    engine.deliver(&there, &here);
    let everything = ["Laptop one", "Laptop three", "Laptop two", "Office one", "Written here first"];
    assert_eq!(cli_titles(root, &office, &here), everything);
    engine.deliver(&here, &there);
    assert_eq!(cli_titles(root, &laptop, &there), everything);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_laptop_leaves_backups_and_key_changes_to_the_home_and_says_so() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, _here, there) = setup(root, &mut engine).await;
    drop(vault);
    let laptop = root.join("laptop-state");
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop", "a change of its own"]);
    let before = common::files_under(&there);
    let backup = root.join("laptop.wkbackup");
    let (done, _, err) = run(root, &laptop, &there, &["backup", backup.to_str().expect("utf-8")]);
    assert!(!done);
    assert!(
        err.contains("This computer shares the vault with its home computer, which keeps its snapshots: make the backup there (this computer's changes reach it through your sync folder). Nothing was written."),
        "{err}"
    );
    assert!(!backup.exists());
    let (done, _, err) =
        run(root, &laptop, &there, &["rekey", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")]);
    assert!(!done);
    assert!(
        err.contains("This vault is shared by several computers, and changing its key there is not supported yet"),
        "{err}"
    );
    // Each open notes when this computer last opened the vault, in its own device file.
    let changed: Vec<String> = differences(&before, &common::files_under(&there))
        .into_iter()
        .filter(|name| !(name.starts_with("devices/") && name.ends_with(".age") && !name[8..].contains('/')))
        .collect();
    assert_eq!(changed, Vec::<String>::new(), "nothing else changed on disk");
}

/// The files that differ between two listings of a folder, by name.
fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    a.keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .cloned()
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_s_own_files_changed_from_outside_refuse_the_next_save_and_lose_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, here, there) = setup(root, &mut engine).await;
    // A copy of this computer's folder written by this same computer's id elsewhere (a copy
    // restored and used, an older Wellkept): it writes data/, which only the home may.
    ok(root, this_computer_state(), &there, &["journal", "add", "--title", "Written in the copy", "oops"]);
    std::fs::remove_file(there.join("vault.lock")).ok();
    let mut copier = Engine::default();
    copier.deliver(&there, &here);
    let delivered = common::files_under(&here);

    let refused = add(&vault, "Typed here").await.expect_err("refused");
    assert_eq!(refused.kind(), "changed_elsewhere");
    assert_eq!(
        refused.to_string(),
        "This vault's files were changed from outside while it was open here, most likely by another computer through your sync folder. This change was not saved, so nothing on either computer is lost: lock and unlock to load the other changes, then save again."
    );
    assert_eq!(
        differences(&common::files_under(&here), &delivered),
        Vec::<String>::new(),
        "the refused save changed nothing on disk"
    );
    let _ = vault.lock().await;
    assert_eq!(
        differences(&common::files_under(&here), &delivered),
        Vec::<String>::new(),
        "locking folded and pruned nothing"
    );
    vault.unlock(Unlock::Passphrase(SecretString::from(PASSPHRASE))).await.expect("unlock again");
    assert_eq!(titles(&vault).await, ["Written here first", "Written in the copy"]);
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

#[tokio::test(flavor = "multi_thread")]
async fn a_computer_s_log_or_the_home_s_data_going_back_is_refused_on_the_computer_that_saw_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, here, there) = setup(root, &mut engine).await;
    let laptop = root.join("laptop-state");

    // The laptop saves one entry, then another; each later open remembers how far it read.
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop one", "first"]);
    ok(root, &laptop, &there, &["journal", "list"]);
    let one_entry: BTreeMap<String, Vec<u8>> = common::files_under(&there)
        .into_iter()
        .filter(|(n, _)| n.starts_with("devices/") && n.ends_with(".wkj"))
        .collect();
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop two", "second"]);
    ok(root, &laptop, &there, &["journal", "list"]);

    // A stale copy of the laptop's own log comes back (a restored folder, an engine gone wrong).
    let newer = common::files_under(&there);
    for (name, bytes) in &one_entry {
        std::fs::write(there.join(name), bytes).expect("put back the old log");
    }
    let (opened, _, err) = run(root, &laptop, &there, &["journal", "list"]);
    assert!(!opened);
    assert!(err.contains("This vault is missing 1 saved change that this computer saw"), "{err}");
    assert!(err.contains("Nothing was changed on disk"), "{err}");
    for (name, bytes) in &newer {
        std::fs::write(there.join(name), bytes).expect("the newer log again");
    }
    assert_eq!(cli_titles(root, &laptop, &there), ["Laptop one", "Laptop two", "Written here first"]);

    // The home saves twice; the laptop merges its data/ and remembers how far.
    let first_data: BTreeMap<String, Vec<u8>> =
        common::files_under(&here).into_iter().filter(|(n, _)| n.starts_with("data/")).collect();
    add(&vault, "Home two").await.expect("save");
    add(&vault, "Home three").await.expect("save");
    engine.deliver(&here, &there);
    engine.deliver(&there, &here);
    assert_eq!(
        cli_titles(root, &laptop, &there),
        ["Home three", "Home two", "Laptop one", "Laptop two", "Written here first"]
    );
    // Then the home's data/ goes back to before those saves on the laptop's copy.
    for name in common::files_under(&there).into_keys().filter(|n| n.starts_with("data/")) {
        if !first_data.contains_key(&name) {
            std::fs::remove_file(there.join(&name)).expect("remove newer");
        }
    }
    for (name, bytes) in &first_data {
        std::fs::write(there.join(name), bytes).expect("old data");
    }
    let (opened, _, err) = run(root, &laptop, &there, &["journal", "list"]);
    assert!(!opened);
    assert!(err.contains("This vault is missing 2 saved changes that this computer saw"), "{err}");
}

/// This computer's id for the vault, as `wellkept devices` lists it.
fn id_in(root: &Path, state: &Path, vault: &Path) -> String {
    let list = ok(root, state, vault, &["devices"]);
    let line = list.lines().find(|l| l.contains("(this computer")).expect("this computer is listed");
    line.split_once("  ").expect("id, name").0.to_owned()
}

/// `wellkept devices` as names and marks only ("Office desktop  (this computer, the home)"):
/// the ids and times are checked by `cli_devices.rs`.
fn listed(root: &Path, state: &Path, vault: &Path) -> Vec<String> {
    ok(root, state, vault, &["devices"])
        .lines()
        .filter(|l| !l.starts_with(' '))
        .map(|l| l.split_once("  ").expect("id, name").1.to_owned())
        .collect()
}

fn home_line(root: &Path, state: &Path, vault: &Path) -> String {
    let status = ok(root, state, vault, &["sync", "status"]);
    // Every record applied once: one replayed again on top of a snapshot holding it would
    // no longer fit, and be named here.
    assert!(!status.contains("Merging"), "{status}");
    status.lines().find(|l| l.starts_with("Home computer: ")).expect("a home line").to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_home_is_handed_to_the_laptop_then_taken_back_when_the_laptop_is_retired_with_one_writer_per_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, here, there) = setup(root, &mut engine).await;
    vault.lock().await.expect("lock");
    drop(vault);
    let (office, laptop) = (this_computer_state().to_path_buf(), root.join("laptop-state"));
    ok(root, &office, &here, &["devices", "rename", "Office desktop"]);
    ok(root, &laptop, &there, &["devices", "rename", "Laptop at home"]);
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop one", "on the train"]);
    engine.deliver(&there, &here);
    let (office_id, laptop_id) = (id_in(root, &office, &here), id_in(root, &laptop, &there));
    assert_eq!(listed(root, &office, &here), ["Office desktop  (this computer, the home)", "Laptop at home"]);

    // The laptop cannot take the home while the office holds it and is listed; nor remove it.
    let (done, _, err) = run(root, &laptop, &there, &["devices", "make-home", &office_id]);
    assert!(!done);
    assert!(err.contains("only the home can hand itself to another computer"), "{err}");
    let (done, _, err) = run(root, &laptop, &there, &["devices", "remove", &office_id]);
    assert!(!done);
    assert!(err.contains("that computer is this vault's home, which keeps its snapshots and backups. If it will not open this vault again, make this computer the home instead"), "{err}");

    // The office hands the home to the laptop, and from then on writes only its own log.
    assert_eq!(
        ok(root, &office, &here, &["devices", "make-home", &laptop_id]),
        "\"Laptop at home\" is now the vault's home: it keeps the snapshots and backups once your sync folder has delivered this change, and this computer writes only its own change log\n"
    );
    assert_eq!(
        home_line(root, &office, &here),
        format!(
            "Home computer: Laptop at home (id {}); this computer writes only its own change log, which the home folds in",
            &laptop_id[..8]
        )
    );
    let data = common::files_under(&here.join("data"));
    ok(root, &office, &here, &["journal", "add", "--title", "Office after the move", "at the desk"]);
    assert_eq!(common::files_under(&here.join("data")), data, "the office no longer writes data/");
    assert_eq!(side_logs(&here).iter().filter(|n| n.starts_with(&office_id)).count(), 1, "its own log instead");
    let (done, _, err) = run(root, &office, &here, &["backup", root.join("office.wkbackup").to_str().expect("utf-8")]);
    assert!(!done, "backups are the home's now");
    assert!(err.contains("make the backup there"), "{err}");
    engine.deliver(&here, &there);

    // The laptop is the home: it folds everything into a snapshot of its own, its own log
    // goes, and a backup works there now.
    let everything = ["Laptop one", "Office after the move", "Written here first"];
    assert_eq!(cli_titles(root, &laptop, &there), everything);
    assert_eq!(listed(root, &laptop, &there), ["Laptop at home  (this computer, the home)", "Office desktop"]);
    assert!(home_line(root, &laptop, &there).starts_with("Home computer: this one"));
    assert!(!side_logs(&there).iter().any(|n| n.starts_with(&laptop_id)), "{:?}", side_logs(&there));
    let backup = root.join("laptop.wkbackup");
    ok(root, &laptop, &there, &["backup", backup.to_str().expect("utf-8")]);
    assert!(backup.exists());
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop as the home", "in data/ now"]);
    engine.deliver(&there, &here);
    let everything = ["Laptop as the home", "Laptop one", "Office after the move", "Written here first"];
    assert_eq!(cli_titles(root, &office, &here), everything);
    engine.deliver(&here, &there);

    // The laptop is retired without a word: the office takes the home back by itself, and
    // the laptop leaves the list.
    assert_eq!(
        ok(root, &office, &here, &["devices", "make-home"]),
        "this computer is now the vault's home: it keeps the snapshots and backups; \"Laptop at home\" was taken off the list of computers\n"
    );
    assert_eq!(listed(root, &office, &here), ["Office desktop  (this computer, the home)"]);
    assert!(home_line(root, &office, &here).starts_with("Home computer: this one"));
    assert_eq!(side_logs(&here), Vec::<String>::new(), "every log is folded into the office's snapshot and gone");
    assert_eq!(cli_titles(root, &office, &here), everything);
    ok(root, &office, &here, &["backup", root.join("office.wkbackup").to_str().expect("utf-8")]);
    ok(root, &office, &here, &["journal", "add", "--title", "Office home again", "at the desk"]);
    let everything =
        ["Laptop as the home", "Laptop one", "Office after the move", "Office home again", "Written here first"];
    assert_eq!(cli_titles(root, &office, &here), everything);

    // The laptop was not wiped after all and opens the vault again: it reads the move, is no
    // longer the home, is listed again, and its new entry reaches the office.
    engine.deliver(&here, &there);
    assert_eq!(cli_titles(root, &laptop, &there), everything);
    assert_eq!(
        home_line(root, &laptop, &there),
        format!(
            "Home computer: Office desktop (id {}); this computer writes only its own change log, which the home folds in",
            &office_id[..8]
        )
    );
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop back", "after all"]);
    // Its entry was removed, but its name was kept when it was (docs/decisions.md 71): it is
    // listed again under that name, not the system's host name.
    assert_eq!(listed(root, &laptop, &there), ["Laptop at home  (this computer)", "Office desktop  (the home)"]);
    engine.deliver(&there, &here);
    let everything = [
        "Laptop as the home",
        "Laptop back",
        "Laptop one",
        "Office after the move",
        "Office home again",
        "Written here first",
    ];
    assert_eq!(cli_titles(root, &office, &here), everything);

    // Removed again, its folded log is cleaned up by the home (no one else would).
    assert_eq!(side_logs(&here).len(), 1, "{:?}", side_logs(&here));
    ok(root, &office, &here, &["devices", "remove", &laptop_id]);
    ok(root, &office, &here, &["journal", "add", "--title", "Office alone", "the laptop is gone"]);
    ok(root, &office, &here, &["compact"]);
    assert_eq!(side_logs(&here), Vec::<String>::new());
    engine.deliver(&here, &there);
    assert_eq!(side_logs(&there), Vec::<String>::new(), "the removal reaches the laptop's copy");
    // Both computers hold the same records, every table of them.
    let dump = ok(root, &office, &here, &["sync", "dump"]);
    assert!(dump.contains("== journal_entries (7 rows)\n"), "{dump}");
    assert_eq!(ok(root, &laptop, &there, &["sync", "dump"]), dump);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_home_taken_over_while_it_was_only_cut_off_keeps_what_it_saved_unseen_and_no_file_gets_two_writers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    let mut engine = Engine::default();
    let (vault, here, there) = setup(root, &mut engine).await;
    vault.lock().await.expect("lock");
    drop(vault);
    let (office, laptop) = (this_computer_state().to_path_buf(), root.join("laptop-state"));
    ok(root, &office, &here, &["devices", "rename", "Office desktop"]);
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop one", "on the train"]);
    engine.deliver(&there, &here);
    ok(root, &office, &here, &["journal", "list"]);
    engine.deliver(&here, &there);
    let office_id = id_in(root, &office, &here);

    // The engine cannot reach the office (it is not gone, only cut off), and the person takes
    // the home over on the laptop; both go on saving.
    ok(root, &laptop, &there, &["devices", "make-home"]);
    ok(root, &laptop, &there, &["journal", "add", "--title", "Laptop as the home", "in data/"]);
    ok(root, &office, &here, &["journal", "add", "--title", "Office unseen", "still at the desk"]);
    ok(root, &office, &here, &["journal", "add", "--title", "Office unseen too", "and again"]);
    // The laptop's history in data/ starts past the office's, so the two never write one
    // file: the engine (which fails on a file changed on both sides) delivers both ways.
    engine.deliver(&there, &here);
    engine.deliver(&here, &there);

    // The office reads the move: what it saved unseen goes into its own log (its old file in
    // data/ goes), it is an ordinary computer from then on, and it shows everything.
    let everything = ["Laptop as the home", "Laptop one", "Office unseen", "Office unseen too", "Written here first"];
    assert_eq!(cli_titles(root, &office, &here), everything);
    assert!(home_line(root, &office, &here).starts_with("Home computer: "), "listed");
    assert!(!home_line(root, &office, &here).starts_with("Home computer: this one"));
    assert_eq!(side_logs(&here).iter().filter(|n| n.starts_with(&office_id)).count(), 1, "{:?}", side_logs(&here));
    engine.deliver(&here, &there);
    assert_eq!(cli_titles(root, &laptop, &there), everything);
    assert!(home_line(root, &laptop, &there).starts_with("Home computer: this one"));
    // Once more both ways: the laptop folded the office's log, the office let it go.
    engine.deliver(&there, &here);
    assert_eq!(cli_titles(root, &office, &here), everything);
    engine.deliver(&here, &there);
    let dump = ok(root, &laptop, &there, &["sync", "dump"]);
    assert!(dump.contains("== journal_entries (5 rows)\n"), "{dump}");
    assert_eq!(ok(root, &office, &here, &["sync", "dump"]), dump);
}
