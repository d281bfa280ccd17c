//! Global search (Ctrl+K): one query across clients, session notes, goals, journal entries,
//! safety plans and risk flags, each through its area's own full-text search.
//!
//! The core has a search function per area but no single ranked search yet; this command asks
//! each area in turn. Journal entries have no search function in the core's journal API, so their
//! FTS query lives here, next to the CLI's identical one, until the core grows `search`.

use crate::error::CommandResult;
use crate::state::AppState;
use serde::Serialize;
use tauri::State;
use wellkept::clinical::{risk, safety_plans};
use wellkept::params;
use wellkept::practice::clients::{self, ClientFilter};
use wellkept::practice::goals::{self, GoalFilter};
use wellkept::practice::notes::{self, NoteFilter};

/// Results per area, so one busy area cannot crowd out the others.
const PER_AREA: usize = 20;

/// One thing that matched.
#[derive(Debug, Serialize)]
pub struct SearchHit {
    /// `client`, `note`, `goal`, `journal`, `safety_plan` or `risk_flag`.
    pub kind: &'static str,
    /// The record's id (for a safety plan: the plan's).
    pub id: String,
    /// The client it belongs to, if any (to open the right screen).
    pub client_id: Option<String>,
    /// A one-line title.
    pub title: String,
    /// Some matching text.
    pub snippet: String,
    /// The record's day, when it has one (YYYY-MM-DD).
    pub date: Option<String>,
}

/// Searches every area for the words typed; an empty query is refused with a clear message.
#[tauri::command]
pub async fn search_everything(state: State<'_, AppState>, query: String) -> CommandResult<Vec<SearchHit>> {
    let query = query.trim().to_owned();
    if query.is_empty() {
        return Err(wellkept::Error::invalid("Search", "type at least one word").into());
    }
    let vault = state.open_vault().await?;
    let mut hits = Vec::new();

    let found =
        clients::list_clients(&vault, ClientFilter { text: Some(query.clone()), ..ClientFilter::default() }).await?;
    hits.extend(found.into_iter().take(PER_AREA).map(|c| SearchHit {
        kind: "client",
        client_id: Some(c.id.clone()),
        id: c.id,
        title: c.preferred_name.map_or(c.name.clone(), |p| format!("{p} ({})", c.name)),
        snippet: c.notes.chars().take(160).collect(),
        date: c.start_date.map(|d| d.to_string()),
    }));

    let found = notes::list_notes(&vault, NoteFilter { text: Some(query.clone()), ..NoteFilter::default() }).await?;
    hits.extend(found.into_iter().take(PER_AREA).map(|n| SearchHit {
        kind: "note",
        title: format!("Session note, {}", n.template.title()),
        snippet: excerpt(&n.text(), &query),
        date: Some(n.session_date.to_string()),
        client_id: Some(n.client_id),
        id: n.id,
    }));

    let found = goals::list_goals(&vault, GoalFilter { text: Some(query.clone()), ..GoalFilter::default() }).await?;
    hits.extend(found.into_iter().take(PER_AREA).map(|g| SearchHit {
        kind: "goal",
        snippet: g.steps.iter().map(|s| s.description.as_str()).collect::<Vec<_>>().join(" · "),
        title: g.title,
        date: g.target_date.map(|d| d.to_string()),
        client_id: g.client_id,
        id: g.id,
    }));

    if let Some(fts) = wellkept::practice::fts_query(&query) {
        let rows: Vec<(String, String, String, String)> = vault
            .fetch_all(
                "SELECT e.id, e.entry_date, e.title, snippet(journal_entries_fts, 1, '', '', '…', 16) \
                 FROM journal_entries_fts JOIN journal_entries e ON e.rowid = journal_entries_fts.rowid \
                 WHERE journal_entries_fts MATCH ? AND e.deleted_at IS NULL ORDER BY rank LIMIT ?",
                params![fts, PER_AREA],
            )
            .await?;
        hits.extend(rows.into_iter().map(|(id, date, title, snippet)| SearchHit {
            kind: "journal",
            id,
            client_id: None,
            title: if title.is_empty() { format!("Journal, {date}") } else { title },
            snippet,
            date: Some(date),
        }));
    }

    let found = safety_plans::search_safety_plans(&vault, &query).await?;
    hits.extend(found.into_iter().take(PER_AREA).map(|m| SearchHit {
        kind: "safety_plan",
        id: m.plan_id,
        client_id: m.client_id,
        title: format!("Safety plan: {}", m.section),
        snippet: m.text,
        date: None,
    }));

    let found = risk::search_risk_flags(&vault, &query).await?;
    hits.extend(found.into_iter().take(PER_AREA).map(|f| SearchHit {
        kind: "risk_flag",
        id: f.id,
        client_id: f.client_id,
        title: "Risk flag".to_owned(),
        snippet: f.description,
        date: Some(f.raised_on.to_string()),
    }));
    Ok(hits)
}

/// Up to ~160 characters of `text` around the first query word found (case-insensitive).
fn excerpt(text: &str, query: &str) -> String {
    let lower = text.to_lowercase();
    let at = query
        .split_whitespace()
        .filter_map(|w| lower.find(&w.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase()))
        .min()
        .unwrap_or(0);
    // Step back to a char boundary ~40 characters before the match.
    let start = text[..at.min(text.len())].char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let snippet: String = text[start..].chars().take(160).collect();
    if start > 0 { format!("…{}", snippet.trim_start()) } else { snippet }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn excerpt_starts_near_the_match_and_is_bounded() {
        let text = format!("{}needle and more text", "x".repeat(300));
        let e = excerpt(&text, "Needle");
        assert!(e.starts_with('…'));
        assert!(e.contains("needle"));
        assert!(e.chars().count() <= 161);
        assert_eq!(excerpt("short text", "absent"), "short text");
    }

    #[test]
    fn excerpt_respects_multibyte_text() {
        let text = "é".repeat(100) + "ünïcode match";
        assert!(excerpt(&text, "match").contains("match"));
    }
}
