-- Conventions shared by every domain table:
-- * ids are UUID v7 text, timestamps RFC 3339 UTC text, days YYYY-MM-DD; all made in Rust;
-- * soft delete through a nullable `deleted_at` column (the trash), purged explicitly;
-- * text-heavy tables keep an external-content FTS5 index (`<table>_fts`) in sync by triggers,
--   and `crate::search` unions them.

-- Vault-wide settings: what the vault holds (mentor practice, personal journal, both), the
-- user's display name, auto-lock minutes, theme... Values are JSON text.
CREATE TABLE settings (
    key    TEXT PRIMARY KEY NOT NULL,
    value  TEXT NOT NULL
) STRICT;

-- Tags on any record: `item_kind` names the table's kind ("journal_entry", "client", ...).
CREATE TABLE tags (
    item_kind  TEXT NOT NULL,
    item_id    TEXT NOT NULL,
    tag        TEXT NOT NULL COLLATE NOCASE,
    PRIMARY KEY (item_kind, item_id, tag)
) STRICT, WITHOUT ROWID;
CREATE INDEX tags_by_tag ON tags(tag, item_kind);
