//! Format compatibility: a vault made by an earlier version (`tests/fixtures/vault-format-1`,
//! frozen, never regenerated) must open with exactly what it held, by passphrase and by
//! recovery key, and is upgraded to the current format on open. See the fixture's README.

mod common;

use std::path::{Path, PathBuf};

use wellkept::keys::RecoveryKey;
use wellkept::vault::{Unlock, Vault};

const PASSPHRASE: &str = "frozen fixture passphrase";
const RECOVERY_KEY: &str = "AGE-SECRET-KEY-13F0YZ4QNR8A7N7SGQV4MPC38D0GLUYN4K003YUS4Y6QRVU2J34ZQV7RWLS";

/// A private copy of the fixture (opening upgrades it in place).
fn copy_fixture(dest: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vault-format-1");
    let vault = dest.join("vault");
    for sub in ["keys", "data"] {
        std::fs::create_dir_all(vault.join(sub)).expect("mkdir");
        for entry in std::fs::read_dir(src.join(sub)).expect("fixture folder") {
            let path = entry.expect("entry").path();
            std::fs::copy(&path, vault.join(sub).join(path.file_name().expect("name"))).expect("copy");
        }
    }
    std::fs::copy(src.join("wellkept-vault.json"), vault.join("wellkept-vault.json")).expect("copy");
    vault
}

fn recovery() -> Unlock {
    Unlock::RecoveryKey(RecoveryKey::parse(RECOVERY_KEY).expect("fixture key"))
}

type EntryRow = (String, String, String, String, Option<i64>);
type ClientRow = (String, String, Option<String>, Option<String>, String);

async fn assert_fixture_contents(vault: &Vault) {
    let entries: Vec<EntryRow> = vault
        .fetch_all(
            "SELECT id, entry_date, title, body, mood FROM journal_entries WHERE deleted_at IS NULL ORDER BY id",
            wellkept::params![],
        )
        .await
        .expect("entries");
    let entry = |id: &str, title: &str, body: &str, mood: Option<i64>| {
        (id.to_owned(), "2026-12-01".to_owned(), title.to_owned(), body.to_owned(), mood)
    };
    assert_eq!(
        entries,
        vec![
            entry("01a2335e-43bf-707e-9283-e45006f4b957", "First", "A first entry, before compaction.", Some(6)),
            entry(
                "01a2335e-4ff6-725d-aedc-57b381071d24",
                "",
                "A second entry, with unicode: café, naïve, 日本語.",
                None
            ),
            entry(
                "01a2335e-7266-767b-a811-b32104e2f583",
                "Third",
                "A third entry, in the change log after the snapshot.",
                Some(8)
            ),
        ]
    );
    let clients: Vec<ClientRow> = vault
        .fetch_all("SELECT id, name, preferred_name, pronouns, status FROM clients ORDER BY id", wellkept::params![])
        .await
        .expect("clients");
    assert_eq!(
        clients,
        vec![
            (
                "01a2335e-5c82-7128-aec3-88af141c8926".to_owned(),
                "Alex Example".to_owned(),
                Some("Alex".to_owned()),
                Some("they/them".to_owned()),
                "active".to_owned()
            ),
            (
                "01a2335e-7e8b-7662-84a7-94791d3a36e6".to_owned(),
                "Sam Sample".to_owned(),
                None,
                None,
                "active".to_owned()
            ),
        ]
    );
    let tags: Vec<(String, String)> = vault
        .fetch_all("SELECT item_id, tag FROM tags WHERE item_kind = 'client' ORDER BY item_id", wellkept::params![])
        .await
        .expect("tags");
    assert_eq!(tags, vec![("01a2335e-5c82-7128-aec3-88af141c8926".to_owned(), "weekly".to_owned())]);
    // Full-text search was rebuilt by replaying the records.
    let found: Vec<(String,)> = vault
        .fetch_all(
            "SELECT e.id FROM journal_entries e WHERE e.rowid IN (SELECT rowid FROM journal_entries_fts WHERE journal_entries_fts MATCH 'snapshot')",
            wellkept::params![],
        )
        .await
        .expect("search");
    assert_eq!(found, vec![("01a2335e-7266-767b-a811-b32104e2f583".to_owned(),)]);
}

#[tokio::test]
async fn the_format_1_fixture_opens_with_exactly_its_contents_and_is_upgraded() {
    common::private_state_dir();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = copy_fixture(dir.path());
    let vault = Vault::open(&vault_dir, recovery()).await.expect("a format 1 vault opens");
    assert_fixture_contents(&vault).await;
    assert_eq!(vault.status().await.seq, 5);

    // Upgraded on open: the descriptor says the current format, and a new generation in the
    // current change-log format continues from change 5.
    assert_eq!(vault.config().format, wellkept::vault::layout::FORMAT_VERSION);
    let newest = std::fs::read(vault_dir.join("data/journal-00000000000000000005.wkj")).expect("new generation");
    assert_eq!(&newest[..8], b"WKJRNL02");
    let report = vault.verify(recovery()).await.expect("verify");
    assert!(report.generations.iter().all(|g| g.problem.is_none()), "{report:?}");
    assert_eq!(report.generations.iter().map(|g| g.snapshot_seq).collect::<Vec<_>>(), vec![5, 3]);

    // It goes on as a current-format vault: a change, a reopen, the passphrase.
    common::add_entry(&vault, "written after the upgrade").await;
    drop(vault);
    let passphrase = Unlock::Passphrase(secrecy::SecretString::from(PASSPHRASE.to_owned()));
    let vault = Vault::open(&vault_dir, passphrase).await.expect("the passphrase still opens it");
    assert_eq!(common::count_entries(&vault).await, 4);
    assert_eq!(vault.status().await.seq, 6);
}

#[tokio::test]
async fn the_format_1_fixture_opens_read_only_without_upgrading() {
    common::private_state_dir();
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = copy_fixture(dir.path());
    let before = common::snapshot_dir(&vault_dir);
    let options = wellkept::vault::UnlockOptions { read_only: true, ..Default::default() };
    let vault = Vault::open_with(&vault_dir, recovery(), options).await.expect("read-only");
    assert_fixture_contents(&vault).await;
    drop(vault);
    assert_eq!(before, common::snapshot_dir(&vault_dir), "a read-only open changes nothing");
}
