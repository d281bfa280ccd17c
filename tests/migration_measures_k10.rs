//! The migration that lets the K10 into the measure tables (20261202000100_measures_k10.sql)
//! rebuilds two tables with foreign keys off: on a database holding measures, schedules and a
//! risk flag that points at a measure, every row survives with its rowid, the flag still points
//! at its measure, foreign keys are enforced again afterwards, and the widened CHECK takes 'k10'
//! while still refusing an unknown instrument.

mod migrate_around;

use sqlx::Row;

const K10_MIGRATION: i64 = 20261202000100;

#[tokio::test]
async fn the_k10_migration_keeps_every_row_and_the_flag_still_points_at_its_measure() {
    let mut conn = migrate_around::before(K10_MIGRATION).await;
    sqlx::raw_sql(
        "INSERT INTO measure_administrations (id, created_at, updated_at, client_id, instrument, administered_on, answers, \
         functional_difficulty, raw_score, total, band, notes) VALUES \
         ('m1', 't', 't', 'c1', 'phq9', '2026-03-01', '[0,0,0,0,0,0,0,0,1]', 2, 1, 1, 'minimal', 'first'), \
         ('m2', 't', 't', NULL, 'who5', '2026-03-02', '[3,3,3,2,2]', NULL, 13, 52, 'no_indication', ''); \
         INSERT INTO measure_schedules (id, created_at, updated_at, client_id, instrument, every_days, starts_on, paused) \
         VALUES ('s1', 't', 't', 'c1', 'phq9', 14, '2026-03-01', 1); \
         INSERT INTO risk_flags (id, created_at, updated_at, client_id, source, level, description, raised_on, measure_id) \
         VALUES ('f1', 't', 't', 'c1', 'measure', 'medium', 'item 9', '2026-03-01', 'm1');",
    )
    .execute(&mut conn)
    .await
    .expect("rows before the migration");
    let before: Vec<(i64, String)> = sqlx::query_as("SELECT rowid, id FROM measure_administrations ORDER BY rowid")
        .fetch_all(&mut conn)
        .await
        .expect("before");

    migrate_around::from(&mut conn, K10_MIGRATION).await;

    let after: Vec<(i64, String)> = sqlx::query_as("SELECT rowid, id FROM measure_administrations ORDER BY rowid")
        .fetch_all(&mut conn)
        .await
        .expect("after");
    assert_eq!(after, before);
    let m1 = sqlx::query("SELECT functional_difficulty, notes, band FROM measure_administrations WHERE id = 'm1'")
        .fetch_one(&mut conn)
        .await
        .expect("m1");
    assert_eq!(
        (m1.get::<i64, _>(0), m1.get::<String, _>(1), m1.get::<String, _>(2)),
        (2, "first".into(), "minimal".into())
    );
    let paused: i64 = sqlx::query_scalar("SELECT paused FROM measure_schedules WHERE id = 's1'")
        .fetch_one(&mut conn)
        .await
        .expect("schedule kept");
    assert_eq!(paused, 1);
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut conn).await.expect("pragma");
    assert_eq!(fk, 1, "foreign keys are on again");
    let broken: Vec<(String,)> =
        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&mut conn).await.expect("check");
    assert!(broken.is_empty(), "{broken:?}");
    let flagged: String = sqlx::query_scalar(
        "SELECT m.instrument FROM risk_flags f JOIN measure_administrations m ON m.id = f.measure_id",
    )
    .fetch_one(&mut conn)
    .await
    .expect("the flag's measure");
    assert_eq!(flagged, "phq9");
    // The flag still refers to the (rebuilt) measure table: a flag on a missing measure is refused.
    let err = sqlx::raw_sql(
        "INSERT INTO risk_flags (id, created_at, updated_at, client_id, source, level, description, raised_on, measure_id) \
         VALUES ('f2', 't', 't', 'c1', 'measure', 'low', 'x', '2026-03-01', 'missing')",
    )
    .execute(&mut conn)
    .await;
    assert!(err.is_err(), "foreign key enforced on the rebuilt table");

    sqlx::raw_sql(
        "INSERT INTO measure_schedules (id, created_at, updated_at, client_id, instrument, every_days, starts_on) \
         VALUES ('s2', 't', 't', 'c1', 'k10', 28, '2026-04-01')",
    )
    .execute(&mut conn)
    .await
    .expect("k10 allowed");
    let unknown = sqlx::raw_sql(
        "INSERT INTO measure_schedules (id, created_at, updated_at, client_id, instrument, every_days, starts_on) \
         VALUES ('s3', 't', 't', 'c1', 'k6', 28, '2026-04-01')",
    )
    .execute(&mut conn)
    .await;
    assert!(unknown.is_err(), "an unknown instrument is still refused");
    // One schedule per client and instrument is still enforced.
    let twice = sqlx::raw_sql(
        "INSERT INTO measure_schedules (id, created_at, updated_at, client_id, instrument, every_days, starts_on) \
         VALUES ('s4', 't', 't', 'c1', 'k10', 7, '2026-04-01')",
    )
    .execute(&mut conn)
    .await;
    assert!(twice.is_err(), "unique index rebuilt");
}
