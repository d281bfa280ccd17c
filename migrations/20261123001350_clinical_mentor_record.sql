-- The mentor's own professional record: credentials, training/CPD, supervision notes.
CREATE TABLE credentials (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL,
    issuer      TEXT NOT NULL DEFAULT '',
    number      TEXT,                      -- registration or certificate number
    valid_from  TEXT,
    valid_to    TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
) STRICT;

CREATE TABLE training_records (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    title         TEXT NOT NULL,
    provider      TEXT NOT NULL DEFAULT '',
    completed_on  TEXT NOT NULL,
    hours         REAL NOT NULL CHECK (hours > 0),
    notes         TEXT NOT NULL DEFAULT '',
    deleted_at    TEXT
) STRICT;
CREATE INDEX training_records_by_date ON training_records(completed_on);

CREATE TABLE supervision_notes (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    supervisor  TEXT NOT NULL,
    notes       TEXT NOT NULL DEFAULT '',
    actions     TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
) STRICT;
CREATE INDEX supervision_notes_by_date ON supervision_notes(held_on);

CREATE VIRTUAL TABLE supervision_notes_fts USING fts5(
    supervisor, notes, actions, content='supervision_notes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER supervision_notes_ai AFTER INSERT ON supervision_notes BEGIN
    INSERT INTO supervision_notes_fts(rowid, supervisor, notes, actions) VALUES (new.rowid, new.supervisor, new.notes, new.actions);
END;
CREATE TRIGGER supervision_notes_ad AFTER DELETE ON supervision_notes BEGIN
    INSERT INTO supervision_notes_fts(supervision_notes_fts, rowid, supervisor, notes, actions)
        VALUES ('delete', old.rowid, old.supervisor, old.notes, old.actions);
END;
CREATE TRIGGER supervision_notes_au AFTER UPDATE OF supervisor, notes, actions ON supervision_notes BEGIN
    INSERT INTO supervision_notes_fts(supervision_notes_fts, rowid, supervisor, notes, actions)
        VALUES ('delete', old.rowid, old.supervisor, old.notes, old.actions);
    INSERT INTO supervision_notes_fts(rowid, supervisor, notes, actions) VALUES (new.rowid, new.supervisor, new.notes, new.actions);
END;
