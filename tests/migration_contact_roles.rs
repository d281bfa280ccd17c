//! The migration that gives contacts a role (20261202050000_contact_roles.sql): existing
//! contacts get the role the vault's own records say (a linked client record, then what they
//! sent, then the vault's purpose), or `unknown`; every row survives; `role_since` is when they
//! were confirmed; the CHECK refuses a role that is not one of the three; received items gain
//! an empty `declined_at`.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};
use wellkept::vault::MIGRATOR;

const ROLES_MIGRATION: i64 = 20261202050000;

async fn migrate(conn: &mut SqliteConnection, version_ok: impl Fn(i64) -> bool) {
    for m in MIGRATOR.iter().filter(|m| m.migration_type.is_up_migration() && version_ok(m.version)) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut *conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
}

/// Contacts c1..c5 (see below) in a vault whose purpose is `purpose` (or unset), migrated;
/// returns (id, role, role_since) of each.
async fn roles_after(purpose: Option<&str>) -> Vec<(String, String, String)> {
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    migrate(&mut conn, |v| v < ROLES_MIGRATION).await;
    let contact = |id: &str| {
        format!(
            "INSERT INTO contacts (id, display_name, card, verifying_key, fingerprint, confirmed_at, created_at) \
             VALUES ('{id}', 'Name {id}', 'card', 'key-{id}', 'fp', '2026-03-0{n}T10:00:00.000Z', 't');",
            n = &id[1..]
        )
    };
    let bundle = |id: &str, contact: &str, kind: &str| {
        format!(
            "INSERT INTO received_bundles (bundle_id, contact_id, kind, sender_name, sent_at, imported_at) \
             VALUES ('{id}', '{contact}', '{kind}', 'n', 't', 't');"
        )
    };
    let mut sql: String = ["c1", "c2", "c3", "c4", "c5", "c6"].iter().map(|id| contact(id)).collect();
    // c1: linked to a client record (and sent "from mentor" bundles: the record wins).
    sql += "INSERT INTO clients (id, created_at, updated_at, name, contact_id) VALUES ('k1', 't', 't', 'Jo', 'c1');";
    sql += &bundle("b1", "c1", "from_mentor");
    // c2: sent only "from mentor" shares; c3: only "from client"; c4: both kinds.
    sql += &bundle("b2", "c2", "from_mentor");
    sql += &bundle("b3", "c3", "from_client");
    sql += &bundle("b4", "c4", "from_client");
    sql += &bundle("b5", "c4", "from_mentor");
    // c5: sent nothing; c6: linked to a client record in the trash, sent nothing.
    sql += "INSERT INTO clients (id, created_at, updated_at, name, contact_id, deleted_at) \
            VALUES ('k6', 't', 't', 'Al', 'c6', 't');";
    sql += "INSERT INTO received_items (id, contact_id, bundle_id, item_id, kind, item, received_at) \
            VALUES ('r1', 'c2', 'b2', 'i1', 'safety_plan', '{}', 't');";
    if let Some(purpose) = purpose {
        sql += &format!("INSERT INTO settings (key, value) VALUES ('purpose', '\"{purpose}\"');");
    }
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await.expect("rows before the migration");
    migrate(&mut conn, |v| v >= ROLES_MIGRATION).await;

    let declined: Option<String> = sqlx::query_scalar("SELECT declined_at FROM received_items WHERE id = 'r1'")
        .fetch_one(&mut conn)
        .await
        .expect("the received item survives");
    assert_eq!(declined, None);
    let bad = sqlx::raw_sql("UPDATE contacts SET role = 'supervisor' WHERE id = 'c1'").execute(&mut conn).await;
    assert!(bad.is_err(), "only the three roles are stored");
    sqlx::query_as("SELECT id, role, role_since FROM contacts ORDER BY id").fetch_all(&mut conn).await.expect("roles")
}

fn expected(c5_and_c6: &str) -> Vec<(String, String, String)> {
    [
        ("c1", "my_client"),
        ("c2", "my_mentor"),
        ("c3", "my_client"),
        ("c4", "unknown"),
        ("c5", c5_and_c6),
        ("c6", c5_and_c6),
    ]
    .iter()
    .map(|(id, role)| ((*id).to_owned(), (*role).to_owned(), format!("2026-03-0{}T10:00:00.000Z", &id[1..])))
    .collect()
}

#[tokio::test]
async fn existing_contacts_get_the_role_their_records_say_or_unknown() {
    assert_eq!(roles_after(Some("journal")).await, expected("my_mentor"), "a journal vault's contacts are mentors");
    assert_eq!(roles_after(Some("mentor")).await, expected("my_client"), "a mentor's vault's contacts are clients");
    assert_eq!(roles_after(Some("both")).await, expected("unknown"));
    assert_eq!(roles_after(None).await, expected("unknown"));
}
