//! Gratitude entries and the coping toolbox against a real vault: write, reopen, list, record
//! uses, add built-in suggestions once, trash, and validation that writes nothing.

mod common;

use chrono::{DateTime, NaiveDate, Utc};
use wellkept::Error;
use wellkept::journal::coping::{self, CopingCategory, NewCopingStrategy};
use wellkept::journal::gratitude::{self, GratitudeFilter, GratitudeItem, NewGratitudeEntry};
use wellkept::vault::{Unlock, Vault};

fn item(thing: &str, why: &str) -> GratitudeItem {
    GratitudeItem { thing: thing.into(), why: why.into() }
}

async fn reopen(dir: &std::path::Path) -> Vault {
    Vault::open(dir, Unlock::Passphrase(common::passphrase())).await.expect("reopen")
}

#[tokio::test]
async fn three_good_things_survive_reopen_and_list_newest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let first = gratitude::add_gratitude_entry(
        &vault,
        NewGratitudeEntry {
            entry_date: NaiveDate::from_ymd_opt(2026, 11, 1),
            items: vec![
                item("Coffee with Ana", "I asked her, for once"),
                item("Finished the report", "I split it into small parts"),
                item("The sunset", ""),
            ],
        },
    )
    .await
    .expect("add");
    let second = gratitude::add_gratitude_entry(
        &vault,
        NewGratitudeEntry { entry_date: NaiveDate::from_ymd_opt(2026, 11, 2), items: vec![item("Slept well", "")] },
    )
    .await
    .expect("add");
    drop(vault);

    let vault = reopen(dir.path()).await;
    assert_eq!(gratitude::get_gratitude_entry(&vault, &first.id).await.expect("get"), first);
    let listed = gratitude::list_gratitude_entries(&vault, GratitudeFilter::default()).await.expect("list");
    assert_eq!(
        listed.items.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(),
        vec![second.id.as_str(), first.id.as_str()]
    );
    assert_eq!(listed.items[1].items[1].why, "I split it into small parts");

    gratitude::delete_gratitude_entry(&vault, &second.id).await.expect("delete");
    let edit = NewGratitudeEntry { entry_date: NaiveDate::from_ymd_opt(2026, 11, 1), items: vec![item("Coffee", "")] };
    gratitude::update_gratitude_entry(&vault, &first.id, edit).await.expect("update");
    drop(vault);
    let vault = reopen(dir.path()).await;
    let listed = gratitude::list_gratitude_entries(&vault, GratitudeFilter::default()).await.expect("list");
    assert_eq!(listed.items.len(), 1);
    assert_eq!(listed.items[0].items, vec![item("Coffee", "")]);

    let seq = vault.status().await.seq;
    let empty = NewGratitudeEntry { entry_date: NaiveDate::from_ymd_opt(2026, 11, 3), items: vec![item("", "")] };
    assert!(
        matches!(gratitude::add_gratitude_entry(&vault, empty).await, Err(Error::Invalid { field, .. }) if field == "good thing")
    );
    let undated = NewGratitudeEntry { entry_date: None, items: vec![item("x", "")] };
    assert!(
        matches!(gratitude::add_gratitude_entry(&vault, undated).await, Err(Error::Invalid { field, .. }) if field == "date")
    );
    assert_eq!(vault.status().await.seq, seq, "nothing was written");
}

#[tokio::test]
async fn the_toolbox_keeps_strategies_uses_and_suggestions() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let own = coping::add_coping_strategy(
        &vault,
        NewCopingStrategy {
            name: "Weighted blanket".into(),
            description: "Lie under it for ten minutes".into(),
            category: CopingCategory::Soothing,
            helpfulness: Some(4),
        },
    )
    .await
    .expect("add own");
    let walk = coping::add_suggested_strategy(&vault, "walk").await.expect("add suggestion");
    assert_eq!(
        (walk.name.as_str(), walk.category, walk.suggestion_id.as_deref()),
        ("A short walk", CopingCategory::Movement, Some("walk"))
    );
    let again = coping::add_suggested_strategy(&vault, "walk").await.expect_err("already in the toolbox");
    assert!(matches!(again, Error::Invalid { ref field, .. } if field == "suggestion"), "{again}");
    assert!(matches!(coping::add_suggested_strategy(&vault, "no-such").await, Err(Error::Invalid { .. })));

    let later: DateTime<Utc> = "2026-11-10T10:00:00Z".parse().expect("valid time");
    let earlier: DateTime<Utc> = "2026-11-01T10:00:00Z".parse().expect("valid time");
    coping::record_coping_use(&vault, &walk.id, Some(later), Some(5)).await.expect("use");
    let used = coping::record_coping_use(&vault, &walk.id, Some(earlier), None).await.expect("older use");
    assert_eq!((used.times_used, used.last_used_at, used.helpfulness), (2, Some(later), Some(5)));
    drop(vault);

    let vault = reopen(dir.path()).await;
    let toolbox = coping::list_coping_strategies(&vault, None).await.expect("list");
    assert_eq!(
        toolbox.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(),
        vec![walk.id.as_str(), own.id.as_str()],
        "most helpful first"
    );
    let soothing = coping::list_coping_strategies(&vault, Some(CopingCategory::Soothing)).await.expect("list");
    assert_eq!(soothing.len(), 1);
    assert_eq!(coping::get_coping_strategy(&vault, &walk.id).await.expect("get").last_used_at, Some(later));

    let seq = vault.status().await.seq;
    assert!(
        matches!(coping::record_coping_use(&vault, &own.id, None, Some(0)).await, Err(Error::Invalid { field, .. }) if field == "helpfulness")
    );
    let unnamed = NewCopingStrategy {
        name: " ".into(),
        description: String::new(),
        category: CopingCategory::Grounding,
        helpfulness: None,
    };
    assert!(
        matches!(coping::add_coping_strategy(&vault, unnamed).await, Err(Error::Invalid { field, .. }) if field == "name")
    );
    assert_eq!(vault.status().await.seq, seq, "nothing was written");

    // A deleted suggestion can be added afresh; the trashed copy stays restorable.
    coping::delete_coping_strategy(&vault, &walk.id).await.expect("delete");
    coping::add_suggested_strategy(&vault, "walk").await.expect("add again after delete");
    coping::restore_coping_strategy(&vault, &walk.id).await.expect("restore");
    assert_eq!(coping::list_coping_strategies(&vault, Some(CopingCategory::Movement)).await.expect("list").len(), 2);
}
