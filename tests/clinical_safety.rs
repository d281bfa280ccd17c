//! Safety plans and the crisis-line directory against a real vault: versioned saves, one current
//! plan per client, built-in lines seeded, edited, hidden and added to; all across a reopen.

mod common;

use std::collections::BTreeMap;

use wellkept::Error;
use wellkept::clinical::{self, CrisisLineInput, CrisisLineKind, SafetyPlanItem, SafetyPlanSection as S};
use wellkept::vault::{Unlock, Vault};

const CLIENT: &str = "019a0000-0000-7000-8000-000000000001";

fn item(text: &str, contact: Option<&str>) -> SafetyPlanItem {
    SafetyPlanItem { text: text.into(), contact: contact.map(str::to_owned) }
}

async fn reopen(dir: &std::path::Path, vault: Vault) -> Vault {
    drop(vault);
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen")
}

#[tokio::test]
async fn every_save_keeps_the_previous_version_and_one_plan_stays_current() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let mut plan = BTreeMap::new();
    plan.insert(S::WarningSigns, vec![item("Lying awake past 3am", None), item("Cancelling on friends", None)]);
    plan.insert(S::PeopleToAskForHelp, vec![item("Priya (sister)", Some("07700 900123"))]);
    plan.insert(S::CrisisLines, vec![item("Samaritans", Some("116 123"))]);
    plan.insert(S::ReasonsForLiving, vec![item("Seeing my niece grow up", None)]);
    let v1 = clinical::save_safety_plan(&vault, Some(CLIENT), plan.clone()).await.expect("first save");
    assert_eq!((v1.version, v1.is_current), (1, true));

    // Saving the same content adds nothing.
    let same = clinical::save_safety_plan(&vault, Some(CLIENT), plan.clone()).await.expect("same");
    assert_eq!(same.id, v1.id);

    plan.insert(S::SafeEnvironment, vec![item("Ask Priya to keep the spare medication", None)]);
    plan.insert(S::InternalCoping, vec![item("Walk the canal path with music", None)]);
    let v2 = clinical::save_safety_plan(&vault, Some(CLIENT), plan.clone()).await.expect("second save");
    assert_eq!(v2.version, 2);

    // The owner's own plan is separate.
    let own = BTreeMap::from([(S::ReasonsForLiving, vec![item("My allotment", None)])]);
    let mine = clinical::save_safety_plan(&vault, None, own).await.expect("own plan");
    assert_eq!(mine.version, 1);

    // Bad input: a number in the wrong place, an empty plan. Nothing written.
    let seq = vault.status().await.seq;
    let bad = BTreeMap::from([(S::Professionals, vec![item("Dr Okafor (GP)", Some("ring the surgery"))])]);
    let err = clinical::save_safety_plan(&vault, Some(CLIENT), bad).await.expect_err("bad number");
    assert!(
        matches!(&err, Error::Invalid { field, .. } if field == "Professionals or agencies I can contact during a crisis, item 1"),
        "{err}"
    );
    let err = clinical::save_safety_plan(&vault, Some(CLIENT), BTreeMap::new()).await.expect_err("empty");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "safety plan"), "{err}");
    assert_eq!(vault.status().await.seq, seq);

    let vault = reopen(dir.path(), vault).await;
    let current = clinical::current_safety_plan(&vault, Some(CLIENT)).await.expect("read").expect("has a plan");
    assert_eq!((current.id.as_str(), current.version), (v2.id.as_str(), 2));
    assert_eq!(current.sections, plan);
    let versions = clinical::list_safety_plan_versions(&vault, Some(CLIENT)).await.expect("versions");
    assert_eq!(versions.iter().map(|p| (p.version, p.is_current)).collect::<Vec<_>>(), vec![(2, true), (1, false)]);
    let first = clinical::get_safety_plan(&vault, &v1.id).await.expect("old version");
    assert!(!first.sections.contains_key(&S::SafeEnvironment), "v1 is kept as it was");
    assert_eq!(clinical::current_safety_plan(&vault, None).await.expect("own").map(|p| p.id), Some(mine.id));

    let found = clinical::search_safety_plans(&vault, "canal").await.expect("search");
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].plan_id.as_str(), found[0].section.as_str()), (v2.id.as_str(), "internal_coping"));
    assert_eq!(clinical::search_safety_plans(&vault, "priya").await.expect("search").len(), 2, "current plan only");

    // After compaction the plan and its search index come back from the snapshot alone.
    vault.compact().await.expect("compact");
    let vault = reopen(dir.path(), vault).await;
    assert_eq!(vault.status().await.snapshot_seq, vault.status().await.seq, "nothing left to replay");
    let current = clinical::current_safety_plan(&vault, Some(CLIENT)).await.expect("read").expect("has a plan");
    assert_eq!(current.sections, plan);
    assert_eq!(clinical::search_safety_plans(&vault, "canal").await.expect("search").len(), 1);
}

#[tokio::test]
async fn built_in_crisis_lines_can_be_edited_hidden_and_added_to() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let uk = clinical::list_crisis_lines(&vault, Some("gb"), false).await.expect("GB lines");
    let names: Vec<_> = uk.iter().map(|l| (l.country.as_str(), l.contact.as_str())).collect();
    assert_eq!(
        names,
        vec![
            ("GB", "999"),
            ("GB", "116 123"),
            ("GB", "85258"),
            ("GB", "111"),
            ("INT", "112"),
            ("INT", "https://findahelpline.com")
        ]
    );
    let us = clinical::list_crisis_lines(&vault, Some("US"), false).await.expect("US lines");
    assert!(us.iter().any(|l| l.contact == "988" && l.kind == CrisisLineKind::CallOrText));
    assert!(us.iter().any(|l| l.contact == "741741" && l.how_to_reach == "Text HOME to 741741"));
    let countries = clinical::list_crisis_line_countries(&vault).await.expect("countries");
    assert_eq!(countries, vec!["AU", "CA", "DE", "GB", "IE", "NZ", "US", "INT"]);

    // Every built-in passes the same checks as a line the user types in, so editing one and
    // saving it unchanged never fails.
    for line in clinical::list_crisis_lines(&vault, None, true).await.expect("all lines") {
        assert!(line.built_in, "a new vault holds only built-ins");
        let same = CrisisLineInput {
            country: line.country.clone(),
            name: line.name.clone(),
            kind: line.kind,
            contact: line.contact.clone(),
            text_keyword: line.text_keyword.clone(),
            menu_option: line.menu_option.clone(),
            description: line.description.clone(),
            hours: line.hours.clone(),
        };
        let saved = clinical::update_crisis_line(&vault, &line.id, same).await.expect("built-in is valid input");
        assert_eq!((saved.contact, saved.name), (line.contact, line.name));
    }

    let shout = uk.iter().find(|l| l.name == "Shout").expect("Shout is built in");
    let err = clinical::delete_crisis_line(&vault, &shout.id).await.expect_err("built-ins are hidden, not deleted");
    assert_eq!(err.kind(), "read_only");
    clinical::set_crisis_line_hidden(&vault, &shout.id, true).await.expect("hide");
    let mut edited = CrisisLineInput {
        country: "GB".into(),
        name: "Samaritans".into(),
        kind: CrisisLineKind::Call,
        contact: "116 123".into(),
        text_keyword: String::new(),
        menu_option: String::new(),
        description: "Free from any phone. Welsh language line too.".into(),
        hours: "24/7".into(),
    };
    clinical::update_crisis_line(&vault, "builtin-gb-samaritans", edited.clone()).await.expect("edit built-in");
    edited.name = "Leeds Survivor-Led Crisis Service".into();
    edited.contact = "0808 800 1212".into();
    edited.hours = "6pm–2am".into();
    let own = clinical::add_crisis_line(&vault, edited.clone()).await.expect("add");
    assert!(!own.built_in);
    edited.contact = "ring them".into();
    let err = clinical::add_crisis_line(&vault, edited).await.expect_err("not a number");
    assert!(matches!(&err, Error::Invalid { field, .. } if field == "contact"), "{err}");

    let vault = reopen(dir.path(), vault).await;
    let uk = clinical::list_crisis_lines(&vault, Some("GB"), false).await.expect("GB lines");
    assert!(uk.iter().all(|l| l.name != "Shout"), "hidden");
    assert!(uk.iter().any(|l| l.id == own.id));
    let samaritans = uk.iter().find(|l| l.id == "builtin-gb-samaritans").expect("still there");
    assert!(samaritans.description.contains("Welsh"));
    let all = clinical::list_crisis_lines(&vault, Some("GB"), true).await.expect("with hidden");
    assert!(all.iter().any(|l| l.name == "Shout" && l.hidden));
    clinical::delete_crisis_line(&vault, &own.id).await.expect("delete own");
    assert!(clinical::list_crisis_lines(&vault, None, true).await.expect("all").iter().all(|l| l.id != own.id));
}

/// The directory a new vault holds is exactly the list shown before any vault is unlocked
/// (`BUILT_IN_CRISIS_LINES`), field for field, in the same order: the locked screen and the
/// unlocked dialog never disagree about a number or how to reach it (issue 8).
#[tokio::test]
async fn a_new_vault_holds_exactly_the_built_in_lines_the_locked_screen_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let seeded = clinical::list_crisis_lines(&vault, None, true).await.expect("all lines");
    let shown_locked = clinical::crisis_lines::built_in_crisis_lines();
    // Every field but the time of the seed, which a vault has and the locked list does not.
    let unstamped: Vec<clinical::CrisisLine> = seeded
        .iter()
        .cloned()
        .map(|l| clinical::CrisisLine { updated_at: chrono::DateTime::UNIX_EPOCH, ..l })
        .collect();
    assert_eq!(unstamped, shown_locked);
    let shout = seeded.iter().find(|l| l.id == "builtin-gb-shout").expect("Shout");
    assert_eq!((shout.country_name.as_str(), shout.how_to_reach.as_str()), ("United Kingdom", "Text SHOUT to 85258"));
    let nhs = seeded.iter().find(|l| l.id == "builtin-gb-nhs111").expect("NHS 111");
    assert_eq!(nhs.how_to_reach, "Call 111, then choose option 2");
}
