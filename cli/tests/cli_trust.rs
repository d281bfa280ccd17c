//! Issue 9 through the `wellkept` command line, each step a separate process as a person would
//! run it: `init` refuses a vault whose descriptor was lost (and changes nothing), `unlock`
//! rebuilds the descriptor, changing a secret says exactly what old copies still open, and
//! `rekey` makes the old recovery key useless.

#[path = "../../tests/common/mod.rs"]
mod common;

use std::path::Path;
use std::process::{Command, Output};

fn wellkept(vault: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wellkept"))
        .arg("--vault")
        .arg(vault)
        .arg("--no-keychain")
        .args(args)
        .output()
        .expect("run wellkept")
}

fn ok(vault: &Path, args: &[&str]) -> String {
    let out = wellkept(vault, args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn cli_init_refuses_a_lost_descriptor_vault_and_rekey_retires_the_old_recovery_key() {
    let root = tempfile::tempdir().expect("tempdir");
    let vault = root.path().join("vault");
    let file = |name: &str| root.path().join(name).to_str().expect("utf-8 path").to_owned();
    std::fs::write(file("pass"), "a long enough passphrase\n").expect("pass");
    std::fs::write(file("pass2"), "another long passphrase\n").expect("pass2");
    ok(&vault, &["--passphrase-file", &file("pass"), "init", "--no-keychain", "--recovery-key-out", &file("rk1")]);
    ok(&vault, &["--passphrase-file", &file("pass"), "journal", "add", "kept through everything"]);

    // The descriptor is lost; `init` must not write new keys over the old ones.
    std::fs::remove_file(vault.join("wellkept-vault.json")).expect("lose the descriptor");
    let before = common::snapshot_dir(&vault);
    let out = wellkept(&vault, &["--passphrase-file", &file("pass"), "init", "--no-keychain"]);
    assert_eq!(out.status.code(), Some(7));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("found: keys/, data/, devices/, vault.lock). Wellkept never writes over a vault"),
        "{stderr}"
    );
    assert_eq!(common::snapshot_dir(&vault), before, "byte-identical");

    // Unlocking rebuilds it.
    let out = ok(&vault, &["--recovery-key-file", &file("rk1"), "unlock"]);
    assert!(out.starts_with("Unlocked with the recovery key. 1 changes saved"), "{out}");
    assert!(vault.join("wellkept-vault.json").exists());

    // Changing the passphrase says what is true of old copies.
    let out = ok(
        &vault,
        &["--passphrase-file", &file("pass"), "passphrase", "change", "--new-passphrase-file", &file("pass2")],
    );
    assert!(out.contains("the old one no longer opens this vault's key file."), "{out}");
    assert!(out.contains("still opens with the old secret, and that key also decrypts today's vault files"), "{out}");
    assert!(out.contains("run `wellkept rekey`"), "{out}");

    // Re-key: the current passphrase is checked, a NEW recovery key is written, the old one is retired.
    let refused = wellkept(&vault, &["--passphrase-file", &file("pass"), "rekey"]);
    assert_eq!(refused.status.code(), Some(3), "the old passphrase does not unlock");
    let out = ok(&vault, &["--passphrase-file", &file("pass2"), "rekey", "--recovery-key-out", &file("rk2")]);
    assert!(out.contains("The vault has a new key."), "{out}");
    assert!(out.contains("they no longer decrypt this vault's files"), "{out}");
    assert!(out.contains("This is a NEW recovery key: the old one no longer opens this vault."), "{out}");
    let old = wellkept(&vault, &["--recovery-key-file", &file("rk1"), "unlock"]);
    assert_eq!(old.status.code(), Some(3), "{}", String::from_utf8_lossy(&old.stderr));
    let out = ok(&vault, &["--recovery-key-file", &file("rk2"), "journal", "list"]);
    assert!(out.contains("kept through everything"), "{out}");
}
