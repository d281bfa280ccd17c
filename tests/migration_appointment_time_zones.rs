//! The migration that keeps appointments in a time zone (20261202010000_appointment_time_zones.sql)
//! and the step that follows it when a vault opens (`adopt_local_zone`): an appointment booked
//! before, stored as UTC instants, keeps its first instant and gets its local time in the
//! computer's zone; a weekly series that crosses the October change is from then on at the same
//! local time; and each recorded outcome or move still belongs to the session it was recorded
//! for (the k-th stays the k-th) under its new key.

use chrono::{DateTime, Utc};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};
use wellkept::practice::appointments::{self, Appointment, TIME_ZONE_MIGRATION, Tz};
use wellkept::vault::MIGRATOR;

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).expect("time").with_timezone(&Utc)
}

async fn migrate(conn: &mut SqliteConnection, version_ok: fn(i64) -> bool) {
    for m in MIGRATOR.iter().filter(|m| m.migration_type.is_up_migration() && version_ok(m.version)) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut *conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
}

async fn before_the_migration() -> SqliteConnection {
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    migrate(&mut conn, |v| v < TIME_ZONE_MIGRATION).await;
    // A weekly 10:00 (BST) series booked before: four sessions at 09:00 UTC, the old way, the
    // last two of them after the clocks went back on 25 October. One single appointment.
    sqlx::raw_sql(
        "INSERT INTO clients (id, created_at, updated_at, name) VALUES ('c1', '2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z', 'Ana Ruiz'); \
         INSERT INTO appointments (id, created_at, updated_at, client_id, starts_at, ends_at, mode, recurrence, \
           repeat_count) VALUES ('a1', '2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z', 'c1', '2026-10-12T09:00:00.000Z', '2026-10-12T09:50:00.000Z', \
           'in_person', 'weekly', 4), \
           ('a2', '2026-10-01T08:00:00.000Z', '2026-10-01T08:00:00.000Z', 'c1', '2026-12-01T15:30:00.000Z', '2026-12-01T16:20:00.000Z', 'video', 'none', NULL); \
         INSERT INTO appointment_exceptions (appointment_id, occurrence_start, status, starts_at, ends_at, updated_at) \
         VALUES ('a1', '2026-10-19T09:00:00.000Z', 'attended', NULL, NULL, 't'), \
                ('a1', '2026-10-26T09:00:00.000Z', 'cancelled', NULL, NULL, 't'), \
                ('a1', '2026-11-02T09:00:00.000Z', 'scheduled', '2026-11-03T12:00:00.000Z', \
                 '2026-11-03T12:50:00.000Z', 't'), \
                ('a2', '2026-12-01T15:30:00.000Z', 'no_show', NULL, NULL, 't');",
    )
    .execute(&mut conn)
    .await
    .expect("rows before the migration");
    conn
}

async fn exceptions(conn: &mut SqliteConnection) -> Vec<(String, DateTime<Utc>, String, Option<DateTime<Utc>>)> {
    sqlx::query_as(
        "SELECT appointment_id, occurrence_start, status, starts_at FROM appointment_exceptions
         ORDER BY appointment_id, occurrence_start",
    )
    .fetch_all(conn)
    .await
    .expect("exceptions")
}

#[tokio::test]
async fn the_migration_alone_keeps_every_instant_in_utc() {
    let mut conn = before_the_migration().await;
    migrate(&mut conn, |v| v >= TIME_ZONE_MIGRATION).await;
    let rows: Vec<Appointment> =
        sqlx::query_as("SELECT * FROM appointments ORDER BY id").fetch_all(&mut conn).await.expect("rows");
    assert_eq!(rows[0].time_zone, "UTC");
    assert_eq!(rows[0].local_start.to_string(), "2026-10-12 09:00:00");
    // In UTC every old occurrence is where it was, so every outcome still matches.
    let starts = rows[0].occurrences_between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    assert_eq!(
        starts,
        [
            at("2026-10-12T09:00:00Z"),
            at("2026-10-19T09:00:00Z"),
            at("2026-10-26T09:00:00Z"),
            at("2026-11-02T09:00:00Z")
        ]
    );
    for (id, start, _, _) in exceptions(&mut conn).await {
        let a = rows.iter().find(|a| a.id == id).expect("its appointment");
        assert!(a.has_occurrence(start), "{id} {start}");
    }
    // Moving to UTC is no change at all.
    assert_eq!(appointments::adopt_local_zone(&mut conn, Tz::UTC).await.expect("adopt"), 0);
}

#[tokio::test]
async fn opening_moves_appointments_to_the_local_zone_and_rekeys_their_outcomes() {
    let mut conn = before_the_migration().await;
    migrate(&mut conn, |v| v >= TIME_ZONE_MIGRATION).await;
    let moved = appointments::adopt_local_zone(&mut conn, chrono_tz::Europe::London).await.expect("adopt");
    assert_eq!(moved, 2);

    let rows: Vec<Appointment> =
        sqlx::query_as("SELECT * FROM appointments ORDER BY id").fetch_all(&mut conn).await.expect("rows");
    let (series, single) = (&rows[0], &rows[1]);
    assert_eq!(
        (series.time_zone.as_str(), series.local_start.to_string()),
        ("Europe/London", "2026-10-12 10:00:00".into())
    );
    assert_eq!(series.starts_at, at("2026-10-12T09:00:00Z"), "the first session keeps its instant");
    assert_eq!(
        (single.time_zone.as_str(), single.local_start.to_string()),
        ("Europe/London", "2026-12-01 15:30:00".into())
    );
    // From now on the series is 10:00 on the London clock: 09:00 UTC in BST, 10:00 UTC in GMT.
    let starts = series.occurrences_between(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
    assert_eq!(
        starts,
        [
            at("2026-10-12T09:00:00Z"),
            at("2026-10-19T09:00:00Z"),
            at("2026-10-26T10:00:00Z"),
            at("2026-11-02T10:00:00Z")
        ]
    );
    // Each outcome belongs to the same session as before: the third is still cancelled, the
    // fourth still moved to 3 November at noon; the ones before the change keep their keys.
    assert_eq!(
        exceptions(&mut conn).await,
        [
            ("a1".into(), at("2026-10-19T09:00:00Z"), "attended".into(), None),
            ("a1".into(), at("2026-10-26T10:00:00Z"), "cancelled".into(), None),
            ("a1".into(), at("2026-11-02T10:00:00Z"), "scheduled".into(), Some(at("2026-11-03T12:00:00Z"))),
            ("a2".into(), at("2026-12-01T15:30:00Z"), "no_show".into(), None),
        ]
    );
    for (id, start, _, _) in exceptions(&mut conn).await {
        let a = rows.iter().find(|a| a.id == id).expect("its appointment");
        assert!(a.has_occurrence(start), "{id} {start} is an occurrence after the move");
    }
    // Run again (the next open): nothing is left in UTC, nothing changes.
    assert_eq!(appointments::adopt_local_zone(&mut conn, chrono_tz::Europe::London).await.expect("again"), 0);
}
