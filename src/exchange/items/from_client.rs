//! What a client shares with their mentor: journal entries, mood check-ins, thought records
//! and outcome-measure scores.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// A reflection journal entry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedJournalEntry")]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedMoodCheckIn")]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedMoodRating")]
#[serde(deny_unknown_fields)]
pub struct MoodRating {
    /// The mood ("anxious", "ashamed").
    pub mood: String,
    /// How strong, 0–100.
    pub intensity: u8,
}

/// One automatic thought in a thought record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedAutomaticThought")]
#[serde(deny_unknown_fields)]
pub struct AutomaticThought {
    /// The thought as it came.
    pub text: String,
    /// Whether this is the "hot thought" the rest of the record works on.
    pub is_hot: bool,
}

/// A thought record, as in Mind Over Mood's seven columns.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedThoughtRecord")]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[ts(rename = "SharedMeasureScore")]
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
