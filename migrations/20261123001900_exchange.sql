-- Mentor <-> client exchange (docs/exchange-format.md). Imports from other apps need no table of
-- their own: journal entries carry origin/source/source_id (20261123001600_journal_entry_origin.sql).
-- Conventions as in 20261123000002_shared.sql: UUID v7 text ids, RFC 3339 UTC text times, all
-- made in Rust.

-- This vault's own exchange key pair: one row. `secret` is the identity's secret string
-- (`WELLKEPT-EXCHANGE-KEY-1 ...`); it is as safe here as everything else in the encrypted vault.
CREATE TABLE exchange_identity (
    singleton     INTEGER PRIMARY KEY CHECK (singleton = 1),
    secret        TEXT NOT NULL,
    display_name  TEXT NOT NULL,
    created_at    TEXT NOT NULL
) STRICT;

-- People whose contact card the user confirmed by comparing fingerprints. Only bundles signed
-- by one of them are opened. `verifying_key` is the Ed25519 key in hex, for lookup.
CREATE TABLE contacts (
    id             TEXT PRIMARY KEY NOT NULL,
    display_name   TEXT NOT NULL,
    card           TEXT NOT NULL,
    verifying_key  TEXT NOT NULL UNIQUE,
    fingerprint    TEXT NOT NULL,
    confirmed_at   TEXT NOT NULL,
    created_at     TEXT NOT NULL
) STRICT;

-- Every share bundle imported: a second import of the same bundle adds nothing.
CREATE TABLE received_bundles (
    bundle_id    TEXT PRIMARY KEY NOT NULL,
    contact_id   TEXT NOT NULL REFERENCES contacts(id),
    kind         TEXT NOT NULL,            -- 'from_client' | 'from_mentor'
    sender_name  TEXT NOT NULL,            -- the name the sender gave themselves
    sent_at      TEXT NOT NULL,
    imported_at  TEXT NOT NULL
) STRICT;

-- Items received in bundles, with their origin. On a mentor's side they belong to the client
-- whose `clients.contact_id` is this contact (a client's journal entry is not the mentor's own
-- journal). `item` is the item's JSON as in docs/exchange-format.md; `item_id` is the sender's
-- id for it; `filed_as` names the domain record made from it (`safety_plan:<id>`), if any.
CREATE TABLE received_items (
    id           TEXT PRIMARY KEY NOT NULL,
    contact_id   TEXT NOT NULL REFERENCES contacts(id),
    bundle_id    TEXT NOT NULL REFERENCES received_bundles(bundle_id),
    item_id      TEXT NOT NULL,
    kind         TEXT NOT NULL,            -- 'journal_entry', 'action_plan', ...
    item         TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    filed_as     TEXT,
    UNIQUE (contact_id, item_id)
) STRICT;
CREATE INDEX received_items_by_kind ON received_items(kind, received_at);
