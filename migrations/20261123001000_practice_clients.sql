-- A mentor's clients. Days are YYYY-MM-DD text; timestamps RFC 3339 UTC text; ids UUID v7 text;
-- all made in Rust (write statements are journaled and replayed, so they must be deterministic).
CREATE TABLE clients (
    id                      TEXT PRIMARY KEY NOT NULL,
    created_at              TEXT NOT NULL,
    updated_at              TEXT NOT NULL,
    name                    TEXT NOT NULL CHECK (length(name) > 0),
    preferred_name          TEXT,
    pronouns                TEXT,
    date_of_birth           TEXT,
    phone                   TEXT,
    email                   TEXT,
    address                 TEXT,
    emergency_name          TEXT,
    emergency_relationship  TEXT,
    emergency_phone         TEXT,
    cultural_needs          TEXT,
    access_needs            TEXT,
    status                  TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'paused', 'closed')),
    start_date              TEXT,
    end_date                TEXT,
    notes                   TEXT NOT NULL DEFAULT '',
    -- Reserved for the mentor/client exchange: the confirmed exchange contact this client is.
    contact_id              TEXT,
    deleted_at              TEXT
) STRICT;

CREATE INDEX clients_by_status ON clients(status, name COLLATE NOCASE);

CREATE VIRTUAL TABLE clients_fts USING fts5(
    name, preferred_name, notes, content='clients', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER clients_ai AFTER INSERT ON clients BEGIN
    INSERT INTO clients_fts(rowid, name, preferred_name, notes)
    VALUES (new.rowid, new.name, coalesce(new.preferred_name, ''), new.notes);
END;
CREATE TRIGGER clients_ad AFTER DELETE ON clients BEGIN
    INSERT INTO clients_fts(clients_fts, rowid, name, preferred_name, notes)
    VALUES ('delete', old.rowid, old.name, coalesce(old.preferred_name, ''), old.notes);
END;
CREATE TRIGGER clients_au AFTER UPDATE OF name, preferred_name, notes ON clients BEGIN
    INSERT INTO clients_fts(clients_fts, rowid, name, preferred_name, notes)
    VALUES ('delete', old.rowid, old.name, coalesce(old.preferred_name, ''), old.notes);
    INSERT INTO clients_fts(rowid, name, preferred_name, notes)
    VALUES (new.rowid, new.name, coalesce(new.preferred_name, ''), new.notes);
END;
