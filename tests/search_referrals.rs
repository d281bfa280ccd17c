//! Referrals in search (found trying the app: "referred to the eating disorder service" could not
//! be found, though search says it looks in everything): the exact hit a person reads — the kind,
//! the client, the title as the referrals list reads, the matching words — and that the trash,
//! a client in the trash, an edit and a reopen keep it true. Also the migration that indexes the
//! referrals an existing vault already holds (20261212020000_referrals_search.sql).

mod common;
mod migrate_around;
mod practice_fixtures;

use practice_fixtures::{client, day, reopen};
use sqlx::Row;
use wellkept::clinical::{self, ReferralInput, ReferralStatus};
use wellkept::practice::clients;
use wellkept::search::{self, SearchHit, SearchQuery, SnippetPart};
use wellkept::vault::Vault;

async fn find(vault: &Vault, text: &str) -> Vec<SearchHit> {
    search::search(vault, SearchQuery { text: text.into(), ..Default::default() }).await.expect("search").hits
}

fn part(text: &str, highlight: bool) -> SnippetPart {
    SnippetPart { text: text.into(), highlight }
}

fn eating_disorder_referral(client_id: Option<String>) -> ReferralInput {
    ReferralInput {
        client_id,
        referred_to: "Eating Disorder Service".into(),
        reason: "Restricting food since the summer; her GP agrees".into(),
        referred_on: day(2026, 3, 20),
        status: ReferralStatus::Sent,
        follow_up_on: Some(day(2026, 4, 3)),
        notes: "Talked it through with her first; she chose the Leeds clinic.".into(),
    }
}

#[tokio::test]
async fn a_referral_is_found_by_what_was_typed_in_it_until_it_is_in_the_trash() {
    let dir = tempfile::tempdir().expect("tempdir");
    let vault = common::create_vault(dir.path()).await.vault;
    let sam = client(&vault, "Sam Patel").await;
    let referral = clinical::add_referral(&vault, eating_disorder_referral(Some(sam.clone()))).await.expect("add");
    let expected = SearchHit {
        kind: "referral".into(),
        label: "Referral".into(),
        id: referral.id.clone(),
        title: "Sam Patel → Eating Disorder Service".into(),
        snippet: vec![part("Restricting", true), part(" food since the summer; her GP agrees", false)],
        date: Some(day(2026, 3, 20)),
        client_id: Some(sam.clone()),
        rank: 0.0,
    };
    let without_rank =
        |hits: Vec<SearchHit>| hits.into_iter().map(|h| SearchHit { rank: 0.0, ..h }).collect::<Vec<_>>();

    // The reason, the service referred to, and the notes are each found.
    assert_eq!(without_rank(find(&vault, "restricting").await), std::slice::from_ref(&expected));
    let by_service = find(&vault, "\"eating disorder\"").await;
    assert_eq!(by_service.iter().map(|h| h.id.as_str()).collect::<Vec<_>>(), [referral.id.as_str()]);
    assert_eq!(
        by_service[0].snippet,
        [part("Eating Disorder", true), part(" Service", false)],
        "the service's name, where it matched"
    );
    assert_eq!(find(&vault, "leeds clinic").await.len(), 1, "the notes");
    // The kind filter (the window's "Show" menu) offers referrals and keeps to them.
    assert!(search::search_kinds().contains(&("referral", "Referral")));
    let only = SearchQuery { text: "restricting".into(), kinds: vec!["referral".into()], ..Default::default() };
    assert_eq!(without_rank(search::search(&vault, only).await.expect("search").hits), std::slice::from_ref(&expected));

    // In the trash: not found; restored: found again.
    clinical::delete_referral(&vault, &referral.id).await.expect("delete");
    assert!(find(&vault, "restricting").await.is_empty(), "a referral in the trash is not found");
    clinical::restore_referral(&vault, &referral.id).await.expect("restore");
    assert_eq!(without_rank(find(&vault, "restricting").await), std::slice::from_ref(&expected));

    // While its client is in the trash it is hidden, as their notes and goals are.
    clients::delete_client(&vault, &sam).await.expect("client to the trash");
    assert!(find(&vault, "restricting").await.is_empty(), "hidden with its client");
    clients::restore_client(&vault, &sam).await.expect("client back");
    assert_eq!(without_rank(find(&vault, "restricting").await), std::slice::from_ref(&expected));

    // An edit changes what is found, and it all holds across a reopen.
    let mut edit = eating_disorder_referral(None);
    edit.reason = "Skipping meals; low weight".into();
    clinical::update_referral(&vault, &referral.id, edit).await.expect("edit");
    assert!(find(&vault, "restricting").await.is_empty(), "the old words leave the index");
    drop(vault);
    let vault = reopen(dir.path()).await;
    let hits = without_rank(find(&vault, "skipping").await);
    assert_eq!(hits.len(), 1);
    assert_eq!((hits[0].title.as_str(), hits[0].client_id.as_deref()), (expected.title.as_str(), Some(sam.as_str())));

    // The owner's own referral reads "To …".
    let own =
        clinical::add_referral(&vault, ReferralInput { reason: "My own GP".into(), ..eating_disorder_referral(None) })
            .await
            .expect("own");
    let hits = find(&vault, "\"my own gp\"").await;
    assert_eq!(
        hits.iter().map(|h| (h.id.as_str(), h.title.as_str(), h.client_id.as_deref())).collect::<Vec<_>>(),
        [(own.id.as_str(), "To Eating Disorder Service", None)]
    );
}

const SEARCH_MIGRATION: i64 = 20261212020000;

async fn matches(conn: &mut sqlx::SqliteConnection, text: &str) -> Vec<String> {
    sqlx::query(
        "SELECT r.id FROM referrals_fts f JOIN referrals r ON r.rowid = f.rowid WHERE referrals_fts MATCH ? ORDER BY r.id",
    )
    .bind(text)
    .fetch_all(&mut *conn)
    .await
    .expect("match")
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect()
}

#[tokio::test]
async fn referrals_written_before_the_migration_are_indexed_and_later_changes_follow() {
    let mut conn = migrate_around::before(SEARCH_MIGRATION).await;
    sqlx::raw_sql(
        "INSERT INTO referrals (id, created_at, updated_at, client_id, referred_to, reason, referred_on, status, notes,
            deleted_at)
         VALUES ('a', '2026-03-20T09:00:00Z', '2026-03-20T09:00:00Z', 'c1', 'Eating Disorder Service',
                 'Restricting food', '2026-03-20', 'sent', 'Leeds clinic', NULL),
                ('b', '2026-03-21T09:00:00Z', '2026-03-21T09:00:00Z', 'c1', 'Citizens Advice', 'Debt',
                 '2026-03-21', 'draft', '', '2026-03-22T09:00:00Z');",
    )
    .execute(&mut conn)
    .await
    .expect("referrals written before the migration");
    migrate_around::from(&mut conn, SEARCH_MIGRATION).await;
    assert_eq!(matches(&mut conn, "eating").await, ["a"]);
    assert_eq!(matches(&mut conn, "restricting").await, ["a"]);
    assert_eq!(matches(&mut conn, "leeds").await, ["a"]);
    assert_eq!(matches(&mut conn, "debt").await, ["b"], "one in the trash is indexed, for when it is restored");

    sqlx::raw_sql("UPDATE referrals SET reason = 'Skipping meals' WHERE id = 'a'")
        .execute(&mut conn)
        .await
        .expect("edit");
    assert!(matches(&mut conn, "restricting").await.is_empty());
    assert_eq!(matches(&mut conn, "skipping").await, ["a"]);
    sqlx::raw_sql("DELETE FROM referrals WHERE id = 'b'").execute(&mut conn).await.expect("purge");
    assert!(matches(&mut conn, "debt").await.is_empty());
}
