//! The migration that keys received shares by (contact, bundle id)
//! (20261202000500_received_bundles_by_contact.sql) rebuilds both exchange tables with foreign
//! keys off: every bundle and item survives with its rowid, items still point at their bundle,
//! foreign keys are enforced again, and the same bundle id from two contacts is now two bundles.

use sqlx::ConnectOptions;
use sqlx::sqlite::SqliteConnectOptions;
use wellkept::vault::MIGRATOR;

const MIGRATION: i64 = 20261202000500;

#[tokio::test]
async fn received_shares_survive_and_are_keyed_by_contact_and_bundle() {
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    let up_to = |ok: fn(i64) -> bool| {
        MIGRATOR
            .iter()
            .filter(move |m| m.migration_type.is_up_migration() && ok(m.version))
            .cloned()
            .collect::<Vec<_>>()
    };
    for m in up_to(|v| v < MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    sqlx::raw_sql(
        "INSERT INTO contacts (id, display_name, card, verifying_key, fingerprint, confirmed_at, created_at) VALUES \
         ('alice', 'Alice', 'card-a', 'key-a', 'fp-a', 't', 't'), ('mallory', 'Mallory', 'card-m', 'key-m', 'fp-m', 't', 't'); \
         INSERT INTO received_bundles (bundle_id, contact_id, kind, sender_name, sent_at, imported_at) VALUES \
         ('b1', 'alice', 'from_mentor', 'Alice', 't', 't'), ('b2', 'alice', 'from_mentor', 'Alice', 't', 't'); \
         INSERT INTO received_items (id, contact_id, bundle_id, item_id, kind, item, received_at, filed_as) VALUES \
         ('r1', 'alice', 'b1', 'i1', 'homework', '{}', 't', NULL), ('r2', 'alice', 'b2', 'i2', 'action_plan', '{}', 't', 'goal:g1');",
    )
    .execute(&mut conn)
    .await
    .expect("rows before the migration");
    let items = "SELECT rowid, id, contact_id, bundle_id, item_id, filed_as FROM received_items ORDER BY rowid";
    type Item = (i64, String, String, String, String, Option<String>);
    let before: Vec<Item> = sqlx::query_as(items).fetch_all(&mut conn).await.expect("before");

    for m in up_to(|v| v >= MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }

    let after: Vec<Item> = sqlx::query_as(items).fetch_all(&mut conn).await.expect("after");
    assert_eq!(after, before);
    let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys").fetch_one(&mut conn).await.expect("pragma");
    assert_eq!(fk, 1, "foreign keys are on again");
    let broken: Vec<(String,)> =
        sqlx::query_as("SELECT \"table\" FROM pragma_foreign_key_check").fetch_all(&mut conn).await.expect("check");
    assert!(broken.is_empty(), "{broken:?}");

    // Mallory's bundle under Alice's id is its own bundle now, not a duplicate of hers.
    sqlx::raw_sql(
        "INSERT INTO received_bundles (bundle_id, contact_id, kind, sender_name, sent_at, imported_at) \
         VALUES ('b1', 'mallory', 'from_mentor', 'Mallory', 't', 't')",
    )
    .execute(&mut conn)
    .await
    .expect("same id, another contact");
    let twice = sqlx::raw_sql(
        "INSERT INTO received_bundles (bundle_id, contact_id, kind, sender_name, sent_at, imported_at) \
         VALUES ('b1', 'alice', 'from_mentor', 'Alice', 't', 't')",
    )
    .execute(&mut conn)
    .await;
    assert!(twice.is_err(), "one contact's bundle once");
    // An item must belong to a bundle of the same contact.
    let crossed = sqlx::raw_sql(
        "INSERT INTO received_items (id, contact_id, bundle_id, item_id, kind, item, received_at) \
         VALUES ('r3', 'mallory', 'b2', 'i3', 'homework', '{}', 't')",
    )
    .execute(&mut conn)
    .await;
    assert!(crossed.is_err(), "Mallory has no bundle b2");
}
