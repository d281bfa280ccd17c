-- Safety plans (Stanley & Brown): one row per saved version; the items of each version in
-- `safety_plan_items`. Saving never overwrites: it adds a version and moves the "current" mark.
-- `client_id` NULL = the vault owner's own plan.
CREATE TABLE safety_plans (
    id          TEXT PRIMARY KEY NOT NULL,
    created_at  TEXT NOT NULL,
    client_id   TEXT,
    version     INTEGER NOT NULL CHECK (version >= 1),
    is_current  INTEGER NOT NULL CHECK (is_current IN (0, 1))
) STRICT;
CREATE UNIQUE INDEX safety_plans_version ON safety_plans(coalesce(client_id, ''), version);
CREATE UNIQUE INDEX safety_plans_one_current ON safety_plans(coalesce(client_id, '')) WHERE is_current = 1;

CREATE TABLE safety_plan_items (
    id        TEXT PRIMARY KEY NOT NULL,
    plan_id   TEXT NOT NULL REFERENCES safety_plans(id),
    section   TEXT NOT NULL CHECK (section IN ('warning_signs', 'internal_coping', 'social_distractions',
                  'people_to_ask_for_help', 'professionals', 'crisis_lines', 'safe_environment', 'reasons_for_living')),
    position  INTEGER NOT NULL,
    text      TEXT NOT NULL,
    contact   TEXT,                      -- phone number, for the people and services sections
    UNIQUE (plan_id, section, position)
) STRICT;

CREATE VIRTUAL TABLE safety_plan_items_fts USING fts5(
    text, contact, content='safety_plan_items', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER safety_plan_items_ai AFTER INSERT ON safety_plan_items BEGIN
    INSERT INTO safety_plan_items_fts(rowid, text, contact) VALUES (new.rowid, new.text, new.contact);
END;
CREATE TRIGGER safety_plan_items_ad AFTER DELETE ON safety_plan_items BEGIN
    INSERT INTO safety_plan_items_fts(safety_plan_items_fts, rowid, text, contact)
        VALUES ('delete', old.rowid, old.text, old.contact);
END;
CREATE TRIGGER safety_plan_items_au AFTER UPDATE OF text, contact ON safety_plan_items BEGIN
    INSERT INTO safety_plan_items_fts(safety_plan_items_fts, rowid, text, contact)
        VALUES ('delete', old.rowid, old.text, old.contact);
    INSERT INTO safety_plan_items_fts(rowid, text, contact) VALUES (new.rowid, new.text, new.contact);
END;
