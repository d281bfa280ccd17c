-- The personal reflection journal: the first table every vault has.
-- Ids are UUID v7 text made in Rust; timestamps are RFC 3339 UTC text made in Rust
-- (write statements are journaled and replayed, so they must be deterministic).
CREATE TABLE journal_entries (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    entry_date  TEXT NOT NULL,            -- the day the entry is about (YYYY-MM-DD)
    title       TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL DEFAULT '',
    prompt      TEXT,                     -- the reflection prompt answered, if any
    mood        INTEGER CHECK (mood BETWEEN 1 AND 10),
    deleted_at  TEXT                      -- soft delete: in the trash until purged
) STRICT;

CREATE INDEX journal_entries_by_date ON journal_entries(entry_date DESC, created_at DESC);

-- Full-text search, kept in sync by triggers (deterministic, so replay rebuilds it exactly).
CREATE VIRTUAL TABLE journal_entries_fts USING fts5(
    title, body, content='journal_entries', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER journal_entries_ai AFTER INSERT ON journal_entries BEGIN
    INSERT INTO journal_entries_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
CREATE TRIGGER journal_entries_ad AFTER DELETE ON journal_entries BEGIN
    INSERT INTO journal_entries_fts(journal_entries_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
END;
CREATE TRIGGER journal_entries_au AFTER UPDATE OF title, body ON journal_entries BEGIN
    INSERT INTO journal_entries_fts(journal_entries_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO journal_entries_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
