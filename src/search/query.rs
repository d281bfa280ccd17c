//! Turns what the user typed into a safe FTS5 query: the one query builder, for the search
//! page ([`fts5_query`]) and for every list's filter box ([`prefix_query`]).
//!
//! The user's syntax is small: plain words (all must match), `"quoted phrases"`, and `word*` for
//! words starting with `word`. Everything else is text to look for. Each term is emitted as an
//! FTS5 string (`"…"`, inner quotes doubled), so operators (`AND`, `OR`, `NOT`, `NEAR`), column
//! filters (`title:`), `^`, parentheses and stray quotes in the input are only ever words: no
//! input can produce an FTS5 syntax error or reach into another column. Terms without a letter or
//! digit are dropped (they would tokenize to nothing).

/// The most terms a query keeps; more adds nothing a person would type and costs time.
pub const MAX_TERMS: usize = 32;

/// One search term as the user meant it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Term {
    /// A word or a quoted phrase that must appear as written (diacritics and case folded).
    Phrase(String),
    /// Words starting with this text (`harb*` finds "harbour", "harbours").
    Prefix(String),
}

/// Splits user input into terms: quoted phrases, prefix words and plain words.
pub fn parse(input: &str) -> Vec<Term> {
    let mut terms = Vec::new();
    let mut chars = input.chars().peekable();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        if c == '"' {
            chars.next();
            // A phrase runs to the closing quote, or to the end if the user never closed it.
            let phrase: String = chars.by_ref().take_while(|c| *c != '"').collect();
            push(&mut terms, Term::Phrase(phrase));
            continue;
        }
        let mut word = String::new();
        while let Some(&c) = chars.peek() {
            if c.is_whitespace() || c == '"' {
                break;
            }
            word.push(c);
            chars.next();
        }
        match word.strip_suffix('*') {
            Some(stem) if !stem.contains('*') => push(&mut terms, Term::Prefix(stem.to_owned())),
            _ => push(&mut terms, Term::Phrase(word.replace('*', " "))),
        }
    }
    terms.truncate(MAX_TERMS);
    terms
}

fn push(terms: &mut Vec<Term>, term: Term) {
    let text = match &term {
        Term::Phrase(t) | Term::Prefix(t) => t,
    };
    if text.chars().any(char::is_alphanumeric) {
        terms.push(term);
    }
}

/// The FTS5 MATCH expression for `terms` (all must match), or `None` when there is nothing to
/// search for.
pub fn to_fts5(terms: &[Term]) -> Option<String> {
    if terms.is_empty() {
        return None;
    }
    let parts: Vec<String> = terms
        .iter()
        .map(|t| match t {
            Term::Phrase(p) => quote(p),
            Term::Prefix(p) => format!("{}*", quote(p)),
        })
        .collect();
    Some(parts.join(" "))
}

/// An FTS5 string literal: the text between double quotes, with inner quotes doubled.
fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The FTS5 expression for what the user typed, or `None` when there is nothing to search for.
pub fn fts5_query(input: &str) -> Option<String> {
    to_fts5(&parse(input))
}

/// The FTS5 expression for a filter box that searches as the person types (the client list,
/// notes, goals, resources…): the same syntax as [`fts5_query`], and every single word also
/// matches as a prefix, so "anx" already finds "anxiety". A phrase of several words stays exact.
pub fn prefix_query(input: &str) -> Option<String> {
    let terms: Vec<Term> = parse(input)
        .into_iter()
        .map(|term| match term {
            Term::Phrase(word) if !word.contains(char::is_whitespace) => Term::Prefix(word),
            other => other,
        })
        .collect();
    to_fts5(&terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_phrases_and_prefixes_are_recognised() {
        assert_eq!(
            parse(r#"walk "quiet harbour" harb* café"#),
            vec![
                Term::Phrase("walk".into()),
                Term::Phrase("quiet harbour".into()),
                Term::Prefix("harb".into()),
                Term::Phrase("café".into()),
            ]
        );
        assert_eq!(fts5_query(r#"walk "quiet harbour" harb*"#).as_deref(), Some(r#""walk" "quiet harbour" "harb"*"#));
    }

    #[test]
    fn fts5_syntax_in_the_input_is_only_ever_text() {
        assert_eq!(fts5_query("NOT sad OR NEAR(a b)").as_deref(), Some(r#""NOT" "sad" "OR" "NEAR(a" "b)""#));
        assert_eq!(fts5_query("title:secret").as_deref(), Some(r#""title:secret""#));
        assert_eq!(fts5_query(r#"say "hi"#).as_deref(), Some(r#""say" "hi""#), "an unclosed quote runs to the end");
        assert_eq!(fts5_query(r#"it's a "b""c""#).as_deref(), Some(r#""it's" "a" "b" "c""#));
        assert_eq!(fts5_query("a*b* **x"), Some(r#""a b " "  x""#.to_owned()), "inner stars are not operators");
    }

    #[test]
    fn empty_and_punctuation_only_input_searches_for_nothing() {
        for input in ["", "   ", "*", "\"\"", "- + ^ ( )", "\"   \""] {
            assert_eq!(fts5_query(input), None, "{input:?}");
        }
    }

    #[test]
    fn filter_boxes_match_every_word_as_a_prefix_and_keep_phrases_exact() {
        assert_eq!(prefix_query("  anx  sleep").as_deref(), Some(r#""anx"* "sleep"*"#));
        assert_eq!(prefix_query(r#"walk "quiet harbour""#).as_deref(), Some(r#""walk"* "quiet harbour""#));
        assert_eq!(prefix_query("NEAR -x: OR(").as_deref(), Some(r#""NEAR"* "-x:"* "OR("*"#));
        assert_eq!(prefix_query(" - * "), None);
    }

    #[test]
    fn very_long_queries_are_capped() {
        let input = (0..100).map(|i| format!("w{i}")).collect::<Vec<_>>().join(" ");
        assert_eq!(parse(&input).len(), MAX_TERMS);
    }
}
