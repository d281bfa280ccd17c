//! Recorded outcome measures: an administration of an instrument (for a client, or the vault
//! owner's self-assessment), validated and scored before anything is written, with its score
//! history for charts.
//!
//! Safety rule: a PHQ-9 item-9 answer above 0 ("thoughts that you would be better off dead or of
//! hurting yourself") raises a risk flag whatever the total, in the same durable write as the
//! measure, and the result carries the flag so the UI can act on it at once.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::instruments::{Instrument, PHQ9_SELF_HARM_ITEM};
use super::risk::{self, RiskFlag, RiskLevel, RiskSource};
use super::validate;
use crate::registry::generic::Live;
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

/// An administration to record.
#[derive(Debug, Clone, Serialize, Deserialize, ts_rs::TS)]
pub struct NewMeasure {
    /// The client, or `None` for the vault owner's self-assessment.
    pub client_id: Option<String>,
    /// Which instrument.
    pub instrument: Instrument,
    /// The day it was completed.
    pub administered_on: NaiveDate,
    /// The score chosen for each item, item 1 first; `None` = not answered (refused).
    pub answers: Vec<Option<i64>>,
    /// The unscored functional-difficulty answer (0–3), for instruments that ask it.
    pub functional_difficulty: Option<i64>,
    /// Free notes.
    pub notes: String,
}

/// A stored, scored administration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MeasureAdministration {
    /// Row id.
    pub id: String,
    /// The client, or `None` for the vault owner.
    pub client_id: Option<String>,
    /// Which instrument.
    pub instrument: Instrument,
    /// The day it was completed.
    pub administered_on: NaiveDate,
    /// Item scores, item 1 first.
    pub answers: Vec<u8>,
    /// The functional-difficulty answer (0–3), if given.
    pub functional_difficulty: Option<u8>,
    /// Sum of item scores.
    pub raw_score: u32,
    /// The reported score (WHO-5: percentage).
    pub total: u32,
    /// The band's key ("moderately_severe").
    pub band: String,
    /// The band's published name.
    pub band_label: String,
    /// Free notes.
    pub notes: String,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
}

/// What recording a measure produced: the administration and, if it raised one, the risk flag.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct RecordedMeasure {
    /// The stored administration.
    pub administration: MeasureAdministration,
    /// The risk flag this administration raised (PHQ-9 item 9 above 0), if any.
    pub risk_flag: Option<RiskFlag>,
}

/// One point of a score chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct ScorePoint {
    /// The day.
    pub administered_on: NaiveDate,
    /// The reported score.
    pub total: u32,
    /// The band's key.
    pub band: String,
    /// The band's published name.
    pub band_label: String,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    client_id: Option<String>,
    instrument: String,
    administered_on: NaiveDate,
    answers: String,
    functional_difficulty: Option<i64>,
    raw_score: i64,
    total: i64,
    band: String,
    notes: String,
    created_at: DateTime<Utc>,
}

impl TryFrom<Row> for MeasureAdministration {
    type Error = Error;

    fn try_from(r: Row) -> Result<Self> {
        let damaged = || Error::damaged(format!("the stored measure {}", r.id));
        let instrument = Instrument::from_key(&r.instrument).ok_or_else(damaged)?;
        let answers: Vec<u8> = serde_json::from_str(&r.answers).map_err(|_| damaged())?;
        let band_label = instrument.definition().band_by_key(&r.band).ok_or_else(damaged)?.label.to_owned();
        Ok(MeasureAdministration {
            instrument,
            answers,
            functional_difficulty: r.functional_difficulty.and_then(|v| u8::try_from(v).ok()),
            raw_score: u32::try_from(r.raw_score).map_err(|_| damaged())?,
            total: u32::try_from(r.total).map_err(|_| damaged())?,
            band_label,
            id: r.id,
            client_id: r.client_id,
            administered_on: r.administered_on,
            band: r.band,
            notes: r.notes,
            created_at: r.created_at,
        })
    }
}

/// Validates, scores and stores an administration; raises a risk flag for a PHQ-9 item-9 answer
/// above 0 in the same write. Incomplete or out-of-range answers are refused, naming the item.
pub async fn record_measure(vault: &Vault, new: NewMeasure) -> Result<RecordedMeasure> {
    // Given here: not after today here (a client's shared one keeps its own day: `check_measure`).
    crate::validate::not_after_today("date", new.administered_on)?;
    let checked = check_measure(new)?;
    vault.write(move |w| Box::pin(async move { write_measure(w, checked).await })).await
}

/// An administration that passed every check, ready to write.
#[derive(Debug)]
pub(crate) struct CheckedMeasure {
    client_id: Option<String>,
    instrument: Instrument,
    on: NaiveDate,
    answers_json: String,
    functional: Option<u8>,
    raw: u32,
    total: u32,
    band: &'static str,
    notes: String,
    self_harm: Option<u8>,
}

/// Checks and scores an administration without writing anything.
pub(crate) fn check_measure(new: NewMeasure) -> Result<CheckedMeasure> {
    let client_id = validate::client_id(new.client_id.as_deref())?;
    let score = new.instrument.score(&new.answers)?;
    let functional = new.instrument.check_functional_difficulty(new.functional_difficulty)?;
    let notes = validate::notes("notes", &new.notes)?;
    // A client's shared self-assessment may be dated in a time zone ahead of this one.
    crate::validate::begun_somewhere("date", new.administered_on)?;
    // `score` succeeded, so every answer is present and within 0..=5.
    let answers: Vec<u8> = new.answers.iter().map(|a| a.and_then(|v| u8::try_from(v).ok()).unwrap_or(0)).collect();
    let self_harm = (new.instrument == Instrument::Phq9).then(|| answers[PHQ9_SELF_HARM_ITEM]).filter(|v| *v > 0);
    let answers_json = serde_json::to_string(&answers).map_err(|e| Error::Internal { detail: e.to_string() })?;
    Ok(CheckedMeasure {
        client_id,
        instrument: new.instrument,
        on: new.administered_on,
        answers_json,
        functional,
        raw: score.raw,
        total: score.total,
        band: score.band.key,
        notes,
        self_harm,
    })
}

/// Writes a checked administration, and its item-9 risk flag, inside the caller's write: the
/// measure screen and a measure a client shared (`crate::exchange::filing`) go through here, so
/// both raise the same flag.
pub(crate) async fn write_measure(w: &mut Writer<'_>, m: CheckedMeasure) -> Result<RecordedMeasure> {
    let id = vault::new_id();
    let now = vault::now();
    w.exec(
        "INSERT INTO measure_administrations(id, created_at, updated_at, client_id, instrument, \
         administered_on, answers, functional_difficulty, raw_score, total, band, notes) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        params![
            id.clone(),
            now,
            now,
            m.client_id.clone(),
            m.instrument.key(),
            m.on,
            m.answers_json,
            m.functional,
            m.raw,
            m.total,
            m.band,
            m.notes
        ],
    )
    .await?;
    let risk_flag = match m.self_harm {
        Some(answer) => Some(raise_item9_flag(w, m.client_id, answer, m.on, &id).await?),
        None => None,
    };
    // Just written, so not in the trash.
    let administration = Row::fetch_in(w, &id).await?.try_into()?;
    Ok(RecordedMeasure { administration, risk_flag })
}

/// The flag for a PHQ-9 item-9 answer. "Several days" is medium, more often is high: both need a
/// follow-up conversation about safety, the higher one before the session ends.
async fn raise_item9_flag(
    w: &mut Writer<'_>,
    client_id: Option<String>,
    answer: u8,
    on: NaiveDate,
    measure_id: &str,
) -> Result<RiskFlag> {
    let label = Instrument::Phq9.definition().options.get(usize::from(answer)).map_or("above 0", |o| o.label);
    let level = if answer >= 2 { RiskLevel::High } else { RiskLevel::Medium };
    let description = format!(
        "PHQ-9 item 9 (thoughts that you would be better off dead or of hurting yourself in some way) was answered \
         “{label}”. Check in about safety and review the safety plan."
    );
    let id = risk::insert_flag(w, client_id, RiskSource::Measure, level, &description, on, Some(measure_id.to_owned()))
        .await?;
    RiskFlag::fetch_in(w, &id).await
}

impl Live for Row {
    const SELECT: &'static str = "SELECT * FROM measure_administrations WHERE id = ? AND deleted_at IS NULL";
    const WHAT: &'static str = "That measure";
}

/// One administration by id (not in the trash).
pub async fn get_measure(vault: &Vault, id: &str) -> Result<MeasureAdministration> {
    Row::get(vault, id).await?.try_into()
}

/// A client's administrations (`None`: the owner's), newest first; one instrument or all.
pub async fn list_measures(
    vault: &Vault,
    client_id: Option<&str>,
    instrument: Option<Instrument>,
) -> Result<Vec<MeasureAdministration>> {
    let rows = vault
        .fetch_all::<Row>(
            "SELECT * FROM measure_administrations WHERE client_id IS ? AND (? IS NULL OR instrument = ?) \
             AND deleted_at IS NULL ORDER BY administered_on DESC, created_at DESC",
            params![client_id, instrument.map(Instrument::key), instrument.map(Instrument::key)],
        )
        .await?;
    rows.into_iter().map(TryInto::try_into).collect()
}

/// Score history of one instrument for one client (`None`: the owner), oldest first, for charts.
pub async fn score_history(vault: &Vault, client_id: Option<&str>, instrument: Instrument) -> Result<Vec<ScorePoint>> {
    let mut points: Vec<ScorePoint> = list_measures(vault, client_id, Some(instrument))
        .await?
        .into_iter()
        .map(|m| ScorePoint {
            administered_on: m.administered_on,
            total: m.total,
            band: m.band,
            band_label: m.band_label,
        })
        .collect();
    points.reverse();
    Ok(points)
}

/// Moves an administration to the trash (a mistaken entry). Any risk flag it raised stays open:
/// a concern is resolved by a person, not by deleting the evidence.
pub async fn delete_measure(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::MEASURE.delete(vault, id).await
}

/// Brings an administration back from the trash.
pub async fn restore_measure(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::MEASURE.restore(vault, id).await
}
