-- no-transaction
-- The K10 (Kessler Psychological Distress Scale) joins the instruments (issue 11). The
-- instrument CHECK of both measure tables is rebuilt to allow 'k10'; SQLite cannot alter a
-- CHECK, so each table is recreated by the documented procedure (foreign keys off while the
-- parent of risk_flags.measure_id is replaced, checked again before committing), keeping
-- rowids, rows, indexes and names.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE measure_administrations_new (
    id                     TEXT PRIMARY KEY NOT NULL,
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL,
    client_id              TEXT,
    instrument             TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'who5', 'phq2', 'gad2', 'k10')),
    administered_on        TEXT NOT NULL,              -- YYYY-MM-DD
    answers                TEXT NOT NULL,              -- JSON array of item scores, item 1 first
    functional_difficulty  INTEGER CHECK (functional_difficulty BETWEEN 0 AND 3),
    raw_score              INTEGER NOT NULL,
    total                  INTEGER NOT NULL,           -- as reported (WHO-5: percentage)
    band                   TEXT NOT NULL,              -- band key of the instrument
    notes                  TEXT NOT NULL DEFAULT '',
    deleted_at             TEXT
) STRICT;
INSERT INTO measure_administrations_new (rowid, id, created_at, updated_at, client_id, instrument, administered_on,
    answers, functional_difficulty, raw_score, total, band, notes, deleted_at)
SELECT rowid, id, created_at, updated_at, client_id, instrument, administered_on,
    answers, functional_difficulty, raw_score, total, band, notes, deleted_at FROM measure_administrations;
DROP TABLE measure_administrations;
ALTER TABLE measure_administrations_new RENAME TO measure_administrations;
CREATE INDEX measure_administrations_by_client
    ON measure_administrations(client_id, instrument, administered_on);

CREATE TABLE measure_schedules_new (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    client_id    TEXT,
    instrument   TEXT NOT NULL CHECK (instrument IN ('phq9', 'gad7', 'who5', 'phq2', 'gad2', 'k10')),
    every_days   INTEGER NOT NULL CHECK (every_days BETWEEN 1 AND 366),
    starts_on    TEXT NOT NULL,                        -- first due date when never administered
    paused       INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1))
) STRICT;
INSERT INTO measure_schedules_new (rowid, id, created_at, updated_at, client_id, instrument, every_days, starts_on, paused)
SELECT rowid, id, created_at, updated_at, client_id, instrument, every_days, starts_on, paused FROM measure_schedules;
DROP TABLE measure_schedules;
ALTER TABLE measure_schedules_new RENAME TO measure_schedules;
CREATE UNIQUE INDEX measure_schedules_one_per_instrument
    ON measure_schedules(coalesce(client_id, ''), instrument);

COMMIT;
PRAGMA foreign_keys = ON;
