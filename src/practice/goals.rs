//! Goals and action plans. A goal is written SMART (specific, measurable, achievable, relevant,
//! time-bound by a target date) and belongs to a client, or — with no client — to the vault's
//! owner (a mentor's own development goal, or a client's "own goals" in their journal). Its
//! action plan is a list of steps ([`steps`]); reviews record how it is going, with a rating.

use crate::registry::generic::text_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{LONG_TEXT, SHORT_TEXT, check_day, fts_query, long_text, required_text};
use crate::sync::conflicts::Versions;
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

pub mod reviews;
pub mod steps;

pub use reviews::{GoalReview, GoalReviewDue, NewReview, add_review, list_goal_reviews_due, set_next_review};
pub use steps::{ActionStep, OverdueStep, StepDetails, StepOwner, StepStatus};

text_enum! {
    /// Where a goal stands.
    #[derive(Default)]
    pub enum GoalStatus {
        /// Being worked on.
        #[default]
        Active = "active",
        /// Reached.
        Achieved = "achieved",
        /// Set aside for now.
        Paused = "paused",
        /// Let go.
        Dropped = "dropped",
    }
}

/// A goal with its action plan and reviews.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct Goal {
    /// Record id.
    pub id: String,
    /// When it was set.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// The client whose goal it is; `None` for the vault owner's own goal.
    pub client_id: Option<String>,
    /// A short name for the goal.
    pub title: String,
    /// Specific: what exactly will be done.
    pub specific: String,
    /// Measurable: how progress will be seen.
    pub measurable: String,
    /// Achievable: why it is within reach, what support there is.
    pub achievable: String,
    /// Relevant: why it matters to the person.
    pub relevant: String,
    /// Time-bound: when it should be reached.
    pub target_date: Option<NaiveDate>,
    /// Active, achieved, paused or dropped.
    pub status: GoalStatus,
    /// The day of the next review, if one is planned: the dashboard lists an active or paused
    /// goal from that day on. Left out of the JSON when there is none (exports stay as they were).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub next_review_on: Option<NaiveDate>,
    /// When it was moved to the trash.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Which version of its wording (title and SMART parts) this is (`None` for the first): an
    /// edit passes it back as `base` to [`update_goal`], so that a wording saved meanwhile on
    /// another computer is kept aside rather than written over ([`crate::sync::conflicts`]).
    /// Left out of exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_version: Option<String>,
    /// The action plan, in order.
    #[sqlx(skip)]
    pub steps: Vec<ActionStep>,
    /// Reviews, oldest first.
    #[sqlx(skip)]
    pub reviews: Vec<GoalReview>,
}

impl Goal {
    /// Its SMART parts as one text, a paragraph per part ("Specific: …", "Measurable: …"), as a
    /// version kept aside shows them (its title is apart).
    pub fn text(&self) -> String {
        crate::sync::conflicts::GoalText::of(self).plain_text()
    }

    /// Overall progress, 0–100: the mean of the steps' progress, skipped steps left out.
    /// `None` when there is no step to measure.
    pub fn progress(&self) -> Option<u8> {
        let counted: Vec<u32> =
            self.steps.iter().filter(|s| s.status != StepStatus::Skipped).map(|s| u32::from(s.progress)).collect();
        let n = u32::try_from(counted.len()).ok().filter(|n| *n > 0)?;
        u8::try_from(counted.iter().sum::<u32>() / n).ok()
    }
}

/// What is entered about a goal: used to set one, and (whole) to update one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct GoalDetails {
    /// The client; `None` for the vault owner's own goal. Fixed once the goal is set.
    pub client_id: Option<String>,
    /// A short name (required).
    pub title: String,
    /// Specific.
    pub specific: String,
    /// Measurable.
    pub measurable: String,
    /// Achievable.
    pub achievable: String,
    /// Relevant.
    pub relevant: String,
    /// Time-bound: the target date.
    pub target_date: Option<NaiveDate>,
    /// Status.
    pub status: GoalStatus,
}

/// A new goal.
pub type NewGoal = GoalDetails;

/// What an edit of a goal changes: its wording and its target date. Its person is fixed once
/// it is set, and its status has its own save ([`set_goal_status`]), so a status changed on one
/// computer while the wording is changed on another keeps both.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct GoalEdit {
    /// A short name (required).
    pub title: String,
    /// Specific.
    pub specific: String,
    /// Measurable.
    pub measurable: String,
    /// Achievable.
    pub achievable: String,
    /// Relevant.
    pub relevant: String,
    /// Time-bound: the target date.
    pub target_date: Option<NaiveDate>,
}

impl From<&Goal> for GoalEdit {
    fn from(g: &Goal) -> Self {
        Self {
            title: g.title.clone(),
            specific: g.specific.clone(),
            measurable: g.measurable.clone(),
            achievable: g.achievable.clone(),
            relevant: g.relevant.clone(),
            target_date: g.target_date,
        }
    }
}

impl GoalDetails {
    pub(crate) fn validated(self) -> Result<GoalDetails> {
        if let Some(d) = self.target_date {
            check_day("Target date", d)?;
        }
        Ok(GoalDetails {
            client_id: self.client_id.map(|c| c.trim().to_owned()).filter(|c| !c.is_empty()),
            title: required_text("Title", &self.title, SHORT_TEXT)?,
            specific: long_text("Specific", self.specific.trim(), LONG_TEXT)?,
            measurable: long_text("Measurable", self.measurable.trim(), LONG_TEXT)?,
            achievable: long_text("Achievable", self.achievable.trim(), LONG_TEXT)?,
            relevant: long_text("Relevant", self.relevant.trim(), LONG_TEXT)?,
            target_date: self.target_date,
            status: self.status,
        })
    }

    /// The values of the columns both setting and updating a goal write, in their order.
    fn columns(&self) -> vault::Params {
        params![
            &self.title,
            &self.specific,
            &self.measurable,
            &self.achievable,
            &self.relevant,
            self.target_date,
            self.status.key()
        ]
    }
}

/// Which goals to list.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct GoalFilter {
    /// Only this client's goals.
    pub client_id: Option<String>,
    /// Only the vault owner's own goals (no client).
    pub own: bool,
    /// Only goals with this status.
    pub status: Option<GoalStatus>,
    /// Only goals whose title or SMART fields match these words.
    pub text: Option<String>,
    /// List the trash instead.
    pub deleted: bool,
}

/// Sets a goal.
pub async fn add_goal(vault: &Vault, new: NewGoal) -> Result<Goal> {
    let d = new.validated()?;
    let (id, now) = (vault::new_id(), vault::now());
    let id2 = id.clone();
    vault.write(move |w| Box::pin(async move { insert_goal(w, &id2, now, &d).await })).await?;
    get_goal(vault, &id).await
}

/// Writes a checked goal inside the caller's write (also used to file a received action plan
/// with its steps in one write, `crate::exchange::filing`).
pub(crate) async fn insert_goal(
    w: &mut vault::Writer<'_>,
    id: &str,
    now: DateTime<Utc>,
    d: &GoalDetails,
) -> Result<()> {
    if let Some(client) = &d.client_id {
        super::live_client(w, client).await?;
    }
    w.exec(
        "INSERT INTO goals(id, created_at, updated_at, client_id, title, specific, measurable, achievable,
            relevant, target_date, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [params![id, now, now, &d.client_id], d.columns()].concat(),
    )
    .await?;
    Ok(())
}

/// One goal with its steps and reviews (including a goal in the trash).
pub async fn get_goal(vault: &Vault, id: &str) -> Result<Goal> {
    let goal: Goal = vault.fetch_existing("SELECT * FROM goals WHERE id = ?", params![id], "That goal").await?;
    let mut goals = with_plans(vault, vec![goal]).await?;
    goals.pop().ok_or(Error::NotFound { what: "That goal" })
}

/// Goals matching `filter`: active first, then by target date. Without a `client_id`, goals of
/// clients in the trash are left out; asking for one client's goals lists them regardless.
pub async fn list_goals(vault: &Vault, filter: GoalFilter) -> Result<Vec<Goal>> {
    let goals: Vec<Goal> = vault
        .fetch_all(
            "SELECT g.* FROM goals g
             WHERE (g.deleted_at IS NOT NULL) = ?1
               AND (?2 IS NULL OR g.client_id = ?2)
               -- a client in the trash takes their goals out of the general lists
               AND (?2 IS NOT NULL OR g.client_id IS NULL
                    OR g.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))
               AND (?3 = 0 OR g.client_id IS NULL)
               AND (?4 IS NULL OR g.status = ?4)
               AND (?5 IS NULL OR g.rowid IN (SELECT rowid FROM goals_fts WHERE goals_fts MATCH ?5))
             ORDER BY g.status <> 'active', g.target_date IS NULL, g.target_date, g.created_at",
            params![
                filter.deleted,
                filter.client_id,
                filter.own,
                filter.status.map(GoalStatus::key),
                filter.text.as_deref().and_then(fts_query)
            ],
        )
        .await?;
    with_plans(vault, goals).await
}

/// Fills in every goal's steps and reviews, two queries for the whole list.
async fn with_plans(vault: &Vault, mut goals: Vec<Goal>) -> Result<Vec<Goal>> {
    if goals.is_empty() {
        return Ok(goals);
    }
    let ids = super::to_json(&goals.iter().map(|g| g.id.as_str()).collect::<Vec<_>>())?;
    let all_steps: Vec<ActionStep> = vault
        .fetch_all(
            "SELECT * FROM goal_steps WHERE goal_id IN (SELECT value FROM json_each(?)) ORDER BY position, created_at",
            params![ids.as_str()],
        )
        .await?;
    let all_reviews: Vec<GoalReview> = vault
        .fetch_all(
            "SELECT * FROM goal_reviews WHERE goal_id IN (SELECT value FROM json_each(?)) ORDER BY review_date, created_at",
            params![ids],
        )
        .await?;
    for g in &mut goals {
        g.steps = all_steps.iter().filter(|s| s.goal_id == g.id).cloned().collect();
        g.reviews = all_reviews.iter().filter(|r| r.goal_id == g.id).cloned().collect();
    }
    Ok(goals)
}

/// Rewords a goal and moves its target date (not in the trash).
///
/// `base`: the version of the wording the edit was made from ([`Goal::text_version`]; `Some("")`
/// for the first), or `None` for the version on show now. A changed title or SMART part is a new
/// version; if `base` is not the version on show — it was saved meanwhile on another computer —
/// the wording on show is kept aside for the person to choose from (the schema's trigger does
/// it, here and when other computers replay this save: docs/decisions.md 66 and 73). A changed
/// target date alone is no new version.
pub async fn update_goal(vault: &Vault, id: &str, edit: GoalEdit, base: Option<String>) -> Result<Goal> {
    let d = GoalDetails {
        title: edit.title,
        specific: edit.specific,
        measurable: edit.measurable,
        achievable: edit.achievable,
        relevant: edit.relevant,
        target_date: edit.target_date,
        ..GoalDetails::default()
    }
    .validated()?;
    let (id2, now, fresh) = (id.to_owned(), vault::now(), vault::new_id());
    let by = vault.this_device().await?.hex();
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                type Stored = (String, String, String, String, String, Option<String>, Option<String>);
                let (title, specific, measurable, achievable, relevant, version, version_by): Stored = w
                    .fetch_existing(
                        "SELECT title, specific, measurable, achievable, relevant, text_version, text_by FROM goals \
                          WHERE id = ? AND deleted_at IS NULL",
                        params![id2.as_str()],
                        "That goal",
                    )
                    .await?;
                let unchanged = title == d.title
                    && specific == d.specific
                    && measurable == d.measurable
                    && achievable == d.achievable
                    && relevant == d.relevant;
                let text = Versions::of(version, version_by, base, unchanged, fresh, by);
                // No `deleted_at` test: the row was just read live, and a replayed edit of a goal
                // trashed meanwhile on another computer lands in it, so restoring shows the edit.
                w.exec_one(
                    "UPDATE goals SET updated_at = ?, title = ?, specific = ?, measurable = ?, achievable = ?, \
                         relevant = ?, target_date = ?, text_version = ?, text_base = ?, text_by = ? WHERE id = ?",
                    [
                        params![now, &d.title, &d.specific, &d.measurable, &d.achievable, &d.relevant, d.target_date],
                        text.columns(),
                        params![id2.as_str()],
                    ]
                    .concat(),
                    "That goal",
                )
                .await
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await?;
    get_goal(vault, id).await
}

/// Sets where a goal stands (active, achieved, paused, dropped), leaving everything else as it was.
pub async fn set_goal_status(vault: &Vault, id: &str, status: GoalStatus) -> Result<Goal> {
    let changed = vault
        .exec_one(
            "UPDATE goals SET status = ?, updated_at = ? WHERE id = ? AND deleted_at IS NULL",
            params![status.key(), vault::now(), id],
            "That goal",
        )
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await?;
    get_goal(vault, id).await
}

/// Moves a goal (with its plan and reviews) to the trash.
pub async fn delete_goal(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::GOAL.delete(vault, id).await
}

/// Brings a goal back from the trash.
pub async fn restore_goal(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::GOAL.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::steps::tests::step;
    use super::*;

    #[test]
    fn progress_is_the_mean_of_steps_not_skipped() {
        let mut goal = Goal {
            id: "g".into(),
            created_at: Utc::now(),
            updated_at: Utc::now(),
            client_id: None,
            title: "Sleep".into(),
            specific: String::new(),
            measurable: String::new(),
            achievable: String::new(),
            relevant: String::new(),
            target_date: None,
            status: GoalStatus::Active,
            next_review_on: None,
            deleted_at: None,
            text_version: None,
            steps: vec![],
            reviews: vec![],
        };
        assert_eq!(goal.progress(), None);
        goal.steps = vec![step(StepStatus::Done, 100), step(StepStatus::Doing, 50), step(StepStatus::Skipped, 0)];
        assert_eq!(goal.progress(), Some(75));
    }

    #[test]
    fn details_need_a_title_and_a_plausible_target() {
        let e = GoalDetails { title: " ".into(), ..Default::default() }.validated().expect_err("title");
        assert!(e.to_string().starts_with("Title:"), "{e}");
        let far =
            GoalDetails { title: "x".into(), target_date: NaiveDate::from_ymd_opt(2999, 1, 1), ..Default::default() };
        assert!(far.validated().expect_err("date").to_string().starts_with("Target date:"));
        let blank_client = GoalDetails { title: "x".into(), client_id: Some(" ".into()), ..Default::default() };
        assert_eq!(blank_client.validated().expect("own goal").client_id, None);
    }
}
