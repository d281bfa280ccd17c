//! Helpers shared by the integration tests: vault creation with a fast scrypt work factor
//! (the passphrase itself is tested at the pinned factor in `keys`), and entry helpers.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::Path;

use secrecy::SecretString;
use wellkept::params;
use wellkept::vault::{CreateOptions, Created, Vault};

/// The passphrase every test vault uses.
pub fn passphrase() -> SecretString {
    SecretString::from("correct horse battery staple".to_owned())
}

/// Installs the mock keychain once per test binary (never in tests/keychain.rs), and gives the
/// binary its own data folder for high-water marks.
pub fn mock_keychain() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| wellkept::keys::keychain::use_mock_store().expect("mock keychain store"));
    private_state_dir();
}

/// Points `XDG_DATA_HOME` (where vaults keep their high-water marks) at a temp folder for the
/// rest of this test binary, so tests never read or write the real user's marks. Returns it.
pub fn private_state_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp data dir");
        // SAFETY: set once, inside the OnceLock, before this binary's tests open any vault;
        // nothing in the process reads the environment from C code at the same time.
        unsafe { std::env::set_var("XDG_DATA_HOME", dir.path()) };
        dir
    })
    .path()
}

/// Creates a vault with the mock keychain and a cheap work factor.
pub async fn create_vault(dir: &Path) -> Created {
    mock_keychain();
    Vault::create(dir, CreateOptions { passphrase: Some(passphrase()), use_keychain: true, passphrase_work_factor: 10 })
        .await
        .expect("create vault")
}

/// Adds a journal entry with `body`.
pub async fn add_entry(vault: &Vault, body: &str) {
    let body = body.to_owned();
    vault
        .write(move |w| {
            Box::pin(async move {
                let now = wellkept::vault::format_time(wellkept::vault::now());
                w.exec(
                    "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, body) VALUES (?, ?, ?, ?, ?)",
                    params![wellkept::vault::new_id(), now.clone(), now, "2026-11-23", body],
                )
                .await?;
                Ok(())
            })
        })
        .await
        .expect("add entry");
}

/// Number of journal entries.
pub async fn count_entries(vault: &Vault) -> i64 {
    vault.fetch_one::<(i64,)>("SELECT count(*) FROM journal_entries", params![]).await.expect("count").0
}

/// Every file under `dir` with its bytes (to prove nothing changed), but the writer lock and the
/// computers' own entries in `devices/`.
pub fn snapshot_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir") {
            let e = e.expect("entry");
            let p = e.path();
            if p.is_dir() {
                // `devices/` holds each computer's own entry, rewritten (last opened) by every
                // writable open by design; it is not the person's data.
                if p.file_name().is_some_and(|n| n != "devices") {
                    stack.push(p);
                }
            } else if p.file_name().is_some_and(|n| n != "vault.lock") {
                out.insert(
                    p.strip_prefix(dir).expect("under dir").display().to_string(),
                    std::fs::read(&p).expect("read"),
                );
            }
        }
    }
    out
}

/// Every file under `dir` (relative path → bytes), the writer's lock aside: what a sync engine
/// would copy.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "vault.lock") {
                out.insert(
                    path.strip_prefix(dir).expect("under dir").display().to_string(),
                    std::fs::read(&path).expect("read"),
                );
            }
        }
    }
    out
}
