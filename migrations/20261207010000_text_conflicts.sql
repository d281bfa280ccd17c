-- Long texts edited on two computers at once (issue 15, docs/sync.md, docs/decisions.md 66).
--
-- A journal entry's title and text, and a session note's sections, carry the version they are
-- (`text_version`: made fresh by each save), the version the person was looking at when they
-- wrote it (`text_base`), and the computer that wrote it (`text_by`, its 32-hex device id).
-- Every computer replays every computer's changes in the same order (docs/decisions.md 65), so
-- when a save arrives whose base is not the version on show, two people — or one person on two
-- computers — wrote over the same text without seeing each other's words. The later save
-- shows; the version it replaced without seeing is kept here, with its computer and time,
-- until the person chooses. The triggers run the same way when a change is saved and when it
-- is replayed, so every computer keeps the same versions aside. Nothing is written to
-- `text_conflicts` by a change record: the rows follow from the saves.
ALTER TABLE journal_entries ADD COLUMN text_version TEXT;
ALTER TABLE journal_entries ADD COLUMN text_base TEXT;
ALTER TABLE journal_entries ADD COLUMN text_by TEXT;
ALTER TABLE session_notes ADD COLUMN text_version TEXT;
ALTER TABLE session_notes ADD COLUMN text_base TEXT;
ALTER TABLE session_notes ADD COLUMN text_by TEXT;

CREATE TABLE text_conflicts (
    kind        TEXT NOT NULL CHECK (kind IN ('journal_entry', 'session_note')),
    record_id   TEXT NOT NULL,
    version     TEXT NOT NULL,          -- the version kept aside ('' for a record's first text)
    device      TEXT,                   -- the computer that wrote it (NULL: before versions)
    written_at  TEXT NOT NULL,          -- when it was saved
    title       TEXT NOT NULL,          -- a journal entry's title; '' for a note
    text        TEXT NOT NULL,          -- a journal entry's text; a note's sections (JSON)
    -- 1: an edit that reached a note already finalised elsewhere; it stays beside the note
    after_final INTEGER NOT NULL CHECK (after_final IN (0, 1)),
    PRIMARY KEY (kind, record_id, version)
) STRICT, WITHOUT ROWID;

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

-- A finalised note still never changes. An edit saved elsewhere before that computer saw the
-- note finalised arrives here as an update carrying a new version: it is kept beside the note
-- (after_final = 1) and the update itself is skipped. Any other update is refused as before.
DROP TRIGGER session_notes_read_only;
CREATE TRIGGER session_notes_read_only BEFORE UPDATE ON session_notes
WHEN old.finalised_at IS NOT NULL BEGIN
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'session_note', old.id, new.text_version, new.text_by, new.updated_at, '', new.sections, 1
     WHERE new.text_version IS NOT old.text_version AND new.sections IS NOT old.sections
    ON CONFLICT DO NOTHING;
    SELECT RAISE(ABORT, 'finalised session notes are read-only') WHERE new.text_version IS old.text_version;
    SELECT RAISE(IGNORE);
END;
