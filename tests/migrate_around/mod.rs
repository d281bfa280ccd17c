//! A database migrated to just before one migration, and then past it: for the tests that check
//! what a migration does to rows written before it (`tests/migration_*.rs`,
//! `tests/search_referrals.rs`). Plain SQLite in memory, no vault: the rows are written as an
//! older build left them.

use sqlx::ConnectOptions;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use wellkept::vault::MIGRATOR;

/// A fresh in-memory database (foreign keys on) with every migration before `version` applied.
pub async fn before(version: i64) -> SqliteConnection {
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    apply(&mut conn, |v| v < version).await;
    conn
}

/// Applies migration `version` and every one after it.
pub async fn from(conn: &mut SqliteConnection, version: i64) {
    apply(conn, |v| v >= version).await;
}

async fn apply(conn: &mut SqliteConnection, wanted: impl Fn(i64) -> bool) {
    for m in MIGRATOR.iter().filter(|m| m.migration_type.is_up_migration() && wanted(m.version)) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut *conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
}
