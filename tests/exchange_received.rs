//! What a client received from their mentor, listed in the client's own real vault: a mentor
//! seals homework, a resource and an action plan; the client imports the file and sees exactly
//! those, with the mentor's name, once, after reopening too.

mod common;

use chrono::{DateTime, NaiveDate};
use uuid::Uuid;
use wellkept::exchange::items::{ActionPlan, ActionStep, Homework, Resource, StepOwner, StepStatus};
use wellkept::exchange::received::{ReceivedFilter, received_items};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, list_contacts, seal_share_for, set_up_exchange,
};
use wellkept::exchange::{BundleContent, BundleKind, SharedItem};
use wellkept::vault::{Unlock, Vault};

fn mentor_items() -> Vec<SharedItem> {
    vec![
        SharedItem::Homework(Homework {
            id: Uuid::now_v7(),
            title: "Three good things".into(),
            instructions: "Each evening, write down three things that went well.".into(),
            assigned_at: DateTime::UNIX_EPOCH,
            due: NaiveDate::from_ymd_opt(2026, 12, 1),
        }),
        SharedItem::Resource(Resource {
            id: Uuid::now_v7(),
            title: "Sleep hygiene leaflet".into(),
            description: "Ten habits that help.".into(),
            url: Some("https://example.org/sleep".into()),
        }),
        SharedItem::ActionPlan(ActionPlan {
            id: Uuid::now_v7(),
            title: "Back to walking".into(),
            goal: Some("Feel fitter by spring".into()),
            steps: vec![ActionStep {
                id: Uuid::now_v7(),
                description: "Walk 10 minutes after lunch".into(),
                owner: StepOwner::Client,
                due: None,
                status: StepStatus::NotStarted,
            }],
            updated_at: DateTime::UNIX_EPOCH,
        }),
    ]
}

#[tokio::test]
async fn a_client_sees_what_their_mentor_shared_once_and_after_reopening() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let mentor = common::create_vault(mentor_dir.path()).await.vault;
    let client = common::create_vault(client_dir.path()).await.vault;
    let mentor_card = set_up_exchange(&mentor, "Dr. Sam Rivera").await.expect("mentor identity");
    let client_card = set_up_exchange(&client, "Jo Okafor").await.expect("client identity");
    let client_contact =
        add_confirmed_contact(&mentor, &client_card, ContactRole::MyClient).await.expect("mentor confirms");
    let mentor_contact =
        add_confirmed_contact(&client, &mentor_card, ContactRole::MyMentor).await.expect("client confirms");
    assert!(received_items(&client, ReceivedFilter::default()).await.expect("nothing yet").is_empty());

    let items = mentor_items();
    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", items.clone());
    let bundle = seal_share_for(&mentor, &client_contact.id, &content).await.expect("sealed");
    assert_eq!(import_bundle(&client, &bundle).await.expect("imported").added, 3);

    let check = |received: Vec<wellkept::exchange::received::ReceivedFromContact>| {
        assert_eq!(received.len(), 3, "exactly the three shared items");
        for item in &items {
            assert!(received.iter().any(|r| &r.item == item), "{item:?} is listed");
        }
        assert!(received.iter().all(|r| r.contact_name == "Dr. Sam Rivera" && r.contact_id == mentor_contact.id));
        assert!(received.iter().all(|r| r.bundle_id == content.id.to_string() && r.filed_as.is_none()));
    };
    check(received_items(&client, ReceivedFilter::default()).await.expect("listed"));

    // A second import adds nothing.
    assert_eq!(import_bundle(&client, &bundle).await.expect("again").added, 0);
    check(received_items(&client, ReceivedFilter::default()).await.expect("listed"));

    // Filters: one kind, one contact, an unknown contact, an unknown kind.
    let homework = received_items(&client, ReceivedFilter { kind: Some("homework".into()), ..Default::default() })
        .await
        .expect("homework");
    assert_eq!(homework.len(), 1);
    assert_eq!(homework[0].item, items[0]);
    let from_mentor =
        received_items(&client, ReceivedFilter { contact_id: Some(mentor_contact.id.clone()), kind: None })
            .await
            .expect("from the mentor");
    assert_eq!(from_mentor.len(), 3);
    let from_nobody =
        received_items(&client, ReceivedFilter { contact_id: Some("no-such-contact".into()), kind: None })
            .await
            .expect("an unknown contact has sent nothing");
    assert!(from_nobody.is_empty());
    let error = received_items(&client, ReceivedFilter { kind: Some("homewrok".into()), ..Default::default() })
        .await
        .expect_err("a misspelt kind is refused");
    assert_eq!(error.kind(), "invalid");
    assert!(error.to_string().contains("homewrok"), "{error}");

    // A later share is listed first.
    let later = SharedItem::Resource(Resource {
        id: Uuid::now_v7(),
        title: "Crisis lines".into(),
        description: "Numbers to call, day or night.".into(),
        url: None,
    });
    let content2 = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", vec![later.clone()]);
    let bundle2 = seal_share_for(&mentor, &client_contact.id, &content2).await.expect("sealed");
    import_bundle(&client, &bundle2).await.expect("imported");

    drop(client);
    let client = Vault::open(client_dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let received = received_items(&client, ReceivedFilter::default()).await.expect("listed after reopen");
    assert_eq!(received.len(), 4);
    assert_eq!(received[0].item, later, "newest first");
    assert_eq!(list_contacts(&client).await.expect("contacts").len(), 1);
    check(received.into_iter().skip(1).collect());
}
