-- Gratitude ("three good things"): a day's list of good things, each with why it happened.
-- `items` is JSON written by Rust; `items_text` holds the same words as plain lines for search.
CREATE TABLE gratitude_entries (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    entry_date  TEXT NOT NULL,
    items       TEXT NOT NULL CHECK (json_valid(items)),
    items_text  TEXT NOT NULL,
    deleted_at  TEXT
) STRICT;

CREATE INDEX gratitude_entries_by_date ON gratitude_entries(entry_date DESC, created_at DESC);
CREATE INDEX gratitude_entries_in_trash ON gratitude_entries(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE gratitude_entries_fts USING fts5(
    items_text, content='gratitude_entries', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER gratitude_entries_ai AFTER INSERT ON gratitude_entries BEGIN
    INSERT INTO gratitude_entries_fts(rowid, items_text) VALUES (new.rowid, new.items_text);
END;
CREATE TRIGGER gratitude_entries_ad AFTER DELETE ON gratitude_entries BEGIN
    INSERT INTO gratitude_entries_fts(gratitude_entries_fts, rowid, items_text) VALUES ('delete', old.rowid, old.items_text);
END;
CREATE TRIGGER gratitude_entries_au AFTER UPDATE OF items_text ON gratitude_entries BEGIN
    INSERT INTO gratitude_entries_fts(gratitude_entries_fts, rowid, items_text) VALUES ('delete', old.rowid, old.items_text);
    INSERT INTO gratitude_entries_fts(rowid, items_text) VALUES (new.rowid, new.items_text);
END;

-- The coping toolbox: strategies that help, by category, how helpful (1–5) and when last used.
-- `suggestion_id` names the built-in suggestion a strategy was added from (the program holds the list).
CREATE TABLE coping_strategies (
    id             TEXT PRIMARY KEY NOT NULL,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL,
    name           TEXT NOT NULL,
    description    TEXT NOT NULL DEFAULT '',
    category       TEXT NOT NULL CHECK (category IN ('soothing', 'distraction', 'connection', 'movement', 'grounding')),
    helpfulness    INTEGER CHECK (helpfulness BETWEEN 1 AND 5),
    times_used     INTEGER NOT NULL DEFAULT 0,
    last_used_at   TEXT,
    suggestion_id  TEXT,
    deleted_at     TEXT
) STRICT;

CREATE INDEX coping_strategies_in_trash ON coping_strategies(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE coping_strategies_fts USING fts5(
    name, description, content='coping_strategies', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER coping_strategies_ai AFTER INSERT ON coping_strategies BEGIN
    INSERT INTO coping_strategies_fts(rowid, name, description) VALUES (new.rowid, new.name, new.description);
END;
CREATE TRIGGER coping_strategies_ad AFTER DELETE ON coping_strategies BEGIN
    INSERT INTO coping_strategies_fts(coping_strategies_fts, rowid, name, description) VALUES ('delete', old.rowid, old.name, old.description);
END;
CREATE TRIGGER coping_strategies_au AFTER UPDATE OF name, description ON coping_strategies BEGIN
    INSERT INTO coping_strategies_fts(coping_strategies_fts, rowid, name, description) VALUES ('delete', old.rowid, old.name, old.description);
    INSERT INTO coping_strategies_fts(rowid, name, description) VALUES (new.rowid, new.name, new.description);
END;
