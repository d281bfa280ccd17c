//! The migration that adds a lawful basis and Art. 9 condition to consent records
//! (20261202060000_consent_lawful_basis.sql): a consent recorded before it keeps every value and
//! reads back with no basis ("Basis not recorded"); the new columns refuse an unknown basis.

mod migrate_around;

use sqlx::Row;

const BASIS_MIGRATION: i64 = 20261202060000;

#[tokio::test]
async fn old_consents_keep_their_values_and_have_no_basis_recorded() {
    let mut conn = migrate_around::before(BASIS_MIGRATION).await;
    sqlx::raw_sql(
        "INSERT INTO consents (id, created_at, updated_at, client_id, scope, given_on, expires_on, withdrawn_on, notes) \
         VALUES ('k1', '2026-01-10T09:00:00Z', '2026-01-10T09:00:00Z', 'c1', 'Letters to my GP', '2026-01-10', \
         '2026-12-31', NULL, 'Signed form');",
    )
    .execute(&mut conn)
    .await
    .expect("an old consent");
    migrate_around::from(&mut conn, BASIS_MIGRATION).await;
    let row = sqlx::query(
        "SELECT scope, given_on, expires_on, notes, lawful_basis, art9_condition, art9_other FROM consents WHERE id = 'k1'",
    )
    .fetch_one(&mut conn)
    .await
    .expect("k1");
    assert_eq!(
        (
            row.get::<String, _>(0),
            row.get::<String, _>(1),
            row.get::<String, _>(2),
            row.get::<String, _>(3),
            row.get::<Option<String>, _>(4),
            row.get::<Option<String>, _>(5),
            row.get::<Option<String>, _>(6)
        ),
        ("Letters to my GP".into(), "2026-01-10".into(), "2026-12-31".into(), "Signed form".into(), None, None, None)
    );
    let consent: wellkept::clinical::Consent =
        sqlx::query_as("SELECT * FROM consents WHERE id = 'k1'").fetch_one(&mut conn).await.expect("as a Consent");
    assert_eq!(consent.basis_text(), "Basis not recorded");
    let err = sqlx::raw_sql("UPDATE consents SET lawful_basis = 'because' WHERE id = 'k1'")
        .execute(&mut conn)
        .await
        .expect_err("unknown basis");
    assert!(err.to_string().contains("CHECK"), "{err}");
    let err = sqlx::raw_sql("UPDATE consents SET art9_condition = 'k' WHERE id = 'k1'")
        .execute(&mut conn)
        .await
        .expect_err("no Art. 9(2)(k)");
    assert!(err.to_string().contains("CHECK"), "{err}");
    sqlx::raw_sql("UPDATE consents SET lawful_basis = 'consent', art9_condition = 'a' WHERE id = 'k1'")
        .execute(&mut conn)
        .await
        .expect("a known basis");
}
