-- no-transaction
-- A received share is known by (contact, bundle id), not by the bundle id alone (issue 12).
-- Bundle ids are in the clear in a bundle's header, so with the id alone as the key a confirmed
-- contact who saw someone else's bundle could send their own bundle under the same id first,
-- and the genuine one would then be skipped as "already imported". Both tables are rebuilt by
-- SQLite's documented procedure (foreign keys off while the parent is replaced, checked before
-- committing), keeping rowids, rows and index names.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE received_bundles_new (
    bundle_id    TEXT NOT NULL,
    contact_id   TEXT NOT NULL REFERENCES contacts(id),
    kind         TEXT NOT NULL,            -- 'from_client' | 'from_mentor'
    sender_name  TEXT NOT NULL,            -- the name the sender gave themselves
    sent_at      TEXT NOT NULL,
    imported_at  TEXT NOT NULL,
    PRIMARY KEY (contact_id, bundle_id)
) STRICT;
INSERT INTO received_bundles_new (rowid, bundle_id, contact_id, kind, sender_name, sent_at, imported_at)
SELECT rowid, bundle_id, contact_id, kind, sender_name, sent_at, imported_at FROM received_bundles;

CREATE TABLE received_items_new (
    id           TEXT PRIMARY KEY NOT NULL,
    contact_id   TEXT NOT NULL REFERENCES contacts(id),
    bundle_id    TEXT NOT NULL,
    item_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,            -- 'journal_entry', 'action_plan', ...
    item         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    filed_as     TEXT,
    UNIQUE (contact_id, item_id),
    FOREIGN KEY (contact_id, bundle_id) REFERENCES received_bundles_new(contact_id, bundle_id)
) STRICT;
INSERT INTO received_items_new (rowid, id, contact_id, bundle_id, item_id, kind, item, received_at, filed_as)
SELECT rowid, id, contact_id, bundle_id, item_id, kind, item, received_at, filed_as FROM received_items;

DROP TABLE received_items;
DROP TABLE received_bundles;
ALTER TABLE received_bundles_new RENAME TO received_bundles;
ALTER TABLE received_items_new RENAME TO received_items;
CREATE INDEX received_items_by_kind ON received_items(kind, received_at);

COMMIT;
PRAGMA foreign_keys = ON;
