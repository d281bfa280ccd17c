//! Every kind the window edits in a list (issue 11, deliverable 6), against a real vault: an edit
//! changes the fields, bumps `updated_at` and keeps the id; editing a record in the trash is
//! refused with "… is in the trash: restore it first to change it." and changes nothing, and a
//! record that is nowhere is still "not found"; and
//! `trash::move_to_trash` moves each kind to the trash (listed with its title) and refuses kinds
//! it does not handle.

mod common;

use std::time::Duration;

use chrono::{DateTime, NaiveDate};
use wellkept::Error;
use wellkept::clinical::mentor_record::{self, CredentialInput, TrainingInput};
use wellkept::clinical::referrals::{self, ReferralInput, ReferralStatus};
use wellkept::clinical::resources::{self, ResourceInput};
use wellkept::clinical::supervision::{self, SupervisionInput};
use wellkept::journal::activation::{self, ActivationFilter, ActivationStatus, NewActivation};
use wellkept::journal::coping::{self, CopingCategory, NewCopingStrategy};
use wellkept::journal::gratitude::{self, GratitudeItem, NewGratitudeEntry};
use wellkept::journal::mood::{self, NewMoodCheckIn};
use wellkept::journal::thought_records::{self, AutomaticThought, NewThoughtRecord, RatedMood};
use wellkept::trash;
use wellkept::vault::Vault;

fn day(s: &str) -> NaiveDate {
    s.parse().expect("a day")
}

fn at(s: &str) -> chrono::DateTime<chrono::FixedOffset> {
    DateTime::parse_from_rfc3339(s).expect("a moment")
}

/// Long enough for the millisecond timestamps to move on.
async fn tick() {
    tokio::time::sleep(Duration::from_millis(5)).await;
}

/// The edit was refused because the record is in the trash, with the sentence a person reads.
/// (It read "… was not found. It may have been deleted." before, which sent a person looking for
/// a record they could see in the trash.)
fn assert_refused<T: std::fmt::Debug>(result: wellkept::Result<T>, what: &str) {
    match result {
        Err(e @ Error::ReadOnly { .. }) => {
            assert_eq!(e.to_string(), format!("{what} is in the trash: restore it first to change it."));
        }
        other => panic!("editing a record in the trash must be refused, got {other:?}"),
    }
}

/// Moves `id` to the trash through the one generic entry point and finds it there by title.
async fn trash_and_find(vault: &Vault, kind: &str, id: &str, title: &str) {
    trash::move_to_trash(vault, kind, id).await.expect("move to trash");
    let items = trash::list_trash(vault).await.expect("list trash");
    let item = items.iter().find(|i| i.id == id).expect("in the trash");
    assert_eq!((item.kind.as_str(), item.title.as_str()), (kind, title));
    let again = trash::move_to_trash(vault, kind, id).await;
    assert!(matches!(again, Err(Error::NotFound { .. })), "moving it twice is reported: {again:?}");
}

async fn vault() -> (tempfile::TempDir, Vault) {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    (dir, vault)
}

#[tokio::test]
async fn a_mood_checkin_is_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let new = |score: i64| NewMoodCheckIn {
        at: Some(at("2026-03-29T23:30:00+01:00")),
        mood: Some(score),
        emotions: vec!["tired".into()],
        ..Default::default()
    };
    let first = mood::add_mood_checkin(&v, new(4)).await.expect("add");
    tick().await;
    let edited = mood::update_mood_checkin(&v, &first.id, NewMoodCheckIn { emotions: vec!["calm".into()], ..new(6) })
        .await
        .expect("edit");
    assert_eq!(edited.id, first.id);
    assert_eq!((edited.mood, edited.emotions.clone(), edited.day), (6, vec!["calm".to_owned()], day("2026-03-29")));
    assert!(edited.updated_at > first.updated_at, "updated_at moves on");
    assert_eq!(edited.created_at, first.created_at);
    trash_and_find(&v, "mood_checkin", &first.id, "Mood 6/10").await;
    assert_refused(mood::update_mood_checkin(&v, &first.id, new(9)).await, "That mood check-in");
    assert_eq!(mood::get_mood_checkin(&v, &first.id).await.expect("get").mood, 6, "the refused edit changed nothing");
}

#[tokio::test]
async fn a_thought_record_is_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let new = |situation: &str, balanced: &str| NewThoughtRecord {
        record_date: Some(day("2026-03-30")),
        situation: situation.into(),
        moods: vec![RatedMood { name: "anxious".into(), intensity: 70, rerated: None }],
        automatic_thoughts: vec![AutomaticThought { text: "I wasted the day".into(), belief: Some(80), hot: true }],
        balanced_thought: balanced.into(),
        ..Default::default()
    };
    let first = thought_records::add_thought_record(&v, new("Missed the bus", "")).await.expect("add");
    tick().await;
    let edited = thought_records::update_thought_record(
        &v,
        &first.id,
        new("Missed the bus to the allotment", "One missed bus is not a wasted day."),
        None,
    )
    .await
    .expect("edit");
    assert_eq!(edited.id, first.id);
    assert_eq!(edited.situation, "Missed the bus to the allotment");
    assert_eq!(edited.balanced_thought, "One missed bus is not a wasted day.");
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "thought_record", &first.id, "Missed the bus to the allotment").await;
    assert_refused(
        thought_records::update_thought_record(&v, &first.id, new("x", ""), None).await,
        "That thought record",
    );
}

#[tokio::test]
async fn an_activity_is_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let new = |activity: &str, status: ActivationStatus, pleasure: Option<i64>| NewActivation {
        activity: activity.into(),
        at: Some(at("2026-03-31T07:00:00+01:00")),
        status,
        mastery: None,
        pleasure,
        note: String::new(),
    };
    let first = activation::add_activation(&v, new("Swim", ActivationStatus::Planned, None)).await.expect("add");
    tick().await;
    let edited = activation::update_activation(&v, &first.id, new("Swim 20 lengths", ActivationStatus::Done, Some(7)))
        .await
        .expect("edit");
    assert_eq!(edited.id, first.id);
    assert_eq!(
        (edited.activity.as_str(), edited.status, edited.pleasure),
        ("Swim 20 lengths", ActivationStatus::Done, Some(7))
    );
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "activation", &first.id, "Swim 20 lengths").await;
    assert!(activation::list_activations(&v, ActivationFilter::default()).await.expect("list").items.is_empty());
    assert_refused(
        activation::update_activation(&v, &first.id, new("Swim", ActivationStatus::Done, None)).await,
        "That activity",
    );
}

#[tokio::test]
async fn a_gratitude_entry_is_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let new = |thing: &str| NewGratitudeEntry {
        entry_date: Some(day("2026-03-31")),
        items: vec![GratitudeItem { thing: thing.into(), why: "I went out at lunch".into() }],
    };
    let first = gratitude::add_gratitude_entry(&v, new("Sun on the river")).await.expect("add");
    tick().await;
    let edited = gratitude::update_gratitude_entry(&v, &first.id, new("Sun on the river at noon")).await.expect("edit");
    assert_eq!(edited.id, first.id);
    assert_eq!(edited.items[0].thing, "Sun on the river at noon");
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "gratitude", &first.id, "Sun on the river at noon — I went out at lunch").await;
    assert_refused(gratitude::update_gratitude_entry(&v, &first.id, new("x")).await, "That gratitude entry");
}

#[tokio::test]
async fn a_coping_strategy_is_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let new = |name: &str, category: CopingCategory| NewCopingStrategy {
        name: name.into(),
        description: "Splash, breathe out slowly.".into(),
        category,
        helpfulness: Some(4),
    };
    let first = coping::add_coping_strategy(&v, new("Cold water", CopingCategory::Soothing)).await.expect("add");
    tick().await;
    let edited = coping::update_coping_strategy(&v, &first.id, new("Cold water on my face", CopingCategory::Grounding))
        .await
        .expect("edit");
    assert_eq!(edited.id, first.id);
    assert_eq!((edited.name.as_str(), edited.category), ("Cold water on my face", CopingCategory::Grounding));
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "coping_strategy", &first.id, "Cold water on my face").await;
    assert_refused(
        coping::update_coping_strategy(&v, &first.id, new("x", CopingCategory::Soothing)).await,
        "That coping strategy",
    );
}

#[tokio::test]
async fn a_referral_and_a_resource_are_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let referral = |to: &str, status: ReferralStatus| ReferralInput {
        client_id: None,
        referred_to: to.into(),
        reason: "Debt worries".into(),
        referred_on: day("2026-03-20"),
        status,
        follow_up_on: Some(day("2026-04-20")),
        notes: String::new(),
    };
    let first = referrals::add_referral(&v, referral("Citizens Advice", ReferralStatus::Sent)).await.expect("add");
    tick().await;
    let edited = referrals::update_referral(&v, &first.id, referral("Citizens Advice Leeds", ReferralStatus::Accepted))
        .await
        .expect("edit");
    assert_eq!(edited.id, first.id);
    assert_eq!((edited.referred_to.as_str(), edited.status), ("Citizens Advice Leeds", ReferralStatus::Accepted));
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "referral", &first.id, "Referral to Citizens Advice Leeds").await;
    assert_refused(
        referrals::update_referral(&v, &first.id, referral("x", ReferralStatus::Sent)).await,
        "That referral",
    );

    let resource = |title: &str| ResourceInput {
        title: title.into(),
        url: None,
        notes: "Tuesdays and Saturdays.".into(),
        category: "community".into(),
        tags: vec![],
    };
    let first = resources::add_resource(&v, resource("Walking groups")).await.expect("add");
    tick().await;
    let edited = resources::update_resource(&v, &first.id, resource("Local walking groups")).await.expect("edit");
    assert_eq!((edited.id.as_str(), edited.title.as_str()), (first.id.as_str(), "Local walking groups"));
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "resource", &first.id, "Local walking groups").await;
    assert_refused(resources::update_resource(&v, &first.id, resource("x")).await, "That resource");
}

#[tokio::test]
async fn the_mentors_record_is_edited_then_refused_in_the_trash() {
    let (_dir, v) = vault().await;
    let credential = |title: &str| CredentialInput {
        title: title.into(),
        issuer: "MHFA England".into(),
        number: None,
        valid_from: Some(day("2024-01-01")),
        valid_to: Some(day("2026-05-15")),
        notes: String::new(),
    };
    let first = mentor_record::add_credential(&v, credential("MHFA")).await.expect("add");
    tick().await;
    let edited =
        mentor_record::update_credential(&v, &first.id, credential("Mental Health First Aid")).await.expect("edit");
    assert_eq!((edited.id.as_str(), edited.title.as_str()), (first.id.as_str(), "Mental Health First Aid"));
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "credential", &first.id, "Mental Health First Aid").await;
    assert_refused(mentor_record::update_credential(&v, &first.id, credential("x")).await, "That credential");

    let training = |hours: f64| TrainingInput {
        title: "Suicide awareness".into(),
        provider: "Zero Suicide Alliance".into(),
        completed_on: day("2026-03-10"),
        hours,
        notes: String::new(),
    };
    let first = mentor_record::add_training(&v, training(6.5)).await.expect("add");
    tick().await;
    let edited = mentor_record::update_training(&v, &first.id, training(7.0)).await.expect("edit");
    assert_eq!((edited.id.as_str(), edited.hours), (first.id.as_str(), 7.0));
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "training_record", &first.id, "Suicide awareness").await;
    assert_refused(mentor_record::update_training(&v, &first.id, training(1.0)).await, "That training record");

    let note = |supervisor: &str| SupervisionInput {
        held_on: day("2026-03-25"),
        supervisor: supervisor.into(),
        notes: "Talked through Jo's sleep.".into(),
        actions: String::new(),
    };
    let first = supervision::add_supervision_note(&v, note("Ann Lee")).await.expect("add");
    tick().await;
    let edited = supervision::update_supervision_note(&v, &first.id, note("Dr. Ann Lee"), None).await.expect("edit");
    assert_eq!((edited.id.as_str(), edited.supervisor.as_str()), (first.id.as_str(), "Dr. Ann Lee"));
    assert!(edited.updated_at > first.updated_at);
    trash_and_find(&v, "supervision_note", &first.id, "Supervision with Dr. Ann Lee").await;
    assert_refused(supervision::update_supervision_note(&v, &first.id, note("x"), None).await, "That supervision note");
}

#[tokio::test]
async fn move_to_trash_refuses_kinds_it_does_not_handle() {
    let (_dir, v) = vault().await;
    for kind in ["session_note", "risk_flag", "safety_plan", "crisis_line", "client", "nonsense"] {
        let err = trash::move_to_trash(&v, kind, "some-id").await.expect_err("refused");
        assert!(matches!(err, Error::Invalid { .. }), "{kind}: {err:?}");
        assert_eq!(err.to_string(), format!("kind: \"{kind}\" cannot be moved to the trash from here"));
    }
    assert_eq!(trash::MOVABLE_KINDS.len(), 11);
}

/// The kinds with edits of their own (not in the lists above): a journal entry, a client, a
/// goal (its wording, status and next review) and an appointment say "in the trash" too, change
/// nothing, and take the edit once restored. An id that names nothing is still "not found".
#[tokio::test]
async fn the_working_days_kinds_say_in_the_trash_and_take_the_edit_once_restored() {
    use wellkept::journal::entries;
    use wellkept::practice::{appointments, clients, goals};
    let (_dir, v) = vault().await;
    let entry = entries::add_entry(
        &v,
        entries::NewJournalEntry {
            entry_date: Some(day("2026-03-30")),
            title: "Allotment".into(),
            ..Default::default()
        },
    )
    .await
    .expect("entry");
    let client = clients::add_client(&v, clients::NewClient { name: "Cleo Park".into(), ..Default::default() })
        .await
        .expect("client");
    let goal = goals::add_goal(
        &v,
        goals::GoalDetails { title: "Sleep through".into(), client_id: Some(client.id.clone()), ..Default::default() },
    )
    .await
    .expect("goal");
    let starts = chrono::NaiveDate::from_ymd_opt(2026, 4, 6).and_then(|d| d.and_hms_opt(10, 0, 0)).expect("time");
    let session = appointments::AppointmentDetails::at_local(&client.id, chrono_tz::Europe::London, starts, 50);
    let appointment = appointments::add_appointment(&v, session.clone()).await.expect("appointment");

    let edit = |title: &str| entries::JournalEntryUpdate {
        entry_date: Some(day("2026-03-30")),
        title: title.into(),
        ..Default::default()
    };
    let rename = |name: &str| clients::ClientPatch { name: Some(name.into()), ..Default::default() };
    let reword = |title: &str| goals::GoalEdit { title: title.into(), ..Default::default() };

    entries::delete_entry(&v, &entry.id).await.expect("trash entry");
    goals::delete_goal(&v, &goal.id).await.expect("trash goal");
    appointments::delete_appointment(&v, &appointment.id).await.expect("trash appointment");
    assert_refused(entries::update_entry(&v, &entry.id, edit("x")).await, "That journal entry");
    assert_refused(goals::update_goal(&v, &goal.id, reword("x"), None).await, "That goal");
    assert_refused(goals::set_goal_status(&v, &goal.id, goals::GoalStatus::Achieved).await, "That goal");
    assert_refused(goals::set_next_review(&v, &goal.id, Some(day("2026-03-30"))).await, "That goal");
    assert_refused(appointments::update_appointment(&v, &appointment.id, session.clone()).await, "That appointment");
    clients::delete_client(&v, &client.id).await.expect("trash client");
    assert_refused(clients::update_client(&v, &client.id, rename("x")).await, "That client");

    // Nothing changed while they were in the trash.
    for (kind, id) in
        [("journal_entry", &entry.id), ("goal", &goal.id), ("appointment", &appointment.id), ("client", &client.id)]
    {
        trash::restore_from_trash(&v, kind, id).await.expect("restore");
    }
    assert_eq!(entries::get_entry(&v, &entry.id).await.expect("entry").title, "Allotment");
    assert_eq!(goals::get_goal(&v, &goal.id).await.expect("goal").title, "Sleep through");
    assert_eq!(clients::get_client(&v, &client.id).await.expect("client").name, "Cleo Park");

    // Restored, each takes its edit.
    assert_eq!(
        entries::update_entry(&v, &entry.id, edit("Allotment, later")).await.expect("edit").title,
        "Allotment, later"
    );
    assert_eq!(
        goals::update_goal(&v, &goal.id, reword("Sleep till six"), None).await.expect("edit").title,
        "Sleep till six"
    );
    assert_eq!(clients::update_client(&v, &client.id, rename("Cleo Parks")).await.expect("edit").name, "Cleo Parks");

    // An id that names nothing is still "not found".
    let nowhere = goals::set_goal_status(&v, "no-such-goal", goals::GoalStatus::Achieved).await;
    match nowhere {
        Err(e @ Error::NotFound { .. }) => {
            assert_eq!(e.to_string(), "That goal was not found. It may have been deleted.")
        }
        other => panic!("an unknown id is not found, got {other:?}"),
    }
}
