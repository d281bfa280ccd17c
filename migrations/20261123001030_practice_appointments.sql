-- Appointments with clients. Times are UTC instants (RFC 3339 text); a series repeats weekly or
-- fortnightly at the same UTC time until a day (inclusive, UTC) or for a number of sessions.
-- What happened to one occurrence (cancelled, no-show, attended, moved) is an exception row
-- keyed by that occurrence's original start.
CREATE TABLE appointments (
    id                TEXT PRIMARY KEY NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    client_id         TEXT NOT NULL REFERENCES clients(id),
    starts_at         TEXT NOT NULL,
    ends_at           TEXT NOT NULL CHECK (ends_at > starts_at),
    mode              TEXT NOT NULL CHECK (mode IN ('in_person', 'video', 'phone')),
    location          TEXT,
    recurrence        TEXT NOT NULL DEFAULT 'none' CHECK (recurrence IN ('none', 'weekly', 'fortnightly')),
    repeat_until      TEXT,
    repeat_count      INTEGER CHECK (repeat_count BETWEEN 1 AND 520),
    reminder_minutes  INTEGER CHECK (reminder_minutes BETWEEN 0 AND 40320),
    notes             TEXT NOT NULL DEFAULT '',
    deleted_at        TEXT,
    CHECK (repeat_until IS NULL OR repeat_count IS NULL)
) STRICT;
CREATE INDEX appointments_by_start ON appointments(starts_at);
CREATE INDEX appointments_by_client ON appointments(client_id, starts_at);

CREATE TABLE appointment_exceptions (
    appointment_id    TEXT NOT NULL REFERENCES appointments(id) ON DELETE CASCADE,
    occurrence_start  TEXT NOT NULL,          -- the occurrence's original start
    status            TEXT NOT NULL CHECK (status IN ('scheduled', 'cancelled', 'no_show', 'attended')),
    starts_at         TEXT,                   -- moved to (both or neither)
    ends_at           TEXT,
    updated_at        TEXT NOT NULL,
    PRIMARY KEY (appointment_id, occurrence_start),
    CHECK ((starts_at IS NULL) = (ends_at IS NULL) AND (ends_at IS NULL OR ends_at > starts_at))
) STRICT, WITHOUT ROWID;
