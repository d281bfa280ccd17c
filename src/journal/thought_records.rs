//! Thought records, the core worksheet of cognitive behavioural therapy: the situation, the
//! moods it brought with their intensity (0–100), the automatic thoughts with the one "hot"
//! thought that carries the most feeling, the evidence for and against it, a balanced thought,
//! and the same moods re-rated afterwards.
//!
//! A record may be saved half-finished (evidence and balanced thought come later), but what is
//! there must be consistent: every rating 0–100, and exactly one hot thought whenever there are
//! thoughts at all.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{
    Page, check_optional_range, check_range, clean_body, fetch_page, parse_json_column, required_day, required_line,
};
use crate::sync::conflicts::Versions;
use crate::vault::{self, Params, Vault};
use crate::{Error, Result, params};

/// The search/trash kind of thought records.
pub const KIND: &str = crate::registry::kinds::THOUGHT_RECORD.kind;

/// A mood felt in the situation, rated 0–100, and re-rated at the end of the record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct RatedMood {
    /// The mood in the user's words ("anxious", "ashamed").
    pub name: String,
    /// How strong it was, 0–100.
    pub intensity: i64,
    /// How strong it is after working through the record, 0–100.
    #[serde(default)]
    pub rerated: Option<i64>,
}

/// One automatic thought.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct AutomaticThought {
    /// The thought, as it came.
    pub text: String,
    /// How much the user believed it, 0–100.
    #[serde(default)]
    pub belief: Option<i64>,
    /// Whether this is the hot thought (exactly one is, when there are thoughts).
    #[serde(default)]
    pub hot: bool,
}

/// A thought record as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ThoughtRecord {
    /// Its id.
    pub id: String,
    /// When it was first saved.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// The day of the situation.
    pub record_date: NaiveDate,
    /// What happened: who, what, when, where.
    pub situation: String,
    /// Moods and their intensity.
    pub moods: Vec<RatedMood>,
    /// The automatic thoughts.
    pub automatic_thoughts: Vec<AutomaticThought>,
    /// Evidence that supports the hot thought.
    pub evidence_for: String,
    /// Evidence that does not support it.
    pub evidence_against: String,
    /// An alternative or balanced thought.
    pub balanced_thought: String,
    /// How much the user believes the balanced thought, 0–100.
    pub balanced_belief: Option<i64>,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
    /// Which version of the worksheet this is (`None` for the first): an edit passes it back
    /// as `base` to [`update_thought_record`], so that a version saved meanwhile on another
    /// computer is kept aside rather than written over ([`crate::sync::conflicts`]). Left out
    /// of exports.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text_version: Option<String>,
}

impl ThoughtRecord {
    /// Its worksheet as one text, a paragraph per part ("Situation: …", "Moods: …"), as a
    /// version kept aside shows it.
    pub fn text(&self) -> String {
        crate::sync::conflicts::ThoughtRecordText::of(self).plain_text()
    }

    /// The hot thought, if the record has thoughts.
    pub fn hot_thought(&self) -> Option<&AutomaticThought> {
        self.automatic_thoughts.iter().find(|t| t.hot)
    }
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for ThoughtRecord {
    fn from_row(row: &'r SqliteRow) -> sqlx::Result<Self> {
        let decode = |e: Error| sqlx::Error::Decode(e.to_string().into());
        let moods: String = row.try_get("moods")?;
        let thoughts: String = row.try_get("automatic_thoughts")?;
        Ok(ThoughtRecord {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            record_date: row.try_get("record_date")?,
            situation: row.try_get("situation")?,
            moods: parse_json_column("thought record's moods", &moods).map_err(decode)?,
            automatic_thoughts: parse_json_column("thought record's thoughts", &thoughts).map_err(decode)?,
            evidence_for: row.try_get("evidence_for")?,
            evidence_against: row.try_get("evidence_against")?,
            balanced_thought: row.try_get("balanced_thought")?,
            balanced_belief: row.try_get("balanced_belief")?,
            deleted_at: row.try_get("deleted_at")?,
            text_version: row.try_get("text_version")?,
        })
    }
}

/// A new thought record, or the full new contents of an existing one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct NewThoughtRecord {
    /// The day of the situation (required).
    pub record_date: Option<NaiveDate>,
    /// What happened (required).
    pub situation: String,
    /// Moods with intensity 0–100 (and re-ratings, once done).
    pub moods: Vec<RatedMood>,
    /// Automatic thoughts; exactly one marked hot when there are any.
    pub automatic_thoughts: Vec<AutomaticThought>,
    /// Evidence for the hot thought.
    pub evidence_for: String,
    /// Evidence against it.
    pub evidence_against: String,
    /// The balanced thought.
    pub balanced_thought: String,
    /// Belief in the balanced thought, 0–100.
    pub balanced_belief: Option<i64>,
}

/// Which thought records to list. Defaults: all, newest first, 50 per page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct ThoughtRecordFilter {
    /// Earliest day, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest day, inclusive.
    pub to: Option<NaiveDate>,
    /// Page size (0 = 50).
    pub limit: u32,
    /// Records to skip.
    pub offset: u32,
}

struct Checked {
    record_date: NaiveDate,
    situation: String,
    moods: String,
    thoughts: String,
    thoughts_text: String,
    evidence_for: String,
    evidence_against: String,
    balanced_thought: String,
    balanced_belief: Option<i64>,
}

impl Checked {
    /// The values of the columns an add and an update both write, in their order.
    fn values(self) -> Params {
        params![
            self.record_date,
            self.situation,
            self.moods,
            self.thoughts,
            self.thoughts_text,
            self.evidence_for,
            self.evidence_against,
            self.balanced_thought,
            self.balanced_belief
        ]
    }
}

fn check(input: &NewThoughtRecord) -> Result<Checked> {
    let record_date = required_day("date", input.record_date)?;
    let situation = clean_body("situation", &input.situation)?;
    if situation.trim().is_empty() {
        return Err(Error::invalid("situation", "this is required: describe what happened"));
    }
    if input.moods.len() > 20 {
        return Err(Error::invalid("moods", "list at most 20 moods"));
    }
    let mut moods = Vec::with_capacity(input.moods.len());
    for m in &input.moods {
        let name = required_line("moods", &m.name, 60)?;
        check_range(&format!("intensity of \"{name}\""), m.intensity, 0, 100)?;
        check_optional_range(&format!("re-rated intensity of \"{name}\""), m.rerated, 0, 100)?;
        moods.push(RatedMood { name, intensity: m.intensity, rerated: m.rerated });
    }
    if input.automatic_thoughts.len() > 30 {
        return Err(Error::invalid("automatic thoughts", "list at most 30 thoughts"));
    }
    let mut thoughts = Vec::with_capacity(input.automatic_thoughts.len());
    for t in &input.automatic_thoughts {
        let text = required_line("automatic thoughts", &t.text, 2000)?;
        check_optional_range("belief in a thought", t.belief, 0, 100)?;
        thoughts.push(AutomaticThought { text, belief: t.belief, hot: t.hot });
    }
    let hot = thoughts.iter().filter(|t| t.hot).count();
    if !thoughts.is_empty() && hot != 1 {
        return Err(Error::invalid(
            "hot thought",
            format!("mark exactly one thought as the hot thought ({hot} marked)"),
        ));
    }
    let thoughts_text = thoughts.iter().map(|t| t.text.as_str()).collect::<Vec<_>>().join("\n");
    let to_json = |v: serde_json::Result<String>| v.map_err(|e| Error::Internal { detail: e.to_string() });
    let balanced_thought = clean_body("balanced thought", &input.balanced_thought)?;
    Ok(Checked {
        record_date,
        situation,
        moods: to_json(serde_json::to_string(&moods))?,
        thoughts: to_json(serde_json::to_string(&thoughts))?,
        thoughts_text,
        evidence_for: clean_body("evidence for", &input.evidence_for)?,
        evidence_against: clean_body("evidence against", &input.evidence_against)?,
        // A belief rating belongs to a balanced thought: with none (cleared, or not written yet)
        // none is kept. It was kept before, shown nowhere, and then stood beside the next
        // balanced thought written, a figure given for other words. A rating out of range is
        // still refused, so a mistake is said rather than dropped.
        balanced_belief: check_optional_range("belief in the balanced thought", input.balanced_belief, 0, 100)?
            .filter(|_| !balanced_thought.is_empty()),
        balanced_thought,
    })
}

macro_rules! record_select {
    () => {
        "SELECT id, created_at, updated_at, record_date, situation, moods, automatic_thoughts, evidence_for, \
         evidence_against, balanced_thought, balanced_belief, deleted_at, text_version FROM thought_records "
    };
}

/// What "not found" calls a thought record.
const WHAT: &str = "That thought record";
/// One thought record by id.
const GET: &str = concat!(record_select!(), "WHERE id = ?");

/// Saves a new thought record.
pub async fn add_thought_record(vault: &Vault, new: NewThoughtRecord) -> Result<ThoughtRecord> {
    let c = check(&new)?;
    crate::validate::chosen_day("date", c.record_date, None)?;
    let (id, now) = (vault::new_id(), vault::now());
    vault
        .exec_and_fetch(
            "INSERT INTO thought_records(id, created_at, updated_at, record_date, situation, moods, \
                     automatic_thoughts, thoughts_text, evidence_for, evidence_against, balanced_thought, \
                     balanced_belief) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [params![id.as_str(), now, now], c.values()].concat(),
            GET,
            &id,
            WHAT,
        )
        .await
}

/// One thought record by id (also from the trash).
pub async fn get_thought_record(vault: &Vault, id: &str) -> Result<ThoughtRecord> {
    vault.fetch_existing(GET, params![id], WHAT).await
}

/// Replaces a thought record's contents (not in the trash).
///
/// `base`: the version of the worksheet the edit was made from
/// ([`ThoughtRecord::text_version`]; `Some("")` for the first), or `None` for the version on
/// show now. A changed worksheet is a new version; if `base` is not the version on show — it
/// was saved meanwhile on another computer — the version on show is kept aside for the person
/// to choose from (the schema's trigger does it, here and when other computers replay this
/// save: docs/decisions.md 66 and 70). A changed day alone is no new version.
pub async fn update_thought_record(
    vault: &Vault,
    id: &str,
    update: NewThoughtRecord,
    base: Option<String>,
) -> Result<ThoughtRecord> {
    let c = check(&update)?;
    let (owned, now, fresh) = (id.to_owned(), vault::now(), vault::new_id());
    let by = vault.this_device().await?.hex();
    let changed = vault
        .write(move |w| {
            Box::pin(async move {
                // The worksheet as stored, to tell whether the edit changes it.
                type Stored =
                    (String, String, String, String, String, String, Option<i64>, Option<String>, Option<String>, NaiveDate);
                let (situation, moods, thoughts, evidence_for, evidence_against, balanced, belief, version, version_by, day): Stored =
                    w.fetch_existing(
                        "SELECT situation, moods, automatic_thoughts, evidence_for, evidence_against, balanced_thought, \
                                balanced_belief, text_version, text_by, record_date FROM thought_records \
                          WHERE id = ? AND deleted_at IS NULL",
                        params![owned.as_str()],
                        WHAT,
                    )
                    .await?;
                crate::validate::chosen_day("date", c.record_date, Some(day))?;
                let unchanged = situation == c.situation
                    && moods == c.moods
                    && thoughts == c.thoughts
                    && evidence_for == c.evidence_for
                    && evidence_against == c.evidence_against
                    && balanced == c.balanced_thought
                    && belief == c.balanced_belief;
                let text = Versions::of(version, version_by, base, unchanged, fresh, by);
                // No `deleted_at` test: the row was just read live, and a replayed edit of a
                // record trashed meanwhile on another computer lands in it, so restoring shows
                // the edit (as a journal entry's does).
                w.exec_one(
                    "UPDATE thought_records SET updated_at = ?, record_date = ?, situation = ?, moods = ?, \
                         automatic_thoughts = ?, thoughts_text = ?, evidence_for = ?, evidence_against = ?, \
                         balanced_thought = ?, balanced_belief = ?, text_version = ?, text_base = ?, text_by = ? \
                         WHERE id = ?",
                    [params![now], c.values(), text.columns(), params![owned.as_str()]].concat(),
                    WHAT,
                )
                .await?;
                w.fetch_existing(GET, params![owned.as_str()], WHAT).await
            })
        })
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// Thought records not in the trash, newest first, one page.
pub async fn list_thought_records(vault: &Vault, filter: ThoughtRecordFilter) -> Result<Page<ThoughtRecord>> {
    let sql = concat!(
        record_select!(),
        "WHERE deleted_at IS NULL AND (?1 IS NULL OR record_date >= ?1) AND (?2 IS NULL OR record_date <= ?2) \
         ORDER BY record_date DESC, created_at DESC, id DESC LIMIT ?3 OFFSET ?4"
    );
    fetch_page(vault, sql, params![filter.from, filter.to], filter.limit, filter.offset).await
}

/// Moves a thought record to the trash.
pub async fn delete_thought_record(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::THOUGHT_RECORD.delete(vault, id).await
}

/// Takes a thought record back out of the trash.
pub async fn restore_thought_record(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::THOUGHT_RECORD.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid() -> NewThoughtRecord {
        NewThoughtRecord {
            record_date: NaiveDate::from_ymd_opt(2026, 11, 2),
            situation: "Friend did not reply".into(),
            moods: vec![RatedMood { name: "hurt".into(), intensity: 70, rerated: Some(30) }],
            automatic_thoughts: vec![
                AutomaticThought { text: "She is angry with me".into(), belief: Some(80), hot: true },
                AutomaticThought { text: "I always mess up".into(), belief: None, hot: false },
            ],
            ..Default::default()
        }
    }

    fn field_of(input: NewThoughtRecord) -> String {
        match check(&input) {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected Invalid, got {:?}", other.map(|c| c.moods)),
        }
    }

    #[test]
    fn a_consistent_record_passes_and_indexes_its_thoughts_as_lines() {
        let c = check(&valid()).expect("valid record");
        assert_eq!(c.thoughts_text, "She is angry with me\nI always mess up");
        let half_done = NewThoughtRecord { automatic_thoughts: vec![], moods: vec![], ..valid() };
        assert!(check(&half_done).is_ok(), "a record may be saved before thoughts are written");
    }

    #[test]
    fn exactly_one_hot_thought_is_required() {
        let mut none_hot = valid();
        none_hot.automatic_thoughts[0].hot = false;
        assert_eq!(field_of(none_hot), "hot thought");
        let mut two_hot = valid();
        two_hot.automatic_thoughts[1].hot = true;
        assert_eq!(field_of(two_hot), "hot thought");
    }

    #[test]
    fn ratings_outside_zero_to_a_hundred_name_what_is_wrong() {
        let mut r = valid();
        r.moods[0].intensity = 101;
        assert_eq!(field_of(r), "intensity of \"hurt\"");
        let mut r = valid();
        r.moods[0].rerated = Some(-1);
        assert_eq!(field_of(r), "re-rated intensity of \"hurt\"");
        let mut r = valid();
        r.automatic_thoughts[1].belief = Some(150);
        assert_eq!(field_of(r), "belief in a thought");
        assert_eq!(
            field_of(NewThoughtRecord { balanced_belief: Some(101), ..valid() }),
            "belief in the balanced thought"
        );
        assert_eq!(field_of(NewThoughtRecord { situation: " ".into(), ..valid() }), "situation");
        assert_eq!(field_of(NewThoughtRecord { record_date: None, ..valid() }), "date");
    }
}
