//! The migration that gives the disclosure log a basis of its own for a lawful basis without
//! consent (20261203030100_disclosure_lawful_basis.sql; docs/decisions.md 52): rows written
//! before it as a legal duty with the generated words "… without consent" get back the basis
//! they were written for; a real legal duty and a consent keep theirs; rowids (the log's order
//! within a day) are kept; the new CHECK refuses a lawful basis without its key.

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Row};
use wellkept::vault::MIGRATOR;

const MIGRATION: i64 = 20261203030100;

/// rowid, id, basis, lawful_basis, legal_basis, consent_id.
type Row6 = (i64, String, String, Option<String>, Option<String>, Option<String>);

#[tokio::test]
async fn regression_old_lawful_basis_rows_stored_as_legal_duty_get_their_basis_back() {
    let mut conn = SqliteConnectOptions::new().in_memory(true).foreign_keys(true).connect().await.expect("connect");
    let run = |ok: fn(i64) -> bool| {
        MIGRATOR
            .iter()
            .filter(move |m| m.migration_type.is_up_migration() && ok(m.version))
            .cloned()
            .collect::<Vec<_>>()
    };
    for m in run(|v| v < MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    sqlx::raw_sql(
        "INSERT INTO consents (id, created_at, updated_at, client_id, scope, given_on) \
         VALUES ('k1', '2026-01-10T09:00:00Z', '2026-01-10T09:00:00Z', 'c1', 'GP letters', '2026-01-10');
         INSERT INTO disclosures (rowid, id, created_at, client_id, what, recipient, disclosed_on, basis, consent_id, legal_basis)
         VALUES (7, 'd1', '2026-03-01T09:00:00Z', 'c1', 'Export', 'Dr Okafor', '2026-03-01', 'legal_duty', NULL,
                 'Legitimate interests (Art. 6(1)(f)) without consent'),
                (8, 'd2', '2026-03-01T09:00:00Z', 'c1', 'Export', 'Court', '2026-03-01', 'legal_duty', NULL,
                 'Legal obligation (Art. 6(1)(c)) without consent'),
                (9, 'd3', '2026-03-02T09:00:00Z', 'c1', 'Referral', 'Council', '2026-03-02', 'legal_duty', NULL,
                 'Risk to a child disclosed in session'),
                (10, 'd4', '2026-03-03T09:00:00Z', 'c1', 'Letter', 'GP', '2026-03-03', 'consent', 'k1', NULL);",
    )
    .execute(&mut conn)
    .await
    .expect("old rows");
    for m in run(|v| v >= MIGRATION) {
        sqlx::raw_sql(m.sql.clone()).execute(&mut conn).await.unwrap_or_else(|e| panic!("{}: {e}", m.version));
    }
    let rows: Vec<Row6> =
        sqlx::query("SELECT rowid, id, basis, lawful_basis, legal_basis, consent_id FROM disclosures ORDER BY rowid")
            .fetch_all(&mut conn)
            .await
            .expect("rows")
            .into_iter()
            .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3), r.get(4), r.get(5)))
            .collect();
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        rows,
        vec![
            (7, "d1".into(), "lawful_basis".into(), s("legitimate_interests"), None, None),
            (8, "d2".into(), "lawful_basis".into(), s("legal_obligation"), None, None),
            (9, "d3".into(), "legal_duty".into(), None, s("Risk to a child disclosed in session"), None),
            (10, "d4".into(), "consent".into(), None, None, s("k1")),
        ]
    );
    let e = sqlx::raw_sql(
        "INSERT INTO disclosures (id, created_at, client_id, what, recipient, disclosed_on, basis) \
         VALUES ('d5', '2026-03-04T09:00:00Z', 'c1', 'x', 'y', '2026-03-04', 'lawful_basis')",
    )
    .execute(&mut conn)
    .await
    .expect_err("a lawful basis needs its key");
    assert!(e.to_string().contains("CHECK"), "{e}");
    let indexes: Vec<String> =
        sqlx::query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'disclosures' AND sql IS NOT NULL ORDER BY name")
            .fetch_all(&mut conn)
            .await
            .expect("indexes")
            .into_iter()
            .map(|r| r.get(0))
            .collect();
    assert_eq!(indexes, vec!["disclosures_by_client", "disclosures_by_consent"]);
}
