-- A journal entry is indexed for full-text search after its save is acknowledged, not inside it
-- (docs/decisions.md 61). Saving an entry only notes its rowid here; the vault indexes every
-- noted entry before the next read (a search, a list, a check) and before writing a snapshot,
-- inside the vault's lock, so a search always sees every saved entry.
--
-- The rule the triggers keep: an entry noted here has no terms in journal_entries_fts; an
-- entry not noted here is indexed with its current title and body. So an edit or a delete of
-- an entry not yet indexed leaves the index alone (there is nothing of it to remove), and one
-- of an indexed entry changes the index at once, as before. The noted set is part of the
-- database: replay notes the entries it inserts, a snapshot carries what was still noted, and
-- the next read indexes them. Indexing writes nothing to the change log: the index is derived
-- from the rows, which are.
CREATE TABLE journal_entries_fts_pending (
    entry_rowid INTEGER PRIMARY KEY NOT NULL
) STRICT;

DROP TRIGGER journal_entries_ai;
DROP TRIGGER journal_entries_ad;
DROP TRIGGER journal_entries_au;

CREATE TRIGGER journal_entries_ai AFTER INSERT ON journal_entries BEGIN
    INSERT INTO journal_entries_fts_pending(entry_rowid) VALUES (new.rowid);
END;
CREATE TRIGGER journal_entries_ad AFTER DELETE ON journal_entries BEGIN
    INSERT INTO journal_entries_fts(journal_entries_fts, rowid, title, body)
        SELECT 'delete', old.rowid, old.title, old.body
        WHERE NOT EXISTS (SELECT 1 FROM journal_entries_fts_pending WHERE entry_rowid = old.rowid);
    DELETE FROM journal_entries_fts_pending WHERE entry_rowid = old.rowid;
END;
CREATE TRIGGER journal_entries_au AFTER UPDATE OF title, body ON journal_entries
WHEN NOT EXISTS (SELECT 1 FROM journal_entries_fts_pending WHERE entry_rowid = old.rowid) BEGIN
    INSERT INTO journal_entries_fts(journal_entries_fts, rowid, title, body) VALUES ('delete', old.rowid, old.title, old.body);
    INSERT INTO journal_entries_fts(rowid, title, body) VALUES (new.rowid, new.title, new.body);
END;
