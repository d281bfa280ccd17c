-- Behavioural activation: activities planned or done, with mastery and pleasure (0–10).
-- `at` is the moment (UTC); `day` the user's calendar day then (from the offset the app sends).
CREATE TABLE activation_log (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    activity    TEXT NOT NULL,
    at          TEXT NOT NULL,
    day         TEXT NOT NULL,
    status      TEXT NOT NULL CHECK (status IN ('planned', 'done', 'skipped')),
    mastery     INTEGER CHECK (mastery BETWEEN 0 AND 10),
    pleasure    INTEGER CHECK (pleasure BETWEEN 0 AND 10),
    note        TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT
) STRICT;

CREATE INDEX activation_log_by_day ON activation_log(day, at);
CREATE INDEX activation_log_in_trash ON activation_log(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE activation_log_fts USING fts5(
    activity, note, content='activation_log', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER activation_log_ai AFTER INSERT ON activation_log BEGIN
    INSERT INTO activation_log_fts(rowid, activity, note) VALUES (new.rowid, new.activity, new.note);
END;
CREATE TRIGGER activation_log_ad AFTER DELETE ON activation_log BEGIN
    INSERT INTO activation_log_fts(activation_log_fts, rowid, activity, note) VALUES ('delete', old.rowid, old.activity, old.note);
END;
CREATE TRIGGER activation_log_au AFTER UPDATE OF activity, note ON activation_log BEGIN
    INSERT INTO activation_log_fts(activation_log_fts, rowid, activity, note) VALUES ('delete', old.rowid, old.activity, old.note);
    INSERT INTO activation_log_fts(rowid, activity, note) VALUES (new.rowid, new.activity, new.note);
END;
