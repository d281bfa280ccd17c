//! An erasure holds when an older copy of the vault comes back (docs/practice.md, "Retention and
//! erasure"): the computer that erased a client keeps their id outside the vault folder, and
//! `erasure::reapply_erasures` erases them again, through the same path, in a restored backup
//! taken before the erasure; what else the copy holds stays. An entry that does not authenticate
//! under the vault's key erases nothing.

mod common;

use chrono::NaiveDate;
use wellkept::practice::appointments::SessionMode;
use wellkept::practice::clients::{self, ClientFilter, NewClient};
use wellkept::practice::erasure::{self, EraseRequest, ErasureReason, ReappliedErasures};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter};
use wellkept::practice::templates::NoteSection;
use wellkept::vault::{Unlock, UnlockOptions, Vault};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("date")
}

async fn client_with_note(vault: &Vault, name: &str, text: &str) -> String {
    let id =
        clients::add_client(vault, NewClient { name: name.into(), ..NewClient::default() }).await.expect("client").id;
    let draft = NoteDraft {
        session_date: day("2026-11-30"),
        duration_minutes: 50,
        mode: SessionMode::InPerson,
        template: Default::default(),
        sections: vec![NoteSection { key: "note".into(), text: text.into() }],
        goal_ids: vec![],
    };
    notes::add_note(vault, NewSessionNote { client_id: id.clone(), draft }).await.expect("note");
    id
}

async fn names(vault: &Vault) -> Vec<String> {
    let mut all = clients::list_clients(vault, ClientFilter::default()).await.expect("list");
    all.extend(
        clients::list_clients(vault, ClientFilter { deleted: true, ..ClientFilter::default() }).await.expect("trash"),
    );
    all.into_iter().map(|c| c.name).collect()
}

async fn open(dir: &std::path::Path, read_only: bool) -> Vault {
    Vault::open_with(dir, Unlock::Passphrase(common::passphrase()), UnlockOptions { read_only, accept_rollback: None })
        .await
        .expect("open the restored copy")
}

#[tokio::test]
async fn a_restored_backup_from_before_an_erasure_is_erased_again_and_nothing_else_changes() {
    let root = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&root.path().join("vault")).await.vault;
    let alex = client_with_note(&vault, "Alex Morgan", "Talked about the riverside walk").await;
    let cai = client_with_note(&vault, "Cai Active", "Planned the week ahead").await;
    let backup = root.path().join("old.wkb");
    vault.backup_to(&backup).await.expect("backup");
    let request = EraseRequest {
        reason: ErasureReason::LawfulRequest,
        note: "Letter of 1 Dec 2026".into(),
        override_phrase: Some("Alex Morgan".into()),
    };
    let report = erasure::erase_client(&vault, &alex, request, day("2026-12-02")).await.expect("erase");
    // Nothing to erase again in the vault that erased them.
    assert_eq!(
        erasure::reapply_erasures(&vault).await.expect("reapply"),
        ReappliedErasures { erasures: vec![], done: true }
    );
    vault.lock().await.expect("lock");
    drop(vault);

    let restored_dir = root.path().join("restored");
    wellkept::vault::restore_backup(&backup, &restored_dir).expect("restore");
    let first_day = erasure::day_text(report.erasure.erased_at.with_timezone(&chrono::Local).date_naive());

    // Read-only: named, nothing changed.
    let restored = open(&restored_dir, true).await;
    let seen = erasure::reapply_erasures(&restored).await.expect("reapply read-only");
    assert!(!seen.done);
    assert_eq!(seen.erasures.len(), 1);
    assert_eq!(
        seen.message().expect("a message"),
        format!(
            "This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on {first_day} was in it. Opened read-only, nothing was changed; opening it to write erases them again."
        )
    );
    assert_eq!(names(&restored).await, ["Alex Morgan", "Cai Active"]);
    restored.lock().await.expect("lock");
    drop(restored);

    // Writable: erased again, with their note; the other client and their note stay.
    let restored = open(&restored_dir, false).await;
    let again = erasure::reapply_erasures(&restored).await.expect("reapply");
    assert!(again.done);
    assert_eq!(
        again.message().expect("a message"),
        format!(
            "This vault is an older copy, made before an erasure (a restored backup?): 1 client erased on {first_day} was in it and has been erased again, with everything that referred to them."
        )
    );
    let tombstone = &again.erasures[0];
    assert_eq!(tombstone.client_id, alex);
    assert_eq!(tombstone.erased_at, report.erasure.erased_at, "the first erasure's time");
    assert_eq!(tombstone.reason, ErasureReason::LawfulRequest);
    assert!(tombstone.note.starts_with("Erased again on "), "{}", tombstone.note);
    assert_eq!(erasure::list_erasures(&restored).await.expect("log"), again.erasures);
    assert_eq!(names(&restored).await, ["Cai Active"]);
    let all_notes = notes::list_notes(&restored, NoteFilter::default()).await.expect("notes");
    assert_eq!(all_notes.len(), 1);
    assert_eq!(all_notes[0].client_id, cai);
    // Said once.
    assert_eq!(
        erasure::reapply_erasures(&restored).await.expect("again"),
        ReappliedErasures { erasures: vec![], done: true }
    );
    assert_eq!(ReappliedErasures { erasures: vec![], done: true }.message(), None);
    restored.lock().await.expect("lock");
}

#[tokio::test]
async fn an_entry_that_does_not_authenticate_erases_no_one() {
    let root = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(&root.path().join("vault")).await.vault;
    let bea = client_with_note(&vault, "Bea Young", "First meeting").await;
    let dan = client_with_note(&vault, "Dan Old", "Second meeting").await;
    // This computer erased Dan (in another copy, say); then someone edits the list to name Bea.
    let request = EraseRequest {
        reason: ErasureReason::LawfulRequest,
        note: "Asked by phone".into(),
        override_phrase: Some("Dan Old".into()),
    };
    let backup = root.path().join("old.wkb");
    vault.backup_to(&backup).await.expect("backup");
    erasure::erase_client(&vault, &dan, request, day("2026-12-02")).await.expect("erase");
    let id = vault.id();
    vault.lock().await.expect("lock");
    drop(vault);
    let list = common::private_state_dir().join("wellkept/marks").join(format!("{id}.erased-clients"));
    let text = std::fs::read_to_string(&list).expect("the list of erased clients");
    assert!(text.contains(&dan) && !text.contains("Dan Old") && !text.contains("Asked by phone"), "ids only: {text}");
    std::fs::write(&list, text.replace(&dan, &bea)).expect("edit");

    let restored_dir = root.path().join("restored");
    wellkept::vault::restore_backup(&backup, &restored_dir).expect("restore");
    let restored = open(&restored_dir, false).await;
    assert_eq!(
        erasure::reapply_erasures(&restored).await.expect("reapply"),
        ReappliedErasures { erasures: vec![], done: true }
    );
    assert_eq!(names(&restored).await, ["Bea Young", "Dan Old"], "the edited entry erased no one");
    restored.lock().await.expect("lock");
}
