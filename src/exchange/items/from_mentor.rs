//! What a mentor shares with a client: action plans with their steps, homework, resources,
//! safety plans and issued invoices.

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

/// One line of a shared invoice, as printed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedInvoiceLine")]
#[serde(deny_unknown_fields)]
pub struct InvoiceLine {
    /// What it says ("Mentoring session, 9 Mar 2026": never clinical words).
    pub description: String,
    /// Its amount before tax, as the sender's Wellkept formats it ("£48.00").
    pub amount: String,
}

/// An issued invoice or credit note, as it stood when it was shared. Amounts are the text the
/// sender's Wellkept printed ("£96.00"), so the client's vault shows them exactly as issued
/// without needing billing of its own, and never recomputes or converts them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedInvoice")]
#[serde(deny_unknown_fields)]
pub struct Invoice {
    /// The sender's id for this invoice.
    pub id: Uuid,
    /// Its number ("INV-0002", "CN-0005").
    pub number: String,
    /// "invoice" or "credit_note".
    pub kind: String,
    /// "issued" or "void".
    pub status: String,
    /// Who it is from: the business name as issued.
    pub from: String,
    /// Who it is billed to.
    pub bill_to: String,
    /// Who pays, when not the client.
    pub payer: Option<String>,
    /// The day it was issued.
    pub issued_on: NaiveDate,
    /// The day payment is due (an invoice).
    pub due_on: Option<NaiveDate>,
    /// Its lines.
    pub lines: Vec<InvoiceLine>,
    /// Before tax.
    pub subtotal: String,
    /// Tax.
    pub tax: String,
    /// Total.
    pub total: String,
    /// When it was shared: payments received less refunds paid back (format 3, as the
    /// sender's Billing screen and PDF give it). In an item from format 2 (no `credited`), paid
    /// less refunded *plus* credit notes: the total less the balance.
    pub paid: String,
    /// The issued credit notes' total when it was shared ("£8.00"; "£0.00" when none). Always
    /// given since format 3; absent (`None`) in an item from format 2, whose `paid` counts them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub credited: Option<String>,
    /// The numbers of those credit notes ("CN-0005"), since format 3; empty when none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[ts(as = "Option<Vec<String>>", optional)]
    pub credit_notes: Vec<String>,
    /// What it still asked for when it was shared.
    pub balance: String,
}

impl Invoice {
    /// What had gone against it when it was shared, in order, each as a word and the sender's
    /// text: `("paid", "£50.00")`, then `("credited", "£8.00 (CN-0005)")` when credit notes were
    /// issued against it (format 3; as the sender's Billing screen says it). An item from format
    /// 2 gives only its `paid`, as it always read.
    pub fn settled(&self) -> Vec<(&'static str, String)> {
        let mut parts = vec![("paid", self.paid.clone())];
        if let Some(credited) = &self.credited
            && !self.credit_notes.is_empty()
        {
            parts.push(("credited", format!("{credited} ({})", self.credit_notes.join(", "))));
        }
        parts
    }

    /// "Total £96.00 · paid £50.00 · credited £8.00 (CN-0005) · balance £38.00": the amounts
    /// as the person reads them where the invoice was received.
    pub fn amounts_line(&self) -> String {
        let settled: Vec<String> =
            self.settled().into_iter().map(|(what, amount)| format!("{what} {amount}")).collect();
        format!("Total {} · {} · balance {}", self.total, settled.join(" · "), self.balance)
    }
}
