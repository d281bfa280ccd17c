-- Journal entries brought in from elsewhere: another journal app (Day One, jrnl, Daylio) or a
-- share bundle from a mentor. `origin` is what the user sees ("Day One", "Shared by Sam");
-- `source` + `source_id` identify the original so importing the same file twice adds nothing.
ALTER TABLE journal_entries ADD COLUMN origin TEXT;
ALTER TABLE journal_entries ADD COLUMN source TEXT;
ALTER TABLE journal_entries ADD COLUMN source_id TEXT;
CREATE UNIQUE INDEX journal_entries_by_source ON journal_entries(source, source_id) WHERE source IS NOT NULL;

-- The trash lists soft-deleted rows; a partial index keeps that cheap however big the journal.
CREATE INDEX journal_entries_in_trash ON journal_entries(deleted_at) WHERE deleted_at IS NOT NULL;
