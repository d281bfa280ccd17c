//! The mentor's own record against a real vault: credentials and renewals due, CPD hours,
//! supervision notes with search; trash and restore; all across a reopen.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::clinical::{self, CredentialInput, MentorRecordKind, SupervisionInput, TrainingInput};
use wellkept::vault::{Unlock, Vault};

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn training(title: &str, on: &str, hours: f64) -> TrainingInput {
    TrainingInput { title: title.into(), provider: "Mind".into(), completed_on: day(on), hours, notes: String::new() }
}

#[tokio::test]
async fn credentials_training_and_supervision_survive_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let membership = clinical::add_credential(
        &vault,
        CredentialInput {
            title: "Registered Member".into(),
            issuer: "BACP".into(),
            number: Some("123456".into()),
            valid_from: Some(day("2026-01-01")),
            valid_to: Some(day("2026-12-31")),
            notes: String::new(),
        },
    )
    .await
    .expect("credential");
    clinical::add_credential(
        &vault,
        CredentialInput {
            title: "Mental Health First Aid".into(),
            issuer: "MHFA England".into(),
            number: None,
            valid_from: Some(day("2025-03-01")),
            valid_to: None,
            notes: String::new(),
        },
    )
    .await
    .expect("credential without expiry");
    let seq = vault.status().await.seq;
    let err = clinical::add_credential(
        &vault,
        CredentialInput {
            title: "Backwards".into(),
            issuer: String::new(),
            number: None,
            valid_from: Some(day("2026-06-01")),
            valid_to: Some(day("2026-01-01")),
            notes: String::new(),
        },
    )
    .await
    .expect_err("ends before it starts");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "valid to"), "{err}");
    for bad in [0.0, -2.0, f64::NAN, 5000.0] {
        let err = clinical::add_training(&vault, training("Bad hours", "2026-02-01", bad)).await.expect_err("hours");
        assert!(matches!(&err, Error::Invalid { field, .. } if field == "hours"), "{err}");
    }
    assert_eq!(vault.status().await.seq, seq);

    clinical::add_training(&vault, training("Suicide awareness", "2026-02-10", 6.5)).await.expect("training");
    let old =
        clinical::add_training(&vault, training("Trauma-informed practice", "2025-11-01", 12.0)).await.expect("t");
    clinical::add_training(&vault, training("Working with grief", "2026-09-15", 3.0)).await.expect("training");

    let note = clinical::add_supervision_note(
        &vault,
        SupervisionInput {
            held_on: day("2026-11-05"),
            supervisor: "Dr Hannah Reyes".into(),
            notes: "Discussed boundaries with a client who messages late at night.".into(),
            actions: "Agree contact hours in writing at the next session.".into(),
        },
    )
    .await
    .expect("supervision");
    let err = clinical::add_supervision_note(
        &vault,
        SupervisionInput {
            held_on: day("2026-11-05"),
            supervisor: "Dr Reyes".into(),
            notes: " ".into(),
            actions: "".into(),
        },
    )
    .await
    .expect_err("empty note");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "notes"), "{err}");

    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let due = clinical::list_credentials_expiring(&vault, day("2026-11-23"), 60).await.expect("renewals");
    assert_eq!(due.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(), vec![membership.id.as_str()]);
    assert!(clinical::list_credentials_expiring(&vault, day("2026-06-01"), 60).await.expect("renewals").is_empty());
    assert_eq!(clinical::list_credentials(&vault).await.expect("all").len(), 2);
    let year = clinical::cpd_hours(&vault, day("2026-01-01"), day("2026-12-31")).await.expect("hours");
    assert!((year - 9.5).abs() < 1e-9, "{year}");
    assert_eq!(clinical::list_training(&vault, Some(day("2026-01-01")), None).await.expect("list").len(), 2);
    assert!(clinical::cpd_hours(&vault, day("2026-12-31"), day("2026-01-01")).await.is_err());

    assert_eq!(clinical::search_supervision_notes(&vault, "boundar").await.expect("prefix search")[0].id, note.id);
    assert_eq!(clinical::search_supervision_notes(&vault, "contact hours").await.expect("actions").len(), 1);
    assert_eq!(clinical::search_supervision_notes(&vault, "reyes").await.expect("supervisor").len(), 1);
    let edited = clinical::update_supervision_note(
        &vault,
        &note.id,
        SupervisionInput {
            held_on: day("2026-11-05"),
            supervisor: "Dr Hannah Reyes".into(),
            notes: "Discussed a client's late-night messages.".into(),
            actions: "Agree contact hours in writing.".into(),
        },
        None,
    )
    .await
    .expect("edit");
    assert!(edited.notes.contains("late-night"));
    assert!(clinical::search_supervision_notes(&vault, "boundaries").await.expect("search").is_empty());

    clinical::delete_mentor_record(&vault, MentorRecordKind::Training, &old.id).await.expect("trash");
    let all = clinical::cpd_hours(&vault, day("2020-01-01"), day("2030-01-01")).await.expect("hours");
    assert!((all - 9.5).abs() < 1e-9, "trashed training does not count: {all}");
    clinical::restore_mentor_record(&vault, MentorRecordKind::Training, &old.id).await.expect("restore");
    let all = clinical::cpd_hours(&vault, day("2020-01-01"), day("2030-01-01")).await.expect("hours");
    assert!((all - 21.5).abs() < 1e-9, "{all}");
    clinical::delete_mentor_record(&vault, MentorRecordKind::Supervision, &note.id).await.expect("trash");
    assert!(clinical::list_supervision_notes(&vault).await.expect("list").is_empty());
    let err = clinical::delete_mentor_record(&vault, MentorRecordKind::Credential, "nope").await.expect_err("unknown");
    assert_eq!(err.kind(), "not_found");
}
