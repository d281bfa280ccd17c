//! Input checks shared by the clinical modules. Each returns [`Error::Invalid`] naming the field
//! as the user sees it, so the form can put the message next to the right box. The rules
//! themselves are [`crate::validate`]'s; this file holds the clinical limits and formats.

use chrono::NaiveDate;

use crate::{Error, Result, validate};

/// Longest single-line field (names, titles, phone numbers).
const MAX_LINE: usize = 500;
/// Longest free-text field (notes, descriptions).
const MAX_TEXT: usize = 100_000;

/// A required one-line text ([`crate::validate::required_line`]).
pub(crate) fn required_line(field: &str, value: &str) -> Result<String> {
    validate::required_line(field, value, MAX_LINE)
}

/// A required free text (may span lines): trimmed, not empty.
pub(crate) fn required_text(field: &str, value: &str) -> Result<String> {
    validate::required_text(field, value, MAX_TEXT)
}

/// An optional one-line text: blank becomes `None`.
pub(crate) fn optional_line(field: &str, value: Option<&str>) -> Result<Option<String>> {
    validate::optional_line(field, value, MAX_LINE)
}

/// Free text that may be empty (notes): trimmed.
pub(crate) fn notes(field: &str, value: &str) -> Result<String> {
    validate::trimmed_text(field, value, MAX_TEXT)
}

/// A client id as the practice API hands it out (a UUID), or `None` for the vault owner.
pub(crate) fn client_id(value: Option<&str>) -> Result<Option<String>> {
    match value {
        None => Ok(None),
        Some(v) => uuid::Uuid::parse_str(v.trim())
            .map(|u| Some(u.to_string()))
            .map_err(|_| Error::invalid("client", "is not a known client id")),
    }
}

/// `later` must not be before `earlier` (both optional-aware at the call site).
pub(crate) fn not_before(field: &str, later: NaiveDate, earlier: NaiveDate, earlier_name: &str) -> Result<()> {
    if later < earlier {
        return Err(Error::invalid(field, format!("cannot be before the {earlier_name} ({earlier})")));
    }
    Ok(())
}

/// A phone number or short code as people write them: digits with spaces, +, -, (, ), and
/// letters for vanity numbers; at least two digits.
pub(crate) fn phone(field: &str, value: &str) -> Result<String> {
    let v = required_line(field, value)?;
    let ok_chars = v.chars().all(|c| c.is_ascii_alphanumeric() || " +-().#*".contains(c));
    if !ok_chars || v.chars().filter(char::is_ascii_digit).count() < 2 {
        return Err(Error::invalid(field, "is not a phone number (digits, spaces, + - ( ) only)"));
    }
    Ok(v)
}

/// An http(s) web address.
pub(crate) fn url(field: &str, value: &str) -> Result<String> {
    let v = required_line(field, value)?;
    let lower = v.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if host.split('/').next().is_some_and(|h| h.contains('.') && !h.contains(' ')) => Ok(v),
        _ => Err(Error::invalid(field, "must be a web address starting with https:// or http://")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_are_trimmed_and_required_ones_refuse_blanks() {
        assert_eq!(required_line("title", "  Safe  ").expect("ok"), "Safe");
        let err = required_line("title", "   ").expect_err("blank");
        assert_eq!(err.to_string(), "title: is required");
        assert_eq!(optional_line("issuer", Some(" ")).expect("ok"), None);
        assert!(required_line("title", &"x".repeat(MAX_LINE + 1)).is_err());
    }

    #[test]
    fn client_ids_phones_and_urls_are_checked() {
        assert!(client_id(Some("not-a-uuid")).is_err());
        assert_eq!(client_id(None).expect("owner"), None);
        assert!(phone("phone", "116 123").is_ok());
        assert!(phone("phone", "+44 (0)20 7946 0000").is_ok());
        assert!(phone("phone", "call me").is_err());
        assert!(url("url", "https://findahelpline.com").is_ok());
        assert!(url("url", "javascript:alert(1)").is_err());
        assert!(url("url", "https://").is_err());
    }
}
