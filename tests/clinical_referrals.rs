//! Referrals and the resource library against a real vault: record, move on, follow-ups due,
//! tags, search, assignment to clients; all across a reopen.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::clinical::{self, ReferralInput, ReferralStatus, ResourceInput};
use wellkept::vault::{Unlock, Vault};

const CLIENT: &str = "019a0000-0000-7000-8000-000000000001";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

async fn reopen(dir: &std::path::Path, vault: Vault) -> Vault {
    drop(vault);
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen")
}

fn referral(to: &str, on: &str, follow_up: Option<&str>) -> ReferralInput {
    ReferralInput {
        client_id: Some(CLIENT.into()),
        referred_to: to.into(),
        reason: "Debt worries keeping her awake; wants advice on the arrears".into(),
        referred_on: day(on),
        status: ReferralStatus::Draft,
        follow_up_on: follow_up.map(day),
        notes: String::new(),
    }
}

#[tokio::test]
async fn referrals_move_through_their_statuses_and_come_up_for_follow_up() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let debt = clinical::add_referral(&vault, referral("Citizens Advice", "2026-11-02", Some("2026-11-16")))
        .await
        .expect("add");
    let talking = clinical::add_referral(&vault, referral("NHS Talking Therapies", "2026-11-03", Some("2026-11-10")))
        .await
        .expect("add");
    let seq = vault.status().await.seq;
    let err = clinical::add_referral(&vault, referral("Citizens Advice", "2026-11-02", Some("2026-10-01")))
        .await
        .expect_err("follow-up before the referral");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "follow up on"), "{err}");
    let err = clinical::add_referral(&vault, referral("  ", "2026-11-02", None)).await.expect_err("no recipient");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "referred to"), "{err}");
    assert_eq!(vault.status().await.seq, seq);

    clinical::set_referral_status(&vault, &debt.id, ReferralStatus::Sent, None).await.expect("sent");
    clinical::set_referral_status(&vault, &talking.id, ReferralStatus::Declined, None).await.expect("declined");
    let vault = reopen(dir.path(), vault).await;
    let due = clinical::list_referral_follow_ups_due(&vault, day("2026-11-20")).await.expect("due");
    assert_eq!(due.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![debt.id.as_str()], "declined is done");
    assert_eq!(due[0].status, ReferralStatus::Sent);
    assert!(clinical::list_referral_follow_ups_due(&vault, day("2026-11-15")).await.expect("due").is_empty());

    let moved = clinical::set_referral_status(&vault, &debt.id, ReferralStatus::Accepted, Some(day("2026-12-01")))
        .await
        .expect("accepted");
    assert_eq!(moved.follow_up_on, Some(day("2026-12-01")));
    let mut edit = referral("Citizens Advice Leeds", "2026-11-02", Some("2026-12-01"));
    edit.status = ReferralStatus::Completed;
    clinical::update_referral(&vault, &debt.id, edit).await.expect("edit");
    clinical::delete_referral(&vault, &talking.id).await.expect("delete");
    let list = clinical::list_referrals(&vault, Some(CLIENT)).await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].referred_to.as_str(), list[0].status), ("Citizens Advice Leeds", ReferralStatus::Completed));
    clinical::restore_referral(&vault, &talking.id).await.expect("restore");
    assert_eq!(clinical::list_referrals(&vault, Some(CLIENT)).await.expect("list").len(), 2);
}

/// Found trying the app: a completed referral could be set back to draft. A referral moves
/// forward only (draft → sent → accepted or declined → completed, skipping steps allowed);
/// declined and completed are final; a refusal says what is allowed and writes nothing.
#[tokio::test]
async fn a_referral_moves_forward_only_and_says_what_is_allowed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let r = clinical::add_referral(&vault, referral("Citizens Advice", "2026-11-02", Some("2026-11-16")))
        .await
        .expect("add");
    let refused = |result: Result<clinical::Referral, Error>| match result {
        Err(Error::Invalid { field, reason }) if field == "Status" => reason,
        other => panic!("not refused: {other:?}"),
    };
    clinical::set_referral_status(&vault, &r.id, ReferralStatus::Draft, None).await.expect("draft stays draft");
    clinical::set_referral_status(&vault, &r.id, ReferralStatus::Sent, None).await.expect("sent");
    let seq = vault.status().await.seq;
    assert_eq!(
        refused(clinical::set_referral_status(&vault, &r.id, ReferralStatus::Draft, None).await),
        "A sent referral cannot go back to draft: it can move on to accepted, declined or completed."
    );
    clinical::set_referral_status(&vault, &r.id, ReferralStatus::Accepted, None).await.expect("accepted");
    assert_eq!(
        refused(clinical::set_referral_status(&vault, &r.id, ReferralStatus::Declined, None).await),
        "An accepted referral cannot become declined: it can only move on to completed."
    );
    clinical::set_referral_status(&vault, &r.id, ReferralStatus::Completed, None).await.expect("completed");
    assert_eq!(
        refused(clinical::set_referral_status(&vault, &r.id, ReferralStatus::Draft, None).await),
        "A completed referral cannot go back to draft: completed is final. To refer again, add a new referral."
    );
    // The edit form's status is held to the same rule; keeping it is always allowed.
    let mut edit = referral("Citizens Advice Leeds", "2026-11-02", Some("2026-11-16"));
    assert_eq!(
        refused(clinical::update_referral(&vault, &r.id, edit.clone()).await),
        "A completed referral cannot go back to draft: completed is final. To refer again, add a new referral."
    );
    edit.status = ReferralStatus::Completed;
    let edited = clinical::update_referral(&vault, &r.id, edit).await.expect("edit, still completed");
    assert_eq!(edited.referred_to, "Citizens Advice Leeds");

    let declined = clinical::add_referral(
        &vault,
        ReferralInput { status: ReferralStatus::Declined, ..referral("Talking Therapies", "2026-11-03", None) },
    )
    .await
    .expect("add declined");
    assert_eq!(
        refused(clinical::set_referral_status(&vault, &declined.id, ReferralStatus::Completed, None).await),
        "A declined referral cannot become completed: declined is final. To refer again, add a new referral."
    );
    let after = vault.status().await.seq;
    assert_eq!(after, seq + 4, "the refusals wrote nothing (sent → accepted → completed, the edit, the add)");
    assert_eq!(clinical::get_referral(&vault, &r.id).await.expect("get").status, ReferralStatus::Completed);
}

/// Found trying the app: `referral follow-up <id> none` could not clear the follow-up day. It
/// now clears (and the referral leaves the follow-ups due); the window's Edit form clears it
/// with an empty date.
#[tokio::test]
async fn a_follow_up_day_can_be_cleared() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let r = clinical::add_referral(&vault, referral("Citizens Advice", "2026-11-02", Some("2026-11-16")))
        .await
        .expect("add");
    let due = async |vault: &Vault| {
        clinical::list_referral_follow_ups_due(vault, day("2026-12-01")).await.expect("due").len()
    };
    assert_eq!(due(&vault).await, 1);
    let cleared = clinical::set_referral_follow_up(&vault, &r.id, None).await.expect("clear");
    assert_eq!((cleared.follow_up_on, cleared.status), (None, ReferralStatus::Draft));
    assert_eq!(due(&vault).await, 0);
    let set = clinical::set_referral_follow_up(&vault, &r.id, Some(day("2026-11-20"))).await.expect("set");
    assert_eq!(set.follow_up_on, Some(day("2026-11-20")));
    let err = clinical::set_referral_follow_up(&vault, &r.id, Some(day("2026-10-01"))).await.expect_err("before");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "follow up on"), "{err}");
    let edited = clinical::update_referral(&vault, &r.id, referral("Citizens Advice", "2026-11-02", None))
        .await
        .expect("edit with no follow-up");
    assert_eq!(edited.follow_up_on, None);
    let vault = reopen(dir.path(), vault).await;
    assert_eq!(clinical::get_referral(&vault, &r.id).await.expect("get").follow_up_on, None);
}

#[tokio::test]
async fn resources_are_tagged_searched_and_given_to_clients() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let sleep = clinical::add_resource(
        &vault,
        ResourceInput {
            title: "Sleep diary template".into(),
            url: Some("https://example.org/sleep-diary.pdf".into()),
            notes: "Two weeks, before changing anything".into(),
            category: "Sleep".into(),
            tags: vec!["insomnia".into(), "Homework".into(), "homework".into(), " ".into()],
        },
    )
    .await
    .expect("add");
    assert_eq!(sleep.tags, vec!["Homework", "insomnia"], "deduplicated, blank dropped, alphabetical");
    let group = clinical::add_resource(
        &vault,
        ResourceInput {
            title: "Thursday walking group".into(),
            url: None,
            notes: "Meets 10am at the park gates; ask for Jo".into(),
            category: "Local groups".into(),
            tags: vec![],
        },
    )
    .await
    .expect("a note without a link");
    let err = clinical::add_resource(
        &vault,
        ResourceInput { title: "Empty".into(), url: None, notes: " ".into(), category: String::new(), tags: vec![] },
    )
    .await
    .expect_err("neither link nor notes");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "link"), "{err}");
    let err = clinical::add_resource(
        &vault,
        ResourceInput {
            title: "Bad".into(),
            url: Some("file:///etc/passwd".into()),
            notes: String::new(),
            category: String::new(),
            tags: vec![],
        },
    )
    .await
    .expect_err("not a web address");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "link"), "{err}");

    let given = clinical::assign_resource(&vault, &sleep.id, Some(CLIENT), day("2026-11-10"), "Fill in nightly")
        .await
        .expect("assign");
    assert_eq!(given.resource.tags, sleep.tags);
    clinical::assign_resource(&vault, &group.id, Some(CLIENT), day("2026-11-12"), "").await.expect("assign");

    let vault = reopen(dir.path(), vault).await;
    let homework = clinical::list_resources(&vault, None, Some("homework")).await.expect("by tag");
    assert_eq!(homework.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![sleep.id.as_str()]);
    assert_eq!(clinical::list_resources(&vault, Some("local groups"), None).await.expect("by category").len(), 1);
    assert_eq!(clinical::search_resources(&vault, "park").await.expect("search")[0].id, group.id);
    assert_eq!(clinical::search_resources(&vault, "sleep").await.expect("search")[0].id, sleep.id);

    let assigned = clinical::list_assigned_resources(&vault, Some(CLIENT)).await.expect("assigned");
    assert_eq!(
        assigned.iter().map(|a| a.resource.title.as_str()).collect::<Vec<_>>(),
        vec!["Thursday walking group", "Sleep diary template"]
    );
    assert_eq!(assigned[1].note, "Fill in nightly");

    let mut edit = ResourceInput {
        title: "Sleep diary (2-week)".into(),
        url: Some("https://example.org/sleep-diary.pdf".into()),
        notes: String::new(),
        category: "Sleep".into(),
        tags: vec!["cbt-i".into()],
    };
    let edited = clinical::update_resource(&vault, &sleep.id, edit.clone()).await.expect("edit");
    assert_eq!(edited.tags, vec!["cbt-i"]);
    assert!(clinical::search_resources(&vault, "weeks").await.expect("search").is_empty(), "old notes left the index");
    clinical::delete_resource(&vault, &group.id).await.expect("delete");
    assert_eq!(clinical::list_assigned_resources(&vault, Some(CLIENT)).await.expect("assigned").len(), 1);
    clinical::unassign_resource(&vault, &given.id).await.expect("unassign");
    assert!(clinical::list_assigned_resources(&vault, Some(CLIENT)).await.expect("assigned").is_empty());
    edit.title = " ".into();
    assert!(matches!(clinical::update_resource(&vault, &sleep.id, edit).await, Err(Error::Invalid { .. })));
}

#[tokio::test]
async fn the_dashboard_gathers_what_needs_attention_today() {
    use wellkept::clinical::{CredentialInput, Instrument, NewMeasure, NewMeasureSchedule};
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let today = day("2026-11-23");
    let empty = clinical::clinical_attention(&vault, today).await.expect("empty dashboard");
    assert!(empty.open_risk_flags.is_empty() && empty.measures_due.is_empty());

    let recorded = clinical::record_measure(
        &vault,
        NewMeasure {
            client_id: Some(CLIENT.into()),
            instrument: Instrument::Phq9,
            administered_on: day("2026-11-02"),
            answers: [1, 1, 1, 1, 1, 1, 1, 1, 2].map(Some).to_vec(),
            functional_difficulty: None,
            notes: String::new(),
        },
    )
    .await
    .expect("measure");
    clinical::set_measure_schedule(
        &vault,
        NewMeasureSchedule {
            client_id: Some(CLIENT.into()),
            instrument: Instrument::Phq9,
            every_days: 14,
            starts_on: day("2026-11-02"),
        },
    )
    .await
    .expect("schedule");
    let sent = clinical::add_referral(&vault, referral("Citizens Advice", "2026-11-02", Some("2026-11-20")))
        .await
        .expect("referral");
    clinical::add_credential(
        &vault,
        CredentialInput {
            title: "DBS certificate".into(),
            issuer: "DBS".into(),
            number: None,
            valid_from: None,
            valid_to: Some(day("2027-01-10")),
            notes: String::new(),
        },
    )
    .await
    .expect("credential");

    let vault = reopen(dir.path(), vault).await;
    let now = clinical::clinical_attention(&vault, today).await.expect("dashboard");
    assert_eq!(
        now.open_risk_flags.iter().map(|f| f.measure_id.clone()).collect::<Vec<_>>(),
        vec![Some(recorded.administration.id)]
    );
    assert_eq!(now.measures_due.len(), 1);
    assert_eq!(now.measures_due[0].days_overdue, 7, "due 16 Nov");
    assert_eq!(now.referral_follow_ups.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), vec![sent.id.as_str()]);
    assert_eq!(now.credentials_expiring.len(), 1, "within 60 days");
}
