//! The steps of a goal's action plan: who does what by when, how far along it is, and which
//! steps are overdue.

use crate::registry::generic::text_enum;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::practice::{SHORT_TEXT, check_day, required_text};
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

text_enum! {
    /// Who a step is for.
    #[derive(Default)]
    pub enum StepOwner {
        /// The mentor (or, on a person's own goal, a helper they work with).
        Mentor = "mentor",
        /// The client (on a person's own goal: themself).
        #[default]
        Client = "client",
    }
}

text_enum! {
    /// Where a step stands.
    #[derive(Default)]
    pub enum StepStatus {
        /// Not started.
        #[default]
        Todo = "todo",
        /// Under way.
        Doing = "doing",
        /// Finished.
        Done = "done",
        /// Decided against; not counted in progress.
        Skipped = "skipped",
    }
}

impl StepStatus {
    /// Whether the step still needs doing.
    pub fn is_open(self) -> bool {
        matches!(self, StepStatus::Todo | StepStatus::Doing)
    }
}

/// One step of an action plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct ActionStep {
    /// Record id.
    pub id: String,
    /// The goal it serves.
    pub goal_id: String,
    /// When it was added.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// Order within the plan.
    pub position: i64,
    /// What is to be done.
    pub description: String,
    /// Who does it.
    pub owner: StepOwner,
    /// By when.
    pub due_date: Option<NaiveDate>,
    /// To do, doing, done or skipped.
    pub status: StepStatus,
    /// How far along, 0–100.
    pub progress: u8,
}

impl ActionStep {
    /// Due before `today` and neither done nor skipped.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_open() && self.due_date.is_some_and(|d| d < today)
    }
}

/// What is entered about a step: to add one, and (whole) to update one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct StepDetails {
    /// What is to be done (required).
    pub description: String,
    /// Who does it.
    pub owner: StepOwner,
    /// By when.
    pub due_date: Option<NaiveDate>,
    /// Status.
    pub status: StepStatus,
    /// Progress, 0–100 (a done step counts as 100).
    pub progress: u8,
}

impl StepDetails {
    pub(crate) fn validated(self) -> Result<StepDetails> {
        if let Some(d) = self.due_date {
            check_day("Due date", d)?;
        }
        if self.progress > 100 {
            return Err(Error::invalid("Progress", format!("{} is out of range (0–100)", self.progress)));
        }
        // A step is a sentence or two; five short lines is plenty.
        let description = required_text("Step", &self.description, SHORT_TEXT * 5)?;
        let progress = if self.status == StepStatus::Done { 100 } else { self.progress };
        Ok(StepDetails { description, progress, ..self })
    }
}

/// An overdue step with what the dashboard shows beside it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct OverdueStep {
    /// The step.
    #[sqlx(flatten)]
    pub step: ActionStep,
    /// The goal's title.
    pub goal_title: String,
    /// The goal's client (`None` for the vault owner's own goal).
    pub client_id: Option<String>,
}

/// Checks, inside a write, that a goal exists and is not in the trash.
pub(crate) async fn live_goal(w: &mut Writer<'_>, goal_id: &str) -> Result<()> {
    let found: Option<(String,)> =
        w.fetch_optional("SELECT id FROM goals WHERE id = ? AND deleted_at IS NULL", params![goal_id]).await?;
    found.map(|_| ()).ok_or(Error::NotFound { what: "That goal" })
}

/// Adds a step at the end of a goal's plan.
pub async fn add_step(vault: &Vault, goal_id: &str, details: StepDetails) -> Result<ActionStep> {
    let d = details.validated()?;
    let (id, goal_id, now) = (vault::new_id(), goal_id.to_owned(), vault::now());
    let id2 = id.clone();
    vault
        .write(move |w| {
            Box::pin(async move {
                live_goal(w, &goal_id).await?;
                insert_step(w, &id2, now, &goal_id, &d).await
            })
        })
        .await?;
    get_step(vault, &id).await
}

/// Writes a checked step at the end of a live goal's plan, inside the caller's write.
pub(crate) async fn insert_step(
    w: &mut vault::Writer<'_>,
    id: &str,
    now: DateTime<Utc>,
    goal_id: &str,
    d: &StepDetails,
) -> Result<()> {
    w.exec(
        "INSERT INTO goal_steps(id, created_at, updated_at, goal_id, position, description, owner, due_date,
            status, progress)
         VALUES (?, ?, ?, ?, (SELECT coalesce(max(position), -1) + 1 FROM goal_steps WHERE goal_id = ?),
            ?, ?, ?, ?, ?)",
        params![
            id,
            now,
            now,
            goal_id,
            goal_id,
            d.description.clone(),
            d.owner.key(),
            d.due_date,
            d.status.key(),
            d.progress
        ],
    )
    .await?;
    Ok(())
}

/// One step.
pub async fn get_step(vault: &Vault, id: &str) -> Result<ActionStep> {
    vault.fetch_existing("SELECT * FROM goal_steps WHERE id = ?", params![id], "That step").await
}

/// Replaces a step's details (its goal's plan keeps its order).
pub async fn update_step(vault: &Vault, id: &str, details: StepDetails) -> Result<ActionStep> {
    let d = details.validated()?;
    let (id2, now) = (id.to_owned(), vault::now());
    vault
        .exec_one(
            "UPDATE goal_steps SET updated_at = ?, description = ?, owner = ?, due_date = ?, status = ?,
                            progress = ?
                         WHERE id = ? AND goal_id IN (SELECT id FROM goals WHERE deleted_at IS NULL)",
            params![now, d.description, d.owner.key(), d.due_date, d.status.key(), d.progress, id2],
            "That step",
        )
        .await?;
    get_step(vault, id).await
}

/// Removes a step from its plan for good (the goal itself goes to the trash, its steps do not).
pub async fn delete_step(vault: &Vault, id: &str) -> Result<()> {
    let id = id.to_owned();
    vault.exec_one("DELETE FROM goal_steps WHERE id = ?", params![id], "That step").await
}

/// Open steps of active goals that were due before `today`, most overdue first; only this
/// client's when `client_id` is given. Goals and clients in the trash are left out.
pub async fn overdue_steps(vault: &Vault, today: NaiveDate, client_id: Option<&str>) -> Result<Vec<OverdueStep>> {
    vault
        .fetch_all(
            "SELECT s.*, g.title AS goal_title, g.client_id AS client_id
             FROM goal_steps s JOIN goals g ON g.id = s.goal_id
             LEFT JOIN clients c ON c.id = g.client_id
             WHERE s.status IN ('todo', 'doing') AND s.due_date < ?1
               AND g.status = 'active' AND g.deleted_at IS NULL AND c.deleted_at IS NULL
               AND (?2 IS NULL OR g.client_id = ?2)
             ORDER BY s.due_date, s.position",
            params![today, client_id],
        )
        .await
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("valid date")
    }

    /// A client's step "Walk" with no due date (for the goal's tests too).
    pub(in crate::practice::goals) fn step(status: StepStatus, progress: u8) -> ActionStep {
        let t = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").expect("time").with_timezone(&Utc);
        ActionStep {
            id: "s".into(),
            goal_id: "g".into(),
            created_at: t,
            updated_at: t,
            position: 0,
            description: "Walk".into(),
            owner: StepOwner::Client,
            due_date: None,
            status,
            progress,
        }
    }

    #[test]
    fn overdue_means_open_and_due_before_today() {
        let step = step(StepStatus::Todo, 0);
        let mut s = ActionStep { description: "Call the housing office".into(), due_date: Some(day(22)), ..step };
        assert!(s.is_overdue(day(23)));
        assert!(!s.is_overdue(day(22)), "due today is not overdue");
        s.status = StepStatus::Doing;
        assert!(s.is_overdue(day(23)));
        for closed in [StepStatus::Done, StepStatus::Skipped] {
            s.status = closed;
            assert!(!s.is_overdue(day(23)));
        }
        s.status = StepStatus::Todo;
        s.due_date = None;
        assert!(!s.is_overdue(day(23)), "no due date, never overdue");
    }

    #[test]
    fn step_validation() {
        let e = StepDetails { description: "x".into(), progress: 101, ..Default::default() }.validated();
        assert!(e.expect_err("range").to_string().starts_with("Progress:"));
        let e = StepDetails { description: "".into(), ..Default::default() }.validated();
        assert!(e.expect_err("required").to_string().starts_with("Step:"));
        let done =
            StepDetails { description: "x".into(), status: StepStatus::Done, progress: 20, ..Default::default() };
        assert_eq!(done.validated().expect("ok").progress, 100);
    }
}
