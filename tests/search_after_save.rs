//! A journal entry is indexed for full-text search after its save is acknowledged, before the
//! next read (docs/decisions.md 61). These tests show search stays exact: right after each of
//! many saves, edits, trashings and purges (with no read between them, so the writes meet
//! entries not yet indexed), after a reopen that replays the change log, after a compaction,
//! and after a vault dropped with entries still waiting to be indexed. The oracle is a plain
//! scan of the rows (`LIKE`), not the index.

mod common;

use std::collections::BTreeMap;

use wellkept::journal::{JournalEntryUpdate, NewJournalEntry, entries};
use wellkept::keys::RecoveryKey;
use wellkept::search::{self, SearchQuery};
use wellkept::vault::{Unlock, Vault};
use wellkept::{params, trash};

/// The ids a search for `word` finds among journal entries, sorted.
async fn searched(vault: &Vault, word: &str) -> Vec<String> {
    let results = search::search(
        vault,
        SearchQuery { text: word.into(), kinds: vec!["journal_entry".into()], limit: 200, offset: 0 },
    )
    .await
    .expect("search");
    assert!(!results.has_more, "{word}: more than one page");
    let mut ids: Vec<String> = results.hits.into_iter().map(|h| h.id).collect();
    ids.sort();
    ids
}

/// The ids of the entries not in the trash whose title or body holds `word` as a word, by a
/// scan of the rows themselves: what an exact search must find.
async fn scanned(vault: &Vault, word: &str) -> Vec<String> {
    let rows = vault
        .fetch_all::<(String, String, String)>(
            "SELECT id, title, body FROM journal_entries WHERE deleted_at IS NULL ORDER BY id",
            params![],
        )
        .await
        .expect("scan");
    rows.into_iter()
        .filter(|(_, title, body)| {
            format!("{title} {body}").split(|c: char| !c.is_alphanumeric()).any(|w| w.eq_ignore_ascii_case(word))
        })
        .map(|(id, _, _)| id)
        .collect()
}

fn new_entry(title: String, body: String) -> NewJournalEntry {
    NewJournalEntry {
        entry_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
        title,
        body,
        tags: vec!["calm".into()],
        ..Default::default()
    }
}

/// Every word the tests look for, and what a search for each finds.
async fn all_results(vault: &Vault, words: &[String]) -> BTreeMap<String, Vec<String>> {
    let mut out = BTreeMap::new();
    for word in words {
        out.insert(word.clone(), searched(vault, word).await);
    }
    out
}

/// Saves 60 entries; after each, before anything else reads, some are edited (twice), trashed or
/// purged. A search right after each step finds exactly what a scan of the rows finds; so do the
/// same searches after a reopen (which replays the change log into a new index), after a
/// compaction and after a second reopen from the new snapshot.
#[tokio::test]
async fn a_search_right_after_each_save_finds_exactly_the_saved_entries_and_a_reopen_finds_the_same() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault_dir = dir.path().join("vault");
    let created = common::create_vault(&vault_dir).await;
    let recovery = created.recovery_key.expose().to_owned();
    let vault = created.vault;
    let mut words: Vec<String> = vec!["garden".into(), "kettle".into(), "harbour".into()];
    for i in 0..60 {
        let marker = format!("marker{i}");
        words.push(marker.clone());
        let saved = entries::add_entry(
            &vault,
            new_entry(format!("Evening {marker}"), format!("The garden after rain, {marker}, and the kettle.")),
        )
        .await
        .expect("save");
        if i % 5 == 1 {
            // Edited twice before anything read: the index never held the first wording.
            for (round, word) in ["harbour", "lantern"].iter().enumerate() {
                let edited = format!("edited{i}r{round}");
                words.push(edited.clone());
                entries::update_entry(
                    &vault,
                    &saved.id,
                    JournalEntryUpdate {
                        entry_date: saved.entry_date.into(),
                        title: format!("Morning {edited}"),
                        body: format!("By the {word}, {edited}."),
                        prompt: None,
                        mood: None,
                        tags: vec![],
                        base: None,
                    },
                )
                .await
                .expect("edit");
            }
            words.push("lantern".into());
        }
        if i % 7 == 3 {
            entries::delete_entry(&vault, &saved.id).await.expect("trash");
        }
        if i % 11 == 4 && i % 7 != 3 {
            entries::delete_entry(&vault, &saved.id).await.expect("trash");
            trash::purge_from_trash(&vault, "journal_entry", &saved.id).await.expect("purge");
        }
        for word in [marker.as_str(), "garden", "kettle", "harbour", "lantern"] {
            assert_eq!(searched(&vault, word).await, scanned(&vault, word).await, "after save {i}: {word}");
        }
        if i % 5 == 1 {
            for round in 0..2 {
                let edited = format!("edited{i}r{round}");
                assert_eq!(searched(&vault, &edited).await, scanned(&vault, &edited).await, "{edited}");
            }
            assert!(searched(&vault, &format!("edited{i}r0")).await.is_empty(), "the first wording is gone");
        }
    }
    words.sort();
    words.dedup();
    let before = all_results(&vault, &words).await;
    assert_eq!(before["garden"].len(), 60 - 9 - 5 - 10, "60 saved, 9 trashed, 5 purged, 10 others edited");
    assert_eq!(before["lantern"].len(), 12 - 2, "12 edited, one of them trashed and one purged");

    // Saved, edited and trashed with no read after: these are still waiting to be indexed when
    // the vault goes away without locking (as a process that dies does: nothing more is written).
    for i in 60..70 {
        let marker = format!("marker{i}");
        words.push(marker.clone());
        let saved = entries::add_entry(&vault, new_entry(format!("Late {marker}"), format!("garden {marker}")))
            .await
            .expect("save");
        if i == 61 {
            entries::delete_entry(&vault, &saved.id).await.expect("trash");
        }
    }
    drop(vault);
    let unlock = || Unlock::RecoveryKey(RecoveryKey::parse(&recovery).expect("key"));
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopen");
    let mut expected = before.clone();
    for i in 60..70 {
        let word = format!("marker{i}");
        let found = searched(&vault, &word).await;
        assert_eq!(found, scanned(&vault, &word).await, "{word} after the reopen");
        assert_eq!(found.len(), usize::from(i != 61), "{word}");
        expected.insert(word, found);
    }
    expected.insert("garden".into(), scanned(&vault, "garden").await);
    assert_eq!(expected["garden"].len(), 36 + 9);
    words.sort();
    words.dedup();
    let reopened = all_results(&vault, &words).await;
    assert_eq!(reopened, expected, "the replayed index finds what the live one did");

    vault.compact().await.expect("compact");
    assert_eq!(all_results(&vault, &words).await, expected, "after compaction");
    drop(vault);
    let vault = Vault::open(&vault_dir, unlock()).await.expect("reopen from the new snapshot");
    assert_eq!(all_results(&vault, &words).await, expected, "from the compacted snapshot");
    for word in &words {
        assert_eq!(searched(&vault, word).await, scanned(&vault, word).await, "{word}");
    }
    assert!(vault.verify(unlock()).await.expect("verify").current_ok());
}

/// Search ranks and snippets do not depend on when an entry was indexed: the same entries saved
/// one by one (each indexed before the next save, by a search) and saved with no read between
/// give identical hits, rank for rank and snippet for snippet.
#[tokio::test]
async fn indexing_later_ranks_and_highlights_exactly_as_indexing_at_once() {
    let texts: Vec<(String, String)> = (0..25)
        .map(|i| {
            (format!("Walk {i}"), format!("garden {} rain {} kettle", "garden ".repeat(i % 4), "quiet ".repeat(i % 3)))
        })
        .collect();
    let mut results = Vec::new();
    for read_between in [true, false] {
        let dir = tempfile::tempdir().expect("tempdir");
        let vault = common::create_vault(&dir.path().join("vault")).await.vault;
        let mut ids = Vec::new();
        for (title, body) in &texts {
            ids.push(entries::add_entry(&vault, new_entry(title.clone(), body.clone())).await.expect("save").id);
            if read_between {
                searched(&vault, "garden").await;
            }
        }
        let hits = search::search(&vault, SearchQuery { text: "garden rain".into(), limit: 200, ..Default::default() })
            .await
            .expect("search")
            .hits;
        // Ids differ between the two vaults: compare by position in the save order.
        let hits: Vec<(usize, String, String)> = hits
            .into_iter()
            .map(|h| {
                let at = ids.iter().position(|id| *id == h.id).expect("a saved entry");
                (at, format!("{:.9}", h.rank), h.snippet_text("[", "]"))
            })
            .collect();
        assert_eq!(hits.len(), 25);
        results.push(hits);
    }
    assert_eq!(results[0], results[1]);
}
