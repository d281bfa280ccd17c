//! jrnl: its JSON export (`jrnl --export json`) and its plain-text journal file.
//!
//! The JSON export is `{"tags": {"@tag": count}, "entries": [{"title", "body", "date":
//! "YYYY-MM-DD", "time": "HH:MM", "tags": ["@tag"], "starred"}]}`.
//!
//! The text format is a sequence of entries, each starting with a line
//! `[YYYY-MM-DD HH:MM] Title. Body…` (jrnl 2 and later; older versions write the date without
//! brackets, and the default `%F %r` time format adds seconds and AM/PM). A trailing `*` on that
//! line marks a starred entry; the lines up to the next date line belong to the entry. The title
//! is split off as jrnl does: at the first sentence end (`.`, `!` or `?` followed by a space) or
//! the first line break. Tags are words starting with `@` or `#`, kept without the mark.
//!
//! jrnl stores local time with no zone, so times are read in the zone the caller chooses.
//! jrnl has no entry ids: an entry's id is a hash of its minute, title and body, the same from
//! the JSON export and from the text file, so importing both does not duplicate anything.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

use super::json_path::{JsonObject, parse_document};
use super::{ImportBatch, ImportError, ImportSource, ImportedEntry, LocalTime, clean_tags, content_id, finish};

const EXPECTED_JSON: &str = "the output of `jrnl --export json`";
const EXPECTED_TEXT: &str = "a jrnl journal file, with lines like [2024-01-31 08:15] Title.";

/// Parses `jrnl --export json` output.
pub fn parse_json(file: &str, bytes: &[u8], local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let document = parse_document(file, bytes)?;
    let root = JsonObject::new(file, String::new(), &document)?;
    let mut entries = Vec::new();
    for (index, value) in root.required_array("entries")?.iter().enumerate() {
        let entry = JsonObject::new(file, format!("entries[{index}]"), value)?;
        let title = entry.required_str("title")?.trim();
        let body = entry.optional_str("body")?.unwrap_or_default().trim();
        let date_text = entry.required_str("date")?;
        let date = NaiveDate::parse_from_str(date_text, "%Y-%m-%d")
            .map_err(|_| entry.error("date", "expected a date like 2024-01-31"))?;
        let time_text = entry.required_str("time")?;
        let time = NaiveTime::parse_from_str(time_text, "%H:%M")
            .map_err(|_| entry.error("time", "expected a 24-hour time like 08:15"))?;
        let written = NaiveDateTime::new(date, time);
        let tags = entry.string_list("tags")?.into_iter().map(|tag| strip_tag_mark(&tag).to_owned());
        entries.push(make_entry(written, title, body, clean_tags(tags), entry.optional_bool("starred")?, local_time));
    }
    if entries.is_empty() {
        return Err(ImportError::NothingToImport { file: file.to_owned(), expected: EXPECTED_JSON });
    }
    Ok(finish(entries, Vec::new()))
}

/// Parses a jrnl plain-text journal file.
pub fn parse_text(file: &str, bytes: &[u8], local_time: LocalTime) -> Result<ImportBatch, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|error| ImportError::BadLine {
        file: file.to_owned(),
        line: 1 + bytes[..error.valid_up_to()].iter().filter(|&&b| b == b'\n').count() as u64,
        reason: "this line is not UTF-8 text (was the file saved in another encoding?)".to_owned(),
    })?;
    struct Draft<'t> {
        written: NaiveDateTime,
        starred: bool,
        lines: Vec<&'t str>,
    }
    let mut drafts: Vec<Draft<'_>> = Vec::new();
    for (index, line) in text.lines().enumerate() {
        let number = index as u64 + 1;
        match parse_date_line(line) {
            DateLine::Entry { written, rest } => {
                let rest = rest.trim_end();
                let (rest, starred) = match rest.strip_suffix('*') {
                    Some(without) => (without.trim_end(), true),
                    None => (rest, false),
                };
                drafts.push(Draft { written, starred, lines: vec![rest] });
            }
            DateLine::Impossible(reason) => {
                return Err(ImportError::BadLine { file: file.to_owned(), line: number, reason });
            }
            DateLine::NotADate => {
                match drafts.last_mut() {
                    Some(draft) => draft.lines.push(line),
                    None if line.trim().is_empty() => {}
                    None => {
                        return Err(ImportError::BadLine {
                        file: file.to_owned(),
                        line: number,
                        reason: "expected the first entry to start with a date like [2024-01-31 08:15], found other text".to_owned(),
                    });
                    }
                }
            }
        }
    }
    if drafts.is_empty() {
        return Err(ImportError::NothingToImport { file: file.to_owned(), expected: EXPECTED_TEXT });
    }
    let entries = drafts
        .into_iter()
        .map(|draft| {
            let full = draft.lines.join("\n");
            let (title, body) = split_title(&full);
            let tags = clean_tags(inline_tags(&full).map(str::to_owned));
            make_entry(draft.written, title, body, tags, draft.starred, local_time)
        })
        .collect();
    Ok(finish(entries, Vec::new()))
}

fn make_entry(
    written: NaiveDateTime,
    title: &str,
    body: &str,
    tags: Vec<String>,
    starred: bool,
    local_time: LocalTime,
) -> ImportedEntry {
    let minute = written.format("%Y-%m-%d %H:%M").to_string();
    ImportedEntry {
        source: ImportSource::Jrnl,
        source_id: content_id(&[&minute, title, body]),
        created_at: local_time.to_utc(written),
        entry_date: written.date(),
        title: Some(title.to_owned()).filter(|t| !t.is_empty()),
        text: body.to_owned(),
        tags,
        starred,
        mood: None,
        media: Vec::new(),
    }
}

/// What a line of a jrnl text file is.
enum DateLine<'t> {
    /// The start of an entry, with the text after the date.
    Entry { written: NaiveDateTime, rest: &'t str },
    /// Shaped like a date line, but the date or time does not exist (`2024-02-30`).
    Impossible(String),
    /// A line of an entry's body.
    NotADate,
}

fn parse_date_line(line: &str) -> DateLine<'_> {
    let (bracketed, s) = match line.strip_prefix('[') {
        Some(after) => (true, after),
        None => (false, line),
    };
    let b = s.as_bytes();
    let digits = |range: std::ops::Range<usize>| b.get(range).is_some_and(|d| d.iter().all(u8::is_ascii_digit));
    let shaped = digits(0..4)
        && b.get(4) == Some(&b'-')
        && digits(5..7)
        && b.get(7) == Some(&b'-')
        && digits(8..10)
        && b.get(10) == Some(&b' ')
        && digits(11..13)
        && b.get(13) == Some(&b':')
        && digits(14..16);
    if !shaped {
        return DateLine::NotADate;
    }
    let mut end = 16;
    let mut seconds = 0;
    if b.get(16) == Some(&b':') && digits(17..19) {
        seconds = number(&s[17..19]);
        end = 19;
    }
    let mut meridiem = None;
    let tail = &s[end..];
    for (marker, pm) in [(" AM", false), (" PM", true), (" am", false), (" pm", true)] {
        if tail.starts_with(marker) {
            meridiem = Some(pm);
            end += marker.len();
        }
    }
    let rest = &s[end..];
    let rest = if bracketed {
        match rest.strip_prefix(']') {
            Some(after) => after,
            None => return DateLine::NotADate,
        }
    } else {
        rest
    };
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return DateLine::NotADate;
    }
    let (year, month, day) = (number(&s[0..4]), number(&s[5..7]), number(&s[8..10]));
    let (mut hour, minute) = (number(&s[11..13]), number(&s[14..16]));
    if let Some(pm) = meridiem {
        if !(1..=12).contains(&hour) {
            return DateLine::Impossible(format!("{} is not a valid 12-hour time", &s[11..end]));
        }
        hour = hour % 12 + if pm { 12 } else { 0 };
    }
    let date = NaiveDate::from_ymd_opt(year as i32, month, day);
    let time = NaiveTime::from_hms_opt(hour, minute, seconds);
    match (date, time) {
        (Some(date), Some(time)) => {
            DateLine::Entry { written: NaiveDateTime::new(date, time), rest: rest.trim_start() }
        }
        _ => DateLine::Impossible(format!("{} is not a real date and time", &s[..end])),
    }
}

/// The value of a run of ASCII digits already checked by the caller.
fn number(digits: &str) -> u32 {
    digits.bytes().fold(0, |n, d| n * 10 + u32::from(d - b'0'))
}

/// Splits the title off as jrnl does: at the first sentence end (`.`, `!`, `?`, then an optional
/// quote and closing brackets, then whitespace) or the first line break, whichever comes first.
fn split_title(text: &str) -> (&str, &str) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (position, &(at, c)) in chars.iter().enumerate() {
        if c == '\n' {
            return (text[..at].trim(), text[at..].trim());
        }
        if matches!(c, '.' | '!' | '?') {
            let mut next = position + 1;
            if chars.get(next).is_some_and(|&(_, q)| matches!(q, '\'' | '"' | '’' | '”')) {
                next += 1;
            }
            while chars.get(next).is_some_and(|&(_, b)| matches!(b, ']' | ')')) {
                next += 1;
            }
            if let Some(&(space_at, space)) = chars.get(next)
                && space.is_whitespace()
            {
                return (text[..space_at].trim(), text[space_at..].trim());
            }
        }
    }
    (text.trim(), "")
}

/// Words marked as tags: `@` or `#` at the start of a word, followed by letters, digits or
/// `-+*#/_`, with at least one letter or digit (so a Markdown `## heading` is not a tag).
fn inline_tags(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace()).filter(|word| word.starts_with(['@', '#'])).filter_map(|word| {
        let name = &word[1..];
        let end = name.find(|c: char| !(c.is_alphanumeric() || "-+*#/_".contains(c))).unwrap_or(name.len());
        let name = &name[..end];
        name.chars().any(char::is_alphanumeric).then_some(name)
    })
}

/// A tag from jrnl's JSON export without its `@` or `#`.
fn strip_tag_mark(tag: &str) -> &str {
    tag.trim().trim_start_matches(['@', '#'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_splits_at_the_first_sentence_end_or_line_break() {
        assert_eq!(split_title("Went running. It rained."), ("Went running.", "It rained."));
        assert_eq!(split_title("Version 2.5 is out! Great"), ("Version 2.5 is out!", "Great"));
        assert_eq!(split_title("She said \"no.\" Then left"), ("She said \"no.\"", "Then left"));
        assert_eq!(split_title("No sentence end\nSecond line"), ("No sentence end", "Second line"));
        assert_eq!(split_title("Only a title"), ("Only a title", ""));
    }

    #[test]
    fn date_lines_in_every_jrnl_style() {
        let cases = [
            ("[2024-01-05 09:15] Title.", "2024-01-05 09:15:00"),
            ("2013-06-09 21:40 Old style.", "2013-06-09 21:40:00"),
            ("[2024-01-05 09:15:30 PM] Default %F %r.", "2024-01-05 21:15:30"),
            ("[2024-01-05 12:05:00 AM] Just after midnight.", "2024-01-05 00:05:00"),
        ];
        for (line, expected) in cases {
            let DateLine::Entry { written, .. } = parse_date_line(line) else {
                panic!("{line} should start an entry");
            };
            assert_eq!(written.to_string(), expected);
        }
        assert!(matches!(parse_date_line("[2024-02-30 09:15] x"), DateLine::Impossible(_)));
        assert!(matches!(parse_date_line("[2024-01-05 13:15 PM] x"), DateLine::Impossible(_)));
        assert!(matches!(parse_date_line("2024-01-05 was a Friday"), DateLine::NotADate));
        assert!(matches!(parse_date_line("[2024-01-05 09:15 no bracket"), DateLine::NotADate));
    }

    #[test]
    fn inline_tags_skip_headings_and_punctuation() {
        let tags: Vec<&str> =
            inline_tags("## Heading\nMet @anna at #work-lunch, then @home. email@example.com").collect();
        assert_eq!(tags, ["anna", "work-lunch", "home"]);
    }
}
