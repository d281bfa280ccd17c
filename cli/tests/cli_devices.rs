//! `wellkept devices`: the computers that open a vault, each writing only its own encrypted
//! entry in `devices/` (issue 15, deliverables 1, 4 and 8). Two "computers" are two state
//! folders (`XDG_DATA_HOME`), where each keeps its own id for the vault, as two machines would.

mod common;

use std::os::unix::fs::PermissionsExt as _;
use std::path::{Path, PathBuf};

struct Computer {
    state: PathBuf,
}

fn wellkept(root: &Path, computer: &Computer, clock: &str, args: &[&str]) -> (i32, String, String) {
    let out = common::london(&root.join("vault"), &root.join("pass"), Some(clock))
        .args(args)
        .env("XDG_DATA_HOME", &computer.state)
        .output()
        .expect("run wellkept");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn ok(root: &Path, computer: &Computer, clock: &str, args: &[&str]) -> String {
    let (code, out, err) = wellkept(root, computer, clock, args);
    assert_eq!(code, 0, "wellkept {args:?}: {err}");
    out
}

/// The id a computer keeps for the vault, from its own state folder (one vault here, so one
/// file).
fn id_of(computer: &Computer) -> String {
    let folder = computer.state.join("wellkept/devices");
    let files: Vec<PathBuf> =
        std::fs::read_dir(&folder).expect("id folder").map(|e| e.expect("entry").path()).collect();
    assert_eq!(files.len(), 1, "{files:?}");
    std::fs::read_to_string(&files[0]).expect("id file").trim().to_owned()
}

fn device_files(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("vault/devices"))
        .expect("devices folder")
        .map(|e| e.expect("entry").file_name().into_string().expect("utf-8"))
        .collect();
    names.sort();
    names
}

#[test]
fn each_computer_lists_itself_and_the_others_renames_itself_and_removes_another() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    let office = Computer { state: root.join("office-state") };
    let laptop = Computer { state: root.join("laptop-state") };
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("host name").trim().to_owned();

    let (t1, t2, t3) = ("2026-04-02T08:30:00Z", "2026-04-03T19:05:00Z", "2026-04-06T07:45:00Z");
    ok(root, &office, t1, &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")]);
    ok(root, &office, t1, &["journal", "add", "written at the office"]);
    let office_id = id_of(&office);
    assert_eq!(office_id.len(), 32);

    // The laptop opens the same folder later: it writes its own entry, and lists both, the
    // one last seen first.
    let listed = ok(root, &laptop, t2, &["devices"]);
    let laptop_id = id_of(&laptop);
    assert_ne!(laptop_id, office_id, "two computers, two ids");
    assert_eq!(
        listed,
        format!(
            "{laptop_id}  {host}  (this computer)\n    first opened 2026-04-03 19:05 UTC, last opened 2026-04-03 19:05 UTC\n\
             {office_id}  {host}  (the home)\n    first opened 2026-04-02 08:30 UTC, last opened 2026-04-02 08:30 UTC\n"
        )
    );
    assert_eq!(device_files(root), {
        let mut v = vec![format!("{laptop_id}.age"), format!("{office_id}.age")];
        v.sort();
        v
    });

    // Renaming writes only the laptop's own file; the office sees the new name.
    let office_file = root.join("vault/devices").join(format!("{office_id}.age"));
    let office_bytes = std::fs::read(&office_file).expect("office file");
    assert_eq!(
        ok(root, &laptop, t2, &["devices", "rename", "  Laptop at home "]),
        "this computer is now \"Laptop at home\"\n"
    );
    assert_eq!(
        std::fs::read(&office_file).expect("office file"),
        office_bytes,
        "the laptop never writes the office's file"
    );
    let listed = ok(root, &office, t3, &["devices", "list"]);
    assert_eq!(
        listed,
        format!(
            "{office_id}  {host}  (this computer, the home)\n    first opened 2026-04-02 08:30 UTC, last opened 2026-04-06 07:45 UTC\n\
             {laptop_id}  Laptop at home\n    first opened 2026-04-03 19:05 UTC, last opened 2026-04-03 19:05 UTC\n"
        )
    );

    // The entries are encrypted, readable only by their owner on this machine.
    for name in device_files(root) {
        let path = root.join("vault/devices").join(&name);
        let bytes = std::fs::read(&path).expect("device file");
        assert!(bytes.starts_with(b"age-encryption.org/v1\n"), "{name} is an age file");
        assert!(!bytes.windows(b"Laptop".len()).any(|w| w == b"Laptop"), "{name}: no name in the clear");
        assert_eq!(std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777, 0o600, "{name}");
    }

    // A computer cannot remove itself; it can remove another, which then is gone from the list.
    let (code, _, err) = wellkept(root, &office, t3, &["devices", "remove", &office_id]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("that is the computer you are using; it cannot remove itself"), "{err}");
    assert_eq!(
        ok(root, &office, t3, &["devices", "remove", &laptop_id]),
        format!("removed {laptop_id}; if that computer opens the vault again, it is listed again\n")
    );
    assert_eq!(device_files(root), [format!("{office_id}.age")]);
    let (code, _, err) = wellkept(root, &office, t3, &["devices", "remove", "not-an-id"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("give the 32-digit id from the list"), "{err}");

    // A re-key re-encrypts the entries under the new key: the list survives it.
    ok(root, &office, t3, &["rekey", "--recovery-key-out", root.join("rk2").to_str().expect("utf-8")]);
    assert_eq!(
        ok(root, &office, t3, &["devices"]),
        format!(
            "{office_id}  {host}  (this computer, the home)\n    first opened 2026-04-02 08:30 UTC, last opened 2026-04-06 07:45 UTC\n"
        )
    );

    // Opening read-only writes nothing, not even this computer's entry.
    let before = std::fs::read(&office_file).expect("office file");
    ok(root, &office, "2026-04-07T10:00:00Z", &["--read-only", "unlock"]);
    assert_eq!(std::fs::read(&office_file).expect("office file"), before);
}

/// A computer that has never opened the vault for writing, opening it read-only: it lists the
/// others (none is "this computer") and saves no id of its own, in its state folder or in the
/// vault (`Vault::this_device` is read once at open; a read-only open never makes one).
#[test]
fn a_read_only_open_on_a_new_computer_lists_the_others_and_saves_no_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    std::fs::write(root.join("pass"), "a long enough passphrase\n").expect("pass");
    let office = Computer { state: root.join("office-state") };
    let visitor = Computer { state: root.join("visitor-state") };
    let host = std::fs::read_to_string("/proc/sys/kernel/hostname").expect("host name").trim().to_owned();
    let t1 = "2026-04-02T08:30:00Z";
    ok(root, &office, t1, &["init", "--no-keychain", "--recovery-key-out", root.join("rk").to_str().expect("utf-8")]);
    ok(root, &office, t1, &["journal", "add", "written at the office"]);
    let office_id = id_of(&office);

    let listed = ok(root, &visitor, "2026-04-05T12:00:00Z", &["--read-only", "devices"]);
    assert_eq!(
        listed,
        format!(
            "{office_id}  {host}  (the home)\n    first opened 2026-04-02 08:30 UTC, last opened 2026-04-02 08:30 UTC\n"
        )
    );
    assert!(!visitor.state.join("wellkept/devices").exists(), "no id saved for the visitor");
    assert_eq!(device_files(root), [format!("{office_id}.age")], "no entry written in the vault");
}
