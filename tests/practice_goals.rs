//! Goals and action plans against a real vault: SMART goals for clients and for the vault owner,
//! steps and progress, reviews, overdue detection, links from session notes, validation, reopen.

mod common;
mod practice_fixtures;

use practice_fixtures::{client, day, reopen};
use wellkept::practice::goals::{
    self, GoalDetails, GoalFilter, GoalStatus, NewReview, StepDetails, StepOwner, StepStatus, steps,
};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, SessionMode};
use wellkept::practice::templates::{NoteSection, NoteTemplate};

fn sleep_goal(client_id: Option<String>) -> GoalDetails {
    GoalDetails {
        client_id,
        title: "Sleep through the night".into(),
        specific: "In bed by 23:00 on weeknights".into(),
        measurable: "Sleep diary shows 7 hours on 5 nights a week".into(),
        achievable: "Has a quiet room; partner supportive".into(),
        relevant: "Tiredness is making low mood worse".into(),
        target_date: Some(day(2027, 1, 31)),
        status: GoalStatus::Active,
    }
}

fn step(description: &str, due: Option<chrono::NaiveDate>, status: StepStatus) -> StepDetails {
    StepDetails { description: description.into(), owner: StepOwner::Client, due_date: due, status, progress: 0 }
}

#[tokio::test]
async fn goals_with_plans_and_reviews_survive_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let goal = goals::add_goal(&vault, sleep_goal(Some(ana.clone()))).await.expect("add goal");
    let s1 = steps::add_step(&vault, &goal.id, step("Keep a sleep diary", Some(day(2026, 11, 30)), StepStatus::Doing));
    let s1 = s1.await.expect("step 1");
    let mentor_step =
        StepDetails { owner: StepOwner::Mentor, ..step("Send sleep-hygiene leaflet", None, StepStatus::Done) };
    let s2 = steps::add_step(&vault, &goal.id, mentor_step).await.expect("step 2");
    assert_eq!((s1.position, s2.position), (0, 1));
    assert_eq!(s2.progress, 100, "a done step counts as complete");
    let s1 = steps::update_step(
        &vault,
        &s1.id,
        StepDetails { progress: 40, ..step("Keep a sleep diary", s1.due_date, StepStatus::Doing) },
    );
    let s1 = s1.await.expect("update step");
    let review = NewReview {
        review_date: day(2026, 11, 23),
        rating: 3,
        note: "Diary kept 4 of 7 nights".into(),
        next_review_on: None,
    };
    let review = goals::add_review(&vault, &goal.id, review).await.expect("review");
    let own = goals::add_goal(&vault, GoalDetails { title: "Finish supervision hours".into(), ..Default::default() });
    let own = own.await.expect("own goal");
    drop(vault);

    let vault = reopen(dir.path()).await;
    let got = goals::get_goal(&vault, &goal.id).await.expect("get");
    assert_eq!(got.measurable, "Sleep diary shows 7 hours on 5 nights a week");
    assert_eq!(got.target_date, Some(day(2027, 1, 31)));
    assert_eq!(got.steps, vec![s1, s2]);
    assert_eq!(got.reviews, vec![review]);
    assert_eq!(got.progress(), Some(70));
    assert_eq!(got.steps[1].owner, StepOwner::Mentor);

    let list = |f: GoalFilter| goals::list_goals(&vault, f);
    let mine = list(GoalFilter { own: true, ..Default::default() }).await.expect("own goals");
    assert_eq!(mine.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), [own.id.as_str()]);
    assert_eq!(mine[0].client_id, None);
    let anas = list(GoalFilter { client_id: Some(ana.clone()), ..Default::default() }).await.expect("ana");
    assert_eq!(anas.len(), 1);
    assert_eq!(anas[0].steps.len(), 2, "listed goals carry their plans");
    let found = list(GoalFilter { text: Some("diary".into()), ..Default::default() }).await.expect("search");
    assert_eq!(found.len(), 1, "the SMART fields are searched");

    goals::set_goal_status(&vault, &goal.id, GoalStatus::Achieved).await.expect("achieved");
    let achieved = list(GoalFilter { status: Some(GoalStatus::Achieved), ..Default::default() }).await.expect("list");
    assert_eq!(achieved.len(), 1);

    goals::delete_goal(&vault, &goal.id).await.expect("delete");
    assert_eq!(list(GoalFilter::default()).await.expect("list").len(), 1);
    let trash = list(GoalFilter { deleted: true, ..Default::default() }).await.expect("trash");
    assert_eq!(trash.len(), 1);
    goals::restore_goal(&vault, &goal.id).await.expect("restore");
    steps::delete_step(&vault, &got.steps[1].id).await.expect("delete step");
    drop(vault);

    let vault = reopen(dir.path()).await;
    assert_eq!(goals::get_goal(&vault, &goal.id).await.expect("get").steps.len(), 1);
    assert_eq!(goals::list_goals(&vault, GoalFilter::default()).await.expect("list").len(), 2);

    // A client in the trash takes their goals out of the general list (own goals stay).
    wellkept::practice::clients::delete_client(&vault, &ana).await.expect("trash ana");
    let left = goals::list_goals(&vault, GoalFilter::default()).await.expect("list");
    assert_eq!(left.iter().map(|g| g.id.as_str()).collect::<Vec<_>>(), [own.id.as_str()]);
    let anas = goals::list_goals(&vault, GoalFilter { client_id: Some(ana), ..Default::default() }).await;
    assert_eq!(anas.expect("list").len(), 1);
}

#[tokio::test]
async fn overdue_steps_are_open_steps_of_live_active_goals_due_before_today() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    let today = day(2026, 11, 23);
    let g = goals::add_goal(&vault, sleep_goal(Some(ana.clone()))).await.expect("goal");
    let late = steps::add_step(&vault, &g.id, step("Late", Some(day(2026, 11, 20)), StepStatus::Todo)).await;
    let late = late.expect("step");
    let later = steps::add_step(&vault, &g.id, step("Very late", Some(day(2026, 11, 1)), StepStatus::Doing)).await;
    let later = later.expect("step");
    for (desc, due, status) in [
        ("Due today", Some(today), StepStatus::Todo),
        ("Done", Some(day(2026, 11, 1)), StepStatus::Done),
        ("Skipped", Some(day(2026, 11, 1)), StepStatus::Skipped),
        ("No date", None, StepStatus::Todo),
    ] {
        steps::add_step(&vault, &g.id, step(desc, due, status)).await.expect("step");
    }
    let bens = goals::add_goal(&vault, sleep_goal(Some(ben.clone()))).await.expect("goal");
    let bens_late = steps::add_step(&vault, &bens.id, step("Ben's", Some(day(2026, 11, 22)), StepStatus::Todo)).await;
    bens_late.expect("step");
    let paused = goals::add_goal(&vault, GoalDetails { status: GoalStatus::Paused, ..sleep_goal(Some(ana.clone())) });
    let paused = paused.await.expect("goal");
    steps::add_step(&vault, &paused.id, step("Paused goal", Some(day(2026, 11, 1)), StepStatus::Todo))
        .await
        .expect("s");

    let overdue = steps::overdue_steps(&vault, today, Some(&ana)).await.expect("overdue");
    let ids: Vec<&str> = overdue.iter().map(|o| o.step.id.as_str()).collect();
    assert_eq!(ids, [later.id.as_str(), late.id.as_str()], "most overdue first");
    assert_eq!(overdue[0].goal_title, "Sleep through the night");
    assert_eq!(overdue[0].client_id.as_deref(), Some(ana.as_str()));
    assert!(overdue.iter().all(|o| o.step.is_overdue(today)));
    assert_eq!(steps::overdue_steps(&vault, today, None).await.expect("all").len(), 3);

    // A client in the trash takes their overdue steps with them.
    wellkept::practice::clients::delete_client(&vault, &ben).await.expect("delete ben");
    assert_eq!(steps::overdue_steps(&vault, today, None).await.expect("all").len(), 2);
    // Finishing a step takes it off the list.
    steps::update_step(&vault, &late.id, step("Late", late.due_date, StepStatus::Done)).await.expect("done");
    assert_eq!(steps::overdue_steps(&vault, today, Some(&ana)).await.expect("overdue").len(), 1);
}

#[tokio::test]
async fn invalid_goal_input_names_the_field_and_writes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let g = goals::add_goal(&vault, sleep_goal(Some(ana.clone()))).await.expect("goal");
    let seq = vault.status().await.seq;
    let field = |e: wellkept::Error| match e {
        wellkept::Error::Invalid { field, .. } => field,
        other => panic!("expected Invalid, got {other:?}"),
    };
    let e = goals::add_goal(&vault, GoalDetails { title: "  ".into(), ..sleep_goal(None) }).await.expect_err("title");
    assert_eq!(field(e), "Title");
    let e = goals::add_goal(&vault, GoalDetails { target_date: Some(day(1066, 10, 14)), ..sleep_goal(None) }).await;
    assert_eq!(field(e.expect_err("date")), "Target date");
    for rating in [0, 6] {
        let r = NewReview { review_date: day(2026, 11, 23), rating, note: String::new(), next_review_on: None };
        assert_eq!(field(goals::add_review(&vault, &g.id, r).await.expect_err("rating")), "Rating");
    }
    let e = steps::add_step(&vault, &g.id, StepDetails { progress: 101, ..step("x", None, StepStatus::Doing) }).await;
    assert_eq!(field(e.expect_err("progress")), "Progress");
    let e = steps::add_step(&vault, &g.id, step(" ", None, StepStatus::Todo)).await.expect_err("blank");
    assert_eq!(field(e), "Step");
    let e = goals::add_goal(&vault, sleep_goal(Some("nobody".into()))).await.expect_err("no client");
    assert_eq!(e.kind(), "not_found");
    let e = steps::add_step(&vault, "no-goal", step("x", None, StepStatus::Todo)).await.expect_err("no goal");
    assert_eq!(e.kind(), "not_found");
    assert_eq!(vault.status().await.seq, seq, "nothing was written");
}

#[tokio::test]
async fn session_notes_link_only_the_clients_own_goals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    let anas = goals::add_goal(&vault, sleep_goal(Some(ana.clone()))).await.expect("goal");
    let bens = goals::add_goal(&vault, sleep_goal(Some(ben))).await.expect("goal");
    let draft = |goal_ids: Vec<String>| NoteDraft {
        session_date: day(2026, 11, 23),
        duration_minutes: 50,
        mode: SessionMode::InPerson,
        template: NoteTemplate::Girp,
        sections: vec![NoteSection { key: "goals".into(), text: "Sleep".into() }],
        goal_ids,
    };
    let e = notes::add_note(&vault, NewSessionNote { client_id: ana.clone(), draft: draft(vec![bens.id.clone()]) });
    match e.await {
        Err(wellkept::Error::Invalid { field, .. }) => assert_eq!(field, "Goals"),
        other => panic!("expected Invalid Goals, got {other:?}"),
    }
    let note = notes::add_note(&vault, NewSessionNote { client_id: ana, draft: draft(vec![anas.id.clone()]) }).await;
    let note = note.expect("linked note");
    drop(vault);
    let vault = reopen(dir.path()).await;
    assert_eq!(notes::get_note(&vault, &note.id).await.expect("get").goal_ids, [anas.id.as_str()]);
}

#[tokio::test]
async fn goals_whose_review_day_has_come_are_listed_until_reviewed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let ana = client(&vault, "Ana Ruiz").await;
    let ben = client(&vault, "Ben Okafor").await;
    let today = day(2026, 4, 2);
    let sleep = goals::add_goal(&vault, sleep_goal(Some(ana.clone()))).await.expect("goal");
    let walk = goals::add_goal(&vault, GoalDetails { title: "Walk daily".into(), ..sleep_goal(Some(ana.clone())) });
    let walk = walk.await.expect("goal");
    let later = goals::add_goal(&vault, GoalDetails { title: "Later".into(), ..sleep_goal(Some(ana.clone())) });
    let later = later.await.expect("goal");
    let bens = goals::add_goal(&vault, sleep_goal(Some(ben.clone()))).await.expect("goal");
    let own = goals::add_goal(&vault, GoalDetails { title: "Supervision hours".into(), ..Default::default() });
    let own = own.await.expect("own");
    for (g, d) in
        [(&sleep, day(2026, 4, 2)), (&walk, day(2026, 3, 28)), (&later, day(2026, 4, 3)), (&bens, day(2026, 4, 1))]
    {
        let got = goals::set_next_review(&vault, &g.id, Some(d)).await.expect("plan review");
        assert_eq!(got.next_review_on, Some(d));
    }
    goals::set_next_review(&vault, &own.id, Some(day(2026, 4, 1))).await.expect("own review");
    let listed = |d: Vec<goals::GoalReviewDue>| {
        d.into_iter().map(|r| (r.title, r.due_on.to_string(), r.days_overdue)).collect::<Vec<_>>()
    };
    assert_eq!(
        listed(goals::list_goal_reviews_due(&vault, today).await.expect("due")),
        [
            ("Walk daily".to_owned(), "2026-03-28".to_owned(), 5),
            ("Sleep through the night".to_owned(), "2026-04-01".to_owned(), 1),
            ("Supervision hours".to_owned(), "2026-04-01".to_owned(), 1),
            ("Sleep through the night".to_owned(), "2026-04-02".to_owned(), 0),
        ]
    );

    // Recording a review with the next day takes the goal off; so does achieving or dropping it,
    // and a client who is closed or in the trash.
    let r =
        NewReview { review_date: today, rating: 4, note: "On track".into(), next_review_on: Some(day(2026, 4, 30)) };
    goals::add_review(&vault, &walk.id, r).await.expect("review");
    assert_eq!(goals::get_goal(&vault, &walk.id).await.expect("walk").next_review_on, Some(day(2026, 4, 30)));
    let achieved = goals::set_goal_status(&vault, &sleep.id, GoalStatus::Achieved).await.expect("status");
    assert_eq!((achieved.status, achieved.title.as_str()), (GoalStatus::Achieved, "Sleep through the night"));
    wellkept::practice::clients::delete_client(&vault, &ben).await.expect("trash ben");
    assert_eq!(
        listed(goals::list_goal_reviews_due(&vault, today).await.expect("due")),
        [("Supervision hours".to_owned(), "2026-04-01".to_owned(), 1)]
    );
    // A paused goal still comes up for review; clearing the day takes it off.
    goals::set_goal_status(&vault, &own.id, GoalStatus::Paused).await.expect("pause");
    assert_eq!(goals::list_goal_reviews_due(&vault, today).await.expect("due").len(), 1);
    goals::set_next_review(&vault, &own.id, None).await.expect("clear");
    assert!(goals::list_goal_reviews_due(&vault, today).await.expect("due").is_empty());

    // A next review on or before the review itself is refused, and nothing is written.
    let seq = vault.status().await.seq;
    let r = NewReview { review_date: today, rating: 3, note: String::new(), next_review_on: Some(today) };
    match goals::add_review(&vault, &later.id, r).await {
        Err(wellkept::Error::Invalid { field, reason }) => {
            assert_eq!((field.as_str(), reason.as_str()), ("Next review", "must be after the day of this review"));
        }
        other => panic!("expected Invalid, got {other:?}"),
    }
    let e = goals::set_goal_status(&vault, "no-goal", GoalStatus::Achieved).await.expect_err("no goal");
    assert_eq!(e.kind(), "not_found");
    assert_eq!(vault.status().await.seq, seq, "nothing was written");
    drop(vault);
    let vault = reopen(dir.path()).await;
    assert_eq!(goals::get_goal(&vault, &later.id).await.expect("later").next_review_on, Some(day(2026, 4, 3)));
}
