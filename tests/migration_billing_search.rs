//! The migration that puts invoices in search (20261203040000_billing_search.sql): invoices and
//! credit notes made before it are indexed by their number and the name billed to or the payer,
//! a draft with no number; later issues, discards and payer changes keep the index in step; line
//! descriptions are never indexed.

mod migrate_around;

use sqlx::Row;

const SEARCH_MIGRATION: i64 = 20261203040000;

async fn matches(conn: &mut sqlx::SqliteConnection, text: &str) -> Vec<String> {
    sqlx::query(
        "SELECT i.id FROM billing_invoices_fts f JOIN billing_invoices i ON i.rowid = f.rowid
         WHERE billing_invoices_fts MATCH ? ORDER BY i.id",
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
async fn invoices_made_before_are_indexed_and_later_changes_follow() {
    let mut conn = migrate_around::before(SEARCH_MIGRATION).await;
    let invoice = |id: &str, kind: &str, number: &str, status: &str, bill_to: &str, payer: &str| {
        format!(
            "INSERT INTO billing_invoices (id, kind, number, status, client_id, bill_to, payer, currency, subtotal_minor,
                tax_minor, total_minor, issued_on, created_at, updated_at)
             VALUES ('{id}', '{kind}', {number}, '{status}', 'c1', '{bill_to}', {payer}, 'GBP', 6500, 0, 6500,
                '2026-11-04', '2026-11-04T09:00:00Z', '2026-11-04T09:00:00Z');
             INSERT INTO billing_invoice_lines (invoice_id, position, description, net_minor, tax_minor)
             VALUES ('{id}', 1, 'Mentoring session, 2 Nov 2026', 6500, 0);"
        )
    };
    let old = [
        invoice("a", "invoice", "1", "issued", "Ana Ruiz", "'Maria Ruiz (parent)'"),
        invoice("b", "credit_note", "2", "issued", "Ana Ruiz", "NULL"),
        invoice("c", "invoice", "NULL", "draft", "Ben Okafor", "NULL"),
    ];
    sqlx::raw_sql(sqlx::AssertSqlSafe(old.concat()))
        .execute(&mut conn)
        .await
        .expect("invoices made before the migration");
    migrate_around::from(&mut conn, SEARCH_MIGRATION).await;
    assert_eq!(matches(&mut conn, "\"INV-0001\"").await, ["a"]);
    assert_eq!(matches(&mut conn, "\"CN-0002\"").await, ["b"]);
    assert_eq!(matches(&mut conn, "ruiz").await, ["a", "b"]);
    assert_eq!(matches(&mut conn, "maria").await, ["a"]);
    assert_eq!(matches(&mut conn, "okafor").await, ["c"]);
    assert!(matches(&mut conn, "mentoring").await.is_empty(), "lines are not indexed");

    // The draft is issued as number 3: found by its new number; then discarded ones leave.
    sqlx::raw_sql("UPDATE billing_invoices SET status = 'issued', number = 3 WHERE id = 'c'")
        .execute(&mut conn)
        .await
        .expect("issue");
    assert_eq!(matches(&mut conn, "\"INV-0003\"").await, ["c"]);
    sqlx::raw_sql("UPDATE billing_invoices SET payer = 'Okafor Ltd' WHERE id = 'a'")
        .execute(&mut conn)
        .await
        .expect("payer");
    assert!(matches(&mut conn, "maria").await.is_empty());
    assert_eq!(matches(&mut conn, "okafor").await, ["a", "c"]);
    sqlx::raw_sql(sqlx::AssertSqlSafe(invoice("d", "invoice", "NULL", "draft", "Cleo Dane", "NULL")))
        .execute(&mut conn)
        .await
        .expect("draft");
    assert_eq!(matches(&mut conn, "cleo").await, ["d"]);
    sqlx::raw_sql(
        "DELETE FROM billing_invoice_lines WHERE invoice_id = 'd'; DELETE FROM billing_invoices WHERE id = 'd';",
    )
    .execute(&mut conn)
    .await
    .expect("discard");
    assert!(matches(&mut conn, "cleo").await.is_empty());
}
