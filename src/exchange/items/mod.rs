//! What can travel in a share bundle: plain serde records, one per kind of thing issue 5 lets
//! a client or a mentor share.
//!
//! These are wire types, not database rows: they are versioned with the bundle format and
//! mapped to and from the vault's tables by the code that imports a bundle. Every item carries
//! the sender's own id for it (a UUID), so importing the same item twice is recognised.
//! `validate` enforces what the receiving side relies on (ranges, non-empty text); it runs on
//! both sides, so a sender cannot make a bundle its recipient would refuse.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

mod from_client;
mod from_mentor;

pub use from_client::{AutomaticThought, JournalEntry, MeasureScore, MoodCheckIn, MoodRating, ThoughtRecord};
pub use from_mentor::{
    ActionPlan, ActionStep, Homework, Invoice, InvoiceLine, Resource, SafetyPlan, StepOwner, StepStatus,
};

/// One shared thing. Serialised with a `type` tag, e.g. `{"type": "journal_entry", ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum SharedItem {
    /// A reflection journal entry a client chose to show.
    JournalEntry(JournalEntry),
    /// A mood check-in.
    MoodCheckIn(MoodCheckIn),
    /// A thought record (situation, moods, thoughts, evidence, balanced thought).
    ThoughtRecord(ThoughtRecord),
    /// A score on an outcome measure such as PHQ-9 or GAD-7.
    MeasureScore(MeasureScore),
    /// An action plan with its steps.
    ActionPlan(ActionPlan),
    /// Homework a mentor gives a client.
    Homework(Homework),
    /// A resource from the mentor's library.
    Resource(Resource),
    /// A Stanley-Brown safety plan.
    SafetyPlan(SafetyPlan),
    /// An issued invoice or credit note a mentor sends the client it is billed to.
    Invoice(Invoice),
}

/// A rule an item breaks: where (a path such as `steps[1].description`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ItemProblem {
    /// Where in the item, as a path.
    pub field: String,
    /// What is wrong.
    pub reason: String,
}

impl SharedItem {
    /// The sender's id for the item, used to recognise it on a second import.
    pub fn id(&self) -> Uuid {
        match self {
            Self::JournalEntry(item) => item.id,
            Self::MoodCheckIn(item) => item.id,
            Self::ThoughtRecord(item) => item.id,
            Self::MeasureScore(item) => item.id,
            Self::ActionPlan(item) => item.id,
            Self::Homework(item) => item.id,
            Self::Resource(item) => item.id,
            Self::SafetyPlan(item) => item.id,
            Self::Invoice(item) => item.id,
        }
    }

    /// The item's type as stored and serialised (`journal_entry`, `action_plan`, ...).
    pub fn type_name(&self) -> &'static str {
        match self {
            Self::JournalEntry(_) => "journal_entry",
            Self::MoodCheckIn(_) => "mood_check_in",
            Self::ThoughtRecord(_) => "thought_record",
            Self::MeasureScore(_) => "measure_score",
            Self::ActionPlan(_) => "action_plan",
            Self::Homework(_) => "homework",
            Self::Resource(_) => "resource",
            Self::SafetyPlan(_) => "safety_plan",
            Self::Invoice(_) => "invoice",
        }
    }

    /// The item kind in the user's words, for "what will be imported" lists.
    pub fn kind_label(&self) -> &'static str {
        match self {
            Self::JournalEntry(_) => "journal entry",
            Self::MoodCheckIn(_) => "mood check-in",
            Self::ThoughtRecord(_) => "thought record",
            Self::MeasureScore(_) => "measure score",
            Self::ActionPlan(_) => "action plan",
            Self::Homework(_) => "homework",
            Self::Resource(_) => "resource",
            Self::SafetyPlan(_) => "safety plan",
            Self::Invoice(_) => "invoice",
        }
    }

    /// Checks the rules the receiving vault relies on.
    pub fn validate(&self) -> Result<(), ItemProblem> {
        match self {
            Self::JournalEntry(entry) => {
                if entry.text.trim().is_empty() && entry.title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    return problem("text", "a journal entry needs a title or some text");
                }
                Ok(())
            }
            Self::MoodCheckIn(check_in) => {
                if !(1..=5).contains(&check_in.score) {
                    return problem("score", "a mood score is 1 (worst) to 5 (best)");
                }
                Ok(())
            }
            Self::ThoughtRecord(record) => validate_thought_record(record),
            Self::MeasureScore(score) => {
                not_blank("instrument", &score.instrument)?;
                let sum: u32 = score.item_answers.iter().map(|&a| u32::from(a)).sum();
                if !score.item_answers.is_empty() && sum != score.total {
                    return problem("total", "the total is not the sum of the item answers");
                }
                Ok(())
            }
            Self::ActionPlan(plan) => {
                not_blank("title", &plan.title)?;
                for (index, step) in plan.steps.iter().enumerate() {
                    not_blank(&format!("steps[{index}].description"), &step.description)?;
                }
                unique_ids("steps", plan.steps.iter().map(|step| step.id))
            }
            Self::Homework(homework) => not_blank("title", &homework.title),
            Self::Resource(resource) => not_blank("title", &resource.title),
            Self::SafetyPlan(plan) => {
                if plan.sections.values().all(|items| items.iter().all(|item| item.text.trim().is_empty())) {
                    return problem("sections", "a safety plan needs at least one item");
                }
                Ok(())
            }
            Self::Invoice(invoice) => {
                for (field, value) in [
                    ("number", &invoice.number),
                    ("from", &invoice.from),
                    ("bill_to", &invoice.bill_to),
                    ("total", &invoice.total),
                    ("balance", &invoice.balance),
                ] {
                    not_blank(field, value)?;
                }
                if !matches!(invoice.kind.as_str(), "invoice" | "credit_note") {
                    return problem("kind", "an invoice or a credit note");
                }
                if !matches!(invoice.status.as_str(), "issued" | "void") {
                    return problem("status", "only an issued or void invoice is shared (a draft has no number)");
                }
                for (index, line) in invoice.lines.iter().enumerate() {
                    not_blank(&format!("lines[{index}].description"), &line.description)?;
                }
                Ok(())
            }
        }
    }
}

fn validate_thought_record(record: &ThoughtRecord) -> Result<(), ItemProblem> {
    not_blank("situation", &record.situation)?;
    for (list, moods) in [("moods_before", &record.moods_before), ("moods_after", &record.moods_after)] {
        for (index, rating) in moods.iter().enumerate() {
            not_blank(&format!("{list}[{index}].mood"), &rating.mood)?;
            if rating.intensity > 100 {
                return problem(&format!("{list}[{index}].intensity"), "a mood's intensity is 0 to 100");
            }
        }
    }
    if record.automatic_thoughts.iter().filter(|t| t.is_hot).count() > 1 {
        return problem("automatic_thoughts", "only one thought can be the hot thought");
    }
    Ok(())
}

fn problem(field: &str, reason: &str) -> Result<(), ItemProblem> {
    Err(ItemProblem { field: field.to_owned(), reason: reason.to_owned() })
}

fn not_blank(field: &str, value: &str) -> Result<(), ItemProblem> {
    if value.trim().is_empty() {
        return problem(field, "must not be empty");
    }
    Ok(())
}

/// Refuses two entries with one id in the same list: the receiver dedupes by id.
pub(crate) fn unique_ids(field: &str, ids: impl Iterator<Item = Uuid>) -> Result<(), ItemProblem> {
    let mut seen = std::collections::HashSet::new();
    for (index, id) in ids.enumerate() {
        if !seen.insert(id) {
            return problem(&format!("{field}[{index}].id"), "the same id appears twice");
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;

    fn check_in(score: u8) -> SharedItem {
        SharedItem::MoodCheckIn(MoodCheckIn {
            id: Uuid::nil(),
            recorded_at: DateTime::UNIX_EPOCH,
            score,
            label: Some("calm".into()),
            note: None,
        })
    }

    #[test]
    fn items_serialise_with_a_type_tag_and_round_trip() {
        let item = check_in(4);
        let json = serde_json::to_value(&item).expect("serialisable");
        assert_eq!(json["type"], "mood_check_in");
        let back: SharedItem = serde_json::from_value(json).expect("round trip");
        assert_eq!(back, item);
    }

    #[test]
    fn type_name_is_the_serialised_tag() {
        let item = check_in(3);
        let json = serde_json::to_value(&item).expect("serialisable");
        assert_eq!(json["type"], item.type_name());
    }

    #[test]
    fn unknown_fields_and_types_are_refused() {
        let mut json = serde_json::to_value(check_in(4)).expect("serialisable");
        json["extra"] = serde_json::Value::Bool(true);
        assert!(serde_json::from_value::<SharedItem>(json.clone()).is_err());
        json["type"] = "something_else".into();
        assert!(serde_json::from_value::<SharedItem>(json).is_err());
    }

    #[test]
    fn validation_names_the_field() {
        assert_eq!(check_in(0).validate().expect_err("0 is out of range").field, "score");
        assert!(check_in(5).validate().is_ok());
        let plan = SharedItem::ActionPlan(ActionPlan {
            id: Uuid::nil(),
            title: "Sleep".into(),
            goal: None,
            steps: vec![
                ActionStep {
                    id: Uuid::nil(),
                    description: "Lights out by 23:00".into(),
                    owner: StepOwner::Client,
                    due: None,
                    status: StepStatus::NotStarted,
                },
                ActionStep {
                    id: Uuid::nil(),
                    description: "Review together".into(),
                    owner: StepOwner::Both,
                    due: None,
                    status: StepStatus::NotStarted,
                },
            ],
            updated_at: DateTime::UNIX_EPOCH,
        });
        assert_eq!(plan.validate().expect_err("duplicate step id").field, "steps[1].id");
    }

    #[test]
    fn measure_total_must_match_answers() {
        let score = |total| {
            SharedItem::MeasureScore(MeasureScore {
                id: Uuid::nil(),
                instrument: "GAD-7".into(),
                taken_at: DateTime::UNIX_EPOCH,
                item_answers: vec![1, 2, 0, 3, 1, 0, 2],
                total,
                band: Some("moderate".into()),
            })
        };
        assert!(score(9).validate().is_ok());
        assert_eq!(score(10).validate().expect_err("wrong total").field, "total");
    }
}
