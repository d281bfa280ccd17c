//! A canonical dump of an open vault's records: every table's rows as text, in an order that
//! depends on the rows only, so two computers that merged the same changes print the same
//! bytes (issue 15, deliverable 7: "their canonical dumps are identical").
//!
//! Compared with what the screens show (the journal, the clients), a dump also covers every
//! record no screen lists in full: revisions, conflicts kept aside, the disclosure log, billing,
//! tombstones in the trash. Left out is what is derived, or describes the file rather than the
//! records, and so may rightly differ between two computers holding the same records:
//!
//! - the full-text index (FTS5 tables and their shadow tables), rebuilt from the entries;
//! - the migrations table, whose install times are those of the computer that migrated;
//! - `sync_folded`, how far the snapshot a computer loaded folded each log (a computer that
//!   loaded an older snapshot and replayed the rest holds the same records);
//! - `sync_merge_notes`, what a merge could not do in full (`src/sync/notes.rs`): a computer
//!   that merges a change notes it at once, another learns of it from the home's next snapshot.
//!
//! Values are printed with SQLite's own `quote()`, so text, numbers, NULL and blobs are
//! unambiguous, and rows are sorted by that text rather than by rowid: two computers insert
//! the same rows in different orders.

use sqlx::Row as _;

use crate::Result;
use crate::vault::Vault;

/// Tables that describe a computer's copy rather than the records (see the module docs).
const NOT_RECORDS: &[&str] = &["_sqlx_migrations", "sync_folded", "sync_merge_notes"];

/// Every record of the vault as text: a `== table` line per table (by name), then its rows
/// sorted, one per line, with columns in their declared order separated by `|`.
pub async fn canonical_dump(vault: &Vault) -> Result<String> {
    vault
        .read(|conn| {
            Box::pin(async move {
                let tables: Vec<(String, String)> = sqlx::query_as(
                    "SELECT name, coalesce(sql, '') FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
                )
                .fetch_all(&mut *conn)
                .await?;
                // An FTS5 table's shadow tables are named after it: `<fts>_data`, `<fts>_idx`, ….
                let fts: Vec<String> = tables
                    .iter()
                    .filter(|(_, sql)| sql.to_ascii_uppercase().contains("USING FTS5"))
                    .map(|(name, _)| name.clone())
                    .collect();
                let mut out = String::new();
                for (table, _) in &tables {
                    let derived = fts.iter().any(|f| table == f || table.starts_with(&format!("{f}_")));
                    if derived || NOT_RECORDS.contains(&table.as_str()) {
                        continue;
                    }
                    let quoted = table.replace('"', "\"\"");
                    let info = format!("SELECT name FROM pragma_table_info('{}') ORDER BY cid", table.replace('\'', "''"));
                    let columns: Vec<String> = sqlx::query_scalar(sqlx::AssertSqlSafe(info)).fetch_all(&mut *conn).await?;
                    let row = columns
                        .iter()
                        .map(|c| format!("quote(\"{}\")", c.replace('"', "\"\"")))
                        .collect::<Vec<_>>()
                        .join(" || '|' || ");
                    // Table and column names come from the database's own schema, quoted.
                    let select = format!("SELECT {row} AS line FROM \"{quoted}\" ORDER BY line");
                    let rows = sqlx::query(sqlx::AssertSqlSafe(select)).fetch_all(&mut *conn).await?;
                    let count = rows.len();
                    out.push_str(&format!("== {table} ({count} {})\n", if count == 1 { "row" } else { "rows" }));
                    for r in rows {
                        let line: String = r.try_get("line")?;
                        out.push_str(&line);
                        out.push('\n');
                    }
                }
                Ok(out)
            })
        })
        .await
}
