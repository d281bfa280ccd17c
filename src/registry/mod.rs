//! The registry of record kinds: every kind of record that can be deleted to the trash or found
//! by search, declared once.
//!
//! A [`RecordKind`] names its table, its kind (`tags.item_kind`, search results, the trash), its
//! label in the user's words, what "not found" calls one of it, its shape (editable, append-only
//! or finalisable), and, when it has them, its trash entry (title and date SQL, what blocks a
//! purge, the rows that go with it) and its search entry (FTS5 index, title, date, owning client,
//! what counts as live). Everything generic comes from that one declaration:
//!
//! - the soft-delete statements and [`RecordKind::delete`] / [`RecordKind::restore`], the one
//!   rule below for every kind;
//! - [`RecordKind::replace_tags`], tagging under the kind's name;
//! - the trash's list, restore and purge statements ([`crate::trash::SOURCES`]);
//! - the search query ([`crate::search::SOURCES`]).
//!
//! The declarations are in [`kinds`]; adding a kind is one `record_kind!` entry there (and its
//! migration). See "Record kinds" in `docs/architecture.md`.
//!
//! ## The soft-delete rule
//! Deleting sets `deleted_at` on a *live* row only; restoring clears it on a *deleted* row only;
//! anything else — no such row, deleting what is already in the trash, restoring what is not — is
//! [`Error::NotFound`], so a stale click in the UI is reported instead of silently re-stamping
//! or doing nothing. Neither touches `updated_at`: moving a record to the trash does not change
//! what it says. Rules particular to a kind (a finalised note or a built-in crisis line cannot be
//! deleted) are checked by its module before it calls [`RecordKind::delete_in`].

use crate::search::SearchSource;
use crate::trash::TrashSource;
use crate::vault::{self, Vault, Writer};
use crate::{Error, Result, params};

pub use kinds::KINDS;

/// How a kind's records change once written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// Edited freely while live.
    Editable,
    /// Never edited once written; only added, deleted and restored (a score, a flag).
    AppendOnly,
    /// Edited until finalised, then read-only for good (a session note takes addenda instead).
    Finalisable,
}

/// One kind of record, declared once with `record_kind!`.
#[derive(Debug, Clone, Copy)]
pub struct RecordKind {
    /// The kind (`"journal_entry"`): `tags.item_kind`, the trash's and search's kind.
    pub kind: &'static str,
    /// The kind in the user's words ("Journal entry").
    pub label: &'static str,
    /// One record in "not found" errors ("That journal entry").
    pub what: &'static str,
    /// One record in the trash, for "not found" on restore ("That journal entry in the trash").
    pub what_in_trash: &'static str,
    /// Its table.
    pub table: &'static str,
    /// Whether it is edited, append-only or finalisable.
    pub shape: Shape,
    /// `UPDATE <table> SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL`.
    pub delete: &'static str,
    /// `UPDATE <table> SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL`.
    pub restore: &'static str,
    /// Its place in the trash, if it can be deleted.
    pub trash: Option<TrashSource>,
    /// Its search query, if it is searchable.
    pub search: Option<SearchSource>,
}

impl RecordKind {
    /// Moves record `id` to the trash (see the module docs for the rule).
    /// A kind without a trash (a risk flag, a safety plan) is never deleted: [`Error::Invalid`].
    pub async fn delete(&'static self, vault: &Vault, id: &str) -> Result<()> {
        self.deletable()?;
        vault.exec_one(self.delete, params![vault::now(), id], self.what).await
    }

    /// Takes record `id` back out of the trash.
    pub async fn restore(&'static self, vault: &Vault, id: &str) -> Result<()> {
        self.deletable()?;
        vault.exec_one(self.restore, params![id], self.what_in_trash).await
    }

    /// [`RecordKind::delete`] inside a write, after the kind's own checks.
    pub async fn delete_in(&self, w: &mut Writer<'_>, id: &str) -> Result<()> {
        self.deletable()?;
        w.exec_one(self.delete, params![vault::now(), id], self.what).await
    }

    fn deletable(&self) -> Result<()> {
        match self.trash {
            Some(_) => Ok(()),
            None => Err(Error::invalid("kind", format!("{} records are kept, never deleted", self.label))),
        }
    }

    /// Replaces the tags of record `id` (inside a write), tidied by [`crate::validate::tags`].
    pub async fn replace_tags(&self, w: &mut Writer<'_>, id: &str, tags: &[String]) -> Result<()> {
        replace_tags(w, self.kind, id, tags).await
    }

    /// Tags a record of this kind made in the same write ([`add_tags`]).
    pub async fn add_tags(&self, w: &mut Writer<'_>, id: &str, tags: &[String]) -> Result<()> {
        add_tags(w, self.kind, id, tags).await
    }
}

/// What a change to a live record answers when it found no live row: "not found" as before,
/// unless the record is in the trash (a window left open while another computer deleted it, an
/// id typed at the command line), where it says so and what to do: "That goal is in the trash:
/// restore it first to change it." Looked up by the error's `what`, which names one kind.
pub(crate) async fn unless_in_trash<T>(vault: &Vault, id: &str, result: Result<T>) -> Result<T> {
    let Err(Error::NotFound { what }) = result else { return result };
    if let Some(trash) = KINDS.iter().find(|k| k.what == what).and_then(|k| k.trash) {
        let (n,): (i64,) = vault.fetch_one(trash.in_trash, params![id]).await?;
        if n > 0 {
            return Err(Error::ReadOnly { reason: format!("{what} is in the trash: restore it first to change it.") });
        }
    }
    Err(Error::NotFound { what })
}

/// Replaces the tags of item `item_id` of kind `item_kind` (inside a write).
pub(crate) async fn replace_tags(w: &mut Writer<'_>, item_kind: &str, item_id: &str, tags: &[String]) -> Result<()> {
    w.exec("DELETE FROM tags WHERE item_kind = ? AND item_id = ?", params![item_kind, item_id]).await?;
    add_tags(w, item_kind, item_id, tags).await
}

/// Tags a record made in the same write: a new id has no tags to replace, so this skips the
/// `DELETE` (a statement, and a round trip to SQLite's thread, saved on every new entry).
pub(crate) async fn add_tags(w: &mut Writer<'_>, item_kind: &str, item_id: &str, tags: &[String]) -> Result<()> {
    for tag in tags {
        w.exec("INSERT INTO tags(item_kind, item_id, tag) VALUES (?, ?, ?)", params![item_kind, item_id, tag.as_str()])
            .await?;
    }
    Ok(())
}

/// Declares a [`RecordKind`]. `trash` and `search` are optional; their SQL expressions are over
/// the row aliased `x` (trash) or `r` (search results) and `d` (the search's `live` condition).
#[rustfmt::skip]
macro_rules! record_kind {
    (@opt) => { None };
    (@opt $e:expr) => { Some($e) };
    (@trash kind: $kind:expr, label: $label:expr, table: $table:expr, title: $title:expr, date: $date:expr,
     blocked: $blocked:expr, blocked_reason: $reason:expr, children: [$(($child:expr, $column:expr)),* $(,)?] $(,)?) => {
        $crate::trash::TrashSource {
            kind: $kind,
            label: $label,
            list: concat!("SELECT x.id AS id, ", $title, " AS title, ", $date, " AS date, x.deleted_at AS deleted_at ",
                          "FROM ", $table, " AS x WHERE x.deleted_at IS NOT NULL"),
            restore: concat!("UPDATE ", $table, " SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"),
            in_trash: concat!("SELECT count(*) FROM ", $table, " WHERE id = ? AND deleted_at IS NOT NULL"),
            purge_one: &[
                $(concat!("DELETE FROM ", $child, " WHERE ", $column, " IN (SELECT x.id FROM ", $table,
                          " AS x WHERE x.id = ?1 AND x.deleted_at IS NOT NULL AND NOT (", $blocked, "))"),)*
                concat!("DELETE FROM tags WHERE item_kind = '", $kind, "' AND item_id IN (SELECT x.id FROM ", $table,
                        " AS x WHERE x.id = ?1 AND x.deleted_at IS NOT NULL AND NOT (", $blocked, "))"),
                concat!("DELETE FROM ", $table, " AS x WHERE x.id = ?1 AND x.deleted_at IS NOT NULL AND NOT (", $blocked, ")"),
            ],
            purge_before: &[
                $(concat!("DELETE FROM ", $child, " WHERE ", $column, " IN (SELECT x.id FROM ", $table,
                          " AS x WHERE x.deleted_at IS NOT NULL AND x.deleted_at < ?1 AND NOT (", $blocked, "))"),)*
                concat!("DELETE FROM tags WHERE item_kind = '", $kind, "' AND item_id IN (SELECT x.id FROM ", $table,
                        " AS x WHERE x.deleted_at IS NOT NULL AND x.deleted_at < ?1 AND NOT (", $blocked, "))"),
                concat!("DELETE FROM ", $table, " AS x WHERE x.deleted_at IS NOT NULL AND x.deleted_at < ?1 AND NOT (",
                        $blocked, ")"),
            ],
            count_before: concat!("SELECT count(*) FROM ", $table, " WHERE deleted_at IS NOT NULL AND deleted_at < ?"),
            blocked_reason: $reason,
        }
    };
    (@search kind: $kind:expr, label: $label:expr, table: $table:expr, fts: $fts:expr, id: $id:expr,
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
    (kind: $kind:literal, label: $label:literal, what: $what:literal, table: $table:literal, shape: $shape:ident,
     $(trash: { title: $title:expr, date: $date:expr, blocked: $blocked:expr, blocked_reason: $reason:expr,
                children: [$(($child:expr, $column:expr)),* $(,)?] $(,)? },)?
     $(search: { table: $stable:expr, fts: $fts:expr, id: $sid:expr, title: $stitle:expr, date: $sdate:expr,
                 client: $client:expr, live: $live:expr $(,)? },)?
    ) => {
        $crate::registry::RecordKind {
            kind: $kind,
            label: $label,
            what: $what,
            what_in_trash: concat!($what, " in the trash"),
            table: $table,
            shape: $crate::registry::Shape::$shape,
            delete: concat!("UPDATE ", $table, " SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"),
            restore: concat!("UPDATE ", $table, " SET deleted_at = NULL WHERE id = ? AND deleted_at IS NOT NULL"),
            trash: record_kind!(@opt $(record_kind!(@trash kind: $kind, label: $label, table: $table,
                title: $title, date: $date, blocked: $blocked, blocked_reason: $reason,
                children: [$(($child, $column)),*]))?),
            search: record_kind!(@opt $(record_kind!(@search kind: $kind, label: $label, table: $stable,
                fts: $fts, id: $sid, title: $stitle, date: $sdate, client: $client, live: $live))?),
        }
    };
}

// After the macro: `kinds` uses `record_kind!` by its textual scope.
pub(crate) mod generic;
pub mod kinds;
