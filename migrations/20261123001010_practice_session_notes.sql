-- Session notes: drafts autosave, finalising makes them read-only, later changes are dated
-- addenda, and every save of a draft leaves a revision (autosaves coalesced in Rust).
CREATE TABLE session_notes (
    id                TEXT PRIMARY KEY NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    client_id         TEXT NOT NULL REFERENCES clients(id),
    session_date      TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL CHECK (duration_minutes BETWEEN 1 AND 600),
    mode              TEXT NOT NULL CHECK (mode IN ('in_person', 'video', 'phone')),
    template          TEXT NOT NULL CHECK (template IN ('free', 'soap', 'dap', 'birp', 'girp')),
    sections          TEXT NOT NULL,          -- JSON [{"key": "...", "text": "..."}], template order
    body              TEXT NOT NULL,          -- the sections' text joined, for search
    finalised_at      TEXT,                   -- set once: the note is signed and read-only
    deleted_at        TEXT
) STRICT;
CREATE INDEX session_notes_by_client ON session_notes(client_id, session_date DESC);

-- A finalised note never changes again, whatever code path tries (the API refuses first, with
-- a message that says to add an addendum).
CREATE TRIGGER session_notes_read_only BEFORE UPDATE ON session_notes
WHEN old.finalised_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'finalised session notes are read-only');
END;
CREATE TRIGGER session_notes_kept BEFORE DELETE ON session_notes
WHEN old.finalised_at IS NOT NULL BEGIN
    SELECT RAISE(ABORT, 'finalised session notes are kept');
END;

-- Goals a session worked on (goal ids are checked by the API).
CREATE TABLE session_note_goals (
    note_id  TEXT NOT NULL REFERENCES session_notes(id) ON DELETE CASCADE,
    goal_id  TEXT NOT NULL,
    PRIMARY KEY (note_id, goal_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX session_note_goals_by_goal ON session_note_goals(goal_id);

-- Dated additions to a finalised note; append-only.
CREATE TABLE note_addenda (
    id        TEXT PRIMARY KEY NOT NULL,
    note_id   TEXT NOT NULL REFERENCES session_notes(id),
    added_at  TEXT NOT NULL,
    text      TEXT NOT NULL CHECK (length(text) > 0)
) STRICT;
CREATE INDEX note_addenda_by_note ON note_addenda(note_id, added_at);
CREATE TRIGGER note_addenda_append_only BEFORE UPDATE ON note_addenda BEGIN
    SELECT RAISE(ABORT, 'addenda are append-only');
END;

-- The history of a note's drafts: one row per save; an autosave within two minutes of the
-- previous autosave revision's start replaces it (so typing does not make thousands of rows).
CREATE TABLE note_revisions (
    id                TEXT PRIMARY KEY NOT NULL,
    note_id           TEXT NOT NULL REFERENCES session_notes(id),
    started_at        TEXT NOT NULL,          -- when this revision row was first written
    saved_at          TEXT NOT NULL,          -- when it last took a save
    kind              TEXT NOT NULL CHECK (kind IN ('autosave', 'save', 'finalise')),
    session_date      TEXT NOT NULL,
    duration_minutes  INTEGER NOT NULL,
    mode              TEXT NOT NULL,
    template          TEXT NOT NULL,
    sections          TEXT NOT NULL,
    goal_ids          TEXT NOT NULL           -- JSON array
) STRICT;
CREATE INDEX note_revisions_by_note ON note_revisions(note_id, started_at);

CREATE VIRTUAL TABLE session_notes_fts USING fts5(
    body, content='session_notes', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER session_notes_ai AFTER INSERT ON session_notes BEGIN
    INSERT INTO session_notes_fts(rowid, body) VALUES (new.rowid, new.body);
END;
CREATE TRIGGER session_notes_ad AFTER DELETE ON session_notes BEGIN
    INSERT INTO session_notes_fts(session_notes_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
CREATE TRIGGER session_notes_au AFTER UPDATE OF body ON session_notes BEGIN
    INSERT INTO session_notes_fts(session_notes_fts, rowid, body) VALUES ('delete', old.rowid, old.body);
    INSERT INTO session_notes_fts(rowid, body) VALUES (new.rowid, new.body);
END;
