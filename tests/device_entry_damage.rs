//! A computer's entry in `devices/` that is damaged (decision 75): `verify` names it and
//! fails; opening the vault on that computer sets the damaged bytes aside (never deletes or
//! overwrites them) and writes a fresh entry with the name and first-opened time the computer
//! keeps a copy of; a name that cannot be found again is said to be lost; another computer
//! lists a damaged entry rather than dropping it — through `Vault::devices`, the call the
//! window's list of computers makes.
//!
//! Each "computer" is this process with its own state folder (`XDG_DATA_HOME`), switched
//! between opens, so the tests take turns ([`ONE_AT_A_TIME`]).

mod common;

use std::path::{Path, PathBuf};

use wellkept::sync::devices::{DeviceEntry, DeviceInfo};
use wellkept::vault::{Unlock, Vault};

static ONE_AT_A_TIME: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

fn as_computer(state: &Path) {
    // SAFETY: tests hold ONE_AT_A_TIME; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("XDG_DATA_HOME", state) };
}

async fn open_as(state: &Path, vault: &Path) -> Vault {
    as_computer(state);
    Vault::open(vault, Unlock::Passphrase(common::passphrase())).await.expect("open")
}

async fn create_as(state: &Path, folder: &Path, name: &str) -> Vault {
    as_computer(state);
    let options = wellkept::vault::CreateOptions {
        passphrase: Some(common::passphrase()),
        use_keychain: false,
        passphrase_work_factor: 10,
    };
    let vault = Vault::create(folder, options).await.expect("create").vault;
    vault.rename_this_device(name).await.expect("name");
    common::add_entry(&vault, "the first entry: this computer becomes the home").await;
    vault
}

async fn close(vault: Vault) {
    vault.lock().await.expect("lock");
}

/// Runs `verify` as computer `state` on the locked vault at `folder`.
async fn verify_as(state: &Path, folder: &Path) -> wellkept::vault::VerifyReport {
    as_computer(state);
    let vault = Vault::load(folder).expect("load");
    vault.verify(Unlock::Passphrase(common::passphrase())).await.expect("verify runs")
}

fn entry(folder: &Path, id: &str) -> PathBuf {
    folder.join("devices").join(format!("{id}.age"))
}

/// Flips one bit of byte 200 (in the age header's MAC or the payload nonce of so small a
/// file), as the person who found the defect did; returns the damaged bytes.
fn flip(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("read the entry");
    bytes[200] ^= 1;
    std::fs::write(path, &bytes).expect("write the damaged entry");
    bytes
}

/// (name, this computer, home) of each computer listed.
fn names(devices: &[DeviceInfo]) -> Vec<(String, bool, bool)> {
    devices.iter().map(|d| (d.name.clone(), d.this_computer, d.home)).collect()
}

/// (what its entry told, whether its first-opened time is known) of each computer listed: what
/// the window reads to say so rather than show a description as a name or a time it does not
/// know (decision 76).
fn entries(devices: &[DeviceInfo]) -> Vec<(DeviceEntry, bool)> {
    devices.iter().map(|d| (d.entry, d.first_seen.is_some())).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_entry_of_this_computer_is_named_by_verify_then_set_aside_and_written_again_with_its_name() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let (state, folder) = (root.path().join("office"), root.path().join("vault"));
    let vault = create_as(&state, &folder, "Office desktop").await;
    let before = vault.devices().await.expect("devices");
    let id = vault.this_device().await.expect("id").hex();
    let short = &id[..8];
    close(vault).await;

    let damaged = flip(&entry(&folder, &id));
    let untouched = common::files_under(&folder);
    let report = verify_as(&state, &folder).await;
    assert_eq!(
        report.damaged_files,
        [format!(
            "the entry of this computer ({short}) in devices/ is damaged: it does not decrypt with the vault's key (devices/{id}.age); this computer sets it aside and writes a fresh one when it next opens the vault for writing"
        )]
    );
    assert!(report.notes.is_empty(), "{:?}", report.notes);
    assert!(report.current_ok(), "the records are intact");
    assert!(!report.intact(), "damage is not called intact");
    assert_eq!(common::files_under(&folder), untouched, "verify changed nothing");

    // Opening for writing keeps the damaged bytes aside and the name and first-opened time.
    let vault = open_as(&state, &folder).await;
    let after = vault.devices().await.expect("devices");
    assert_eq!(names(&after), [("Office desktop".to_owned(), true, true)]);
    assert_eq!(after[0].first_seen, before[0].first_seen, "first opened as it was");
    assert!(after[0].first_seen.is_some());
    assert_eq!(entries(&after), [(DeviceEntry::Whole, true)]);
    close(vault).await;
    let aside = folder.join("devices").join(format!("{id}.age.damaged"));
    assert_eq!(std::fs::read(&aside).expect("the damaged entry, kept aside"), damaged);

    let report = verify_as(&state, &folder).await;
    assert!(report.damaged_files.is_empty(), "{:?}", report.damaged_files);
    assert_eq!(
        report.notes,
        [format!(
            "devices/{id}.age.damaged: the damaged entry of this computer ({short}), set aside by this computer, which wrote a fresh one; nothing reads this file, and it can be deleted"
        )]
    );
    assert!(report.intact());

    // Damaged again: the first bytes kept aside stay as they were, the second go beside them.
    let second = flip(&entry(&folder, &id));
    let vault = open_as(&state, &folder).await;
    assert_eq!(names(&vault.devices().await.expect("devices")), [("Office desktop".to_owned(), true, true)]);
    close(vault).await;
    assert_eq!(std::fs::read(&aside).expect("first kept"), damaged);
    let aside_2 = folder.join("devices").join(format!("{id}.age.damaged-2"));
    assert_eq!(std::fs::read(aside_2).expect("second kept"), second);
}

#[tokio::test(flavor = "multi_thread")]
async fn a_name_that_cannot_be_found_again_is_said_to_be_lost_on_both_computers_until_renamed() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let (office_state, laptop_state) = (root.path().join("office"), root.path().join("laptop"));
    let folder = root.path().join("vault");
    let vault = create_as(&office_state, &folder, "Office desktop").await;
    let office = vault.this_device().await.expect("id").hex();
    close(vault).await;
    let vault = open_as(&laptop_state, &folder).await;
    vault.rename_this_device("Laptop").await.expect("rename");
    close(vault).await;

    // The office's entry is damaged and its own copy is gone too (a new state folder, say).
    flip(&entry(&folder, &office));
    std::fs::remove_dir_all(office_state.join("wellkept/entries")).expect("remove the copy");
    let vault = open_as(&office_state, &folder).await;
    assert_eq!(
        names(&vault.devices().await.expect("devices")),
        [
            ("this computer, whose name was lost with its damaged entry (rename it)".to_owned(), true, true),
            ("Laptop".to_owned(), false, false),
        ]
    );
    assert_eq!(
        entries(&vault.devices().await.expect("devices")),
        [(DeviceEntry::NameLost, false), (DeviceEntry::Whole, true)],
        "the description is no name, and the first-opened time went with it"
    );
    close(vault).await;
    assert!(folder.join("devices").join(format!("{office}.age.damaged")).exists(), "kept aside");

    let vault = open_as(&laptop_state, &folder).await;
    assert_eq!(
        names(&vault.devices().await.expect("devices")),
        [
            ("Laptop".to_owned(), true, false),
            ("a computer whose name was lost with its damaged entry".to_owned(), false, true),
        ]
    );
    assert_eq!(
        entries(&vault.devices().await.expect("devices")),
        [(DeviceEntry::Whole, true), (DeviceEntry::NameLost, false)]
    );
    close(vault).await;

    let vault = open_as(&office_state, &folder).await;
    vault.rename_this_device("Office desktop").await.expect("rename");
    assert_eq!(
        names(&vault.devices().await.expect("devices")),
        [("Office desktop".to_owned(), true, true), ("Laptop".to_owned(), false, false)]
    );
    assert_eq!(entries(&vault.devices().await.expect("devices"))[0].0, DeviceEntry::Whole, "named again");
    close(vault).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_damaged_entry_of_the_home_stays_listed_elsewhere_untouched_until_the_home_writes_it_again() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let (office_state, laptop_state) = (root.path().join("office"), root.path().join("laptop"));
    let folder = root.path().join("vault");
    let vault = create_as(&office_state, &folder, "Office desktop").await;
    let office = vault.this_device().await.expect("id").hex();
    close(vault).await;
    let vault = open_as(&laptop_state, &folder).await;
    vault.rename_this_device("Laptop").await.expect("rename");
    close(vault).await;

    let office_entry = entry(&folder, &office);
    let damaged = flip(&office_entry);
    let seen = chrono::DateTime::parse_from_rfc3339("2026-04-02T08:30:00Z").expect("time").to_utc();
    std::fs::File::options()
        .write(true)
        .open(&office_entry)
        .and_then(|f| f.set_modified(seen.into()))
        .expect("set the entry's time");

    let vault = open_as(&laptop_state, &folder).await;
    let listed = vault.devices().await.expect("devices");
    assert_eq!(
        names(&listed),
        [("Laptop".to_owned(), true, false), ("a computer whose entry is damaged".to_owned(), false, true)]
    );
    assert_eq!((listed[1].id.as_str(), listed[1].short_id.as_str()), (office.as_str(), &office[..8]));
    assert_eq!(entries(&listed), [(DeviceEntry::Whole, true), (DeviceEntry::Damaged, false)]);
    assert_eq!(
        (listed[1].first_seen, listed[1].last_seen),
        (None, seen),
        "no first-opened time it does not know; its file's time as its last"
    );
    // Named so in what the home wrote, too (the names a merge note or kept version uses).
    assert_eq!(
        vault.computer_names().await.expect("names").get(&office).map(String::as_str),
        Some("a computer whose entry is damaged")
    );
    close(vault).await;
    assert_eq!(std::fs::read(&office_entry).expect("read"), damaged, "only its own computer writes it");

    let report = verify_as(&laptop_state, &folder).await;
    assert_eq!(
        report.damaged_files,
        [format!(
            "the entry of computer {} in devices/ is damaged: it does not decrypt with the vault's key (devices/{office}.age); that computer sets it aside and writes a fresh one when it next opens the vault",
            &office[..8]
        )]
    );

    // The home opens: its entry is whole again, and the laptop lists it by name.
    close(open_as(&office_state, &folder).await).await;
    let vault = open_as(&laptop_state, &folder).await;
    assert_eq!(
        names(&vault.devices().await.expect("devices")),
        [("Laptop".to_owned(), true, false), ("Office desktop".to_owned(), false, true)]
    );
    assert_eq!(
        entries(&vault.devices().await.expect("devices")),
        [(DeviceEntry::Whole, true), (DeviceEntry::Whole, true)]
    );
    close(vault).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_file_in_data_named_like_a_snapshot_that_no_change_log_continues_is_reported() {
    let _turn = ONE_AT_A_TIME.lock().await;
    let root = tempfile::tempdir().expect("tempdir");
    let (state, folder) = (root.path().join("office"), root.path().join("vault"));
    close(create_as(&state, &folder, "Office desktop").await).await;
    let data = folder.join("data");
    let current: Vec<_> = std::fs::read_dir(&data).expect("data").flatten().map(|e| e.file_name()).collect();
    let snapshot =
        current.iter().filter_map(|n| n.to_str()).find(|n| n.starts_with("snapshot-")).expect("a snapshot").to_owned();

    std::fs::write(data.join("snapshot-00000000000000000009.age"), b"garbage\n").expect("plant");
    // A whole snapshot of this vault without its change log: an interrupted compaction.
    std::fs::copy(data.join(&snapshot), data.join("snapshot-00000000000000000012.age")).expect("copy");
    let report = verify_as(&state, &folder).await;
    assert_eq!(
        report.damaged_files,
        [
            "data/snapshot-00000000000000000009.age is damaged: it is named like a snapshot of this vault but does not decrypt with the vault's key, and no change log continues it; the vault does not use it"
        ]
    );
    assert_eq!(
        report.notes,
        [
            "data/snapshot-00000000000000000012.age: a snapshot of this vault that no change log continues (a compaction that was interrupted, or a file your sync folder is still delivering); the vault does not use it"
        ]
    );
    assert!(report.current_ok() && !report.intact());

    // The home's next open removes both, and its compaction says so (decision 77): nothing
    // leaves `data/` without a word.
    let vault = open_as(&state, &folder).await;
    common::add_entry(&vault, "a change, so that the compaction writes a generation").await;
    let compaction = vault.compact().await.expect("compact");
    assert_eq!(
        compaction.removed,
        [
            "Removed data/snapshot-00000000000000000009.age: it was named like a snapshot of this vault, but no change log continued it, so the vault did not use it.",
            "Removed data/snapshot-00000000000000000012.age: it was named like a snapshot of this vault, but no change log continued it, so the vault did not use it.",
        ]
    );
    assert_eq!(vault.compact().await.expect("compact again").removed, Vec::<String>::new(), "said once");
    close(vault).await;
    assert!(!data.join("snapshot-00000000000000000009.age").exists());
    assert!(!data.join("snapshot-00000000000000000012.age").exists());
    let report = verify_as(&state, &folder).await;
    assert!(report.intact(), "{:?} {:?}", report.damaged_files, report.notes);
}
