-- Referrals to other services, and the mentor's resource library (links and notes) whose items
-- can be given to clients. Resources are tagged through the shared `tags` table
-- (item_kind = 'resource'). `client_id` NULL = the vault owner.
CREATE TABLE referrals (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    client_id     TEXT,
    referred_to   TEXT NOT NULL,          -- the person or service
    reason        TEXT NOT NULL,
    referred_on   TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'completed')),
    follow_up_on  TEXT,
    notes         TEXT NOT NULL DEFAULT '',
    deleted_at    TEXT
) STRICT;
CREATE INDEX referrals_by_client ON referrals(client_id, referred_on);
CREATE INDEX referrals_follow_up ON referrals(follow_up_on) WHERE follow_up_on IS NOT NULL;

CREATE TABLE resources (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    title       TEXT NOT NULL,
    url         TEXT,
    notes       TEXT NOT NULL DEFAULT '',
    category    TEXT NOT NULL DEFAULT '',
    deleted_at  TEXT,
    CHECK (url IS NOT NULL OR notes <> '')
) STRICT;
CREATE INDEX resources_by_category ON resources(category, title);

CREATE VIRTUAL TABLE resources_fts USING fts5(
    title, notes, category, content='resources', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER resources_ai AFTER INSERT ON resources BEGIN
    INSERT INTO resources_fts(rowid, title, notes, category) VALUES (new.rowid, new.title, new.notes, new.category);
END;
CREATE TRIGGER resources_ad AFTER DELETE ON resources BEGIN
    INSERT INTO resources_fts(resources_fts, rowid, title, notes, category)
        VALUES ('delete', old.rowid, old.title, old.notes, old.category);
END;
CREATE TRIGGER resources_au AFTER UPDATE OF title, notes, category ON resources BEGIN
    INSERT INTO resources_fts(resources_fts, rowid, title, notes, category)
        VALUES ('delete', old.rowid, old.title, old.notes, old.category);
    INSERT INTO resources_fts(rowid, title, notes, category) VALUES (new.rowid, new.title, new.notes, new.category);
END;

CREATE TABLE resource_assignments (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    resource_id  TEXT NOT NULL REFERENCES resources(id),
    client_id    TEXT,
    assigned_on  TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX resource_assignments_by_client ON resource_assignments(client_id, assigned_on);
