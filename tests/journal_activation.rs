//! The behavioural-activation log against a real vault: plan, complete and rate, reopen, and the
//! weekly summary (counts, averages, most enjoyed activities), with deleted entries left out.

mod common;

use chrono::{DateTime, NaiveDate};
use wellkept::Error;
use wellkept::journal::activation::{self, ActivationFilter, ActivationStatus, NewActivation};
use wellkept::vault::{Unlock, Vault};

fn act(name: &str, at: &str, status: ActivationStatus, mastery: Option<i64>, pleasure: Option<i64>) -> NewActivation {
    NewActivation {
        activity: name.to_owned(),
        at: Some(DateTime::parse_from_rfc3339(at).expect("valid test time")),
        status,
        mastery,
        pleasure,
        note: String::new(),
    }
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("valid test date")
}

#[tokio::test]
async fn a_planned_activity_is_done_and_rated_and_the_week_sums_up() {
    use ActivationStatus::{Done, Planned, Skipped};
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    // Week of Monday 2 November 2026.
    let planned = activation::add_activation(
        &vault,
        act("Walk in the park", "2026-11-02T09:00:00+00:00", Planned, None, Some(6)),
    )
    .await
    .expect("plan");
    activation::add_activation(&vault, act("walk in the park", "2026-11-04T09:00:00+00:00", Done, Some(4), Some(8)))
        .await
        .expect("add");
    activation::add_activation(&vault, act("Tidy the kitchen", "2026-11-04T18:00:00+00:00", Done, Some(9), Some(3)))
        .await
        .expect("add");
    activation::add_activation(&vault, act("Swim", "2026-11-05T07:00:00+00:00", Skipped, None, None))
        .await
        .expect("add");
    activation::add_activation(&vault, act("Call Sam", "2026-11-08T19:00:00+00:00", Planned, None, None))
        .await
        .expect("add");
    // Outside the week and in the trash: both left out.
    activation::add_activation(&vault, act("Cinema", "2026-11-09T19:00:00+00:00", Done, Some(1), Some(10)))
        .await
        .expect("add");
    let binned = activation::add_activation(&vault, act("Bake", "2026-11-06T15:00:00+00:00", Done, Some(10), Some(10)))
        .await
        .expect("add");
    activation::delete_activation(&vault, &binned.id).await.expect("delete");

    let done = activation::update_activation(
        &vault,
        &planned.id,
        act("Walk in the park", "2026-11-02T09:30:00+00:00", Done, Some(6), Some(10)),
    )
    .await
    .expect("complete");
    assert_eq!(done.status, Done);
    drop(vault);

    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(activation::get_activation(&vault, &planned.id).await.expect("get"), done);
    let week = activation::weekly_activation_summary(&vault, day("2026-11-02")).await.expect("summary");
    assert_eq!(week.week_end, day("2026-11-08"));
    assert_eq!((week.done, week.planned, week.skipped), (3, 1, 1));
    assert!((week.average_mastery.expect("rated") - (6.0 + 4.0 + 9.0) / 3.0).abs() < 1e-9);
    assert!((week.average_pleasure.expect("rated") - 7.0).abs() < 1e-9);
    assert_eq!(
        week.days.iter().map(|d| d.day).collect::<Vec<_>>(),
        vec![day("2026-11-02"), day("2026-11-04"), day("2026-11-05"), day("2026-11-08")]
    );
    let wed = &week.days[1];
    assert_eq!((wed.done, wed.average_pleasure), (2, Some(5.5)));
    assert_eq!(week.activities.len(), 2, "walks are grouped ignoring case: {:?}", week.activities);
    assert_eq!(week.activities[0].activity.to_lowercase(), "walk in the park");
    assert_eq!((week.activities[0].times, week.activities[0].average_pleasure), (2, Some(9.0)));
    assert_eq!(week.activities[1].activity, "Tidy the kitchen");

    let planned_only = ActivationFilter { status: Some(Planned), ..Default::default() };
    let listed = activation::list_activations(&vault, planned_only).await.expect("list");
    assert_eq!(listed.items.iter().map(|a| a.activity.as_str()).collect::<Vec<_>>(), vec!["Call Sam"]);
}

#[tokio::test]
async fn out_of_range_ratings_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let seq = vault.status().await.seq;
    for (input, field) in [
        (act("Walk", "2026-11-02T09:00:00+00:00", ActivationStatus::Done, Some(11), None), "mastery"),
        (act("Walk", "2026-11-02T09:00:00+00:00", ActivationStatus::Done, None, Some(-1)), "pleasure"),
        (act("", "2026-11-02T09:00:00+00:00", ActivationStatus::Done, None, None), "activity"),
        (
            NewActivation {
                at: None,
                ..act("Walk", "2026-11-02T09:00:00+00:00", ActivationStatus::Planned, None, None)
            },
            "time",
        ),
    ] {
        match activation::add_activation(&vault, input).await {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected Invalid({field}), got {other:?}"),
        }
    }
    assert_eq!(vault.status().await.seq, seq);
    assert!(activation::list_activations(&vault, ActivationFilter::default()).await.expect("list").items.is_empty());
}
