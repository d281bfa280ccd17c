//! The exchange between two real vaults (a mentor's and a client's, each in its own folder):
//! identities and contacts kept in the vault, a share sealed by one and imported by the other,
//! duplicates and refusals leaving the vault untouched, and everything surviving a reopen.

mod common;

use chrono::DateTime;
use uuid::Uuid;
use wellkept::exchange::items::{Homework, JournalEntry, MoodCheckIn, Resource};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, list_contacts, my_contact_card, preview_bundle,
    received_from_client, seal_share_for, set_up_exchange,
};
use wellkept::exchange::{BundleContent, BundleKind, ContactCard, ExchangeError, SharedItem};
use wellkept::params;
use wellkept::vault::{Unlock, Vault};

fn homework(title: &str) -> SharedItem {
    SharedItem::Homework(Homework {
        id: Uuid::now_v7(),
        title: title.into(),
        instructions: "Write down three things that went well each evening.".into(),
        assigned_at: DateTime::UNIX_EPOCH,
        due: None,
    })
}

async fn received_count(vault: &Vault) -> i64 {
    vault.fetch_one::<(i64,)>("SELECT count(*) FROM received_items", params![]).await.expect("count").0
}

/// Two vaults that have swapped cards and confirmed each other; returns (mentor, client,
/// the mentor's id for the client contact).
async fn two_people(mentor_dir: &std::path::Path, client_dir: &std::path::Path) -> (Vault, Vault, String) {
    let mentor = common::create_vault(mentor_dir).await.vault;
    let client = common::create_vault(client_dir).await.vault;
    let mentor_card = set_up_exchange(&mentor, "Dr. Sam Rivera").await.expect("mentor identity");
    let client_card = set_up_exchange(&client, "Jo Okafor").await.expect("client identity");
    // The cards travel as text; each side sees the same fingerprint for the same card.
    let pasted_by_client = ContactCard::from_text(&mentor_card.to_text()).expect("card parses");
    let pasted_by_mentor = ContactCard::from_text(&client_card.to_text()).expect("card parses");
    assert_eq!(pasted_by_client.fingerprint(), mentor_card.fingerprint());
    assert_eq!(pasted_by_mentor.fingerprint(), client_card.fingerprint());
    let client_contact =
        add_confirmed_contact(&mentor, &pasted_by_mentor, ContactRole::MyClient).await.expect("mentor confirms");
    add_confirmed_contact(&client, &pasted_by_client, ContactRole::MyMentor).await.expect("client confirms");
    (mentor, client, client_contact.id)
}

#[tokio::test]
async fn a_mentor_share_reaches_the_client_once_and_survives_reopening() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, client_id) = two_people(mentor_dir.path(), client_dir.path()).await;

    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", vec![homework("Three good things")]);
    let bundle = seal_share_for(&mentor, &client_id, &content).await.expect("sealed");
    let bundle_file = mentor_dir.path().join("share.wkbundle");
    std::fs::write(&bundle_file, &bundle).expect("written");
    let bytes = std::fs::read(&bundle_file).expect("read back");

    let preview = preview_bundle(&client, &bytes).await.expect("preview");
    assert_eq!(preview.bundle.sender.card.display_name(), "Dr. Sam Rivera");
    assert!(!preview.already_imported);
    assert_eq!(preview.new_items, 1);
    assert_eq!(received_count(&client).await, 0, "a preview changes nothing");

    let imported = import_bundle(&client, &bytes).await.expect("imported");
    assert_eq!((imported.added, imported.already_had), (1, 0));
    let again = import_bundle(&client, &bytes).await.expect("second import is not an error");
    assert_eq!((again.added, again.already_had), (0, 1));
    assert_eq!(received_count(&client).await, 1);
    assert!(preview_bundle(&client, &bytes).await.expect("preview").already_imported);

    // A second bundle that repeats the item adds only what is new.
    let mut content2 = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", content.items.clone());
    content2.items.push(SharedItem::Resource(Resource {
        id: Uuid::now_v7(),
        title: "Sleep hygiene leaflet".into(),
        description: "Ten habits that help.".into(),
        url: None,
    }));
    let bundle2 = seal_share_for(&mentor, &client_id, &content2).await.expect("sealed");
    let imported2 = import_bundle(&client, &bundle2).await.expect("imported");
    assert_eq!((imported2.added, imported2.already_had), (1, 1));

    // Everything is durable: reopen the client's vault from disk.
    let card_before = my_contact_card(&client).await.expect("card");
    drop(client);
    let client = Vault::open(client_dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(received_count(&client).await, 2);
    assert_eq!(my_contact_card(&client).await.expect("card"), card_before, "the identity is kept");
    assert_eq!(list_contacts(&client).await.expect("contacts").len(), 1);
    let kinds: Vec<(String, String)> =
        client.fetch_all("SELECT kind, bundle_id FROM received_items ORDER BY kind", params![]).await.expect("kinds");
    assert_eq!(kinds[0].0, "homework");
    assert_eq!(kinds[0].1, content.id.to_string(), "each item is marked with the bundle it came in");
    assert_eq!(kinds[1].0, "resource");
}

#[tokio::test]
async fn refused_bundles_leave_the_vault_untouched() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, client_id) = two_people(mentor_dir.path(), client_dir.path()).await;
    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", vec![homework("Diary")]);
    let bundle = seal_share_for(&mentor, &client_id, &content).await.expect("sealed");

    // A stranger's vault that the client never confirmed.
    let stranger_dir = tempfile::tempdir().expect("tempdir");
    let stranger = common::create_vault(stranger_dir.path()).await.vault;
    set_up_exchange(&stranger, "Not my mentor").await.expect("identity");
    let client_card = my_contact_card(&client).await.expect("card");
    let stranger_contact =
        add_confirmed_contact(&stranger, &client_card, ContactRole::MyClient).await.expect("stranger adds client");
    let from_stranger = seal_share_for(&stranger, &stranger_contact.id, &content).await.expect("sealed");

    let mut tampered = bundle.clone();
    let middle = tampered.len() / 2;
    tampered[middle] ^= 0x20;
    let before = common::snapshot_dir(client_dir.path());
    let cases: [(&[u8], &str); 4] = [
        (&from_stranger, "unknown_sender"),
        (&tampered, "bad_signature"),
        (&bundle[..bundle.len() - 1], "bundle_damaged"),
        (b"Dear Jo, see attached.", "not_a_bundle"),
    ];
    for (bytes, kind) in cases {
        let error = import_bundle(&client, bytes).await.expect_err("refused");
        assert_eq!(error.kind(), kind, "{error}");
        assert!(matches!(error, wellkept::Error::Exchange(_)));
    }
    // A bundle the mentor made for someone else, opened by the mentor's own vault.
    let error = import_bundle(&mentor, &bundle).await.expect_err("mentor is not the recipient");
    assert!(matches!(error, wellkept::Error::Exchange(ExchangeError::UnknownSender { .. })), "{error}");
    assert_eq!(received_count(&client).await, 0);
    assert_eq!(common::snapshot_dir(client_dir.path()), before, "nothing on disk changed");
}

#[tokio::test]
async fn a_contact_is_confirmed_once_and_sharing_needs_set_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let error = my_contact_card(&vault).await.expect_err("no identity yet");
    assert_eq!(error.kind(), "not_found");

    let card = set_up_exchange(&vault, "Jo").await.expect("identity");
    let renamed = set_up_exchange(&vault, "Jo O.").await.expect("rename keeps keys");
    assert_eq!(card.fingerprint(), renamed.fingerprint());

    let other_dir = tempfile::tempdir().expect("tempdir");
    let other = common::create_vault(other_dir.path()).await.vault;
    let other_card = set_up_exchange(&other, "Sam").await.expect("identity");
    add_confirmed_contact(&vault, &other_card, ContactRole::MyClient).await.expect("first time");
    let error = add_confirmed_contact(&vault, &other_card, ContactRole::MyClient).await.expect_err("second time");
    assert!(error.to_string().contains("already belong to your contact"), "{error}");
}

#[tokio::test]
async fn what_a_client_shares_appears_under_their_client_record() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, _) = two_people(mentor_dir.path(), client_dir.path()).await;
    let jo = wellkept::practice::clients::add_client(
        &mentor,
        wellkept::practice::clients::NewClient { name: "Jo Okafor".into(), ..Default::default() },
    )
    .await
    .expect("client record");
    let jo_contact = list_contacts(&mentor).await.expect("contacts").remove(0);
    wellkept::practice::clients::set_client_contact(&mentor, &jo.id, Some(&jo_contact.id)).await.expect("linked");
    assert!(received_from_client(&mentor, &jo.id).await.expect("nothing yet").is_empty());

    let mentor_contact = list_contacts(&client).await.expect("contacts").remove(0);
    let entry = SharedItem::JournalEntry(JournalEntry {
        id: Uuid::now_v7(),
        created_at: DateTime::UNIX_EPOCH,
        title: Some("After the session".into()),
        text: "Tried the breathing exercise twice.".into(),
        prompt: None,
        tags: vec!["breathing".into()],
    });
    let check_in = SharedItem::MoodCheckIn(MoodCheckIn {
        id: Uuid::now_v7(),
        recorded_at: DateTime::UNIX_EPOCH,
        score: 3,
        label: Some("tired".into()),
        note: None,
    });
    let content = BundleContent::new(BundleKind::FromClient, "Jo", vec![entry.clone(), check_in.clone()]);
    let bundle = seal_share_for(&client, &mentor_contact.id, &content).await.expect("sealed");
    assert_eq!(import_bundle(&mentor, &bundle).await.expect("imported").added, 2);

    let received = received_from_client(&mentor, &jo.id).await.expect("listed");
    let items: Vec<SharedItem> = received.iter().map(|r| r.item.clone()).collect();
    assert_eq!(items.len(), 2);
    assert!(items.contains(&entry) && items.contains(&check_in));
    assert!(received.iter().all(|r| r.contact_id == jo_contact.id && r.bundle_id == content.id.to_string()));
    assert_eq!(common::count_entries(&mentor).await, 0, "a client's entry never lands in the mentor's own journal");
}

// What a received safety plan does (waits for the person, or is refused by role) is proved in
// tests/exchange_proposals.rs.

/// (sender's name as the client knows them, bundle id) of every received bundle, oldest first.
async fn bundles(v: &Vault) -> Vec<(String, String)> {
    v.fetch_all::<(String, String)>(
        "SELECT c.display_name, b.bundle_id FROM received_bundles b JOIN contacts c ON c.id = b.contact_id \
         ORDER BY b.rowid",
        params![],
    )
    .await
    .expect("bundles")
}

/// Issue 12: shares are bound to the person who made them. Mallory, another confirmed contact of
/// the client, gets hold of the mentor's bundle: re-signed as hers it is refused and nothing is
/// kept; her own bundle sent first under the same (clear-text) bundle id is filed as hers only,
/// and the mentor's genuine bundle still arrives in full afterwards.
#[tokio::test]
async fn another_contact_cannot_pass_off_or_pre_empt_a_share() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, client_id) = two_people(mentor_dir.path(), client_dir.path()).await;
    let mallory = wellkept::exchange::ExchangeIdentity::generate();
    let mallory_card = mallory.contact_card("Mallory").expect("card");
    add_confirmed_contact(
        &client,
        &ContactCard::from_text(&mallory_card.to_text()).expect("parses"),
        ContactRole::MyMentor,
    )
    .await
    .expect("the client confirms Mallory");
    let content = BundleContent::new(
        BundleKind::FromMentor,
        "Dr. Sam Rivera",
        vec![homework("Three good things"), homework("Sleep diary")],
    );
    let genuine = seal_share_for(&mentor, &client_id, &content).await.expect("sealed");

    let re_signed = wellkept::exchange::re_sign_for_tests(&genuine, &mallory).expect("re-signed");
    let error = import_bundle(&client, &re_signed).await.expect_err("passed off");
    assert_eq!(error.kind(), "bundle_sender_mismatch");
    assert!(error.to_string().contains("signed by Mallory, but what is inside was made by someone else"), "{error}");
    let error = preview_bundle(&client, &re_signed).await.expect_err("the preview refuses it too");
    assert_eq!(error.kind(), "bundle_sender_mismatch");
    assert_eq!(received_count(&client).await, 0, "nothing kept");
    assert!(bundles(&client).await.is_empty());

    let mut pre_empt = BundleContent::new(BundleKind::FromMentor, "Mallory", vec![homework("Mallory's homework")]);
    pre_empt.id = content.id;
    let client_card = my_contact_card(&client).await.expect("client card");
    let pre_empt = wellkept::exchange::seal_bundle(&pre_empt, &mallory, &client_card).expect("sealed by Mallory");
    assert_eq!(import_bundle(&client, &pre_empt).await.expect("Mallory's own share").added, 1);

    assert!(!preview_bundle(&client, &genuine).await.expect("preview").already_imported);
    let arrived = import_bundle(&client, &genuine).await.expect("the genuine share");
    assert_eq!((arrived.added, arrived.already_had), (2, 0));
    let id = content.id.to_string();
    assert_eq!(bundles(&client).await, [("Mallory".to_owned(), id.clone()), ("Dr. Sam Rivera".to_owned(), id)]);
    let titles: Vec<(String, String)> = client
        .fetch_all(
            "SELECT c.display_name, json_extract(r.item, '$.title') FROM received_items r \
             JOIN contacts c ON c.id = r.contact_id ORDER BY c.display_name, 2",
            params![],
        )
        .await
        .expect("items");
    assert_eq!(
        titles,
        [
            ("Dr. Sam Rivera".to_owned(), "Sleep diary".to_owned()),
            ("Dr. Sam Rivera".to_owned(), "Three good things".to_owned()),
            ("Mallory".to_owned(), "Mallory's homework".to_owned()),
        ]
    );
}
