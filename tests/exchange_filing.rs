//! What a contact shares, filed into the receiving vault's own records, with two real vaults:
//! a client's PHQ-9 arrives with its item answers and, with item 9 above 0, raises the same risk
//! flag in the mentor's vault as one recorded there; a mentor's action plan and homework become
//! the client's goals with their steps in one action. Importing or filing twice adds nothing.

mod common;

use chrono::{DateTime, NaiveDate};
use uuid::Uuid;
use wellkept::clinical::instruments::Instrument;
use wellkept::clinical::measures::{self, NewMeasure};
use wellkept::clinical::risk;
use wellkept::exchange::filing::file_received_item;
use wellkept::exchange::items::{ActionPlan, ActionStep, Homework, StepOwner, StepStatus};
use wellkept::exchange::received::{ReceivedFilter, received_items};
use wellkept::exchange::share::{ShareSelection, collect_share};
use wellkept::exchange::store::{ContactRole, add_confirmed_contact, import_bundle, seal_share_for, set_up_exchange};
use wellkept::exchange::{BundleContent, BundleKind, SharedItem};
use wellkept::practice::clients::{self, ClientDetails};
use wellkept::practice::goals::{self, GoalFilter};
use wellkept::vault::Vault;

/// A filed step as the test compares it: description, owner, due date, status.
type StepSummary = (String, &'static str, Option<NaiveDate>, goals::StepStatus);

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid test date")
}

/// A mentor and a client vault that have confirmed each other, the mentor's record of the client
/// linked to the client's contact. Returns (mentor, client, the mentor's contact id for the
/// client, the client record's id, the client's contact id for the mentor).
async fn pair(mentor_dir: &std::path::Path, client_dir: &std::path::Path) -> (Vault, Vault, String, String, String) {
    let mentor = common::create_vault(mentor_dir).await.vault;
    let client = common::create_vault(client_dir).await.vault;
    let mentor_card = set_up_exchange(&mentor, "Dr. Sam Rivera").await.expect("mentor identity");
    let client_card = set_up_exchange(&client, "Jo Okafor").await.expect("client identity");
    let client_contact =
        add_confirmed_contact(&mentor, &client_card, ContactRole::MyClient).await.expect("mentor confirms");
    let mentor_contact =
        add_confirmed_contact(&client, &mentor_card, ContactRole::MyMentor).await.expect("client confirms");
    let record = clients::add_client(&mentor, ClientDetails { name: "Jo Okafor".into(), ..Default::default() })
        .await
        .expect("client record");
    clients::set_client_contact(&mentor, &record.id, Some(&client_contact.id)).await.expect("link");
    (mentor, client, client_contact.id, record.id, mentor_contact.id)
}

fn phq9(client_id: Option<String>, answers: [i64; 9]) -> NewMeasure {
    NewMeasure {
        client_id,
        instrument: Instrument::Phq9,
        administered_on: day(2026, 11, 20),
        answers: answers.iter().map(|a| Some(*a)).collect(),
        functional_difficulty: None,
        notes: String::new(),
    }
}

/// Regression (issue 8, "a PHQ-9 a client shares arrives as 'PHQ-9 total N'"): its items were
/// lost, and item 9 above 0 raised no flag in the mentor's vault.
#[tokio::test]
async fn a_shared_phq9_keeps_its_items_and_raises_the_same_flag_as_one_recorded_by_the_mentor() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, client_contact, record, _) = pair(mentor_dir.path(), client_dir.path()).await;
    let answers = [2, 1, 3, 1, 2, 2, 1, 1, 1];
    let own = measures::record_measure(&client, phq9(None, answers)).await.expect("the client's self-assessment");
    assert!(own.risk_flag.is_some(), "the client's own vault flags item 9 too");

    let selection = ShareSelection { measures: vec![own.administration.id.clone()], ..Default::default() };
    let content = collect_share(&client, BundleKind::FromClient, "Jo Okafor", &selection).await.expect("collected");
    let mentor_card_contact = wellkept::exchange::store::list_contacts(&client).await.expect("contacts").remove(0).id;
    let bundle = seal_share_for(&client, &mentor_card_contact, &content).await.expect("sealed");
    let imported = import_bundle(&mentor, &bundle).await.expect("imported");
    assert_eq!(imported.added, 1);
    assert_eq!(
        imported.notes,
        vec![
            "The shared PHQ-9 of 2026-11-20 (total 14, Moderate) is now among the client's measures. It raised a risk \
             flag (item 9 above 0)."
                .to_owned()
        ]
    );

    // The items travelled and were filed under the client's record, scored as the mentor's own.
    let filed = measures::list_measures(&mentor, Some(&record), None).await.expect("measures");
    assert_eq!(filed.len(), 1);
    assert_eq!(filed[0].answers, answers.map(|a| a as u8).to_vec());
    assert_eq!((filed[0].total, filed[0].band_label.as_str()), (14, "Moderate"));

    // The same flag as one recorded in the mentor's vault: compare with a direct recording.
    let shared_flags = risk::list_risk_flags(&mentor, Some(&record), false).await.expect("flags");
    assert_eq!(shared_flags.len(), 1);
    let direct = measures::record_measure(&mentor, phq9(Some(record.clone()), answers)).await.expect("direct");
    let direct = direct.risk_flag.expect("a direct recording flags item 9");
    let shared = &shared_flags[0];
    assert_eq!(
        (shared.source, shared.level, shared.description.as_str(), shared.raised_on, shared.client_id.as_deref()),
        (direct.source, direct.level, direct.description.as_str(), direct.raised_on, direct.client_id.as_deref())
    );
    assert_eq!(shared.measure_id.as_deref(), Some(filed[0].id.as_str()));

    // Importing the same file again, or filing the item again, adds nothing.
    assert_eq!(import_bundle(&mentor, &bundle).await.expect("again").added, 0);
    let received = received_items(&mentor, ReceivedFilter { contact_id: Some(client_contact), kind: None })
        .await
        .expect("received");
    let again = file_received_item(&mentor, &received[0].id).await.expect("filing again");
    assert!(!again.newly_filed);
    assert_eq!(again.filed_as, format!("measure:{}", filed[0].id));
    assert_eq!(measures::list_measures(&mentor, Some(&record), None).await.expect("measures").len(), 2, "1 + direct");
    assert_eq!(risk::list_risk_flags(&mentor, Some(&record), false).await.expect("flags").len(), 2, "1 + direct");
}

#[tokio::test]
async fn a_score_with_item_9_at_zero_is_filed_without_a_flag_and_an_unlinked_sender_files_nothing() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, client_contact, record, mentor_contact) = pair(mentor_dir.path(), client_dir.path()).await;
    let own = measures::record_measure(&client, phq9(None, [1, 1, 0, 0, 1, 0, 0, 0, 0])).await.expect("recorded");
    let selection = ShareSelection { measures: vec![own.administration.id], ..Default::default() };
    let content = collect_share(&client, BundleKind::FromClient, "Jo Okafor", &selection).await.expect("collected");

    // Unlinked: kept with the bundle, with a note that says what to do.
    clients::set_client_contact(&mentor, &record, None).await.expect("unlink");
    let bundle = seal_share_for(&client, &mentor_contact, &content).await.expect("sealed");
    let imported = import_bundle(&mentor, &bundle).await.expect("imported");
    assert_eq!(
        imported.notes,
        vec![
            "The shared PHQ-9 was kept with the bundle but not filed: link this contact to a client record (Sharing & \
             contacts) to file their scores there."
                .to_owned()
        ]
    );
    assert!(measures::list_measures(&mentor, Some(&record), None).await.expect("measures").is_empty());

    // Linked later, one action files it; no flag for item 9 at 0.
    clients::set_client_contact(&mentor, &record, Some(&client_contact)).await.expect("link");
    let received = received_items(&mentor, ReceivedFilter::default()).await.expect("received");
    let filed = file_received_item(&mentor, &received[0].id).await.expect("filed");
    assert!(filed.newly_filed);
    assert_eq!(filed.note, "The shared PHQ-9 of 2026-11-20 (total 3, Minimal) is now among the client's measures.");
    assert!(risk::list_risk_flags(&mentor, Some(&record), true).await.expect("flags").is_empty());
}

/// Issue 8, deliverable 5: a received action plan or homework becomes one of the client's goals
/// with its steps, in one action, once.
#[tokio::test]
async fn a_received_action_plan_and_homework_become_goals_with_steps_once() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let (mentor, client, client_contact, _, _) = pair(mentor_dir.path(), client_dir.path()).await;
    let plan = SharedItem::ActionPlan(ActionPlan {
        id: Uuid::now_v7(),
        title: "Back to walking".into(),
        goal: Some("Feel fitter by spring".into()),
        steps: vec![
            ActionStep {
                id: Uuid::now_v7(),
                description: "Walk 10 minutes after lunch".into(),
                owner: StepOwner::Client,
                due: Some(day(2026, 12, 5)),
                status: StepStatus::InProgress,
            },
            ActionStep {
                id: Uuid::now_v7(),
                description: "Plan a longer route together".into(),
                owner: StepOwner::Mentor,
                due: None,
                status: StepStatus::NotStarted,
            },
        ],
        updated_at: DateTime::UNIX_EPOCH,
    });
    let homework = SharedItem::Homework(Homework {
        id: Uuid::now_v7(),
        title: "Three good things".into(),
        instructions: "Each evening, write down three things that went well.".into(),
        assigned_at: DateTime::UNIX_EPOCH,
        due: Some(day(2026, 12, 1)),
    });
    let content = BundleContent::new(BundleKind::FromMentor, "Dr. Sam Rivera", vec![plan, homework]);
    let bundle = seal_share_for(&mentor, &client_contact, &content).await.expect("sealed");
    assert_eq!(import_bundle(&client, &bundle).await.expect("imported").added, 2);
    assert!(goals::list_goals(&client, GoalFilter::default()).await.expect("goals").is_empty(), "filing is chosen");

    let received = received_items(&client, ReceivedFilter::default()).await.expect("received");
    let id_of =
        |kind: &str| received.iter().find(|r| r.item.type_name() == kind).map(|r| r.id.clone()).expect("received kind");
    let filed_plan = file_received_item(&client, &id_of("action_plan")).await.expect("plan filed");
    assert_eq!(filed_plan.note, "“Back to walking” is now one of your goals, with 2 steps.");
    let filed_homework = file_received_item(&client, &id_of("homework")).await.expect("homework filed");
    assert_eq!(filed_homework.note, "“Three good things” is now one of your goals, with 1 step.");

    let mut mine = goals::list_goals(&client, GoalFilter { own: true, ..Default::default() }).await.expect("goals");
    mine.sort_by(|a, b| a.title.cmp(&b.title));
    let summary: Vec<(String, String, Option<NaiveDate>, Vec<StepSummary>)> = mine
        .iter()
        .map(|g| {
            let steps = g
                .steps
                .iter()
                .map(|s| {
                    let owner = if s.owner == goals::StepOwner::Client { "client" } else { "mentor" };
                    (s.description.clone(), owner, s.due_date, s.status)
                })
                .collect();
            (g.title.clone(), g.specific.clone(), g.target_date, steps)
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            (
                "Back to walking".to_owned(),
                "Feel fitter by spring".to_owned(),
                None,
                vec![
                    (
                        "Walk 10 minutes after lunch".to_owned(),
                        "client",
                        Some(day(2026, 12, 5)),
                        goals::StepStatus::Doing
                    ),
                    ("Plan a longer route together".to_owned(), "mentor", None, goals::StepStatus::Todo),
                ]
            ),
            (
                "Three good things".to_owned(),
                "Each evening, write down three things that went well.".to_owned(),
                Some(day(2026, 12, 1)),
                vec![("Three good things".to_owned(), "client", Some(day(2026, 12, 1)), goals::StepStatus::Todo)]
            ),
        ]
    );
    assert_eq!(filed_plan.filed_as, format!("goal:{}", mine[0].id));

    // Filing again, and importing again, add nothing; the received list says where each went.
    let again = file_received_item(&client, &id_of("action_plan")).await.expect("again");
    assert_eq!((again.newly_filed, again.filed_as.as_str()), (false, filed_plan.filed_as.as_str()));
    assert_eq!(import_bundle(&client, &bundle).await.expect("import again").added, 0);
    assert_eq!(goals::list_goals(&client, GoalFilter::default()).await.expect("goals").len(), 2);
    let received = received_items(&client, ReceivedFilter::default()).await.expect("received");
    assert!(received.iter().all(|r| r.filed_as.as_deref().is_some_and(|f| f.starts_with("goal:"))));
}
