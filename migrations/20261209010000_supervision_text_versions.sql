-- A supervision note's words are a long text too (issue 15, docs/decisions.md 69): what was
-- discussed and the actions agreed are versioned like a journal entry's text and a session
-- note's sections (migration 20261207010000_text_conflicts.sql, decision 66), so a supervision
-- note rewritten on two computers at once keeps both versions instead of the later one
-- silently replacing the other.
ALTER TABLE supervision_notes ADD COLUMN text_version TEXT;
ALTER TABLE supervision_notes ADD COLUMN text_base TEXT;
ALTER TABLE supervision_notes ADD COLUMN text_by TEXT;

-- `text_conflicts.kind`'s CHECK names the kinds it may hold, and a CHECK cannot be altered:
-- the table is made again with the new kind. The triggers that write it are dropped first and
-- made again, word for word, after: SQLite checks every trigger's tables when a table is
-- renamed, and would refuse the rename while they named a table that is gone.
DROP TRIGGER journal_entries_text_merge;
DROP TRIGGER journal_entries_text_conflicts_gone;
DROP TRIGGER session_notes_text_merge;
DROP TRIGGER session_notes_text_conflicts_gone;
DROP TRIGGER session_notes_read_only;

CREATE TABLE text_conflicts_new (
    kind        TEXT NOT NULL CHECK (kind IN ('journal_entry', 'session_note', 'supervision_note')),
    record_id   TEXT NOT NULL,
    version     TEXT NOT NULL,          -- the version kept aside ('' for a record's first text)
    device      TEXT,                   -- the computer that wrote it (NULL: before versions)
    written_at  TEXT NOT NULL,          -- when it was saved
    title       TEXT NOT NULL,          -- a journal entry's title; '' for a note
    -- a journal entry's text; a session note's sections (JSON); a supervision note's notes and
    -- actions (JSON: {"notes": …, "actions": …})
    text        TEXT NOT NULL,
    -- 1: an edit that reached a note already finalised elsewhere; it stays beside the note
    after_final INTEGER NOT NULL CHECK (after_final IN (0, 1)),
    PRIMARY KEY (kind, record_id, version)
) STRICT, WITHOUT ROWID;
INSERT INTO text_conflicts_new SELECT kind, record_id, version, device, written_at, title, text, after_final FROM text_conflicts;
DROP TABLE text_conflicts;
ALTER TABLE text_conflicts_new RENAME TO text_conflicts;

CREATE TRIGGER journal_entries_text_merge AFTER UPDATE OF text_version ON journal_entries
WHEN new.text_version IS NOT old.text_version BEGIN
    -- The writer saw this version on show: their save supersedes it.
    DELETE FROM text_conflicts
     WHERE kind = 'journal_entry' AND record_id = new.id AND version = coalesce(new.text_base, '');
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'journal_entry', old.id, coalesce(old.text_version, ''), old.text_by, old.updated_at, old.title, old.body, 0
     WHERE new.text_base IS NOT old.text_version AND (new.title IS NOT old.title OR new.body IS NOT old.body)
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER journal_entries_text_conflicts_gone AFTER DELETE ON journal_entries BEGIN
    DELETE FROM text_conflicts WHERE kind = 'journal_entry' AND record_id = old.id;
END;

CREATE TRIGGER session_notes_text_merge AFTER UPDATE OF text_version ON session_notes
WHEN new.text_version IS NOT old.text_version BEGIN
    DELETE FROM text_conflicts
     WHERE kind = 'session_note' AND record_id = new.id AND version = coalesce(new.text_base, '');
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'session_note', old.id, coalesce(old.text_version, ''), old.text_by, old.updated_at, '', old.sections, 0
     WHERE new.text_base IS NOT old.text_version AND new.sections IS NOT old.sections
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER session_notes_text_conflicts_gone AFTER DELETE ON session_notes BEGIN
    DELETE FROM text_conflicts WHERE kind = 'session_note' AND record_id = old.id;
END;

CREATE TRIGGER session_notes_read_only BEFORE UPDATE ON session_notes
WHEN old.finalised_at IS NOT NULL BEGIN
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'session_note', old.id, new.text_version, new.text_by, new.updated_at, '', new.sections, 1
     WHERE new.text_version IS NOT old.text_version AND new.sections IS NOT old.sections
    ON CONFLICT DO NOTHING;
    SELECT RAISE(ABORT, 'finalised session notes are read-only') WHERE new.text_version IS old.text_version;
    SELECT RAISE(IGNORE);
END;

-- A supervision note: the version replaced by a save made without seeing it is kept aside,
-- its notes and actions as one JSON object.
CREATE TRIGGER supervision_notes_text_merge AFTER UPDATE OF text_version ON supervision_notes
WHEN new.text_version IS NOT old.text_version BEGIN
    DELETE FROM text_conflicts
     WHERE kind = 'supervision_note' AND record_id = new.id AND version = coalesce(new.text_base, '');
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'supervision_note', old.id, coalesce(old.text_version, ''), old.text_by, old.updated_at, '',
           json_object('notes', old.notes, 'actions', old.actions), 0
     WHERE new.text_base IS NOT old.text_version AND (new.notes IS NOT old.notes OR new.actions IS NOT old.actions)
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER supervision_notes_text_conflicts_gone AFTER DELETE ON supervision_notes BEGIN
    DELETE FROM text_conflicts WHERE kind = 'supervision_note' AND record_id = old.id;
END;
