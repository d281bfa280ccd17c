-- Attachments: a photo, PDF or other file belonging to a journal entry, a session note, a client
-- (a consent form, a referral letter) or a received shared item. Only the metadata is here: the
-- file itself is `attachments/<content_id>.age` in the vault folder, age-encrypted to the vault
-- key, named by an HMAC of its plaintext under a key derived from the vault key (so the same
-- file added twice is stored once, and the name says nothing to anyone without the key).
-- `owner_kind` is 'journal_entry', 'session_note', 'client' or 'received_item'; an attachment
-- is hidden while its owner is in the trash and purged with it. `deleted_at`: in the trash itself.
CREATE TABLE attachments (
    id           TEXT PRIMARY KEY NOT NULL,
    owner_kind   TEXT NOT NULL CHECK (owner_kind IN ('journal_entry', 'session_note', 'client', 'received_item')),
    owner_id     TEXT NOT NULL,
    file_name    TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    media_type   TEXT NOT NULL,
    size         INTEGER NOT NULL CHECK (size >= 0),
    content_id   TEXT NOT NULL CHECK (length(content_id) = 64),
    created_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX attachments_by_owner ON attachments(owner_kind, owner_id, created_at);
CREATE INDEX attachments_by_content ON attachments(content_id);

-- The secret that names attachment files (HMAC-SHA256 key of the content id): random, made with
-- the first attachment, kept inside the encrypted database so a re-key (a new vault key) only
-- re-encrypts the files and never renames them.
CREATE TABLE attachment_naming_key (
    id     INTEGER PRIMARY KEY CHECK (id = 1),
    secret TEXT NOT NULL CHECK (length(secret) = 64)
) STRICT;
