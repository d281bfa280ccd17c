-- Mood check-ins: a quick "how am I right now" on a 1–10 scale, with named emotions.
-- `checked_at` is the moment (UTC); `day` is the user's own calendar day at that moment, taken
-- from the offset the app sends, so per-day charts match the user's days, not UTC's.
CREATE TABLE mood_checkins (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    checked_at   TEXT NOT NULL,
    day          TEXT NOT NULL,
    mood         INTEGER NOT NULL CHECK (mood BETWEEN 1 AND 10),
    emotions     TEXT NOT NULL DEFAULT '',   -- lower-case names joined by ", " (names never hold commas)
    energy       INTEGER CHECK (energy BETWEEN 1 AND 10),
    sleep_hours  REAL CHECK (sleep_hours BETWEEN 0 AND 24),
    note         TEXT NOT NULL DEFAULT '',
    deleted_at   TEXT
) STRICT;

CREATE INDEX mood_checkins_by_day ON mood_checkins(day, checked_at);
CREATE INDEX mood_checkins_in_trash ON mood_checkins(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE mood_checkins_fts USING fts5(
    note, emotions, content='mood_checkins', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER mood_checkins_ai AFTER INSERT ON mood_checkins BEGIN
    INSERT INTO mood_checkins_fts(rowid, note, emotions) VALUES (new.rowid, new.note, new.emotions);
END;
CREATE TRIGGER mood_checkins_ad AFTER DELETE ON mood_checkins BEGIN
    INSERT INTO mood_checkins_fts(mood_checkins_fts, rowid, note, emotions) VALUES ('delete', old.rowid, old.note, old.emotions);
END;
CREATE TRIGGER mood_checkins_au AFTER UPDATE OF note, emotions ON mood_checkins BEGIN
    INSERT INTO mood_checkins_fts(mood_checkins_fts, rowid, note, emotions) VALUES ('delete', old.rowid, old.note, old.emotions);
    INSERT INTO mood_checkins_fts(rowid, note, emotions) VALUES (new.rowid, new.note, new.emotions);
END;
