//! No lock-in: with only the recovery key, the standard `age` command-line tool (Debian package
//! `age`) decrypts the vault key and the snapshot, and `sqlite3` reads the entries — exactly the
//! steps the README's "No lock-in" section gives. Requires `age` and `sqlite3` on PATH
//! (scripts/setup.sh installs them); a missing tool fails the test rather than skipping it.
mod common;

use common::tool;

#[test]
fn the_age_tool_and_sqlite3_read_a_compacted_vault_with_the_recovery_key() {
    let root = tempfile::tempdir().expect("tempdir");
    let vault = root.path().join("vault");
    let pass = root.path().join("pass");
    let recovery = root.path().join("recovery.txt");
    std::fs::write(&pass, "interop test passphrase\n").expect("pass");
    let wellkept = |args: &[&str]| {
        let out = common::command(&vault, &pass).args(args).output().expect("run wellkept");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    };
    wellkept(&["init", "--no-keychain", "--recovery-key-out", recovery.to_str().expect("utf-8")]);
    wellkept(&["journal", "add", "readable without Wellkept"]);
    wellkept(&["compact"]);

    // Step 1: the recovery key opens the wrapped vault key.
    let vault_key = root.path().join("vault-key.txt");
    let out = tool("age")
        .arg("--decrypt")
        .arg("-i")
        .arg(&recovery)
        .arg("-o")
        .arg(&vault_key)
        .arg(vault.join("keys/recovery.age"))
        .output()
        .expect("age");
    assert!(out.status.success(), "age (key): {}", String::from_utf8_lossy(&out.stderr));

    // Step 2: the vault key opens the newest snapshot.
    let mut snapshots: Vec<_> = std::fs::read_dir(vault.join("data"))
        .expect("data")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "age"))
        .collect();
    snapshots.sort();
    let newest = snapshots.pop().expect("a snapshot");
    let db = root.path().join("vault.sqlite");
    let out =
        tool("age").arg("--decrypt").arg("-i").arg(&vault_key).arg("-o").arg(&db).arg(&newest).output().expect("age");
    assert!(out.status.success(), "age (snapshot): {}", String::from_utf8_lossy(&out.stderr));

    // Step 3: any SQLite reads it.
    let out = tool("sqlite3").arg(&db).arg("SELECT body FROM journal_entries;").output().expect("sqlite3");
    assert!(out.status.success(), "sqlite3: {}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "readable without Wellkept");
}
