-- Private notes (HIPAA "psychotherapy notes", the mentor's process notes): a session note kept
-- apart from the clinical record. Whether a note is private is chosen when it is made and never
-- changes, so no edit can move a private note into the record or a record note out of it
-- (docs/decisions.md 52). Existing notes are record notes.
ALTER TABLE session_notes ADD COLUMN private INTEGER NOT NULL DEFAULT 0 CHECK (private IN (0, 1));
CREATE TRIGGER session_notes_private_fixed BEFORE UPDATE OF private ON session_notes
WHEN new.private IS NOT old.private BEGIN
    SELECT RAISE(ABORT, 'whether a session note is private is fixed when it is made');
END;
