//! Full-text search over everything in the vault: ranked, with highlighted snippets.
//!
//! Every text-heavy table keeps an FTS5 index (`<table>_fts`, `unicode61 remove_diacritics 2`,
//! so "cafe" finds "café"). [`sources::SOURCES`] lists one query per table; [`search`] runs each
//! with the same sanitised expression ([`query`]), merges the hits by FTS5 rank and pages them.
//! bm25 scores from different tables are not strictly comparable (each table has its own term
//! statistics), but they are on the same scale and the merge puts strong matches first, which is
//! what a person scanning results needs.
//!
//! Snippets come back as spans of plain text with a `highlight` flag, never as markup, so the
//! UI renders them through its escaping template and user text can never become HTML.

pub mod query;
pub mod sources;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::vault::Vault;
use crate::{Error, Result, params};
pub use sources::{SOURCES, SearchSource};

/// What to search for.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ts_rs::TS)]
#[serde(default)]
pub struct SearchQuery {
    /// What the user typed: words (all must match), `"phrases"`, `prefix*`.
    pub text: String,
    /// Only these kinds (`"journal_entry"`, …); empty means every kind.
    pub kinds: Vec<String>,
    /// Page size (0 = 20; at most 200).
    pub limit: u32,
    /// Hits to skip.
    pub offset: u32,
}

/// A piece of a snippet: plain text, highlighted where it matched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
pub struct SnippetPart {
    /// The text (plain, to be escaped by whoever displays it).
    pub text: String,
    /// Whether this piece matched the query.
    pub highlight: bool,
}

/// One search result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SearchHit {
    /// The kind of record (`"journal_entry"`, `"thought_record"`, …).
    pub kind: String,
    /// The kind in the user's words.
    pub label: String,
    /// The record's id (open it with the kind's `get_…`).
    pub id: String,
    /// A one-line title.
    pub title: String,
    /// The best-matching passage, as spans.
    pub snippet: Vec<SnippetPart>,
    /// The day the record is about, when it has one.
    pub date: Option<NaiveDate>,
    /// The client the record belongs to (mentor records), if any.
    pub client_id: Option<String>,
    /// FTS5 bm25 rank: lower is a better match. Hits are sorted by it.
    pub rank: f64,
}

impl SearchHit {
    /// The snippet as one string, with each highlight wrapped in `open`/`close` (e.g. for a
    /// terminal). Only for displays that do not interpret markup.
    pub fn snippet_text(&self, open: &str, close: &str) -> String {
        self.snippet
            .iter()
            .map(|p| if p.highlight { format!("{open}{}{close}", p.text) } else { p.text.clone() })
            .collect()
    }
}

/// A page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ts_rs::TS)]
pub struct SearchResults {
    /// The hits, best first.
    pub hits: Vec<SearchHit>,
    /// Whether more hits follow this page.
    pub has_more: bool,
}

#[derive(sqlx::FromRow)]
struct SearchRow {
    id: String,
    title: Option<String>,
    snippet: Option<String>,
    date: Option<String>,
    client_id: Option<String>,
    relevance: f64,
}

/// Searches every kind of record (or those in `query.kinds`), best matches first.
/// Input that holds nothing to search for returns no hits rather than an error.
pub async fn search(vault: &Vault, query: SearchQuery) -> Result<SearchResults> {
    let limit = match query.limit {
        0 => 20,
        n => n.min(200),
    };
    let mut chosen: Vec<&'static SearchSource> = Vec::new();
    for kind in &query.kinds {
        let source = sources::source(kind)
            .ok_or_else(|| Error::invalid("kinds", format!("\"{kind}\" is not something Wellkept can search")))?;
        chosen.push(source);
    }
    if chosen.is_empty() {
        chosen = SOURCES.iter().collect();
    }
    let Some(expression) = query::fts5_query(&query.text) else {
        return Ok(SearchResults { hits: Vec::new(), has_more: false });
    };
    // Each source returns its best `offset + limit + 1` rows: enough to fill this page after
    // the merge and to know whether another follows.
    let wanted = i64::from(query.offset) + i64::from(limit) + 1;
    let mut hits = Vec::new();
    for source in chosen {
        let rows = vault.fetch_all::<SearchRow>(source.sql, params![expression.as_str(), wanted]).await?;
        hits.extend(rows.into_iter().map(|row| to_hit(source, row)));
    }
    // A stable sort: ties keep each source's own total order (and the registry's order between
    // sources), so every page is a slice of the same list.
    hits.sort_by(|a, b| a.rank.total_cmp(&b.rank));
    let has_more = hits.len() > query.offset as usize + limit as usize;
    let hits = hits.into_iter().skip(query.offset as usize).take(limit as usize).collect();
    Ok(SearchResults { hits, has_more })
}

fn to_hit(source: &SearchSource, row: SearchRow) -> SearchHit {
    let date =
        row.date.as_deref().and_then(|d| d.get(..10)).and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let title = one_line(row.title.as_deref().unwrap_or_default(), 120);
    let title = match (title.is_empty(), date) {
        (false, _) => title,
        (true, Some(d)) => format!("{} · {d}", source.label),
        (true, None) => source.label.to_owned(),
    };
    SearchHit {
        kind: source.kind.to_owned(),
        label: source.label.to_owned(),
        id: row.id,
        title,
        snippet: parse_snippet(row.snippet.as_deref().unwrap_or_default()),
        date,
        client_id: row.client_id,
        rank: row.relevance,
    }
}

/// The first line of `text`, at most `max` characters (with "…" when cut).
fn one_line(text: &str, max: usize) -> String {
    let line = text.lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or_default();
    if line.chars().count() <= max {
        return line.to_owned();
    }
    let mut cut: String = line.chars().take(max.saturating_sub(1)).collect();
    cut.push('…');
    cut
}

/// Splits a snippet marked with `\u{1}` (start of a match) and `\u{2}` (end) into spans.
/// Stray markers are dropped; adjacent spans of the same kind are merged.
pub fn parse_snippet(marked: &str) -> Vec<SnippetPart> {
    let mut parts: Vec<SnippetPart> = Vec::new();
    let mut highlight = false;
    let mut current = String::new();
    let flush = |text: &mut String, highlight: bool, parts: &mut Vec<SnippetPart>| {
        if text.is_empty() {
            return;
        }
        match parts.last_mut() {
            Some(last) if last.highlight == highlight => last.text.push_str(text),
            _ => parts.push(SnippetPart { text: text.clone(), highlight }),
        }
        text.clear();
    };
    for c in marked.chars() {
        match c {
            '\u{1}' => {
                flush(&mut current, highlight, &mut parts);
                highlight = true;
            }
            '\u{2}' => {
                flush(&mut current, highlight, &mut parts);
                highlight = false;
            }
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => current.push(c),
        }
    }
    flush(&mut current, highlight, &mut parts);
    parts
}

/// The kinds of record search covers, as `(kind, label)`, for a filter menu.
pub fn search_kinds() -> Vec<(&'static str, &'static str)> {
    SOURCES.iter().map(|s| (s.kind, s.label)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(text: &str, highlight: bool) -> SnippetPart {
        SnippetPart { text: text.into(), highlight }
    }

    #[test]
    fn snippets_become_plain_spans() {
        assert_eq!(
            parse_snippet("…a \u{1}quiet\u{2} \u{1}harbour\u{2} at dusk"),
            vec![
                part("…a ", false),
                part("quiet", true),
                part(" ", false),
                part("harbour", true),
                part(" at dusk", false)
            ]
        );
        assert_eq!(parse_snippet("<b>not html</b>"), vec![part("<b>not html</b>", false)]);
        assert_eq!(
            parse_snippet("\u{2}x\u{1}\u{1}y"),
            vec![part("x", false), part("y", true)],
            "stray markers are harmless"
        );
        assert!(parse_snippet("").is_empty());
    }

    #[test]
    fn hits_render_for_terminals_and_titles_fall_back_to_kind_and_date() {
        let source = &SOURCES[0];
        let row = SearchRow {
            id: "1".into(),
            title: Some(String::new()),
            snippet: Some("a \u{1}b\u{2}".into()),
            date: Some("2026-11-23T10:00:00.000Z".into()),
            client_id: None,
            relevance: -1.0,
        };
        let hit = to_hit(source, row);
        assert_eq!(hit.title, "Journal entry · 2026-11-23");
        assert_eq!(hit.snippet_text("[", "]"), "a [b]");
        assert_eq!(one_line("\n  first line  \nsecond", 100), "first line");
        assert_eq!(one_line("abcdef", 4), "abc…");
    }

    #[test]
    fn every_source_kind_is_unique() {
        let mut kinds: Vec<_> = SOURCES.iter().map(|s| s.kind).collect();
        kinds.sort_unstable();
        kinds.dedup();
        assert_eq!(kinds.len(), SOURCES.len());
    }
}
