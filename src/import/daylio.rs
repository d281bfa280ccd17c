//! Daylio's CSV export: one row per mood entry, with the header
//! `full_date,date,weekday,time,mood,activities,note_title,note` (older versions have no
//! `note_title`). Columns are found by name, so their order does not matter.
//!
//! `full_date` is `YYYY-MM-DD`; `time` is `HH:MM` or `h:mm am/pm`, depending on the phone's
//! locale, in local time with no zone. Activities are separated by ` | ` and become tags.
//! Daylio's five default moods map to scores: rad 5, good 4, meh 3, bad 2, awful 1. Custom mood
//! names are kept as the label without a score, and the report lists them. Notes use `<br>` for
//! line breaks and HTML entities, which are turned back into plain text.

use std::collections::BTreeMap;

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::{
    ImportBatch, ImportError, ImportSource, ImportedEntry, ImportedMood, LocalTime, clean_tags, content_id, finish,
};

const EXPECTED: &str = "Daylio's CSV export";
const REQUIRED: [&str; 3] = ["full_date", "time", "mood"];

/// Parses a Daylio CSV export.
pub fn parse_csv(file: &str, bytes: &[u8], local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let bad_line = |line: u64, reason: String| ImportError::BadLine { file: file.to_owned(), line, reason };
    let mut reader = csv::ReaderBuilder::new().has_headers(true).from_reader(bytes);
    let headers =
        reader.headers().map_err(|error| bad_line(csv_line(&error).unwrap_or(1), csv_reason(&error)))?.clone();
    let column = |name: &str| headers.iter().position(|h| h.trim().eq_ignore_ascii_case(name));
    let missing: Vec<&str> = REQUIRED.into_iter().filter(|name| column(name).is_none()).collect();
    if !missing.is_empty() {
        return Err(bad_line(
            1,
            format!(
                "the header row lacks the column(s) {}; expected Daylio's header full_date,date,weekday,time,mood,activities,note_title,note",
                missing.join(", ")
            ),
        ));
    }
    let index = |name: &str| column(name).expect("required columns were checked above");
    let (date_at, time_at, mood_at) = (index("full_date"), index("time"), index("mood"));
    let (activities_at, title_at, note_at) = (column("activities"), column("note_title"), column("note"));

    let mut entries = Vec::new();
    let mut custom_moods: BTreeMap<String, usize> = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|error| bad_line(csv_line(&error).unwrap_or(0), csv_reason(&error)))?;
        let line = record.position().map_or(0, |p| p.line());
        let field = |at: Option<usize>| at.and_then(|i| record.get(i)).unwrap_or_default().trim();
        let date_text = field(Some(date_at));
        let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d").map_err(|_| {
            bad_line(line, format!("full_date \"{}\" is not a date like 2024-01-31", shorten(date_text)))
        })?;
        let time_text = field(Some(time_at));
        let time = parse_time(time_text).ok_or_else(|| {
            bad_line(line, format!("time \"{}\" is not a time like 21:15 or 9:15 pm", shorten(time_text)))
        })?;
        let mood_label = field(Some(mood_at));
        if mood_label.is_empty() {
            return Err(bad_line(line, "the mood column is empty".to_owned()));
        }
        let score = default_mood_score(mood_label);
        if score.is_none() {
            *custom_moods.entry(mood_label.to_owned()).or_default() += 1;
        }
        let activities = field(activities_at);
        let title = plain_text(field(title_at));
        let note = plain_text(field(note_at));
        let written = NaiveDateTime::new(date, time);
        let minute = written.format("%Y-%m-%d %H:%M").to_string();
        entries.push(ImportedEntry {
            source: ImportSource::Daylio,
            source_id: content_id(&[&minute, mood_label, activities, &title, &note]),
            created_at: local_time.to_utc(written),
            entry_date: date,
            title: Some(title).filter(|t| !t.is_empty()),
            text: note,
            tags: clean_tags(activities.split('|').map(str::to_owned)),
            starred: false,
            mood: Some(ImportedMood { label: mood_label.to_owned(), score }),
            media: Vec::new(),
        });
    }
    if entries.is_empty() {
        return Err(ImportError::NothingToImport { file: file.to_owned(), expected: EXPECTED });
    }
    let mut warnings = Vec::new();
    if !custom_moods.is_empty() {
        // What the journal will show: no mood score, the word as a tag (`store::journal_fields`).
        let listed: Vec<String> =
            custom_moods.iter().map(|(mood, count)| format!("\"{mood}\" ({count}) as mood:{mood}")).collect();
        warnings.push(format!("custom moods have no 1–5 score, so they are kept as tags: {}", listed.join(", ")));
    }
    Ok(finish(entries, warnings))
}

/// Daylio's five default moods on Wellkept's 1 (worst) to 5 (best) scale.
fn default_mood_score(label: &str) -> Option<u8> {
    match label.to_lowercase().as_str() {
        "rad" => Some(5),
        "good" => Some(4),
        "meh" => Some(3),
        "bad" => Some(2),
        "awful" => Some(1),
        _ => None,
    }
}

/// `21:15`, `9:15 pm`, `9:15PM` or `09:15 a.m.`.
fn parse_time(text: &str) -> Option<NaiveTime> {
    let lower = text.to_ascii_lowercase().replace('.', "");
    let (clock, meridiem) = if let Some(clock) = lower.strip_suffix("am") {
        (clock.trim(), Some(false))
    } else if let Some(clock) = lower.strip_suffix("pm") {
        (clock.trim(), Some(true))
    } else {
        (lower.trim(), None)
    };
    let (hour, minute) = clock.split_once(':')?;
    let (hour, minute): (u32, u32) = (hour.parse().ok()?, minute.parse().ok()?);
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(pm) => hour % 12 + if pm { 12 } else { 0 },
    };
    NaiveTime::from_hms_opt(hour, minute, 0)
}

/// Daylio's note markup to plain text: `<br>` to line breaks, entities to characters.
fn plain_text(text: &str) -> String {
    let mut out = text.replace("<br />", "\n").replace("<br/>", "\n").replace("<br>", "\n");
    for (entity, character) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&nbsp;", " ")] {
        out = out.replace(entity, character);
    }
    // Last, so "&amp;lt;" becomes "&lt;" and not "<".
    out.replace("&amp;", "&").trim().to_owned()
}

fn csv_line(error: &csv::Error) -> Option<u64> {
    error.position().map(csv::Position::line)
}

fn csv_reason(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            format!("this row has {len} columns but the header has {expected_len} (a stray comma or quote?)")
        }
        csv::ErrorKind::Utf8 { .. } => {
            "this row is not UTF-8 text (was the file saved in another encoding?)".to_owned()
        }
        _ => "this row could not be read as CSV".to_owned(),
    }
}

/// At most 40 characters of a value, for quoting it in an error.
fn shorten(value: &str) -> String {
    value.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_both_locales() {
        let t = |h, m| NaiveTime::from_hms_opt(h, m, 0);
        assert_eq!(parse_time("21:15"), t(21, 15));
        assert_eq!(parse_time("9:15 pm"), t(21, 15));
        assert_eq!(parse_time("12:05 AM"), t(0, 5));
        assert_eq!(parse_time("12:30 p.m."), t(12, 30));
        assert_eq!(parse_time("13:00 pm"), None);
        assert_eq!(parse_time("25:00"), None);
        assert_eq!(parse_time("noon"), None);
    }

    #[test]
    fn default_moods_score_and_custom_ones_do_not() {
        assert_eq!(default_mood_score("Rad"), Some(5));
        assert_eq!(default_mood_score("awful"), Some(1));
        assert_eq!(default_mood_score("ecstatic"), None);
    }

    #[test]
    fn note_markup_becomes_plain_text() {
        assert_eq!(
            plain_text("Line one<br>Line two<br/>Tom &amp; Jerry &amp;lt;3"),
            "Line one\nLine two\nTom & Jerry &lt;3"
        );
    }
}
