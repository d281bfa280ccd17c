-- Contact roles (issue 12, deliverable 6): each confirmed contact is "my mentor" or "my client",
-- chosen when the card is confirmed and changeable later; only a contact who was "my mentor"
-- when a safety plan arrived may propose it, and the person accepts or declines the proposal.
--
-- Existing contacts get a role derived from what the vault already knows, in this order
-- (docs/decisions.md, entry 45):
--   1. a contact linked to a client record (not in the trash) is 'my_client';
--   2. a contact whose received shares were all "from mentor" is 'my_mentor', all "from
--      client" is 'my_client';
--   3. a contact who sent nothing: 'my_mentor' in a journal vault (its owner has no clients),
--      'my_client' in a mentor's vault;
--   4. anything else (shares of both kinds, or a vault for both purposes) is 'unknown', which
--      may send nothing that changes a record until the person chooses a role.
-- `role_since` is when the current role was chosen (for migrated contacts: when they were
-- confirmed); every later change is also kept in `contact_role_changes`.
ALTER TABLE contacts ADD COLUMN role TEXT NOT NULL DEFAULT 'unknown'
    CHECK (role IN ('my_mentor', 'my_client', 'unknown'));
ALTER TABLE contacts ADD COLUMN role_since TEXT NOT NULL DEFAULT '';

UPDATE contacts SET role = CASE
    WHEN EXISTS (SELECT 1 FROM clients c WHERE c.contact_id = contacts.id AND c.deleted_at IS NULL)
        THEN 'my_client'
    WHEN EXISTS (SELECT 1 FROM received_bundles b WHERE b.contact_id = contacts.id) THEN
        CASE
            WHEN NOT EXISTS (SELECT 1 FROM received_bundles b
                             WHERE b.contact_id = contacts.id AND b.kind <> 'from_mentor') THEN 'my_mentor'
            WHEN NOT EXISTS (SELECT 1 FROM received_bundles b
                             WHERE b.contact_id = contacts.id AND b.kind <> 'from_client') THEN 'my_client'
            ELSE 'unknown'
        END
    WHEN (SELECT value FROM settings WHERE key = 'purpose') = '"journal"' THEN 'my_mentor'
    WHEN (SELECT value FROM settings WHERE key = 'purpose') = '"mentor"' THEN 'my_client'
    ELSE 'unknown'
END;
UPDATE contacts SET role_since = confirmed_at;

-- Every role chosen after confirmation, with when (the first choice is on `contacts`).
CREATE TABLE contact_role_changes (
    id          TEXT PRIMARY KEY NOT NULL,
    contact_id  TEXT NOT NULL REFERENCES contacts(id),
    from_role   TEXT NOT NULL,
    to_role     TEXT NOT NULL CHECK (to_role IN ('my_mentor', 'my_client')),
    changed_at  TEXT NOT NULL
) STRICT;
CREATE INDEX contact_role_changes_by_contact ON contact_role_changes(contact_id, changed_at);

-- A safety plan a mentor proposed and the person declined. Accepted ones have `filed_as`.
ALTER TABLE received_items ADD COLUMN declined_at TEXT;
