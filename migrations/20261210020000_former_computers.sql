-- The names of computers taken off the list of computers (issue 15; docs/decisions.md 71). A
-- computer's name lives in its own encrypted file in `devices/`, which removing it deletes; a
-- version it wrote that is still kept aside, or a merge note about its changes, then named it
-- only by an id ("a computer not listed (id 3f9a…)"). Removing a computer — from the list, or by
-- taking over the home from it — now writes its name here first, in a change record every
-- computer replays, so every computer can still say "Old laptop (no longer listed)".
CREATE TABLE former_computers (
    id          TEXT PRIMARY KEY NOT NULL,  -- the computer's id (32 hex digits)
    name        TEXT NOT NULL,              -- its name when it was removed
    removed_at  TEXT NOT NULL               -- when (RFC 3339)
) STRICT;
