//! What can travel in a share bundle: plain serde records, one per kind of thing issue 5 lets
//! a client or a mentor share.
//!
//! These are wire types, not database rows: they are versioned with the bundle format and
//! mapped to and from the vault's tables by the code that imports a bundle. Every item carries
//! the sender's own id for it (a UUID), so importing the same item twice is recognised.
//! `validate` enforces what the receiving side relies on (ranges, non-empty text); it runs on
//! both sides, so a sender cannot make a bundle its recipient would refuse.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// One shared thing. Serialised with a `type` tag, e.g. `{"type": "journal_entry", ...}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
}

/// A reflection journal entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JournalEntry {
    /// The sender's id for this entry.
    pub id: Uuid,
    /// When the entry was written.
    pub created_at: DateTime<Utc>,
    /// Optional title.
    pub title: Option<String>,
    /// The entry's text (Markdown).
    pub text: String,
    /// The journaling prompt it answers, if any.
    pub prompt: Option<String>,
    /// Tags, as the writer typed them.
    pub tags: Vec<String>,
}

/// A mood check-in on the 1 (worst) to 5 (best) scale.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoodCheckIn {
    /// The sender's id for this check-in.
    pub id: Uuid,
    /// When the mood was recorded.
    pub recorded_at: DateTime<Utc>,
    /// 1 (worst) to 5 (best).
    pub score: u8,
    /// The word the person chose for the mood ("calm", "low").
    pub label: Option<String>,
    /// A short note.
    pub note: Option<String>,
}

/// A mood named in a thought record with its intensity, 0–100.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MoodRating {
    /// The mood ("anxious", "ashamed").
    pub mood: String,
    /// How strong, 0–100.
    pub intensity: u8,
}

/// One automatic thought in a thought record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AutomaticThought {
    /// The thought as it came.
    pub text: String,
    /// Whether this is the "hot thought" the rest of the record works on.
    pub is_hot: bool,
}

/// A thought record, as in Mind Over Mood's seven columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThoughtRecord {
    /// The sender's id for this record.
    pub id: Uuid,
    /// When it was written.
    pub created_at: DateTime<Utc>,
    /// What happened: who, what, when, where.
    pub situation: String,
    /// Moods at the time, rated 0–100.
    pub moods_before: Vec<MoodRating>,
    /// The thoughts that came; at most one is the hot thought.
    pub automatic_thoughts: Vec<AutomaticThought>,
    /// Evidence that supports the hot thought.
    pub evidence_for: String,
    /// Evidence that does not support it.
    pub evidence_against: String,
    /// The alternative or balanced thought.
    pub balanced_thought: String,
    /// The same moods re-rated afterwards.
    pub moods_after: Vec<MoodRating>,
}

/// A completed outcome measure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureScore {
    /// The sender's id for this score.
    pub id: Uuid,
    /// Which instrument, by its published name ("PHQ-9", "GAD-7").
    pub instrument: String,
    /// When it was completed.
    pub taken_at: DateTime<Utc>,
    /// The answer to each item, in order, as scored on the instrument (0–3 for PHQ-9).
    pub item_answers: Vec<u8>,
    /// The total score.
    pub total: u32,
    /// The published severity band the total falls in ("moderate").
    pub band: Option<String>,
}

/// Who is to carry out an action step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
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

/// A person or service in a safety plan, with how to reach them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyContact {
    /// Name of the person or service.
    pub name: String,
    /// Phone number, or other way to reach them.
    pub phone: Option<String>,
}

/// A Stanley-Brown safety plan, section by section.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SafetyPlan {
    /// The sender's id for this plan.
    pub id: Uuid,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// 1. Warning signs that a crisis may be developing.
    pub warning_signs: Vec<String>,
    /// 2. Things I can do on my own to take my mind off problems.
    pub internal_coping: Vec<String>,
    /// 3. People and social settings that provide distraction.
    pub distraction_people_and_places: Vec<SafetyContact>,
    /// 4. People I can ask for help.
    pub people_to_ask_for_help: Vec<SafetyContact>,
    /// 5. Professionals or agencies, and crisis lines, to contact.
    pub professionals_and_crisis_lines: Vec<SafetyContact>,
    /// 6. Making the environment safe.
    pub making_the_environment_safe: Vec<String>,
    /// 7. Reasons for living.
    pub reasons_for_living: Vec<String>,
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
            Self::SafetyPlan(_) => Ok(()),
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
