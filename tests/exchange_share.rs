//! A share made from real vault records: a client picks a journal entry, a mood check-in and a
//! PHQ-9 from their vault; `collect_share` maps them, the bundle is sealed to the mentor, and the
//! mentor's vault receives exactly those, under the client's record. A mentor's action plan
//! (a goal with steps) and homework go the other way.

mod common;

use chrono::{Local, NaiveDate};
use wellkept::clinical::{Instrument, measures};
use wellkept::exchange::store::{
    ContactRole, add_confirmed_contact, import_bundle, list_contacts, received_from_client, seal_share_for,
    set_up_exchange,
};
use wellkept::exchange::{BundleKind, ContactCard, NewHomework, ShareSelection, SharedItem, collect_share};
use wellkept::journal::{entries, mood};
use wellkept::practice::{clients, goals};

#[tokio::test]
async fn a_client_shares_chosen_records_and_the_mentor_shares_a_plan_back() {
    let (mentor_dir, client_dir) = (tempfile::tempdir().expect("tempdir"), tempfile::tempdir().expect("tempdir"));
    let mentor = common::create_vault(mentor_dir.path()).await.vault;
    let client = common::create_vault(client_dir.path()).await.vault;
    let mentor_card = set_up_exchange(&mentor, "Sam Rivera").await.expect("mentor identity");
    let client_card = set_up_exchange(&client, "Jo Okafor").await.expect("client identity");
    let jo_contact = add_confirmed_contact(
        &mentor,
        &ContactCard::from_text(&client_card.to_text()).expect("card"),
        ContactRole::MyClient,
    )
    .await
    .expect("confirm");
    let sam_contact = add_confirmed_contact(
        &client,
        &ContactCard::from_text(&mentor_card.to_text()).expect("card"),
        ContactRole::MyMentor,
    )
    .await
    .expect("confirm");
    let jo = clients::add_client(&mentor, clients::NewClient { name: "Jo Okafor".into(), ..Default::default() })
        .await
        .expect("client");
    clients::set_client_contact(&mentor, &jo.id, Some(&jo_contact.id)).await.expect("link");

    // The client's own records.
    let today = Local::now().date_naive();
    let entry = entries::add_entry(
        &client,
        entries::NewJournalEntry {
            entry_date: Some(today),
            title: "Walk".into(),
            body: "Walked to the sea; felt lighter.".into(),
            ..Default::default()
        },
    )
    .await
    .expect("entry");
    let private = entries::add_entry(
        &client,
        entries::NewJournalEntry { entry_date: Some(today), body: "Not for sharing.".into(), ..Default::default() },
    )
    .await
    .expect("entry");
    let check_in = mood::add_mood_checkin(
        &client,
        mood::NewMoodCheckIn {
            mood: Some(7),
            emotions: vec!["hopeful".into()],
            note: "better day".into(),
            ..Default::default()
        },
    )
    .await
    .expect("mood");
    let phq = measures::record_measure(
        &client,
        measures::NewMeasure {
            client_id: None,
            instrument: Instrument::Phq9,
            administered_on: today,
            answers: vec![Some(1); 9],
            functional_difficulty: None,
            notes: String::new(),
        },
    )
    .await
    .expect("phq9");

    let selection = ShareSelection {
        journal_entries: vec![entry.id.clone()],
        mood_checkins: vec![check_in.id.clone()],
        measures: vec![phq.administration.id.clone()],
        ..Default::default()
    };
    let content = collect_share(&client, BundleKind::FromClient, "Jo Okafor", &selection).await.expect("collect");
    let bundle = seal_share_for(&client, &sam_contact.id, &content).await.expect("seal");
    assert_eq!(import_bundle(&mentor, &bundle).await.expect("import").added, 3);

    let received: Vec<SharedItem> =
        received_from_client(&mentor, &jo.id).await.expect("received").into_iter().map(|r| r.item).collect();
    assert_eq!(received.len(), 3);
    let texts: Vec<String> = received
        .iter()
        .filter_map(|i| match i {
            SharedItem::JournalEntry(e) => Some(e.text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(texts, vec!["Walked to the sea; felt lighter.".to_owned()], "only the chosen entry travels");
    assert!(!format!("{received:?}").contains(&private.body));
    assert!(received.iter().any(|i| matches!(i, SharedItem::MoodCheckIn(m) if m.score == 4 && m.note.as_deref() == Some("better day (mood 7/10)"))));
    assert!(
        received.iter().any(|i| matches!(i, SharedItem::MeasureScore(s) if s.instrument == "PHQ-9" && s.total == 9))
    );

    // The mentor's plan and homework back to the client.
    let goal = goals::add_goal(
        &mentor,
        goals::NewGoal {
            client_id: Some(jo.id.clone()),
            title: "Sleep routine".into(),
            specific: "In bed by 23:00".into(),
            ..Default::default()
        },
    )
    .await
    .expect("goal");
    goals::steps::add_step(
        &mentor,
        &goal.id,
        goals::steps::StepDetails { description: "No screens after 22:30".into(), ..Default::default() },
    )
    .await
    .expect("step");
    let selection = ShareSelection {
        action_plans: vec![goal.id.clone()],
        homework: vec![NewHomework {
            title: "Sleep diary".into(),
            instructions: "Note bedtime each night.".into(),
            due: NaiveDate::from_ymd_opt(2030, 1, 1),
        }],
        ..Default::default()
    };
    let content = collect_share(&mentor, BundleKind::FromMentor, "Sam Rivera", &selection).await.expect("collect");
    let bundle =
        seal_share_for(&mentor, &list_contacts(&mentor).await.expect("contacts")[0].id, &content).await.expect("seal");
    let imported = import_bundle(&client, &bundle).await.expect("client imports");
    assert_eq!(imported.added, 2);

    // Sending it is written to Jo's disclosure log, once, in words.
    let jo_contact_id = list_contacts(&mentor).await.expect("contacts")[0].id.clone();
    let logged = wellkept::exchange::store::log_share_sent(&mentor, &jo_contact_id, &content)
        .await
        .expect("logged")
        .expect("Jo's record is linked to the contact");
    let log = wellkept::clinical::list_disclosures(&mentor, Some(&jo.id)).await.expect("log");
    assert_eq!(log.len(), 1);
    assert_eq!(
        (log[0].id.as_str(), log[0].what.as_str(), log[0].recipient.as_str(), log[0].disclosed_on),
        (logged.id.as_str(), "Share file: 2 items (action plan, homework)", "Jo Okafor", today)
    );
    let mine = list_contacts(&client).await.expect("contacts")[0].id.clone();
    assert!(
        wellkept::exchange::store::log_share_sent(&client, &mine, &content).await.expect("no client").is_none(),
        "no client record linked: nothing to log"
    );

    // A mentor cannot send a client's kind of record, nor a client a mentor's.
    let mixed = ShareSelection { journal_entries: vec![entry.id.clone()], ..Default::default() };
    assert_eq!(
        collect_share(&mentor, BundleKind::FromMentor, "Sam", &mixed).await.expect_err("mixed").kind(),
        "invalid"
    );
    let mixed = ShareSelection { action_plans: vec![goal.id.clone()], ..Default::default() };
    assert_eq!(
        collect_share(&client, BundleKind::FromClient, "Jo", &mixed).await.expect_err("mixed").kind(),
        "invalid"
    );

    // Nothing chosen is refused with a clear message; an unknown id is "not found".
    let err =
        collect_share(&client, BundleKind::FromClient, "Jo", &ShareSelection::default()).await.expect_err("empty");
    assert_eq!(err.kind(), "invalid");
    let missing = ShareSelection { journal_entries: vec![uuid::Uuid::now_v7().to_string()], ..Default::default() };
    assert_eq!(
        collect_share(&client, BundleKind::FromClient, "Jo", &missing).await.expect_err("missing").kind(),
        "not_found"
    );
}
