//! The migration that indexes journal entries after their save (20261205010000): entries made
//! before it stay indexed; after it, a new entry is only noted until the vault indexes what is
//! noted; an edit or a delete of an entry not yet indexed leaves the index alone, one of an
//! indexed entry changes it at once. FTS5's own integrity check (which compares the index with
//! the rows, `rank` 1) passes once the noted entries are indexed, whatever the order of saves,
//! edits and deletes.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row};
use wellkept::vault::MIGRATOR;

const MIGRATION: i64 = 20261205010000;

/// What the vault runs before a read (`OpenState::index_pending`), without the pragmas.
const INDEX: &str = "INSERT INTO journal_entries_fts(rowid, title, body) \
    SELECT j.rowid, j.title, j.body FROM journal_entries_fts_pending p \
    JOIN journal_entries j ON j.rowid = p.entry_rowid ORDER BY p.entry_rowid; \
    DELETE FROM journal_entries_fts_pending";

async fn matches(conn: &mut sqlx::SqliteConnection, text: &str) -> Vec<String> {
    sqlx::query(
        "SELECT j.id FROM journal_entries_fts f JOIN journal_entries j ON j.rowid = f.rowid
         WHERE journal_entries_fts MATCH ? ORDER BY j.id",
    )
    .bind(text)
    .fetch_all(&mut *conn)
    .await
    .expect("match")
    .iter()
    .map(|r| r.get::<String, _>(0))
    .collect()
}

async fn pending(conn: &mut sqlx::SqliteConnection) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM journal_entries_fts_pending").fetch_one(&mut *conn).await.expect("count")
}

async fn run(conn: &mut sqlx::SqliteConnection, sql: &str) {
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut *conn)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

async fn integrity_check(conn: &mut sqlx::SqliteConnection) {
    run(conn, "INSERT INTO journal_entries_fts(journal_entries_fts, rank) VALUES ('integrity-check', 1)").await;
}

fn insert(id: &str, title: &str, body: &str) -> String {
    format!(
        "INSERT INTO journal_entries (id, created_at, updated_at, entry_date, title, body)
         VALUES ('{id}', '2026-11-04T09:00:00.000Z', '2026-11-04T09:00:00.000Z', '2026-11-04', '{title}', '{body}')"
    )
}

#[tokio::test]
async fn entries_made_before_stay_indexed_and_later_ones_are_indexed_when_noted_entries_are() {
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    let migrations = |version_ok: fn(i64) -> bool| {
        MIGRATOR
            .iter()
            .filter(move |m| m.migration_type.is_up_migration() && version_ok(m.version))
            .cloned()
            .collect::<Vec<_>>()
    };
    for m in migrations(|v| v < MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    run(&mut conn, &insert("a", "Old walk", "garden before")).await;
    run(&mut conn, &insert("b", "Old tea", "kettle before")).await;
    for m in migrations(|v| v >= MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    assert_eq!(pending(&mut conn).await, 0, "entries made before the migration are indexed already");
    assert_eq!(matches(&mut conn, "before").await, vec!["a", "b"]);
    integrity_check(&mut conn).await;

    // New entries are noted, not indexed.
    run(&mut conn, &insert("c", "New walk", "garden after")).await;
    run(&mut conn, &insert("d", "New tea", "kettle after")).await;
    run(&mut conn, &insert("e", "Gone", "heron after")).await;
    assert_eq!(pending(&mut conn).await, 3);
    assert!(matches(&mut conn, "after").await.is_empty());
    // Edits and deletes of entries not yet indexed, and of indexed ones.
    run(&mut conn, "UPDATE journal_entries SET body = 'lantern after' WHERE id = 'c'").await;
    run(&mut conn, "UPDATE journal_entries SET body = 'lantern twice after' WHERE id = 'c'").await;
    run(&mut conn, "DELETE FROM journal_entries WHERE id = 'e'").await;
    run(&mut conn, "UPDATE journal_entries SET body = 'harbour before' WHERE id = 'a'").await;
    run(&mut conn, "DELETE FROM journal_entries WHERE id = 'b'").await;
    assert_eq!(pending(&mut conn).await, 2, "the deleted entry is no longer noted");
    assert_eq!(matches(&mut conn, "harbour").await, vec!["a"], "an indexed entry's edit is indexed at once");
    assert!(matches(&mut conn, "kettle").await.is_empty(), "an indexed entry's delete too");
    // While entries are noted, SQLite's own check (what `verify` runs) passes: the index is
    // sound, it only lacks them; FTS5's comparison with the rows does not, until they are indexed.
    let pragma: String = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut conn).await.expect("pragma");
    assert_eq!(pragma, "ok");
    let compared =
        sqlx::raw_sql("INSERT INTO journal_entries_fts(journal_entries_fts, rank) VALUES ('integrity-check', 1)")
            .execute(&mut conn)
            .await;
    assert!(compared.is_err(), "the noted entries are not in the index yet");

    run(&mut conn, INDEX).await;
    assert_eq!(pending(&mut conn).await, 0);
    assert_eq!(matches(&mut conn, "after").await, vec!["c", "d"]);
    assert_eq!(matches(&mut conn, "lantern").await, vec!["c"]);
    assert_eq!(matches(&mut conn, "twice").await, vec!["c"]);
    assert!(matches(&mut conn, "heron").await.is_empty());
    assert!(matches(&mut conn, "garden").await.is_empty(), "neither a's nor c's first wording is left");
    integrity_check(&mut conn).await;

    // Once indexed, edits and deletes change the index at once, as before the migration.
    run(&mut conn, "UPDATE journal_entries SET title = 'Renamed' WHERE id = 'c'").await;
    run(&mut conn, "DELETE FROM journal_entries WHERE id = 'd'").await;
    assert_eq!(matches(&mut conn, "renamed").await, vec!["c"]);
    assert_eq!(matches(&mut conn, "after").await, vec!["c"], "d is gone");
    assert_eq!(pending(&mut conn).await, 0);
    integrity_check(&mut conn).await;
}
