//! Clients against a real vault: add, list with filters, update, trash and restore, validation
//! that writes nothing, and everything still there after the vault is closed and reopened.

mod common;

use chrono::NaiveDate;
use wellkept::practice::clients::{
    self, ClientDetails, ClientFilter, ClientStatus, ContactDetails, EmergencyContact, NewClient,
};
use wellkept::vault::{Unlock, Vault};

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

fn ana() -> NewClient {
    ClientDetails {
        name: "Ana Ruiz".into(),
        preferred_name: Some("Ani".into()),
        pronouns: Some("she/her".into()),
        date_of_birth: Some(day(1990, 4, 2)),
        contact: ContactDetails {
            phone: Some("+44 7700 900123".into()),
            email: Some("ana@example.org".into()),
            address: Some("1 High St\nLeeds".into()),
        },
        emergency_contact: EmergencyContact {
            name: Some("Luis Ruiz".into()),
            relationship: Some("brother".into()),
            phone: Some("+44 7700 900456".into()),
        },
        cultural_needs: Some("Prefers sessions in Spanish".into()),
        access_needs: Some("Step-free access".into()),
        status: ClientStatus::Active,
        start_date: Some(day(2026, 9, 1)),
        end_date: None,
        notes: "Referred by GP for low mood and insomnia.".into(),
        tags: vec!["low mood".into(), "GP referral".into()],
    }
}

async fn reopen(dir: &std::path::Path) -> Vault {
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen vault")
}

#[tokio::test]
async fn clients_survive_reopen_with_every_field() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let added = clients::add_client(&vault, ana()).await.expect("add");
    let ben = ClientDetails { name: "Ben Okafor".into(), status: ClientStatus::Paused, ..Default::default() };
    clients::add_client(&vault, ben).await.expect("add ben");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let got = clients::get_client(&vault, &added.id).await.expect("get");
    assert_eq!(got, added);
    assert_eq!(
        ClientDetails::from(&got),
        ClientDetails { tags: vec!["GP referral".into(), "low mood".into()], ..ana() }
    );
    assert_eq!(got.contact_id, None);
    let all = clients::list_clients(&vault, ClientFilter::default()).await.expect("list");
    assert_eq!(all.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Ana Ruiz", "Ben Okafor"]);
}

#[tokio::test]
async fn list_filters_by_status_tag_and_text() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let a = clients::add_client(&vault, ana()).await.expect("add");
    let b = clients::add_client(
        &vault,
        ClientDetails {
            name: "Ben Okafor".into(),
            status: ClientStatus::Paused,
            notes: "Working on panic at work.".into(),
            tags: vec!["anxiety".into()],
            ..Default::default()
        },
    )
    .await
    .expect("add");
    let names = |v: Vec<clients::Client>| v.into_iter().map(|c| c.id).collect::<Vec<_>>();

    let paused =
        clients::list_clients(&vault, ClientFilter { status: Some(ClientStatus::Paused), ..Default::default() });
    assert_eq!(names(paused.await.expect("list")), [b.id.as_str()]);
    let tagged = clients::list_clients(&vault, ClientFilter { tag: Some("LOW MOOD".into()), ..Default::default() });
    assert_eq!(names(tagged.await.expect("list")), [a.id.as_str()]);
    let text = clients::list_clients(&vault, ClientFilter { text: Some("insom".into()), ..Default::default() });
    assert_eq!(names(text.await.expect("list")), [a.id.as_str()], "prefix match on notes");
    let text = clients::list_clients(&vault, ClientFilter { text: Some("okaf".into()), ..Default::default() });
    assert_eq!(names(text.await.expect("list")), [b.id.as_str()], "prefix match on name");
    let hostile =
        clients::list_clients(&vault, ClientFilter { text: Some("\"NEAR(* OR".into()), ..Default::default() });
    assert!(hostile.await.expect("FTS syntax in the text never fails").is_empty());

    // Updating the notes updates the index.
    let mut upd = ClientDetails::from(&b);
    upd.notes = "Sleep hygiene plan agreed.".into();
    clients::update_client(&vault, &b.id, upd.into()).await.expect("update");
    let text = clients::list_clients(&vault, ClientFilter { text: Some("panic".into()), ..Default::default() });
    assert!(text.await.expect("list").is_empty());
    let text = clients::list_clients(&vault, ClientFilter { text: Some("hygiene".into()), ..Default::default() });
    assert_eq!(names(text.await.expect("list")), [b.id.as_str()]);
}

#[tokio::test]
async fn update_delete_and_restore_persist() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let a = clients::add_client(&vault, ana()).await.expect("add");
    let mut upd = ClientDetails::from(&a);
    upd.status = ClientStatus::Closed;
    upd.end_date = Some(day(2026, 11, 20));
    upd.tags = vec!["closed well".into()];
    let updated = clients::update_client(&vault, &a.id, upd.into()).await.expect("update");
    assert_eq!(updated.status, ClientStatus::Closed);
    assert!(updated.updated_at >= a.updated_at);
    clients::delete_client(&vault, &a.id).await.expect("delete");
    assert_eq!(clients::delete_client(&vault, &a.id).await.expect_err("twice").kind(), "not_found");
    let err = clients::update_client(&vault, &a.id, ClientDetails::from(&updated).into()).await.expect_err("in trash");
    // Said as in the trash (it was "not_found", "It may have been deleted.", before).
    assert_eq!(err.kind(), "read_only");
    assert_eq!(err.to_string(), "That client is in the trash: restore it first to change it.");
    drop(vault);

    let vault = reopen(dir.path()).await;
    assert!(clients::list_clients(&vault, ClientFilter::default()).await.expect("list").is_empty());
    let trash = clients::list_clients(&vault, ClientFilter { deleted: true, ..Default::default() }).await;
    let trash = trash.expect("trash");
    assert_eq!(trash.len(), 1);
    assert_eq!(trash[0].tags, ["closed well"]);
    assert_eq!(trash[0].end_date, Some(day(2026, 11, 20)));
    clients::restore_client(&vault, &a.id).await.expect("restore");
    assert_eq!(clients::restore_client(&vault, &a.id).await.expect_err("twice").kind(), "not_found");
    clients::set_client_contact(&vault, &a.id, Some("contact-1")).await.expect("link contact");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let back = clients::get_client(&vault, &a.id).await.expect("get");
    assert_eq!(back.deleted_at, None);
    assert_eq!(back.contact_id.as_deref(), Some("contact-1"));
    assert_eq!(clients::list_clients(&vault, ClientFilter::default()).await.expect("list").len(), 1);
}

#[tokio::test]
async fn invalid_input_names_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let seq = vault.status().await.seq;
    let cases: Vec<(ClientDetails, &str)> = vec![
        (ClientDetails { name: "  ".into(), ..ana() }, "Name"),
        (ClientDetails { date_of_birth: Some(day(2099, 1, 1)), ..ana() }, "Date of birth"),
        (ClientDetails { date_of_birth: Some(day(1850, 1, 1)), ..ana() }, "Date of birth"),
        (ClientDetails { end_date: Some(day(2026, 8, 1)), ..ana() }, "End date"),
        (
            ClientDetails {
                contact: ContactDetails { email: Some("ana at example".into()), ..Default::default() },
                ..ana()
            },
            "E-mail",
        ),
        (ClientDetails { pronouns: Some("x".repeat(500)), ..ana() }, "Pronouns"),
        (ClientDetails { tags: vec!["t".repeat(100)], ..ana() }, "Tag"),
    ];
    for (details, field) in cases {
        match clients::add_client(&vault, details).await {
            Err(wellkept::Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected Invalid for {field}, got {other:?}"),
        }
    }
    assert_eq!(vault.status().await.seq, seq, "no write reached the journal");
    assert!(clients::list_clients(&vault, ClientFilter::default()).await.expect("list").is_empty());
    assert_eq!(clients::get_client(&vault, "no-such-id").await.expect_err("missing").kind(), "not_found");
}

/// Regression (issue 8, "client-edit.js copies every field of the client"): an update replaced
/// the whole record, so the edit form had to send every field back, and a field it does not
/// know would have been wiped. The form's own patch (the fixture its unit test checks it sends)
/// changes its fields and leaves every field it does not show as stored.
#[tokio::test]
async fn a_patch_from_the_edit_form_leaves_fields_it_does_not_show() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let before = clients::add_client(&vault, ana()).await.expect("add");
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/ui/client-edit-form.json")).expect("fixture is JSON");
    let patch: clients::ClientPatch = serde_json::from_value(fixture["patch"].clone()).expect("the form's patch");
    let after = clients::update_client(&vault, &before.id, patch).await.expect("update");

    // What the form shows changed, as typed (a blank optional field is cleared).
    assert_eq!(after.name, "Ana Ruiz-Lopez");
    assert_eq!(after.preferred_name.as_deref(), Some("Ani"));
    assert_eq!(after.pronouns, None);
    assert_eq!(after.status, ClientStatus::Paused);
    assert_eq!(after.contact.phone.as_deref(), Some("+44 7700 900999"));
    assert_eq!(after.contact.email, None);
    assert_eq!(after.notes, "Paused over the summer.");
    // Everything it does not show is as stored.
    assert_eq!(after.date_of_birth, before.date_of_birth);
    assert_eq!(after.contact.address, before.contact.address);
    assert_eq!(after.emergency_contact, before.emergency_contact);
    assert_eq!(after.cultural_needs, before.cultural_needs);
    assert_eq!(after.access_needs, before.access_needs);
    assert_eq!(after.start_date, before.start_date);
    assert_eq!(after.tags, before.tags);
    drop(vault);
    let reopened = reopen(dir.path()).await;
    assert_eq!(clients::get_client(&reopened, &before.id).await.expect("get"), after, "durable");
}

#[tokio::test]
async fn an_empty_patch_changes_nothing_and_a_bad_one_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let before = clients::add_client(&vault, ana()).await.expect("add");
    let same = clients::update_client(&vault, &before.id, clients::ClientPatch::default()).await.expect("update");
    assert_eq!((same.name.as_str(), &same.contact, &same.tags), (before.name.as_str(), &before.contact, &before.tags));
    let bad = clients::ClientPatch {
        notes: Some("changed".into()),
        end_date: Some(Some(day(2026, 1, 1))),
        ..Default::default()
    };
    let err = clients::update_client(&vault, &before.id, bad).await.expect_err("ends before it starts");
    assert!(err.to_string().starts_with("End date:"), "{err}");
    assert_eq!(clients::get_client(&vault, &before.id).await.expect("get").notes, before.notes);
}
