//! What search needs of a kind of record: one [`SearchSource`] per kind, built by
//! `record_kind!` (in `src/registry`) from the kind's declaration in the registry ([`crate::registry::kinds`]).
//!
//! The table needs the usual shape
//! (an `id`, a `deleted_at`, an external-content FTS5 index `<table>_fts` kept by triggers); its
//! per-column bm25 weights are set once in its migration with
//! `INSERT INTO t_fts(t_fts, rank) VALUES ('rank', 'bm25(…)')`.
//!
//! Every source query takes the FTS5 expression as `?1` and a row limit as `?2` and returns,
//! best match first: `id, title, snippet, date, client_id, relevance`, where
//! - `snippet` marks matched words with `\u{1}`…`\u{2}` (parsed into spans; never HTML),
//! - `date` is `YYYY-MM-DD…` text or NULL, `client_id` the owning client or NULL,
//! - `relevance` is the FTS5 `rank` (bm25: lower is better),
//! - rows in the trash are left out.
//!
//! The query has two steps for speed and stable paging: the inner select ranks every match
//! (cheap: no text is read) and keeps the best `?2` in a total order (rank, then newest row);
//! the outer select builds snippets for those rows only. A snippet re-reads and re-tokenizes the
//! text, so building one per match of a common word would cost far more than the ranking.

/// One searchable kind of record.
#[derive(Debug, Clone, Copy)]
pub struct SearchSource {
    /// The kind reported in results (`"journal_entry"`), also the `tags.item_kind`.
    pub kind: &'static str,
    /// The kind in the user's words ("Journal entry").
    pub label: &'static str,
    /// The query (see the module docs for its contract).
    pub sql: &'static str,
}

/// Every searchable kind, from the registry ([`crate::registry::KINDS`]), in its order.
pub static SOURCES: std::sync::LazyLock<Vec<SearchSource>> =
    std::sync::LazyLock::new(|| crate::registry::KINDS.iter().filter_map(|k| k.search).collect());

/// The source for a kind.
pub fn source(kind: &str) -> Option<&'static SearchSource> {
    SOURCES.iter().find(|s| s.kind == kind)
}
