//! Full-text search on a generated corpus in a real vault: 2,000 journal entries of filler text
//! with known words planted in known entries, plus one record of every other kind. Checks
//! counts, ranking, snippets, phrases, prefixes, diacritic folding, the trash, kind filters,
//! paging, hostile input, and that the index survives reopening.

mod common;

use chrono::{DateTime, NaiveDate};
use wellkept::journal::{activation, coping, entries, gratitude, mood, thought_records};
use wellkept::params;
use wellkept::search::{self, SearchQuery};
use wellkept::vault::{Unlock, Vault};

const CORPUS: usize = 2_000;

/// Filler vocabulary: none of these is a planted word or shares a prefix with one.
const FILLER: &[&str] = &[
    "morning",
    "light",
    "kitchen",
    "window",
    "tea",
    "train",
    "office",
    "meeting",
    "email",
    "lunch",
    "friend",
    "sister",
    "brother",
    "evening",
    "television",
    "book",
    "page",
    "garden",
    "rain",
    "cloud",
    "tired",
    "slept",
    "dream",
    "bus",
    "shop",
    "bread",
    "music",
    "song",
    "walked",
    "park",
    "dog",
    "cat",
    "thought",
    "felt",
    "today",
    "yesterday",
    "week",
    "plan",
    "list",
    "work",
    "desk",
    "chair",
    "phone",
    "called",
    "mother",
    "father",
    "dinner",
    "cooked",
    "pasta",
    "soup",
    "bed",
    "late",
    "early",
    "small",
    "big",
    "good",
    "bad",
    "okay",
    "better",
    "worse",
];

/// What was planted where, so the expected answers are computed, not typed in.
fn planted(i: usize) -> Vec<&'static str> {
    let mut words = Vec::new();
    if i % 100 == 7 {
        words.push("zebra");
    }
    if i % 250 == 3 {
        words.push("the quiet harbour at dusk");
    }
    if i % 250 == 4 {
        words.push("the harbour was never quiet");
    }
    if i % 700 == 5 {
        words.push("boats in the harbours");
    }
    if i % 400 == 9 {
        words.push("coffee at the café with a naïve résumé");
    }
    words
}

fn body(i: usize) -> String {
    // A small linear congruential generator: the same corpus every run.
    let mut state = (i as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let len = 30 + (i % 50);
    let mut words: Vec<&str> = (0..len)
        .map(|_| {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            FILLER[(state >> 33) as usize % FILLER.len()]
        })
        .collect();
    for (k, p) in planted(i).into_iter().enumerate() {
        words.insert((k * 7 + i) % words.len(), p);
    }
    words.join(" ")
}

fn count_planted(pred: impl Fn(&str) -> bool) -> usize {
    (0..CORPUS).filter(|i| planted(*i).iter().any(|p| pred(p))).count()
}

/// The corpus goes in with one statement of the test's own (a dated, titled entry per row).
const INSERT_ENTRY: &str =
    "INSERT INTO journal_entries(id, created_at, updated_at, entry_date, title, body) VALUES (?, ?, ?, ?, ?, ?)";

async fn build(dir: &std::path::Path) -> (Vault, Vec<String>) {
    wellkept::vault::allow_statements_for_tests(&[INSERT_ENTRY]);
    let vault = common::create_vault(dir).await.vault;
    let ids: Vec<String> = (0..CORPUS).map(|_| wellkept::vault::new_id()).collect();
    let rows = ids.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                let now = wellkept::vault::format_time(wellkept::vault::now());
                for (i, id) in rows.iter().enumerate() {
                    let day = NaiveDate::from_ymd_opt(2020, 1, 1).expect("valid date") + chrono::Days::new(i as u64);
                    w.exec(
                        INSERT_ENTRY,
                        params![id.as_str(), now.as_str(), now.as_str(), day, format!("Entry {i}"), body(i)],
                    )
                    .await?;
                }
                Ok(())
            })
        })
        .await
        .expect("write corpus");
    (vault, ids)
}

async fn find(vault: &Vault, text: &str) -> search::SearchResults {
    search::search(vault, SearchQuery { text: text.into(), limit: 200, ..Default::default() }).await.expect("search")
}

async fn count(vault: &Vault, text: &str) -> usize {
    let results = find(vault, text).await;
    assert!(!results.has_more, "{text}: more than one page");
    results.hits.len()
}

#[tokio::test]
async fn search_finds_exactly_the_planted_words_ranked_with_snippets() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, ids) = build(dir.path()).await;
    let day = NaiveDate::from_ymd_opt(2026, 11, 1);
    let titled = entries::add_entry(
        &vault,
        entries::NewJournalEntry {
            entry_date: day,
            title: "Zebra crossing".into(),
            body: "A long walk home past the zebra crossing and the park.".into(),
            ..Default::default()
        },
    )
    .await
    .expect("add");
    let zebras = count_planted(|p| p == "zebra");
    assert_eq!(zebras, 20);

    // Words, phrases, prefixes and folded diacritics, each against the planted truth.
    assert_eq!(count(&vault, "zebra").await, zebras + 1);
    assert_eq!(count(&vault, "ZEBRA").await, zebras + 1, "case is folded");
    let quiet_harbour = count_planted(|p| p.contains("quiet harbour"));
    let both_words = count_planted(|p| p.contains("quiet") && p.contains("harbour"));
    assert!(quiet_harbour > 0 && both_words > quiet_harbour);
    assert_eq!(count(&vault, "\"quiet harbour\"").await, quiet_harbour, "phrase");
    assert_eq!(count(&vault, "quiet harbour").await, both_words, "all words, any order");
    assert_eq!(count(&vault, "harbour").await, both_words, "plural is a different word");
    let harb = count_planted(|p| p.contains("harbour"));
    assert_eq!(count(&vault, "harb*").await, harb, "prefix finds harbour and harbours");
    let cafe = count_planted(|p| p.contains("café"));
    assert_eq!(count(&vault, "cafe").await, cafe, "diacritics are folded");
    assert_eq!(count(&vault, "CAFÉ").await, cafe);
    assert_eq!(count(&vault, "\"naive resume\"").await, cafe);
    assert_eq!(count(&vault, "caf*").await, cafe);
    assert_eq!(
        count(&vault, "zebra harbour").await,
        count_planted(|_| false)
            + (0..CORPUS)
                .filter(|i| {
                    let p = planted(*i);
                    p.contains(&"zebra") && p.iter().any(|x| x.contains("harbour"))
                })
                .count()
    );

    // Ranking: the entry with the word in its title comes first.
    let results = find(&vault, "zebra").await;
    assert_eq!(results.hits[0].id, titled.id, "title matches rank first");
    assert!(results.hits.windows(2).all(|w| w[0].rank <= w[1].rank), "sorted by rank");
    for hit in &results.hits {
        assert_eq!(hit.kind, "journal_entry");
        let marked: Vec<_> = hit.snippet.iter().filter(|p| p.highlight).collect();
        assert!(!marked.is_empty(), "snippet highlights the match: {:?}", hit.snippet);
        assert!(marked.iter().all(|p| p.text.eq_ignore_ascii_case("zebra")), "{:?}", hit.snippet);
        assert!(hit.snippet_text("[", "]").to_lowercase().contains("[zebra]"));
    }
    let folded = find(&vault, "cafe").await;
    assert!(
        folded.hits.iter().all(|h| h.snippet.iter().any(|p| p.highlight && p.text == "café")),
        "the original spelling is highlighted"
    );

    // The trash hides hits; restoring brings them back.
    let zebra_ids: Vec<&String> =
        ids.iter().enumerate().filter(|(i, _)| planted(*i).contains(&"zebra")).map(|(_, id)| id).collect();
    entries::delete_entry(&vault, zebra_ids[0]).await.expect("delete");
    entries::delete_entry(&vault, zebra_ids[1]).await.expect("delete");
    assert_eq!(count(&vault, "zebra").await, zebras - 1);
    entries::restore_entry(&vault, zebra_ids[1]).await.expect("restore");
    assert_eq!(count(&vault, "zebra").await, zebras);

    // Edits are searchable at once; the old words are gone.
    entries::update_entry(
        &vault,
        &titled.id,
        entries::JournalEntryUpdate {
            entry_date: day,
            title: "Crossing".into(),
            body: "Now about an okapi.".into(),
            ..Default::default()
        },
    )
    .await
    .expect("update");
    assert_eq!(count(&vault, "okapi").await, 1);
    assert_eq!(count(&vault, "zebra").await, zebras - 1);

    // The index is part of the vault: it survives reopening exactly.
    let before = find(&vault, "harb*").await;
    drop(vault);
    let vault = Vault::open(dir.path(), Unlock::Passphrase(common::passphrase())).await.expect("reopen");
    assert_eq!(find(&vault, "harb*").await, before);
    assert_eq!(count(&vault, "zebra").await, zebras - 1);
}

#[tokio::test]
async fn search_spans_every_kind_filters_by_kind_and_pages_without_gaps() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = build(dir.path()).await;
    let day = NaiveDate::from_ymd_opt(2026, 11, 1);
    let at = Some(DateTime::parse_from_rfc3339("2026-11-01T10:00:00+00:00").expect("valid time"));
    thought_records::add_thought_record(
        &vault,
        thought_records::NewThoughtRecord {
            record_date: day,
            situation: "A zebra at the zoo stared at me".into(),
            ..Default::default()
        },
    )
    .await
    .expect("add");
    mood::add_mood_checkin(
        &vault,
        mood::NewMoodCheckIn { at, mood: Some(6), note: "Drew a zebra".into(), ..Default::default() },
    )
    .await
    .expect("add");
    activation::add_activation(
        &vault,
        activation::NewActivation {
            activity: "Zebra painting".into(),
            at,
            status: activation::ActivationStatus::Done,
            mastery: None,
            pleasure: None,
            note: String::new(),
        },
    )
    .await
    .expect("add");
    gratitude::add_gratitude_entry(
        &vault,
        gratitude::NewGratitudeEntry {
            entry_date: day,
            items: vec![gratitude::GratitudeItem { thing: "Saw a zebra".into(), why: String::new() }],
        },
    )
    .await
    .expect("add");
    coping::add_coping_strategy(
        &vault,
        coping::NewCopingStrategy {
            name: "Zebra doodles".into(),
            description: String::new(),
            category: coping::CopingCategory::Distraction,
            helpfulness: None,
        },
    )
    .await
    .expect("add");

    let all = find(&vault, "zebra").await;
    let mut kinds: Vec<&str> = all.hits.iter().map(|h| h.kind.as_str()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    assert_eq!(
        kinds,
        vec!["activation", "coping_strategy", "gratitude", "journal_entry", "mood_checkin", "thought_record"]
    );
    assert_eq!(all.hits.len(), 20 + 5);
    let gratitude_hit = all.hits.iter().find(|h| h.kind == "gratitude").expect("gratitude hit");
    assert_eq!(gratitude_hit.title, "Gratitude · 2026-11-01");
    let mood_hit = all.hits.iter().find(|h| h.kind == "mood_checkin").expect("mood hit");
    assert_eq!(mood_hit.title, "Mood 6/10");

    let only = search::search(
        &vault,
        SearchQuery {
            text: "zebra".into(),
            kinds: vec!["thought_record".into(), "coping_strategy".into()],
            ..Default::default()
        },
    )
    .await
    .expect("filtered");
    assert_eq!(only.hits.len(), 2);
    assert!(matches!(
        search::search(
            &vault,
            SearchQuery { text: "zebra".into(), kinds: vec!["spaceship".into()], ..Default::default() }
        )
        .await,
        Err(wellkept::Error::Invalid { .. })
    ));

    // Pages of 7 stitch together into the single big page, in order, without duplicates.
    let mut stitched = Vec::new();
    let mut offset = 0;
    loop {
        let page = search::search(&vault, SearchQuery { text: "zebra".into(), limit: 7, offset, ..Default::default() })
            .await
            .expect("page");
        stitched.extend(page.hits.into_iter().map(|h| h.id));
        if !page.has_more {
            break;
        }
        offset += 7;
    }
    assert_eq!(stitched, all.hits.iter().map(|h| h.id.clone()).collect::<Vec<_>>());
}

#[tokio::test]
async fn hostile_or_empty_input_never_breaks_search() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (vault, _) = build(dir.path()).await;
    for input in [
        "",
        "   ",
        "\"",
        "\"\"\"",
        "*",
        "**",
        "zebra*  *",
        "AND",
        "OR OR",
        "NOT zebra",
        "zebra NOT",
        "NEAR(zebra harbour)",
        "title:zebra",
        "body:",
        "^zebra",
        "(zebra",
        "zebra)",
        "{zebra}",
        "zeb\"ra",
        "-zebra",
        "+zebra",
        "zebra:",
        "'",
        "\\",
        "\u{1}zebra\u{2}",
        "ζέβρα",
        "🦓",
        "%_",
        "; DROP TABLE journal_entries; --",
        "a\"b\"c\"",
    ] {
        let result = search::search(&vault, SearchQuery { text: input.into(), ..Default::default() }).await;
        assert!(result.is_ok(), "{input:?}: {result:?}");
    }
    // Operators are words: "NOT zebra" means both words, and "title:zebra" looks for those words.
    assert_eq!(count(&vault, "NOT zebra").await, 0, "no entry has the word 'not'");
    assert_eq!(count(&vault, "-zebra").await, 20, "a dash is punctuation, not exclusion");
    assert_eq!(common::count_entries(&vault).await, CORPUS as i64);
}

#[tokio::test]
async fn practice_records_are_searchable_and_a_trashed_client_hides_their_notes() {
    use wellkept::practice::{clients, notes};
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let client = clients::add_client(
        &vault,
        clients::NewClient {
            name: "Robin Okafor".into(),
            notes: "Prefers mornings; likes the marimba".into(),
            ..Default::default()
        },
    )
    .await
    .expect("add client");
    let note = notes::add_note(
        &vault,
        notes::NewSessionNote {
            client_id: client.id.clone(),
            draft: notes::NoteDraft {
                session_date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid date"),
                duration_minutes: 50,
                mode: Default::default(),
                template: Default::default(),
                sections: vec![],
                goal_ids: vec![],
            },
        },
    )
    .await
    .expect("add note");
    let draft = notes::NoteDraft {
        session_date: NaiveDate::from_ymd_opt(2026, 11, 2).expect("valid date"),
        duration_minutes: 50,
        mode: Default::default(),
        template: Default::default(),
        sections: vec![wellkept::practice::templates::NoteSection {
            key: "note".into(),
            text: "Talked about the marimba lessons".into(),
        }],
        goal_ids: vec![],
    };
    notes::save_note(&vault, &note.id, draft).await.expect("save note");

    let hits = find(&vault, "marimba").await.hits;
    let kinds: Vec<&str> = hits.iter().map(|h| h.kind.as_str()).collect();
    assert_eq!(kinds.len(), 2, "{hits:?}");
    assert!(kinds.contains(&"client") && kinds.contains(&"session_note"));
    let note_hit = hits.iter().find(|h| h.kind == "session_note").expect("note hit");
    assert_eq!(note_hit.title, "Session with Robin Okafor");
    assert_eq!(note_hit.client_id.as_deref(), Some(client.id.as_str()));

    clients::delete_client(&vault, &client.id).await.expect("delete client");
    assert_eq!(count(&vault, "marimba").await, 0, "a trashed client's records leave search");
    clients::restore_client(&vault, &client.id).await.expect("restore client");
    assert_eq!(count(&vault, "marimba").await, 2);
}
