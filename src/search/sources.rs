//! The registry of searchable tables: one [`SearchSource`] per kind of record.
//!
//! Adding a table to search is one [`fts_source!`] line here. The table needs the usual shape
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

/// Builds a [`SearchSource`] for a table and its FTS5 index. `id`, `title`, `date` and `client`
/// are SQL expressions over the table's row, aliased `r`; `live` is the condition (over the row
/// aliased `d`) for a row to be searchable — usually `d.deleted_at IS NULL`.
#[macro_export]
#[rustfmt::skip]
macro_rules! fts_source {
    (kind: $kind:expr, label: $label:expr, table: $table:expr, fts: $fts:expr, id: $id:expr,
     title: $title:expr, date: $date:expr, client: $client:expr, live: $live:expr $(,)?) => {
        $crate::search::SearchSource {
            kind: $kind,
            label: $label,
            sql: concat!(
                "SELECT ", $id, " AS id, ", $title, " AS title, ",
                "snippet(", $fts, ", -1, char(1), char(2), '…', 16) AS snippet, ",
                $date, " AS date, ", $client, " AS client_id, ", $fts, ".rank AS relevance ",
                "FROM ", $fts, " CROSS JOIN ", $table, " r ON r.rowid = ", $fts, ".rowid ",
                "WHERE ", $fts, " MATCH ?1 AND ", $fts, ".rowid IN (",
                    "SELECT ", $fts, ".rowid FROM ", $fts, " CROSS JOIN ", $table, " d ON d.rowid = ", $fts, ".rowid ",
                    "WHERE ", $fts, " MATCH ?1 AND (", $live, ") ",
                    "ORDER BY ", $fts, ".rank, ", $fts, ".rowid DESC LIMIT ?2) ",
                "ORDER BY ", $fts, ".rank, ", $fts, ".rowid DESC"
            ),
        }
    };
}

/// Every searchable table: the client journal's, then the practice's and the clinical records'.
/// A client's records stay out of search while the client is in the trash.
pub const SOURCES: &[SearchSource] = &[
    fts_source!(kind: "journal_entry", label: "Journal entry", table: "journal_entries", fts: "journal_entries_fts",
        id: "r.id", title: "r.title", date: "r.entry_date", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "mood_checkin", label: "Mood check-in", table: "mood_checkins", fts: "mood_checkins_fts",
        id: "r.id", title: "'Mood ' || r.mood || '/10'", date: "r.day", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "thought_record", label: "Thought record", table: "thought_records", fts: "thought_records_fts",
        id: "r.id", title: "r.situation", date: "r.record_date", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "activation", label: "Activity", table: "activation_log", fts: "activation_log_fts",
        id: "r.id", title: "r.activity", date: "r.day", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "gratitude", label: "Gratitude", table: "gratitude_entries", fts: "gratitude_entries_fts",
        id: "r.id", title: "''", date: "r.entry_date", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "coping_strategy", label: "Coping strategy", table: "coping_strategies", fts: "coping_strategies_fts",
        id: "r.id", title: "r.name", date: "substr(r.updated_at, 1, 10)", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "client", label: "Client", table: "clients", fts: "clients_fts",
        id: "r.id", title: "r.name", date: "r.start_date", client: "r.id", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "session_note", label: "Session note", table: "session_notes", fts: "session_notes_fts",
        id: "r.id", title: "'Session with ' || (SELECT coalesce(c.preferred_name, c.name) FROM clients c WHERE c.id = r.client_id)",
        date: "r.session_date", client: "r.client_id",
        live: "d.deleted_at IS NULL AND (d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))"),
    fts_source!(kind: "goal", label: "Goal", table: "goals", fts: "goals_fts",
        id: "r.id", title: "r.title", date: "substr(r.created_at, 1, 10)", client: "r.client_id",
        live: "d.deleted_at IS NULL AND (d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))"),
    fts_source!(kind: "risk_flag", label: "Risk flag", table: "risk_flags", fts: "risk_flags_fts",
        id: "r.id", title: "'Risk flag (' || r.level || ')'", date: "r.raised_on", client: "r.client_id",
        live: "(d.client_id IS NULL OR d.client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL))"),
    // Only the current version of a safety plan is searched; a hit opens the plan.
    fts_source!(kind: "safety_plan", label: "Safety plan", table: "safety_plan_items", fts: "safety_plan_items_fts",
        id: "r.plan_id", title: "'Safety plan · ' || replace(r.section, '_', ' ')",
        date: "(SELECT substr(p.created_at, 1, 10) FROM safety_plans p WHERE p.id = r.plan_id)",
        client: "(SELECT p.client_id FROM safety_plans p WHERE p.id = r.plan_id)",
        live: "d.plan_id IN (SELECT id FROM safety_plans WHERE is_current = 1 AND (client_id IS NULL OR client_id IN (SELECT id FROM clients WHERE deleted_at IS NULL)))"),
    fts_source!(kind: "resource", label: "Resource", table: "resources", fts: "resources_fts",
        id: "r.id", title: "r.title", date: "substr(r.updated_at, 1, 10)", client: "NULL", live: "d.deleted_at IS NULL"),
    fts_source!(kind: "supervision_note", label: "Supervision note", table: "supervision_notes", fts: "supervision_notes_fts",
        id: "r.id", title: "'Supervision with ' || r.supervisor", date: "r.held_on", client: "NULL",
        live: "d.deleted_at IS NULL"),
];

/// The source for a kind.
pub fn source(kind: &str) -> Option<&'static SearchSource> {
    SOURCES.iter().find(|s| s.kind == kind)
}
