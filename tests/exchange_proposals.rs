//! Roles and dates on what a share may change (issue 12, deliverable 6), between real vaults: a
//! safety plan from a contact who is not "my mentor" is kept and never filed; a mentor's plan
//! waits as a proposal until the person accepts it (then it is a new version with exactly its
//! sections) or declines it; a proposal older than the person's current plan never replaces it;
//! accepting twice adds nothing; a role changed later counts from its date.

mod common;

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;
use wellkept::clinical::safety_plans::{
    SafetyPlanContent, SafetyPlanItem, SafetyPlanSection, current_safety_plan, list_safety_plan_versions,
    save_safety_plan,
};
use wellkept::exchange::proposals::{ProposalStatus, accept_safety_plan_proposal, decline_safety_plan_proposal};
use wellkept::exchange::received::{ReceivedFilter, received_items};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, list_contacts, seal_share_for, set_contact_role, set_up_exchange,
};
use wellkept::exchange::{BundleContent, BundleKind, ContactCard, SharedItem};
use wellkept::params;
use wellkept::vault::Vault;

fn item(text: &str, contact: Option<&str>) -> SafetyPlanItem {
    SafetyPlanItem { text: text.into(), contact: contact.map(str::to_owned) }
}

fn sections(warning_sign: &str) -> SafetyPlanContent {
    let mut sections = SafetyPlanContent::new();
    sections.insert(SafetyPlanSection::WarningSigns, vec![item(warning_sign, None)]);
    sections.insert(SafetyPlanSection::InternalCoping, vec![item("Walk round the block", None)]);
    sections.insert(SafetyPlanSection::CrisisLines, vec![item("Samaritans", Some("116 123"))]);
    sections
}

fn plan(warning_sign: &str, updated_at: DateTime<Utc>) -> SharedItem {
    SharedItem::SafetyPlan(wellkept::exchange::items::SafetyPlan {
        id: Uuid::now_v7(),
        updated_at,
        sections: sections(warning_sign),
    })
}

/// The person (Jo) and a sender (Dr. Sam Rivera) who have swapped cards; Jo confirms the
/// sender in `role`. Returns (sender, Jo, the sender's contact id for Jo, Jo's id for the sender).
async fn jo_and(
    sender_dir: &std::path::Path,
    jo_dir: &std::path::Path,
    role: ContactRole,
) -> (Vault, Vault, String, String) {
    let sender = common::create_vault(sender_dir).await.vault;
    let jo = common::create_vault(jo_dir).await.vault;
    let sender_card = set_up_exchange(&sender, "Dr. Sam Rivera").await.expect("sender identity");
    let jo_card = set_up_exchange(&jo, "Jo Okafor").await.expect("Jo's identity");
    let jo_at_sender = add_confirmed_contact(
        &sender,
        &ContactCard::from_text(&jo_card.to_text()).expect("card"),
        ContactRole::MyClient,
    )
    .await
    .expect("sender confirms");
    let sender_at_jo = add_confirmed_contact(&jo, &ContactCard::from_text(&sender_card.to_text()).expect("card"), role)
        .await
        .expect("Jo confirms");
    (sender, jo, jo_at_sender.id, sender_at_jo.id)
}

async fn send(sender: &Vault, to: &str, jo: &Vault, item: SharedItem) -> Vec<String> {
    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", vec![item]);
    let bundle = seal_share_for(sender, to, &content).await.expect("sealed");
    import_bundle(jo, &bundle).await.expect("imported").notes
}

async fn the_plan_received(jo: &Vault) -> (String, Option<ProposalStatus>) {
    let filter = ReceivedFilter { kind: Some("safety_plan".into()), ..Default::default() };
    let mut items = received_items(jo, filter).await.expect("received");
    let newest = items.remove(0);
    (newest.id, newest.proposal)
}

async fn versions(jo: &Vault) -> usize {
    list_safety_plan_versions(jo, None).await.expect("versions").len()
}

#[tokio::test]
async fn a_client_role_contacts_plan_is_kept_but_never_filed() {
    let (sender_dir, jo_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (sender, jo, to, _) = jo_and(sender_dir.path(), jo_dir.path(), ContactRole::MyClient).await;
    let notes = send(&sender, &to, &jo, plan("Not sleeping for two nights", Utc::now())).await;
    assert_eq!(
        notes,
        ["The shared safety plan was kept with the bundle but not filed: only a contact you confirmed as your mentor \
          may propose a safety plan, and Dr. Sam Rivera is your client."]
    );
    let (id, status) = the_plan_received(&jo).await;
    assert_eq!(status, Some(ProposalStatus::NotFromMentor), "still visible as received");
    let refused = accept_safety_plan_proposal(&jo, &id).await.expect_err("not from a mentor");
    assert_eq!(
        refused.to_string(),
        "Proposal: only a contact you confirmed as your mentor may propose a safety plan, and Dr. Sam Rivera is \
         your client"
    );
    assert_eq!(versions(&jo).await, 0, "nothing filed");

    // Becoming "my mentor" later does not reach back: the role counts from its date.
    let contact = list_contacts(&jo).await.expect("contacts").remove(0);
    let changed = set_contact_role(&jo, &contact.id, ContactRole::MyMentor).await.expect("role changed");
    assert_eq!((changed.role, changed.role_since >= contact.role_since), (ContactRole::MyMentor, true));
    let changes: (i64,) =
        jo.fetch_one("SELECT count(*) FROM contact_role_changes", params![]).await.expect("dated change kept");
    assert_eq!(changes.0, 1);
    let refused = accept_safety_plan_proposal(&jo, &id).await.expect_err("arrived before the role");
    assert_eq!(
        refused.to_string(),
        "Proposal: Dr. Sam Rivera was not yet your mentor in Wellkept when this plan arrived; ask them to share it again"
    );
    assert_eq!(versions(&jo).await, 0);
}

#[tokio::test]
async fn a_mentors_plan_waits_and_accepting_it_files_a_new_version_once() {
    let (sender_dir, jo_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (sender, jo, to, _) = jo_and(sender_dir.path(), jo_dir.path(), ContactRole::MyMentor).await;
    let mine = save_safety_plan(&jo, None, sections("Skipping meals")).await.expect("Jo's own plan");
    assert_eq!(mine.version, 1);

    let proposed_at = Utc::now() + TimeDelta::seconds(1);
    let notes = send(&sender, &to, &jo, plan("Not sleeping for two nights", proposed_at)).await;
    assert_eq!(notes, ["Dr. Sam Rivera proposes a new safety plan: it waits for you to accept or decline it."]);
    let (id, status) = the_plan_received(&jo).await;
    assert_eq!(status, Some(ProposalStatus::Waiting));
    assert_eq!(versions(&jo).await, 1, "not filed on import");

    let filed = accept_safety_plan_proposal(&jo, &id).await.expect("accepted");
    assert!(filed.newly_filed);
    assert_eq!(filed.note, "Dr. Sam Rivera's plan is now your safety plan, version 2. Version 1 is kept.");
    let current = current_safety_plan(&jo, None).await.expect("read").expect("current");
    assert_eq!((current.version, current.sections.clone()), (2, sections("Not sleeping for two nights")));
    assert_eq!(filed.filed_as, format!("safety_plan:{}", current.id));
    assert_eq!(the_plan_received(&jo).await.1, Some(ProposalStatus::Accepted));

    let again = accept_safety_plan_proposal(&jo, &id).await.expect("accepting twice");
    assert_eq!(
        (again.newly_filed, again.note.as_str()),
        (false, "You accepted this safety plan before; nothing was added.")
    );
    assert_eq!(versions(&jo).await, 2, "accepting twice adds nothing");
    let refused = decline_safety_plan_proposal(&jo, &id).await.expect_err("accepted already");
    assert!(refused.to_string().contains("it is a version of your plan now"), "{refused}");
}

#[tokio::test]
async fn a_proposal_older_than_the_current_plan_is_refused_and_can_be_declined() {
    let (sender_dir, jo_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (sender, jo, to, _) = jo_and(sender_dir.path(), jo_dir.path(), ContactRole::MyMentor).await;
    let made_at = Utc::now() - TimeDelta::hours(1);
    // Jo changed her plan after the mentor made the proposal.
    save_safety_plan(&jo, None, sections("Skipping meals")).await.expect("Jo's plan");
    save_safety_plan(&jo, None, sections("Staying in bed all day")).await.expect("Jo's newer plan");
    send(&sender, &to, &jo, plan("Not sleeping for two nights", made_at)).await;
    let (id, _) = the_plan_received(&jo).await;

    let refused = accept_safety_plan_proposal(&jo, &id).await.expect_err("the current plan is newer");
    assert_eq!(
        refused.to_string(),
        "Proposal: your safety plan was changed after Dr. Sam Rivera made this proposal (your version 2 is newer), so \
         it was not replaced; view both and ask Dr. Sam Rivera for an updated plan if you want their changes"
    );
    let current = current_safety_plan(&jo, None).await.expect("read").expect("current");
    assert_eq!((current.version, current.sections), (2, sections("Staying in bed all day")), "nothing changed");
    let filed: (Option<String>,) =
        jo.fetch_one("SELECT filed_as FROM received_items WHERE id = ?", params![id.clone()]).await.expect("row");
    assert_eq!(filed.0, None, "the proposal is not marked either");
    assert_eq!(the_plan_received(&jo).await.1, Some(ProposalStatus::Waiting));

    assert_eq!(
        decline_safety_plan_proposal(&jo, &id).await.expect("declined"),
        "You declined Dr. Sam Rivera's plan. Your safety plan is unchanged."
    );
    assert_eq!(the_plan_received(&jo).await.1, Some(ProposalStatus::Declined));
    let refused = accept_safety_plan_proposal(&jo, &id).await.expect_err("declined");
    assert!(refused.to_string().contains("you declined this safety plan"), "{refused}");
    assert_eq!(versions(&jo).await, 2);
}

#[tokio::test]
async fn a_contact_with_no_role_files_nothing_and_unknown_cannot_be_chosen() {
    let (sender_dir, jo_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (_, jo, _, contact) = jo_and(sender_dir.path(), jo_dir.path(), ContactRole::MyMentor).await;
    let error = set_contact_role(&jo, &contact, ContactRole::Unknown).await.expect_err("a role must be chosen");
    assert_eq!(error.to_string(), "role: choose whether this contact is your mentor or your client");
    assert_eq!(ContactRole::parse("mentor").expect("mentor"), ContactRole::MyMentor);
    assert_eq!(ContactRole::parse("Client").expect("client"), ContactRole::MyClient);
    assert_eq!(
        ContactRole::parse("supervisor").expect_err("not a role").to_string(),
        "role: “supervisor” is not a role: choose mentor or client"
    );
}
