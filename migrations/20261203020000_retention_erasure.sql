-- Retention and erasure of a whole client (issue 13, deliverables 1 and 2; docs/decisions.md 51).
--
-- `client_retention`: what retention needs beyond the client row, kept beside it so the clients
-- table (and every reader of `SELECT * FROM clients`) is unchanged. `closed_on` is written by the
-- core when a client's status becomes closed; the override is either a number of years (instead
-- of the practice's) or a date (instead of the whole rule). No foreign key: a purge or an
-- erasure removes the row in the same write as the client.
CREATE TABLE client_retention (
    client_id       TEXT PRIMARY KEY NOT NULL,
    closed_on       TEXT,
    override_years  INTEGER CHECK (override_years BETWEEN 1 AND 100),
    override_until  TEXT,
    updated_at      TEXT NOT NULL,
    CHECK (override_years IS NULL OR override_until IS NULL)
) STRICT;

-- Clients closed before this migration: their end date when they have one, else the day the
-- record last changed (closing it was one of those changes, and nothing later is more likely).
INSERT INTO client_retention (client_id, closed_on, updated_at)
SELECT id, coalesce(end_date, substr(updated_at, 1, 10)), updated_at FROM clients WHERE status = 'closed';

-- The erasure log: one tombstone per erased client. The id is the erased client's (random, it
-- names no one); no name, no dates of care. `note` is the mentor's words about the request (the
-- core refuses one that contains the client's name). `overridden` = 1 when retention had not
-- ended and the mentor typed the client's name to erase anyway.
CREATE TABLE erasures (
    client_id           TEXT PRIMARY KEY NOT NULL,
    erased_at           TEXT NOT NULL,
    reason              TEXT NOT NULL CHECK (reason IN ('retention_ended', 'lawful_request')),
    note                TEXT NOT NULL DEFAULT '',
    retention_ends_on   TEXT,
    overridden          INTEGER NOT NULL CHECK (overridden IN (0, 1)),
    invoices_kept       INTEGER NOT NULL DEFAULT 0
) STRICT;

-- A finalised note is still kept for ever, except on the one path that erases its whole client:
-- the erasure writes its tombstone first, in the same write, and the trigger lets the notes of
-- a client named there go. Nothing else writes `erasures`.
DROP TRIGGER session_notes_kept;
CREATE TRIGGER session_notes_kept BEFORE DELETE ON session_notes
WHEN old.finalised_at IS NOT NULL
 AND NOT EXISTS (SELECT 1 FROM erasures e WHERE e.client_id = old.client_id) BEGIN
    SELECT RAISE(ABORT, 'finalised session notes are kept');
END;
