//! Mood check-ins: a mood on a 1–10 scale at a moment, named emotions (from a built-in list or
//! the user's own words), optional energy and hours slept, and a note; plus the per-day series
//! the mood chart draws.

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::sqlite::SqliteRow;

use super::{Page, check_optional_range, check_range, clean_body, clean_line, fetch_page};
use crate::vault::{self, Vault};
use crate::{Error, Result, params};

/// The search/trash kind of mood check-ins.
pub const KIND: &str = crate::registry::kinds::MOOD_CHECKIN.kind;

/// Emotions offered by the check-in screen. Users may add their own words as well.
pub const EMOTIONS: &[&str] = &[
    "calm",
    "content",
    "hopeful",
    "grateful",
    "proud",
    "joyful",
    "relieved",
    "connected",
    "energised",
    "tired",
    "bored",
    "numb",
    "anxious",
    "worried",
    "overwhelmed",
    "stressed",
    "irritable",
    "angry",
    "frustrated",
    "sad",
    "lonely",
    "ashamed",
    "guilty",
    "hurt",
    "afraid",
    "restless",
];

/// A mood check-in as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct MoodCheckIn {
    /// Its id.
    pub id: String,
    /// When it was saved.
    pub created_at: DateTime<Utc>,
    /// When it was last changed.
    pub updated_at: DateTime<Utc>,
    /// The moment the check-in is about.
    pub checked_at: DateTime<Utc>,
    /// The user's calendar day at that moment.
    pub day: NaiveDate,
    /// Mood, 1 (lowest) to 10 (best).
    pub mood: i64,
    /// Named emotions, lower case, in the order chosen.
    pub emotions: Vec<String>,
    /// Energy, 1–10.
    pub energy: Option<i64>,
    /// Hours slept the night before.
    pub sleep_hours: Option<f64>,
    /// A note.
    pub note: String,
    /// When it was moved to the trash, if it was.
    pub deleted_at: Option<DateTime<Utc>>,
}

impl<'r> sqlx::FromRow<'r, SqliteRow> for MoodCheckIn {
    fn from_row(row: &'r SqliteRow) -> sqlx::Result<Self> {
        let emotions: String = row.try_get("emotions")?;
        Ok(MoodCheckIn {
            id: row.try_get("id")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
            checked_at: row.try_get("checked_at")?,
            day: row.try_get("day")?,
            mood: row.try_get("mood")?,
            emotions: split_emotions(&emotions),
            energy: row.try_get("energy")?,
            sleep_hours: row.try_get("sleep_hours")?,
            note: row.try_get("note")?,
            deleted_at: row.try_get("deleted_at")?,
        })
    }
}

/// A new check-in, or the full new contents of an existing one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct NewMoodCheckIn {
    /// The moment, with the user's UTC offset (which decides the day). Default: now, in UTC.
    pub at: Option<DateTime<FixedOffset>>,
    /// Mood 1–10 (required).
    pub mood: Option<i64>,
    /// Emotion names: built-in ([`EMOTIONS`]) or the user's own.
    pub emotions: Vec<String>,
    /// Energy 1–10.
    pub energy: Option<i64>,
    /// Hours slept, 0–24.
    pub sleep_hours: Option<f64>,
    /// A note.
    pub note: String,
}

/// Which check-ins to list. Defaults: all, newest first, 50 per page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct MoodFilter {
    /// Earliest day, inclusive.
    pub from: Option<NaiveDate>,
    /// Latest day, inclusive.
    pub to: Option<NaiveDate>,
    /// Page size (0 = 50).
    pub limit: u32,
    /// Check-ins to skip.
    pub offset: u32,
}

/// One day of the mood chart.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, sqlx::FromRow, ts_rs::TS)]
pub struct MoodDay {
    /// The day.
    pub day: NaiveDate,
    /// Mean mood of that day's check-ins.
    pub average: f64,
    /// Lowest mood that day.
    pub low: i64,
    /// Highest mood that day.
    pub high: i64,
    /// Mean energy, when any check-in recorded it.
    pub average_energy: Option<f64>,
    /// Number of check-ins.
    pub count: i64,
}

struct Checked {
    checked_at: DateTime<Utc>,
    day: NaiveDate,
    mood: i64,
    emotions: String,
    energy: Option<i64>,
    sleep_hours: Option<f64>,
    note: String,
}

fn check(input: &NewMoodCheckIn) -> Result<Checked> {
    let at = input.at.unwrap_or_else(|| vault::now().fixed_offset());
    // A few minutes of grace for clocks that disagree slightly.
    if at.with_timezone(&Utc) > vault::now() + chrono::Duration::minutes(10) {
        return Err(Error::invalid("time", "a check-in cannot be in the future"));
    }
    let mood = check_range("mood", input.mood.ok_or_else(|| Error::invalid("mood", "this is required"))?, 1, 10)?;
    let energy = check_optional_range("energy", input.energy, 1, 10)?;
    let sleep_hours = match input.sleep_hours {
        Some(h) if !(0.0..=24.0).contains(&h) || h.is_nan() => {
            return Err(Error::invalid("sleep", format!("hours slept must be between 0 and 24 (got {h})")));
        }
        other => other,
    };
    Ok(Checked {
        checked_at: at.with_timezone(&Utc),
        day: at.date_naive(),
        mood,
        emotions: normalise_emotions(&input.emotions)?,
        energy,
        sleep_hours,
        note: clean_body("note", &input.note)?,
    })
}

/// Emotion names, lower case, de-duplicated, joined by ", " for storage (and search).
fn normalise_emotions(names: &[String]) -> Result<String> {
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let name = clean_line("emotions", name, 40)?.to_lowercase();
        if name.is_empty() {
            continue;
        }
        if !name.chars().all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '\'') {
            return Err(Error::invalid("emotions", format!("\"{name}\": use letters, spaces, hyphens or apostrophes")));
        }
        if !out.contains(&name) {
            out.push(name);
        }
    }
    if out.len() > 20 {
        return Err(Error::invalid("emotions", "choose at most 20 emotions"));
    }
    Ok(out.join(", "))
}

fn split_emotions(stored: &str) -> Vec<String> {
    stored.split(", ").filter(|s| !s.is_empty()).map(str::to_owned).collect()
}

macro_rules! checkin_select {
    () => {
        "SELECT id, created_at, updated_at, checked_at, day, mood, emotions, energy, sleep_hours, note, deleted_at \
         FROM mood_checkins "
    };
}

/// What "not found" calls a check-in.
const WHAT: &str = "That mood check-in";
/// One check-in by id.
const GET: &str = concat!(checkin_select!(), "WHERE id = ?");

/// Saves a mood check-in.
pub async fn add_mood_checkin(vault: &Vault, new: NewMoodCheckIn) -> Result<MoodCheckIn> {
    let c = check(&new)?;
    let (id, now) = (vault::new_id(), vault::now());
    vault
        .exec_and_fetch(
            "INSERT INTO mood_checkins(id, created_at, updated_at, checked_at, day, mood, emotions, energy, \
                     sleep_hours, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            params![id.as_str(), now, now, c.checked_at, c.day, c.mood, c.emotions, c.energy, c.sleep_hours, c.note],
            GET,
            &id,
            WHAT,
        )
        .await
}

/// One check-in by id (also from the trash).
pub async fn get_mood_checkin(vault: &Vault, id: &str) -> Result<MoodCheckIn> {
    vault.fetch_existing(GET, params![id], WHAT).await
}

/// Replaces a check-in's contents (not in the trash).
pub async fn update_mood_checkin(vault: &Vault, id: &str, update: NewMoodCheckIn) -> Result<MoodCheckIn> {
    let c = check(&update)?;
    let changed = vault
        .exec_and_fetch(
            "UPDATE mood_checkins SET updated_at = ?, checked_at = ?, day = ?, mood = ?, emotions = ?, \
                         energy = ?, sleep_hours = ?, note = ? WHERE id = ? AND deleted_at IS NULL",
            params![vault::now(), c.checked_at, c.day, c.mood, c.emotions, c.energy, c.sleep_hours, c.note, id],
            GET,
            id,
            WHAT,
        )
        .await;
    crate::registry::unless_in_trash(vault, id, changed).await
}

/// Check-ins not in the trash, newest first, one page.
pub async fn list_mood_checkins(vault: &Vault, filter: MoodFilter) -> Result<Page<MoodCheckIn>> {
    let sql = concat!(
        checkin_select!(),
        "WHERE deleted_at IS NULL AND (?1 IS NULL OR day >= ?1) AND (?2 IS NULL OR day <= ?2) \
         ORDER BY checked_at DESC, id DESC LIMIT ?3 OFFSET ?4"
    );
    fetch_page(vault, sql, params![filter.from, filter.to], filter.limit, filter.offset).await
}

/// The mood chart: one point per day that has check-ins in `from..=to`, oldest first.
pub async fn mood_series(vault: &Vault, from: NaiveDate, to: NaiveDate) -> Result<Vec<MoodDay>> {
    if to < from {
        return Err(Error::invalid("to", "the end of the range is before its start"));
    }
    vault
        .fetch_all::<MoodDay>(
            "SELECT day, avg(mood) AS average, min(mood) AS low, max(mood) AS high, avg(energy) AS average_energy, \
             count(*) AS count FROM mood_checkins WHERE deleted_at IS NULL AND day >= ? AND day <= ? \
             GROUP BY day ORDER BY day",
            params![from, to],
        )
        .await
}

/// Moves a check-in to the trash.
pub async fn delete_mood_checkin(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::MOOD_CHECKIN.delete(vault, id).await
}

/// Takes a check-in back out of the trash.
pub async fn restore_mood_checkin(vault: &Vault, id: &str) -> Result<()> {
    crate::registry::kinds::MOOD_CHECKIN.restore(vault, id).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emotions_are_lower_cased_deduplicated_and_round_trip() {
        let stored = normalise_emotions(&["Anxious".into(), " hopeful ".into(), "anxious".into(), "a bit off".into()])
            .expect("valid emotions");
        assert_eq!(stored, "anxious, hopeful, a bit off");
        assert_eq!(split_emotions(&stored), vec!["anxious", "hopeful", "a bit off"]);
        assert!(split_emotions("").is_empty());
        let err = normalise_emotions(&["sad, tired".into()]).expect_err("commas are refused");
        assert!(matches!(err, Error::Invalid { ref field, .. } if field == "emotions"));
    }

    #[test]
    fn the_day_is_the_users_day_not_utcs() {
        let at = DateTime::parse_from_rfc3339("2026-03-01T23:30:00-05:00").expect("valid time");
        let c = check(&NewMoodCheckIn { at: Some(at), mood: Some(4), ..Default::default() }).expect("valid");
        assert_eq!(c.day, NaiveDate::from_ymd_opt(2026, 3, 1).expect("valid date"));
        assert_eq!(c.checked_at.to_rfc3339(), "2026-03-02T04:30:00+00:00");
    }

    #[test]
    fn out_of_range_values_name_their_field() {
        let base = NewMoodCheckIn { mood: Some(5), ..Default::default() };
        let cases = [
            (NewMoodCheckIn { mood: None, ..base.clone() }, "mood"),
            (NewMoodCheckIn { mood: Some(11), ..base.clone() }, "mood"),
            (NewMoodCheckIn { energy: Some(0), ..base.clone() }, "energy"),
            (NewMoodCheckIn { sleep_hours: Some(25.0), ..base.clone() }, "sleep"),
            (NewMoodCheckIn { sleep_hours: Some(f64::NAN), ..base.clone() }, "sleep"),
        ];
        for (input, field) in cases {
            let err = check(&input).err().expect("invalid");
            assert!(matches!(err, Error::Invalid { field: ref f, .. } if f == field), "{field}: {err}");
        }
        assert!(EMOTIONS.contains(&"overwhelmed") && EMOTIONS.len() >= 20);
    }
}
