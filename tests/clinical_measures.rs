//! Outcome measures, schedules and risk flags against a real vault: record, drop, reopen, check;
//! bad input refused with the field named and nothing written.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::clinical::{self, Instrument, NewMeasure, NewMeasureSchedule, NewRiskFlag, RiskLevel, RiskSource};
use wellkept::vault::{Unlock, Vault};

const CLIENT: &str = "019a0000-0000-7000-8000-000000000001";
const OTHER: &str = "019a0000-0000-7000-8000-000000000002";

fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn phq9(client: Option<&str>, on: &str, answers: [i64; 9]) -> NewMeasure {
    NewMeasure {
        client_id: client.map(str::to_owned),
        instrument: Instrument::Phq9,
        administered_on: day(on),
        answers: answers.map(Some).to_vec(),
        functional_difficulty: Some(1),
        notes: "first session".into(),
    }
}

async fn reopen(dir: &std::path::Path, vault: Vault) -> Vault {
    drop(vault);
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen")
}

#[tokio::test]
async fn phq9_item9_raises_a_flag_in_the_same_write_and_everything_survives_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;

    // Total 3 (minimal) but item 9 answered "Several days": a flag, whatever the total.
    let low = clinical::record_measure(&vault, phq9(Some(CLIENT), "2026-11-02", [1, 1, 0, 0, 0, 0, 0, 0, 1]))
        .await
        .expect("record");
    assert_eq!((low.administration.total, low.administration.band.as_str()), (3, "minimal"));
    let flag = low.risk_flag.expect("item 9 > 0 raises a flag");
    assert_eq!((flag.source, flag.level), (RiskSource::Measure, RiskLevel::Medium));
    assert_eq!(flag.measure_id.as_deref(), Some(low.administration.id.as_str()));
    assert_eq!(flag.client_id.as_deref(), Some(CLIENT));

    // Item 9 = 0: no flag, even with a severe total.
    let high = clinical::record_measure(&vault, phq9(Some(CLIENT), "2026-11-16", [3, 3, 3, 3, 3, 3, 3, 2, 0]))
        .await
        .expect("record");
    assert_eq!((high.administration.total, high.administration.band_label.as_str()), (23, "Severe"));
    assert!(high.risk_flag.is_none());
    // Item 9 = "Nearly every day": high.
    let urgent = clinical::record_measure(&vault, phq9(Some(OTHER), "2026-11-16", [0, 0, 0, 0, 0, 0, 0, 0, 3]))
        .await
        .expect("record");
    assert_eq!(urgent.risk_flag.as_ref().map(|f| f.level), Some(RiskLevel::High));

    // A self-assessment (the vault owner) and a WHO-5.
    let who = clinical::record_measure(
        &vault,
        NewMeasure {
            client_id: None,
            instrument: Instrument::Who5,
            administered_on: day("2026-11-20"),
            answers: [3, 3, 3, 2, 2].map(Some).to_vec(),
            functional_difficulty: None,
            notes: String::new(),
        },
    )
    .await
    .expect("self-assessment");
    assert_eq!((who.administration.raw_score, who.administration.total), (13, 52));

    let vault = reopen(dir.path(), vault).await;
    let history = clinical::score_history(&vault, Some(CLIENT), Instrument::Phq9).await.expect("history");
    let points: Vec<_> = history.iter().map(|p| (p.administered_on, p.total, p.band.as_str())).collect();
    assert_eq!(points, vec![(day("2026-11-02"), 3, "minimal"), (day("2026-11-16"), 23, "severe")]);
    let stored = clinical::get_measure(&vault, &low.administration.id).await.expect("stored");
    assert_eq!(stored, low.administration);
    assert_eq!(stored.answers, vec![1, 1, 0, 0, 0, 0, 0, 0, 1]);
    assert_eq!(stored.functional_difficulty, Some(1));
    assert_eq!(clinical::list_measures(&vault, None, None).await.expect("own").len(), 1);

    // The dashboard: open flags across clients, high first.
    let open = clinical::list_open_risk_flags(&vault).await.expect("open flags");
    assert_eq!(open.iter().map(|f| f.level).collect::<Vec<_>>(), vec![RiskLevel::High, RiskLevel::Medium]);

    // Deleting the measure does not clear the concern.
    clinical::delete_measure(&vault, &low.administration.id).await.expect("delete");
    assert_eq!(clinical::score_history(&vault, Some(CLIENT), Instrument::Phq9).await.expect("history").len(), 1);
    assert_eq!(clinical::list_risk_flags(&vault, Some(CLIENT), false).await.expect("flags").len(), 1);
    clinical::restore_measure(&vault, &low.administration.id).await.expect("restore");
    assert_eq!(clinical::score_history(&vault, Some(CLIENT), Instrument::Phq9).await.expect("history").len(), 2);
}

#[tokio::test]
async fn incomplete_or_out_of_range_answers_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let seq = vault.status().await.seq;

    let mut missing = phq9(Some(CLIENT), "2026-11-02", [0; 9]);
    missing.answers[8] = None;
    let err = clinical::record_measure(&vault, missing).await.expect_err("item 9 missing");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "item 9"), "{err}");

    let err = clinical::record_measure(&vault, phq9(Some(CLIENT), "2026-11-02", [0, 0, 4, 0, 0, 0, 0, 0, 0]))
        .await
        .expect_err("4 is out of range");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "item 3"), "{err}");

    let mut short = phq9(Some(CLIENT), "2026-11-02", [0; 9]);
    short.answers.pop();
    let err = clinical::record_measure(&vault, short).await.expect_err("8 answers");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "answers"), "{err}");

    let mut bad_difficulty = phq9(Some(CLIENT), "2026-11-02", [0; 9]);
    bad_difficulty.functional_difficulty = Some(7);
    let err = clinical::record_measure(&vault, bad_difficulty).await.expect_err("difficulty 7");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "functional difficulty"), "{err}");

    let err = clinical::record_measure(&vault, phq9(Some("nobody"), "2026-11-02", [0; 9])).await.expect_err("client");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "client"), "{err}");

    let err = clinical::record_measure(&vault, phq9(Some(CLIENT), "2999-01-01", [0; 9])).await.expect_err("future");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "date"), "{err}");

    assert_eq!(vault.status().await.seq, seq, "no write reached the journal");
    assert!(clinical::list_measures(&vault, Some(CLIENT), None).await.expect("list").is_empty());
    assert!(clinical::list_open_risk_flags(&vault).await.expect("flags").is_empty());
}

#[tokio::test]
async fn measures_due_follow_the_schedule_and_the_last_administration() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let phq = clinical::set_measure_schedule(
        &vault,
        NewMeasureSchedule {
            client_id: Some(CLIENT.into()),
            instrument: Instrument::Phq9,
            every_days: 14,
            starts_on: day("2026-11-01"),
        },
    )
    .await
    .expect("schedule");
    let gad = clinical::set_measure_schedule(
        &vault,
        NewMeasureSchedule {
            client_id: None,
            instrument: Instrument::Gad7,
            every_days: 7,
            starts_on: day("2026-11-20"),
        },
    )
    .await
    .expect("own schedule");
    // Setting it again replaces rather than duplicates.
    let again = clinical::set_measure_schedule(
        &vault,
        NewMeasureSchedule {
            client_id: Some(CLIENT.into()),
            instrument: Instrument::Phq9,
            every_days: 14,
            starts_on: day("2026-11-01"),
        },
    )
    .await
    .expect("replace");
    assert_eq!(again.id, phq.id);
    let err = clinical::set_measure_schedule(
        &vault,
        NewMeasureSchedule {
            client_id: None,
            instrument: Instrument::Who5,
            every_days: 0,
            starts_on: day("2026-11-20"),
        },
    )
    .await
    .expect_err("every 0 days");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "every (days)"), "{err}");

    let due = clinical::list_measures_due(&vault, day("2026-11-10")).await.expect("due");
    assert_eq!(due.len(), 1, "only the client's PHQ-9 (never given, started 1 Nov)");
    assert_eq!((due[0].schedule.id.as_str(), due[0].days_overdue), (phq.id.as_str(), 9));

    clinical::record_measure(&vault, phq9(Some(CLIENT), "2026-11-10", [0; 9])).await.expect("given");
    let vault = reopen(dir.path(), vault).await;
    let due = clinical::list_measures_due(&vault, day("2026-11-23")).await.expect("due");
    assert_eq!(due.iter().map(|d| d.schedule.id.as_str()).collect::<Vec<_>>(), vec![gad.id.as_str()]);
    let due = clinical::list_measures_due(&vault, day("2026-11-24")).await.expect("due");
    assert_eq!(due.len(), 2);
    let phq_due = due.iter().find(|d| d.schedule.id == phq.id).expect("phq due");
    assert_eq!((phq_due.last_administered_on, phq_due.due_on), (Some(day("2026-11-10")), day("2026-11-24")));

    clinical::set_measure_schedule_paused(&vault, &gad.id, true).await.expect("pause");
    assert_eq!(clinical::list_measures_due(&vault, day("2026-11-24")).await.expect("due").len(), 1);
    clinical::remove_measure_schedule(&vault, &phq.id).await.expect("remove");
    assert!(clinical::list_measures_due(&vault, day("2026-11-24")).await.expect("due").is_empty());
    assert_eq!(clinical::list_measure_schedules(&vault, None).await.expect("own").len(), 1);
}

#[tokio::test]
async fn flags_raised_by_hand_resolve_with_history_kept_and_are_searchable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let flag = clinical::raise_risk_flag(
        &vault,
        NewRiskFlag {
            client_id: Some(CLIENT.into()),
            source: RiskSource::ClientDisclosure,
            level: RiskLevel::Low,
            description: "Mentioned stockpiling paracetamol after the eviction notice".into(),
            raised_on: day("2026-11-05"),
        },
    )
    .await
    .expect("raise");
    let flag = clinical::update_risk_level(&vault, &flag.id, RiskLevel::High).await.expect("escalate");
    assert_eq!(flag.level, RiskLevel::High);

    let err = clinical::resolve_risk_flag(&vault, &flag.id, day("2026-11-01"), "safety plan made")
        .await
        .expect_err("before raised");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "resolved on"), "{err}");
    let err = clinical::resolve_risk_flag(&vault, &flag.id, day("2026-11-08"), "  ").await.expect_err("no note");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "resolution note"), "{err}");
    let err = clinical::raise_risk_flag(
        &vault,
        NewRiskFlag {
            client_id: None,
            source: RiskSource::Measure,
            level: RiskLevel::Low,
            description: "x".into(),
            raised_on: day("2026-11-05"),
        },
    )
    .await
    .expect_err("measure flags come from measures");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "source"), "{err}");

    clinical::resolve_risk_flag(&vault, &flag.id, day("2026-11-08"), "Tablets handed to GP; safety plan made")
        .await
        .expect("resolve");
    let vault = reopen(dir.path(), vault).await;
    assert!(clinical::list_open_risk_flags(&vault).await.expect("open").is_empty());
    let all = clinical::list_risk_flags(&vault, Some(CLIENT), true).await.expect("history");
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].resolved_on, Some(day("2026-11-08")));
    assert!(clinical::resolve_risk_flag(&vault, &flag.id, day("2026-11-09"), "again").await.is_err());
    assert!(matches!(clinical::update_risk_level(&vault, &flag.id, RiskLevel::Low).await, Err(Error::ReadOnly { .. })));

    let found = clinical::search_risk_flags(&vault, "paracetamol").await.expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!(clinical::search_risk_flags(&vault, "handed gp").await.expect("search note").len(), 1);
    assert!(clinical::search_risk_flags(&vault, "insulin").await.expect("search").is_empty());
}

/// The dashboard's open flags (issue 11): highest level first; within a level the oldest first
/// (raised the same day: the one raised first); resolved ones left out, whatever their level.
#[tokio::test]
async fn open_flags_for_the_dashboard_come_highest_level_first_then_oldest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let mut ids = std::collections::HashMap::new();
    for (name, client, level, raised_on) in [
        ("low old", CLIENT, RiskLevel::Low, "2026-10-01"),
        ("medium new", OTHER, RiskLevel::Medium, "2026-11-20"),
        ("high new", CLIENT, RiskLevel::High, "2026-11-19"),
        ("medium old", CLIENT, RiskLevel::Medium, "2026-11-02"),
        ("high old", OTHER, RiskLevel::High, "2026-11-03"),
        ("high resolved", CLIENT, RiskLevel::High, "2026-10-15"),
        ("medium same day, raised second", OTHER, RiskLevel::Medium, "2026-11-02"),
    ] {
        let new = NewRiskFlag {
            client_id: Some(client.into()),
            source: RiskSource::Mentor,
            level,
            description: name.into(),
            raised_on: day(raised_on),
        };
        ids.insert(name, clinical::raise_risk_flag(&vault, new).await.expect("raise").id);
    }
    clinical::resolve_risk_flag(&vault, &ids["high resolved"], day("2026-10-16"), "Crisis team visited")
        .await
        .expect("resolve");
    let expected = ["high old", "high new", "medium old", "medium same day, raised second", "medium new", "low old"];
    let open = clinical::list_open_risk_flags(&vault).await.expect("open");
    assert_eq!(open.iter().map(|f| f.description.as_str()).collect::<Vec<_>>(), expected);
    let board = clinical::clinical_attention(&vault, day("2026-11-21")).await.expect("dashboard");
    assert_eq!(board.open_risk_flags.iter().map(|f| f.description.as_str()).collect::<Vec<_>>(), expected);
    // The client's own list keeps the resolved one, with what was done.
    let history = clinical::list_risk_flags(&vault, Some(CLIENT), true).await.expect("history");
    let resolved: Vec<_> = history.iter().filter(|f| !f.is_open()).collect();
    assert_eq!(resolved.len(), 1);
    assert_eq!(resolved[0].resolution_note.as_deref(), Some("Crisis team visited"));
}

#[tokio::test]
async fn k10_is_recorded_scheduled_and_survives_reopen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let k10 = NewMeasure {
        client_id: Some(CLIENT.into()),
        instrument: Instrument::K10,
        administered_on: day("2026-11-02"),
        answers: [3, 3, 2, 3, 2, 2, 3, 3, 2, 2].map(Some).to_vec(),
        functional_difficulty: None,
        notes: String::new(),
    };
    let recorded = clinical::record_measure(&vault, k10.clone()).await.expect("record K10");
    assert_eq!(
        (
            recorded.administration.total,
            recorded.administration.band.as_str(),
            recorded.administration.band_label.as_str()
        ),
        (25, "high", "High distress")
    );
    assert!(recorded.risk_flag.is_none());
    // The K10 asks no functional-difficulty question, and 0 is not one of its answers.
    let err = clinical::record_measure(&vault, NewMeasure { functional_difficulty: Some(1), ..k10.clone() })
        .await
        .expect_err("no difficulty question");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "functional difficulty"), "{err}");
    let mut zero = k10.clone();
    zero.answers[0] = Some(0);
    assert!(clinical::record_measure(&vault, zero).await.is_err());
    let schedule = clinical::set_measure_schedule(
        &vault,
        NewMeasureSchedule {
            client_id: Some(CLIENT.into()),
            instrument: Instrument::K10,
            every_days: 28,
            starts_on: day("2026-11-02"),
        },
    )
    .await
    .expect("K10 schedule");

    let vault = reopen(dir.path(), vault).await;
    let history = clinical::score_history(&vault, Some(CLIENT), Instrument::K10).await.expect("history");
    assert_eq!(history.iter().map(|p| p.total).collect::<Vec<_>>(), vec![25]);
    let due = clinical::list_measures_due(&vault, day("2026-12-03")).await.expect("due");
    assert_eq!(
        due.iter().map(|d| (d.schedule.id.as_str(), d.due_on, d.days_overdue)).collect::<Vec<_>>(),
        vec![(schedule.id.as_str(), day("2026-11-30"), 3)]
    );
}
