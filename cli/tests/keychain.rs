//! The real OS keychain: gnome-keyring's Secret Service over D-Bus, in the private session that
//! `scripts/test.sh` starts (`dbus-run-session` + `gnome-keyring-daemon --unlock`). These tests
//! are `#[ignore]`d in a plain `cargo test` (there may be no Secret Service, or the user's own
//! keyring) and run by the test script with `--ignored` inside that session, where they must pass.
//! Beside them, the mock-store path is covered quickly by the other integration tests.

use std::process::Command;

use wellkept::vault::{CreateOptions, Unlock, Vault};

const NEEDS: &str = "needs a Secret Service: run by scripts/test.sh inside a private D-Bus session";

#[tokio::test]
#[ignore = "needs a Secret Service: run by scripts/test.sh inside a private D-Bus session"]
async fn the_vault_key_round_trips_through_the_real_secret_service() {
    assert!(std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some(), "{NEEDS}");
    assert!(wellkept::keys::keychain::is_available().await, "{NEEDS}");
    let dir = tempfile::tempdir().expect("tempdir");
    let created = Vault::create(
        dir.path(),
        CreateOptions {
            passphrase: Some(secrecy::SecretString::from("real keychain test".to_owned())),
            use_keychain: true,
            passphrase_work_factor: 10,
        },
    )
    .await
    .expect("create");
    assert!(created.keychain_error.is_none(), "{:?}", created.keychain_error);
    let id = created.vault.id();
    drop(created);

    // Unlock without typing.
    let vault = Vault::open(dir.path(), Unlock::Keychain).await.expect("unlock from the real keychain");
    // The secret is in gnome-keyring under our service name, readable by the standard client
    // (`secret-tool`, Debian package libsecret-tools, installed by scripts/setup.sh).
    let out = Command::new("secret-tool")
        .args(["lookup", "service", "Wellkept", "username", &format!("vault:{id}")])
        .output()
        .expect("secret-tool (libsecret-tools) is installed by scripts/setup.sh");
    assert!(out.status.success(), "secret-tool lookup: {}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("AGE-SECRET-KEY-1"));

    // Forgetting removes it; the passphrase still works; remembering restores it.
    vault.forget_keychain().await.expect("forget");
    drop(vault);
    let err = Vault::open(dir.path(), Unlock::Keychain).await.expect_err("forgotten");
    assert_eq!(err.kind(), "keychain_missing");
    assert!(err.to_string().contains("passphrase"), "{err}");
    let vault =
        Vault::open(dir.path(), Unlock::Passphrase(secrecy::SecretString::from("real keychain test".to_owned())))
            .await
            .expect("passphrase");
    vault.remember_in_keychain().await.expect("remember");
    drop(vault);
    Vault::open(dir.path(), Unlock::Keychain).await.expect("unlock from the keychain again");
}

#[test]
#[ignore = "needs a Secret Service: run by scripts/test.sh inside a private D-Bus session"]
fn an_unavailable_keychain_gets_a_plain_message_and_the_passphrase_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = dir.path().join("vault");
    let pass = dir.path().join("pass");
    std::fs::write(&pass, "no keychain here please\n").expect("pass");
    let run = |args: &[&str], env_bus: &str| {
        Command::new(env!("CARGO_BIN_EXE_wellkept"))
            .env("DBUS_SESSION_BUS_ADDRESS", env_bus)
            .arg("--vault")
            .arg(&vault)
            .args(args)
            .output()
            .expect("run wellkept")
    };
    let real_bus = std::env::var("DBUS_SESSION_BUS_ADDRESS").expect(NEEDS);
    let dead_bus = "unix:path=/nonexistent/wellkept-test-bus";

    // Creating without a keychain still works, and says so.
    let out = run(
        &[
            "--passphrase-file",
            pass.to_str().expect("utf-8"),
            "init",
            "--recovery-key-out",
            dir.path().join("rk").to_str().expect("utf-8"),
        ],
        dead_bus,
    );
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("keychain is not available"),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );

    // Store it in the real keychain, then make the keychain unreachable: a plain message, exit 3.
    let out = run(&["--recovery-key-file", dir.path().join("rk").to_str().expect("utf-8"), "recovery"], &real_bus);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["unlock"], dead_bus);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("keychain is not available") && stderr.contains("passphrase"), "{stderr}");
    // The passphrase path works regardless, and the keychain works again when it is back.
    let out = run(&["--passphrase-file", pass.to_str().expect("utf-8"), "unlock"], dead_bus);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let out = run(&["unlock"], &real_bus);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Unlocked with the keychain"));
}
