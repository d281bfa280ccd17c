//! Search over a generated corpus of session notes and clients: what FTS returns must equal what
//! a plain scan of the same generated text says should match (prefix match on every word,
//! diacritics ignored), across a reopen.

mod common;
mod practice_fixtures;

use std::collections::BTreeSet;

use practice_fixtures::{client, day, reopen};
use wellkept::practice::clients::{self, ClientFilter};
use wellkept::practice::notes::{self, NewSessionNote, NoteDraft, NoteFilter, SessionMode};
use wellkept::practice::templates::{NoteSection, NoteTemplate};

const WORDS: &[&str] = &[
    "sleep",
    "sleepless",
    "anxiety",
    "anxious",
    "panic",
    "work",
    "workload",
    "family",
    "grief",
    "walk",
    "café",
    "breathing",
    "diary",
    "mood",
    "low",
    "housing",
    "debt",
    "exercise",
    "friends",
    "music",
    "garden",
    "cooking",
];

/// A small deterministic generator (64-bit LCG), so the corpus is the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        usize::try_from((self.0 >> 33) % n as u64).expect("small number")
    }
}

/// Words of a text folded the way the index folds them (lower case, no diacritics).
fn folded_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase().replace('é', "e"))
        .collect()
}

/// Whether every query word is a prefix of some word of the text.
fn scan_matches(text: &str, query: &str) -> bool {
    let words = folded_words(text);
    folded_words(query).iter().all(|q| words.iter().any(|w| w.starts_with(q.as_str())))
}

#[tokio::test]
async fn note_search_matches_a_plain_scan_of_a_generated_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let clients_ids = [client(&vault, "Ana Ruiz").await, client(&vault, "Ben Okafor").await];
    let mut rng = Lcg(20261123);
    let mut corpus: Vec<(String, String)> = Vec::new(); // (note id, text)
    for i in 0..150 {
        let sentence =
            |rng: &mut Lcg, n: usize| (0..n).map(|_| WORDS[rng.next(WORDS.len())]).collect::<Vec<_>>().join(" ");
        let subjective = sentence(&mut rng, 6);
        let plan = sentence(&mut rng, 3);
        let draft = NoteDraft {
            // 2025: every day of the corpus has passed (a note of a session to come is refused).
            session_date: day(2025, 1 + u32::try_from(i % 12).expect("month"), 1 + u32::try_from(i % 28).expect("day")),
            duration_minutes: 50,
            mode: SessionMode::InPerson,
            template: NoteTemplate::Soap,
            sections: vec![
                NoteSection { key: "subjective".into(), text: subjective.clone() },
                NoteSection { key: "plan".into(), text: plan.clone() },
            ],
            goal_ids: vec![],
        };
        let client_id = clients_ids[i % 2].clone();
        let note = notes::add_note(&vault, NewSessionNote { client_id, draft }).await.expect("add note");
        corpus.push((note.id, format!("Subjective {subjective} Plan {plan}")));
    }
    drop(vault);
    let vault = reopen(dir.path()).await;

    for query in ["sleep", "sleepl", "anx", "panic work", "cafe", "CAFÉ", "grief diary walk", "housing debt", "zebra"]
    {
        let expected: BTreeSet<String> =
            corpus.iter().filter(|(_, text)| scan_matches(text, query)).map(|(id, _)| id.clone()).collect();
        let found = notes::list_notes(&vault, NoteFilter { text: Some(query.into()), ..Default::default() });
        let found: BTreeSet<String> = found.await.expect("search").into_iter().map(|n| n.id).collect();
        assert_eq!(found, expected, "query {query:?}");
    }
    // The generator must have produced both hits and misses, or the comparison proves little.
    let hits = corpus.iter().filter(|(_, t)| scan_matches(t, "sleep")).count();
    assert!(hits > 10 && hits < 150, "{hits} notes mention sleep");
}

#[tokio::test]
async fn client_search_covers_names_and_notes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let mut rng = Lcg(7);
    let mut corpus = Vec::new();
    for i in 0..60 {
        let notes = (0..4).map(|_| WORDS[rng.next(WORDS.len())]).collect::<Vec<_>>().join(", ");
        let details =
            clients::ClientDetails { name: format!("Client {i} Müller"), notes: notes.clone(), ..Default::default() };
        let c = clients::add_client(&vault, details).await.expect("add client");
        corpus.push((c.id, format!("Client {i} Müller {notes}")));
    }
    for query in ["muller", "garden", "music friends", "client 4"] {
        let fold = |t: &str| t.replace('ü', "u");
        let expected: BTreeSet<String> =
            corpus.iter().filter(|(_, t)| scan_matches(&fold(t), &fold(query))).map(|(id, _)| id.clone()).collect();
        let found = clients::list_clients(&vault, ClientFilter { text: Some(query.into()), ..Default::default() });
        let found: BTreeSet<String> = found.await.expect("search").into_iter().map(|c| c.id).collect();
        assert_eq!(found, expected, "query {query:?}");
    }
}
