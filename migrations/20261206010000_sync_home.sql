-- One vault on several computers (issue 15, docs/sync.md, docs/decisions.md 65).
--
-- The *home* computer writes the vault's snapshots and change log in data/; every other
-- computer writes only its own change logs in devices/<its id>/, and every computer merges all
-- of them in the order of their hybrid-clock stamps. The home is whichever computer first
-- saved a change with a build that knows this table; the row is written by that save's own
-- change record, so every computer replays the same claim.
CREATE TABLE sync_home (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    device TEXT NOT NULL
) STRICT;

-- How far the snapshot holding this row has folded in each other computer's change log: the
-- last sequence number of that computer's records it contains. Written by the home when it
-- compacts, never by a change record: it describes the snapshot, not the history.
CREATE TABLE sync_folded (
    device TEXT PRIMARY KEY NOT NULL,
    seq INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

