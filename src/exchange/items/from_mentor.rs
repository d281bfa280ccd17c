//! What a mentor shares with a client: action plans with their steps, homework, resources
//! and safety plans.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::clinical::safety_plans::SafetyPlanContent;

/// Who is to carry out an action step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedStepOwner")]
#[serde(rename_all = "snake_case")]
pub enum StepOwner {
    /// The client.
    Client,
    /// The mentor.
    Mentor,
    /// Both together.
    Both,
}

/// Where an action step stands.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedStepStatus")]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    /// Not started.
    NotStarted,
    /// Under way.
    InProgress,
    /// Finished.
    Done,
    /// Dropped on purpose.
    Dropped,
}

/// One step of an action plan.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedActionStep")]
#[serde(deny_unknown_fields)]
pub struct ActionStep {
    /// The sender's id for this step.
    pub id: Uuid,
    /// What to do.
    pub description: String,
    /// Who does it.
    pub owner: StepOwner,
    /// By when, if agreed.
    pub due: Option<NaiveDate>,
    /// Where it stands.
    pub status: StepStatus,
}

/// An action plan towards a goal.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedActionPlan")]
#[serde(deny_unknown_fields)]
pub struct ActionPlan {
    /// The sender's id for this plan.
    pub id: Uuid,
    /// The plan's title.
    pub title: String,
    /// The goal it serves, in words.
    pub goal: Option<String>,
    /// Its steps, in order.
    pub steps: Vec<ActionStep>,
    /// When the plan was last changed.
    pub updated_at: DateTime<Utc>,
}

/// Homework a mentor sets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedHomework")]
#[serde(deny_unknown_fields)]
pub struct Homework {
    /// The sender's id for this homework.
    pub id: Uuid,
    /// Short title.
    pub title: String,
    /// What to do, in Markdown.
    pub instructions: String,
    /// When it was set.
    pub assigned_at: DateTime<Utc>,
    /// When it is due, if agreed.
    pub due: Option<NaiveDate>,
}

/// A resource from the mentor's library: an article, a worksheet, a phone line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedResource")]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// The sender's id for this resource.
    pub id: Uuid,
    /// Its title.
    pub title: String,
    /// What it is and why it may help, in Markdown.
    pub description: String,
    /// Where to find it, if online.
    pub url: Option<String>,
}

/// A Stanley-Brown safety plan: each section's items, keyed and shaped exactly as the vault
/// keeps them (`crate::clinical::safety_plans`), so a received plan is filed without loss.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedSafetyPlan")]
#[serde(deny_unknown_fields)]
pub struct SafetyPlan {
    /// The sender's id for this plan.
    pub id: Uuid,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// The sections (`warning_signs`, `internal_coping`, `social_distractions`,
    /// `people_to_ask_for_help`, `professionals`, `crisis_lines`, `safe_environment`,
    /// `reasons_for_living`) and their items, in order.
    pub sections: SafetyPlanContent,
}
