-- What merging another computer's changes could not do in full (issue 15: "nothing is ever lost
-- silently"; src/vault/mod.rs, `replay_merged`; docs/sync.md, "What a merge could not do").
--
-- A change replayed beside another computer's may find its row already changed, finalised or
-- removed there, or be refused part-way by a constraint or a trigger. The merge goes on, and
-- notes it here, once per change (its computer and its number in that computer's log). Rows
-- are written by the merge itself, never by a change record: the home computer's snapshot
-- carries them to the other computers, and each open that merges the change again finds it
-- noted already. Clearing them is the `sync_notes_cleared_at` setting (src/sync/notes.rs): a
-- row is never deleted by a change, so that replaying a clear never finds less than it cleared.
CREATE TABLE sync_merge_notes (
    device      TEXT NOT NULL,    -- the computer whose change it was (32-hex device id)
    seq         INTEGER NOT NULL, -- the change's number in that computer's log
    changed_at  TEXT NOT NULL,    -- when that computer saved the change (RFC 3339)
    noted_at    TEXT NOT NULL,    -- when a merge first noted it (RFC 3339, the merging computer's clock)
    skipped     TEXT,             -- what SQLite refused, '; '-joined; NULL: it only found less to change
    PRIMARY KEY (device, seq)
);
