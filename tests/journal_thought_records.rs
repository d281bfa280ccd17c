//! Thought records against a real vault: a full record survives reopening with its hot thought
//! and re-ratings; updates, trash and validation that writes nothing.

mod common;

use chrono::NaiveDate;
use wellkept::Error;
use wellkept::journal::thought_records::{self, AutomaticThought, NewThoughtRecord, RatedMood, ThoughtRecordFilter};
use wellkept::vault::{Unlock, Vault};

fn record(day: u32, situation: &str) -> NewThoughtRecord {
    NewThoughtRecord {
        record_date: NaiveDate::from_ymd_opt(2026, 11, day),
        situation: situation.to_owned(),
        moods: vec![
            RatedMood { name: "anxious".into(), intensity: 85, rerated: None },
            RatedMood { name: "ashamed".into(), intensity: 40, rerated: None },
        ],
        automatic_thoughts: vec![
            AutomaticThought { text: "Everyone noticed my voice shaking".into(), belief: Some(90), hot: true },
            AutomaticThought { text: "They think I'm not up to the job".into(), belief: Some(60), hot: false },
        ],
        ..Default::default()
    }
}

#[tokio::test]
async fn a_worked_record_survives_reopen_with_hot_thought_and_rerated_moods() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let draft = thought_records::add_thought_record(&vault, record(3, "Presenting at the team meeting"))
        .await
        .expect("add draft");
    let mut worked = record(3, "Presenting at the team meeting");
    worked.evidence_for = "My hands shook at the start.".into();
    worked.evidence_against = "Two people asked follow-up questions; my manager said it was clear.".into();
    worked.balanced_thought = "I was nervous, and I still got the point across.".into();
    worked.balanced_belief = Some(70);
    worked.moods[0].rerated = Some(40);
    worked.moods[1].rerated = Some(10);
    let updated = thought_records::update_thought_record(&vault, &draft.id, worked, None).await.expect("update");
    drop(vault);

    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let got = thought_records::get_thought_record(&vault, &draft.id).await.expect("get");
    assert_eq!(got, updated);
    assert_eq!(got.hot_thought().map(|t| t.text.as_str()), Some("Everyone noticed my voice shaking"));
    assert_eq!(
        got.moods.iter().map(|m| (m.intensity, m.rerated)).collect::<Vec<_>>(),
        vec![(85, Some(40)), (40, Some(10))]
    );
    assert_eq!(got.balanced_belief, Some(70));
}

#[tokio::test]
async fn lists_newest_first_and_trash_hides_records_until_restored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let mut ids = Vec::new();
    for day in 1..=4 {
        ids.push(
            thought_records::add_thought_record(&vault, record(day, &format!("Situation {day}")))
                .await
                .expect("add")
                .id,
        );
    }
    thought_records::delete_thought_record(&vault, &ids[3]).await.expect("delete");
    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    let listed = thought_records::list_thought_records(&vault, ThoughtRecordFilter::default()).await.expect("list");
    assert_eq!(
        listed.items.iter().map(|r| r.situation.as_str()).collect::<Vec<_>>(),
        vec!["Situation 3", "Situation 2", "Situation 1"]
    );
    thought_records::restore_thought_record(&vault, &ids[3]).await.expect("restore");
    let filter = ThoughtRecordFilter { from: NaiveDate::from_ymd_opt(2026, 11, 4), ..Default::default() };
    let listed = thought_records::list_thought_records(&vault, filter).await.expect("list");
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].id, ids[3]);
}

#[tokio::test]
async fn inconsistent_records_are_refused_and_nothing_is_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let seq = vault.status().await.seq;
    let mut two_hot = record(1, "s");
    two_hot.automatic_thoughts[1].hot = true;
    let mut too_intense = record(1, "s");
    too_intense.moods[0].intensity = 120;
    let mut blank_thought = record(1, "s");
    blank_thought.automatic_thoughts[1].text = "   ".into();
    for (input, field) in [
        (two_hot, "hot thought"),
        (too_intense, "intensity of \"anxious\""),
        (blank_thought, "automatic thoughts"),
        (record(1, ""), "situation"),
    ] {
        match thought_records::add_thought_record(&vault, input).await {
            Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
            other => panic!("expected Invalid({field}), got {other:?}"),
        }
    }
    assert_eq!(vault.status().await.seq, seq, "nothing reached the journal");
    let listed = thought_records::list_thought_records(&vault, ThoughtRecordFilter::default()).await.expect("list");
    assert!(listed.items.is_empty());
}

/// A belief rating belongs to its balanced thought: clearing the balanced thought clears the
/// rating, so the next balanced thought written does not stand beside a figure given for other
/// words. (The window sends the stored rating back with every edit, and `thought edit --balanced
/// ""` kept it: it was stored, shown nowhere, and came back with the next thought.)
#[tokio::test]
async fn clearing_the_balanced_thought_clears_its_belief() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let mut worked = record(3, "Presenting at the team meeting");
    worked.balanced_thought = "I was nervous, and I still got the point across.".into();
    worked.balanced_belief = Some(70);
    let saved = thought_records::add_thought_record(&vault, worked.clone()).await.expect("add");
    assert_eq!(saved.balanced_belief, Some(70));

    worked.balanced_thought = "  ".into();
    let cleared = thought_records::update_thought_record(&vault, &saved.id, worked.clone(), None).await.expect("clear");
    assert_eq!((cleared.balanced_thought.as_str(), cleared.balanced_belief), ("", None));

    worked.balanced_thought = "One meeting does not decide my job.".into();
    worked.balanced_belief = cleared.balanced_belief;
    let rewritten = thought_records::update_thought_record(&vault, &saved.id, worked, None).await.expect("rewrite");
    assert_eq!(
        (rewritten.balanced_thought.as_str(), rewritten.balanced_belief),
        ("One meeting does not decide my job.", None)
    );
}
