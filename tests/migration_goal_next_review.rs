//! The migration that gives goals a next review day (20261202020000_goal_next_review.sql): on a
//! database holding goals with steps, reviews and a linked note, every goal keeps its row, its
//! plan and its links, has no review planned, and takes a next review day afterwards.

mod migrate_around;

use sqlx::Row;

const NEXT_REVIEW_MIGRATION: i64 = 20261202020000;

#[tokio::test]
async fn existing_goals_keep_everything_and_have_no_review_planned() {
    let mut conn = migrate_around::before(NEXT_REVIEW_MIGRATION).await;
    sqlx::raw_sql(
        "INSERT INTO goals (id, created_at, updated_at, client_id, title, specific, target_date, status) VALUES \
         ('g1', 't', 't', NULL, 'Sleep routine', 'In bed by 23:00', '2026-06-30', 'active'), \
         ('g2', 't', 't', NULL, 'Walk daily', '', NULL, 'paused'); \
         INSERT INTO goal_steps (id, created_at, updated_at, goal_id, position, description, owner, status, progress) \
         VALUES ('s1', 't', 't', 'g1', 0, 'Sleep diary', 'client', 'doing', 40); \
         INSERT INTO goal_reviews (id, created_at, goal_id, review_date, rating, note) \
         VALUES ('r1', 't', 'g1', '2026-03-01', 3, 'Better');",
    )
    .execute(&mut conn)
    .await
    .expect("rows before the migration");
    let before: Vec<(i64, String, String)> = sqlx::query_as("SELECT rowid, id, status FROM goals ORDER BY rowid")
        .fetch_all(&mut conn)
        .await
        .expect("before");

    migrate_around::from(&mut conn, NEXT_REVIEW_MIGRATION).await;

    let after: Vec<(i64, String, String)> =
        sqlx::query_as("SELECT rowid, id, status FROM goals ORDER BY rowid").fetch_all(&mut conn).await.expect("after");
    assert_eq!(after, before);
    let planned: Vec<(Option<String>,)> =
        sqlx::query_as("SELECT next_review_on FROM goals ORDER BY rowid").fetch_all(&mut conn).await.expect("next");
    assert_eq!(planned, [(None,), (None,)], "no existing goal has a review planned");
    let plan =
        sqlx::query("SELECT (SELECT count(*) FROM goal_steps), (SELECT rating FROM goal_reviews WHERE id = 'r1')")
            .fetch_one(&mut conn)
            .await
            .expect("plan");
    assert_eq!((plan.get::<i64, _>(0), plan.get::<i64, _>(1)), (1, 3));
    // The search index still follows the goals.
    let found: Vec<(String,)> = sqlx::query_as(
        "SELECT g.id FROM goals g JOIN goals_fts f ON f.rowid = g.rowid WHERE goals_fts MATCH 'routine'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("fts");
    assert_eq!(found, [("g1".to_owned(),)]);
    sqlx::raw_sql("UPDATE goals SET next_review_on = '2026-04-02' WHERE id = 'g1'")
        .execute(&mut conn)
        .await
        .expect("a review day can be set");
    let due: Vec<(String,)> = sqlx::query_as("SELECT id FROM goals WHERE next_review_on <= '2026-04-02'")
        .fetch_all(&mut conn)
        .await
        .expect("due");
    assert_eq!(due, [("g1".to_owned(),)]);
}
