-- A goal's words are long texts too (docs/decisions.md 73): now that a goal can be edited, its
-- title and SMART parts (specific, measurable, achievable, relevant) are one version, kept
-- like a thought record's worksheet (decision 70), so that a goal reworded on two computers at
-- once keeps both wordings. Its target date stays last-writer-wins, and its status is not
-- written by an edit at all (it has its own save), so a status changed on one computer and
-- the wording on another both stand.
ALTER TABLE goals ADD COLUMN text_version TEXT;
ALTER TABLE goals ADD COLUMN text_base TEXT;
ALTER TABLE goals ADD COLUMN text_by TEXT;

-- As in 20261210010000_thought_record_and_client_notes_versions.sql: `text_conflicts.kind`'s
-- CHECK cannot be altered, so the table is made again with the new kind, its triggers dropped
-- first and made again word for word after.
DROP TRIGGER journal_entries_text_merge;
DROP TRIGGER journal_entries_text_conflicts_gone;
DROP TRIGGER session_notes_text_merge;
DROP TRIGGER session_notes_text_conflicts_gone;
DROP TRIGGER session_notes_read_only;
DROP TRIGGER supervision_notes_text_merge;
DROP TRIGGER supervision_notes_text_conflicts_gone;
DROP TRIGGER thought_records_text_merge;
DROP TRIGGER thought_records_text_conflicts_gone;
DROP TRIGGER clients_text_merge;
DROP TRIGGER clients_text_conflicts_gone;

CREATE TABLE text_conflicts_new (
    kind        TEXT NOT NULL CHECK (kind IN ('journal_entry', 'session_note', 'supervision_note',
                                              'thought_record', 'client', 'goal')),
    record_id   TEXT NOT NULL,
    version     TEXT NOT NULL,          -- the version kept aside ('' for a record's first text)
    device      TEXT,                   -- the computer that wrote it (NULL: before versions)
    written_at  TEXT NOT NULL,          -- when it was saved
    title       TEXT NOT NULL,          -- a journal entry's or a goal's title; '' for the other kinds
    -- a journal entry's text; a session note's sections (JSON); a supervision note's notes and
    -- actions (JSON: {"notes": …, "actions": …}); a thought record's worksheet (JSON: its
    -- columns, moods and thoughts as arrays); a client's notes; a goal's SMART parts (JSON:
    -- {"specific": …, "measurable": …, "achievable": …, "relevant": …})
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

-- A thought record: the version replaced by a save made without seeing it is kept aside, its
-- worksheet as one JSON object.
CREATE TRIGGER thought_records_text_merge AFTER UPDATE OF text_version ON thought_records
WHEN new.text_version IS NOT old.text_version BEGIN
    DELETE FROM text_conflicts
     WHERE kind = 'thought_record' AND record_id = new.id AND version = coalesce(new.text_base, '');
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'thought_record', old.id, coalesce(old.text_version, ''), old.text_by, old.updated_at, '',
           json_object('situation', old.situation, 'moods', json(old.moods),
                       'automatic_thoughts', json(old.automatic_thoughts), 'evidence_for', old.evidence_for,
                       'evidence_against', old.evidence_against, 'balanced_thought', old.balanced_thought,
                       'balanced_belief', old.balanced_belief), 0
     WHERE new.text_base IS NOT old.text_version
       AND (new.situation IS NOT old.situation OR new.moods IS NOT old.moods
            OR new.automatic_thoughts IS NOT old.automatic_thoughts OR new.evidence_for IS NOT old.evidence_for
            OR new.evidence_against IS NOT old.evidence_against OR new.balanced_thought IS NOT old.balanced_thought
            OR new.balanced_belief IS NOT old.balanced_belief)
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER thought_records_text_conflicts_gone AFTER DELETE ON thought_records BEGIN
    DELETE FROM text_conflicts WHERE kind = 'thought_record' AND record_id = old.id;
END;

-- A client: the notes replaced by a save made without seeing them are kept aside.
CREATE TRIGGER clients_text_merge AFTER UPDATE OF text_version ON clients
WHEN new.text_version IS NOT old.text_version BEGIN
    DELETE FROM text_conflicts
     WHERE kind = 'client' AND record_id = new.id AND version = coalesce(new.text_base, '');
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'client', old.id, coalesce(old.text_version, ''), old.text_by, old.updated_at, '', old.notes, 0
     WHERE new.text_base IS NOT old.text_version AND new.notes IS NOT old.notes
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER clients_text_conflicts_gone AFTER DELETE ON clients BEGIN
    DELETE FROM text_conflicts WHERE kind = 'client' AND record_id = old.id;
END;

-- A goal: the wording replaced by a save made without seeing it is kept aside, its title in
-- `title` and its SMART parts as one JSON object.
CREATE TRIGGER goals_text_merge AFTER UPDATE OF text_version ON goals
WHEN new.text_version IS NOT old.text_version BEGIN
    DELETE FROM text_conflicts
     WHERE kind = 'goal' AND record_id = new.id AND version = coalesce(new.text_base, '');
    INSERT INTO text_conflicts (kind, record_id, version, device, written_at, title, text, after_final)
    SELECT 'goal', old.id, coalesce(old.text_version, ''), old.text_by, old.updated_at, old.title,
           json_object('specific', old.specific, 'measurable', old.measurable,
                       'achievable', old.achievable, 'relevant', old.relevant), 0
     WHERE new.text_base IS NOT old.text_version
       AND (new.title IS NOT old.title OR new.specific IS NOT old.specific OR new.measurable IS NOT old.measurable
            OR new.achievable IS NOT old.achievable OR new.relevant IS NOT old.relevant)
    ON CONFLICT DO NOTHING;
END;
CREATE TRIGGER goals_text_conflicts_gone AFTER DELETE ON goals BEGIN
    DELETE FROM text_conflicts WHERE kind = 'goal' AND record_id = old.id;
END;
