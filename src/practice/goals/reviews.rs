//! Reviews of a goal: a dated look at how it is going, with a rating from 1 to 5.

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
}

/// Records a review of a goal.
pub async fn add_review(vault: &Vault, goal_id: &str, new: NewReview) -> Result<GoalReview> {
    check_day("Review date", new.review_date)?;
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
    let r = review.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                super::steps::live_goal(w, &r.goal_id).await?;
                w.exec(
                    "INSERT INTO goal_reviews(id, created_at, goal_id, review_date, rating, note) VALUES (?, ?, ?, ?, ?, ?)",
                    params![r.id, r.created_at, r.goal_id, r.review_date, r.rating, r.note],
                )
                .await?;
                Ok(())
            })
        })
        .await?;
    Ok(review)
}
