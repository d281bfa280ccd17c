//! The rules every kind of record applies to what a person typed, decided once.
//!
//! - **Control characters are stripped everywhere** (all but newline and tab). Search snippets
//!   mark matches with `\u{1}`/`\u{2}`, and every kind is searchable or exported, so no stored
//!   text may contain them.
//! - **Lines** (names, titles, tags) are one line: newlines and tabs become spaces, outer
//!   whitespace is trimmed. **Texts** (notes, bodies) keep their lines.
//! - **Lengths** are counted in characters; too long says the limit.
//! - **Tags**: a line of at most [`TAG_MAX`] characters, blanks dropped, duplicates compared with
//!   Unicode case folding ("Ärger" and "ärger" are one tag), the first spelling kept, at most
//!   [`MAX_TAGS`] on one record.
//!
//! Each check returns [`Error::Invalid`] naming the field as the user sees it, so the form can put
//! the message next to the right box. The journal, the practice and the clinical modules keep
//! their own small helpers (their field limits), as thin calls into these.

use crate::{Error, Result};

/// Longest tag, in characters.
pub const TAG_MAX: usize = 60;
/// Most tags on one record.
pub const MAX_TAGS: usize = 50;

/// `s` without control characters other than newlines and tabs.
pub fn clean_text(s: &str) -> String {
    s.chars().filter(|c| !c.is_control() || *c == '\n' || *c == '\t').collect()
}

/// Refuses text longer than `max` characters.
pub fn check_length(field: &str, s: &str, max: usize) -> Result<()> {
    if s.chars().count() > max {
        return Err(Error::invalid(field, format!("is too long (at most {max} characters)")));
    }
    Ok(())
}

/// A single-line field that may be empty: cleaned, made one line, trimmed, at most `max`.
pub fn line(field: &str, s: &str, max: usize) -> Result<String> {
    let cleaned = clean_text(s).replace(['\n', '\t'], " ").trim().to_owned();
    check_length(field, &cleaned, max)?;
    Ok(cleaned)
}

/// A single-line field that must not be empty.
pub fn required_line(field: &str, s: &str, max: usize) -> Result<String> {
    let cleaned = line(field, s, max)?;
    if cleaned.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(cleaned)
}

/// An optional single-line field: blank becomes `None`.
pub fn optional_line(field: &str, s: Option<&str>, max: usize) -> Result<Option<String>> {
    let cleaned = line(field, s.unwrap_or_default(), max)?;
    Ok((!cleaned.is_empty()).then_some(cleaned))
}

/// Free text kept as written (its lines and leading spaces can matter), cleaned, at most `max`.
pub fn text(field: &str, s: &str, max: usize) -> Result<String> {
    let cleaned = clean_text(s);
    check_length(field, &cleaned, max)?;
    Ok(cleaned)
}

/// Free text with outer whitespace trimmed (may be empty).
pub fn trimmed_text(field: &str, s: &str, max: usize) -> Result<String> {
    let cleaned = clean_text(s).trim().to_owned();
    check_length(field, &cleaned, max)?;
    Ok(cleaned)
}

/// Refuses a day that has not begun anywhere on Earth yet (after today at UTC+14, the earliest
/// zone): the rule for a day a record brings from elsewhere — an import, a client's shared
/// self-assessment, an entry another computer ahead of this one dated its own today (decision
/// 79). A day a person gives here is held to [`not_after_today`] as well.
pub fn begun_somewhere(field: &str, day: chrono::NaiveDate) -> Result<()> {
    let earliest_zone = chrono::FixedOffset::east_opt(14 * 3600).expect("UTC+14 is a valid offset");
    if day > crate::clock::now().with_timezone(&earliest_zone).date_naive() {
        let today = crate::clock::today_local();
        return Err(Error::invalid(field, format!("{day} is in the future (today is {today})")));
    }
    Ok(())
}

/// Refuses a day after today on this computer's clock, in its time zone (what happened — a
/// review held, a flag raised — cannot be dated later than today).
pub fn not_after_today(field: &str, day: chrono::NaiveDate) -> Result<()> {
    let today = crate::clock::today_local();
    if day > today {
        return Err(Error::invalid(field, format!("{day} is in the future (today is {today})")));
    }
    Ok(())
}

/// A day a person gives here, for a new record or as a change of a record's day: not after
/// today here ([`not_after_today`]), so in London at 09:30 on 22 October a thought record cannot
/// be dated 23 October. A day the record already has (`stored`) is kept as it is: another
/// computer, ahead of this one, may have given it (decision 79).
pub fn chosen_day(field: &str, day: chrono::NaiveDate, stored: Option<chrono::NaiveDate>) -> Result<()> {
    if stored == Some(day) {
        return Ok(());
    }
    not_after_today(field, day)
}

/// Free text that must not be blank, outer whitespace trimmed.
pub fn required_text(field: &str, s: &str, max: usize) -> Result<String> {
    let cleaned = trimmed_text(field, s, max)?;
    if cleaned.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    Ok(cleaned)
}

/// Tidies a tag list by the rules in the module docs, in the order given.
pub fn tags(field: &str, tags: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    let mut folded: Vec<String> = Vec::new();
    for tag in tags {
        let tag = line(field, tag, TAG_MAX)?;
        let key = tag.to_lowercase();
        if !tag.is_empty() && !folded.contains(&key) {
            folded.push(key);
            out.push(tag);
        }
    }
    if out.len() > MAX_TAGS {
        return Err(Error::invalid(field, format!("use at most {MAX_TAGS} tags on one item")));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn field_of(result: Result<impl std::fmt::Debug>) -> String {
        match result {
            Err(Error::Invalid { field, .. }) => field,
            other => panic!("expected Invalid, got {other:?}"),
        }
    }

    #[test]
    fn control_characters_go_from_every_kind_of_field_but_lines_stay_in_texts() {
        assert_eq!(clean_text("a\u{1}b\u{2}c\nd\te\u{7}"), "abc\nd\te");
        assert_eq!(line("title", " a\u{1}b\nc\t ", 10).expect("ok"), "ab c");
        assert_eq!(text("notes", "  a\u{2}\n b", 10).expect("ok"), "  a\n b");
        assert_eq!(required_text("notes", " a\u{1}\nb \n", 10).expect("ok"), "a\nb");
        assert_eq!(optional_line("issuer", Some(" \u{1} "), 10).expect("ok"), None);
        assert_eq!(optional_line("issuer", None, 10).expect("ok"), None);
    }

    #[test]
    fn blanks_and_lengths_name_the_field_and_the_limit() {
        let err = required_line("Name", "  \n ", 10).expect_err("blank");
        assert_eq!(err.to_string(), "Name: is required");
        assert_eq!(field_of(required_text("Body", " ", 10)), "Body");
        let err = line("Title", &"é".repeat(11), 10).expect_err("long");
        assert_eq!(err.to_string(), "Title: is too long (at most 10 characters)");
        assert_eq!(line("Title", &"é".repeat(10), 10).expect("characters, not bytes").chars().count(), 10);
    }

    #[test]
    fn tags_fold_unicode_case_keep_the_first_spelling_and_have_one_length() {
        let tags = tags("tags", &[" Ärger ".into(), "ärger".into(), "".into(), "Sleep\u{1}".into(), "sleep".into()]);
        assert_eq!(tags.expect("valid"), vec!["Ärger".to_owned(), "Sleep".to_owned()]);
        assert!(super::tags("tags", &["x".repeat(TAG_MAX)]).is_ok());
        assert_eq!(field_of(super::tags("Tag", &["x".repeat(TAG_MAX + 1)])), "Tag");
        let many: Vec<String> = (0..=MAX_TAGS).map(|i| format!("t{i}")).collect();
        assert!(super::tags("tags", &many).is_err());
    }
}
