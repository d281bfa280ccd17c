//! Reviews of a goal: a dated look at how it is going, with a rating from 1 to 5, and the day
//! of the next one. Goals whose next review has come are listed for the dashboard.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::practice::{LONG_TEXT, check_day, long_text, now_ms};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// A dated look at how a goal is going.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct GoalReview {
    /// Record id.
    pub id: String,
    /// The goal reviewed.
    pub goal_id: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// The day of the review.
    pub review_date: NaiveDate,
    /// How it is going, 1 (not at all) to 5 (very well).
    pub rating: u8,
    /// What was said.
    pub note: String,
}

/// A review to record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct NewReview {
    /// The day of the review.
    pub review_date: NaiveDate,
    /// 1–5.
    pub rating: u8,
    /// What was said.
    #[serde(default)]
    pub note: String,
    /// The day of the next review (none: no review planned). Recording a review replaces the
    /// goal's next review day with this, so a review that was due leaves the dashboard.
    #[serde(default)]
    pub next_review_on: Option<NaiveDate>,
}

/// An active or paused goal whose next review day has come: for the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct GoalReviewDue {
    /// The goal.
    pub goal_id: String,
    /// Its client; `None` for the vault owner's own goal.
    pub client_id: Option<String>,
    /// The goal's title.
    pub title: String,
    /// The day the review was planned for.
    pub due_on: NaiveDate,
    /// Whole days since `due_on` (0: due today).
    #[sqlx(skip)]
    pub days_overdue: i64,
}

/// Records a review of a goal.
pub async fn add_review(vault: &Vault, goal_id: &str, new: NewReview) -> Result<GoalReview> {
    check_day("Review date", new.review_date)?;
    crate::validate::not_after_today("Review date", new.review_date)?;
    if let Some(next) = new.next_review_on {
        check_day("Next review", next)?;
        if next <= new.review_date {
            return Err(Error::invalid("Next review", "must be after the day of this review"));
        }
    }
    if !(1..=5).contains(&new.rating) {
        return Err(Error::invalid("Rating", format!("{} is out of range (1–5)", new.rating)));
    }
    let review = GoalReview {
        id: vault::new_id(),
        goal_id: goal_id.to_owned(),
        created_at: now_ms(),
        review_date: new.review_date,
        rating: new.rating,
        note: long_text("Note", new.note.trim(), LONG_TEXT)?,
    };
    let (r, next) = (review.clone(), new.next_review_on);
    vault
        .write(move |w| {
            Box::pin(async move {
                super::steps::live_goal(w, &r.goal_id).await?;
                w.exec(
                    "INSERT INTO goal_reviews(id, created_at, goal_id, review_date, rating, note) VALUES (?, ?, ?, ?, ?, ?)",
                    params![r.id.clone(), r.created_at, r.goal_id.clone(), r.review_date, r.rating, r.note.clone()],
                )
                .await?;
                w.exec(
                    "UPDATE goals SET next_review_on = ?, updated_at = ? WHERE id = ?",
                    params![next, vault::now(), r.goal_id],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    Ok(review)
}

/// Plans (or, with `None`, clears) a goal's next review without recording one.
pub async fn set_next_review(vault: &Vault, goal_id: &str, next_review_on: Option<NaiveDate>) -> Result<super::Goal> {
    if let Some(next) = next_review_on {
        check_day("Next review", next)?;
    }
    let changed = vault
        .exec_one(
            "UPDATE goals SET next_review_on = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            params![next_review_on, vault::now(), goal_id],
            "That goal",
        )
        .await;
    crate::registry::unless_in_trash(vault, goal_id, changed).await?;
    super::get_goal(vault, goal_id).await
}

/// Active and paused goals whose next review is on or before `today`, earliest first (then the
/// order they were set). Goals of clients who are closed or in the trash are left out; the vault
/// owner's own goals are included.
pub async fn list_goal_reviews_due(vault: &Vault, today: NaiveDate) -> Result<Vec<GoalReviewDue>> {
    let mut due: Vec<GoalReviewDue> = vault
        .fetch_all(
            "SELECT g.id AS goal_id, g.client_id, g.title, g.next_review_on AS due_on FROM goals g
             LEFT JOIN clients c ON c.id = g.client_id
             WHERE g.deleted_at IS NULL AND g.status IN ('active', 'paused')
               AND g.next_review_on IS NOT NULL AND g.next_review_on <= ?
               AND (g.client_id IS NULL OR (c.deleted_at IS NULL AND c.status <> 'closed'))
             ORDER BY g.next_review_on, g.created_at, g.id",
            params![today],
        )
        .await?;
    for d in &mut due {
        d.days_overdue = (today - d.due_on).num_days();
    }
    Ok(due)
}
