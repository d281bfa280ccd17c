-- Outcome measures, their schedules, and risk flags (a PHQ-9 item-9 answer above 0 raises a
-- flag in the same write, so both live in one migration).
-- `client_id` is a clients.id, or NULL for the vault owner's own records (self-assessments).
-- It is deliberately not a foreign key: the practice area owns `clients`.

CREATE TABLE measure_administrations (
    id                     TEXT PRIMARY KEY NOT NULL,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    client_id              TEXT,
    instrument             TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'who5', 'phq2', 'gad2')),
    administered_on        TEXT NOT NULL,              -- YYYY-MM-DD
    answers                TEXT NOT NULL,              -- JSON array of item scores, item 1 first
    functional_difficulty  INTEGER CHECK (functional_difficulty BETWEEN 0 AND 3),
    raw_score              INTEGER NOT NULL,
    total                  INTEGER NOT NULL,           -- as reported (WHO-5: percentage)
    band                   TEXT NOT NULL,              -- band key of the instrument
    notes                  TEXT NOT NULL DEFAULT '',
    deleted_at             TEXT
) STRICT;
CREATE INDEX measure_administrations_by_client
    ON measure_administrations(client_id, instrument, administered_on);

-- "PHQ-9 every 14 days for this client": what the dashboard's "measures due" reads.
CREATE TABLE measure_schedules (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    client_id    TEXT,
    instrument   TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'who5', 'phq2', 'gad2')),
    every_days   INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 366),
    starts_on    TEXT NOT NULL,                        -- first due date when never administered
    paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
) STRICT;
-- One schedule per client and instrument (NULL client = the owner; coalesce makes it unique too).
CREATE UNIQUE INDEX measure_schedules_one_per_instrument
    ON measure_schedules(coalesce(client_id, ''), instrument);

CREATE TABLE risk_flags (
    id               TEXT PRIMARY KEY NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    client_id        TEXT,
    source           TEXT NOT NULL CHECK (source IN ('measure', 'mentor', 'client_disclosure')),
    level            TEXT NOT NULL CHECK (level IN ('low', 'medium', 'high')),
    description      TEXT NOT NULL,
    raised_on        TEXT NOT NULL,
    measure_id       TEXT REFERENCES measure_administrations(id),
    resolved_on      TEXT,
    resolution_note  TEXT,
    CHECK (resolved_on IS NULL OR resolved_on >= raised_on)
) STRICT;
CREATE INDEX risk_flags_open ON risk_flags(resolved_on, level, raised_on);
CREATE INDEX risk_flags_by_client ON risk_flags(client_id, raised_on);

CREATE VIRTUAL TABLE risk_flags_fts USING fts5(
    description, resolution_note, content='risk_flags', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER risk_flags_ai AFTER INSERT ON risk_flags BEGIN
    INSERT INTO risk_flags_fts(rowid, description, resolution_note) VALUES (new.rowid, new.description, new.resolution_note);
END;
CREATE TRIGGER risk_flags_ad AFTER DELETE ON risk_flags BEGIN
    INSERT INTO risk_flags_fts(risk_flags_fts, rowid, description, resolution_note)
        VALUES ('delete', old.rowid, old.description, old.resolution_note);
END;
CREATE TRIGGER risk_flags_au AFTER UPDATE OF description, resolution_note ON risk_flags BEGIN
    INSERT INTO risk_flags_fts(risk_flags_fts, rowid, description, resolution_note)
        VALUES ('delete', old.rowid, old.description, old.resolution_note);
    INSERT INTO risk_flags_fts(rowid, description, resolution_note) VALUES (new.rowid, new.description, new.resolution_note);
END;
