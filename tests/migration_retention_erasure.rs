//! The migration that adds retention and the erasure log (20261203020000_retention_erasure.sql):
//! clients closed before it get a closed day (their end date, else the day the record last
//! changed); active clients get none; the finalised-note trigger still refuses to delete a
//! finalised note unless `erasures` names its client.

mod migrate_around;

use sqlx::Row;

const RETENTION_MIGRATION: i64 = 20261203020000;

#[tokio::test]
async fn closed_clients_get_their_closed_day_and_finalised_notes_stay_kept() {
    let mut conn = migrate_around::before(RETENTION_MIGRATION).await;
    sqlx::raw_sql(
        "INSERT INTO clients (id, created_at, updated_at, name, status, end_date) VALUES
           ('c1', '2018-01-01T09:00:00.000Z', '2019-02-03T10:00:00.000Z', 'Alex Morgan', 'closed', '2019-01-31'),
           ('c2', '2018-01-01T09:00:00.000Z', '2019-06-07T10:00:00.000Z', 'Bea Young', 'closed', NULL),
           ('c3', '2018-01-01T09:00:00.000Z', '2019-06-07T10:00:00.000Z', 'Cai Active', 'active', NULL);
         INSERT INTO session_notes (id, created_at, updated_at, client_id, session_date, duration_minutes, mode,
           template, sections, body, finalised_at)
         VALUES ('n1', '2019-01-02T09:00:00.000Z', '2019-01-02T09:00:00.000Z', 'c1', '2019-01-02', 50, 'video',
           'free', '[]', 'text', '2019-01-02T10:00:00.000Z');",
    )
    .execute(&mut conn)
    .await
    .expect("old rows");
    migrate_around::from(&mut conn, RETENTION_MIGRATION).await;
    let rows = sqlx::query("SELECT client_id, closed_on FROM client_retention ORDER BY client_id")
        .fetch_all(&mut conn)
        .await
        .expect("rows");
    let got: Vec<(String, Option<String>)> = rows.iter().map(|r| (r.get(0), r.get(1))).collect();
    assert_eq!(got, vec![("c1".into(), Some("2019-01-31".into())), ("c2".into(), Some("2019-06-07".into()))]);

    let err = sqlx::raw_sql("DELETE FROM session_notes WHERE id = 'n1'").execute(&mut conn).await.expect_err("kept");
    assert!(err.to_string().contains("finalised session notes are kept"), "{err}");
    sqlx::raw_sql(
        "INSERT INTO erasures (client_id, erased_at, reason, overridden) VALUES ('c2', '2026-12-02T09:00:00.000Z', 'retention_ended', 0)",
    )
    .execute(&mut conn)
    .await
    .expect("a tombstone for another client");
    assert!(sqlx::raw_sql("DELETE FROM session_notes WHERE id = 'n1'").execute(&mut conn).await.is_err(), "not c1's");
    sqlx::raw_sql(
        "INSERT INTO erasures (client_id, erased_at, reason, overridden) VALUES ('c1', '2026-12-02T09:00:00.000Z', 'retention_ended', 0)",
    )
    .execute(&mut conn)
    .await
    .expect("c1's tombstone");
    sqlx::raw_sql("DELETE FROM session_notes WHERE id = 'n1'").execute(&mut conn).await.expect("now it may go");
    let err = sqlx::raw_sql(
        "INSERT INTO erasures (client_id, erased_at, reason, overridden) VALUES ('c3', 'x', 'because', 0)",
    )
    .execute(&mut conn)
    .await
    .expect_err("unknown reason");
    assert!(err.to_string().contains("CHECK"), "{err}");
}
