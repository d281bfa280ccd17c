-- Goals (SMART) and their action plans: steps with owners, due dates, status and progress, and
-- dated reviews. A goal with no client is the vault owner's own goal (the client journal's
-- "own goals" use the same tables).
CREATE TABLE goals (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    client_id    TEXT REFERENCES clients(id),
    title        TEXT NOT NULL CHECK (length(title) > 0),
    specific     TEXT NOT NULL DEFAULT '',
    measurable   TEXT NOT NULL DEFAULT '',
    achievable   TEXT NOT NULL DEFAULT '',
    relevant     TEXT NOT NULL DEFAULT '',
    target_date  TEXT,                        -- time-bound
    status       TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'achieved', 'paused', 'dropped')),
    deleted_at   TEXT
) STRICT;
CREATE INDEX goals_by_client ON goals(client_id, status);

CREATE TABLE goal_steps (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    goal_id      TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    description  TEXT NOT NULL CHECK (length(description) > 0),
    owner        TEXT NOT NULL CHECK (owner IN ('mentor', 'client')),
    due_date     TEXT,
    status       TEXT NOT NULL DEFAULT 'todo' CHECK (status IN ('todo', 'doing', 'done', 'skipped')),
    progress     INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100)
) STRICT;
CREATE INDEX goal_steps_by_goal ON goal_steps(goal_id, position);
CREATE INDEX goal_steps_by_due ON goal_steps(due_date) WHERE status IN ('todo', 'doing');

CREATE TABLE goal_reviews (
    id           TEXT PRIMARY KEY NOT NULL,
    created_at   TEXT NOT NULL,
    goal_id      TEXT NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
    review_date  TEXT NOT NULL,
    rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
    note         TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX goal_reviews_by_goal ON goal_reviews(goal_id, review_date);

CREATE VIRTUAL TABLE goals_fts USING fts5(
    title, specific, measurable, achievable, relevant,
    content='goals', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER goals_ai AFTER INSERT ON goals BEGIN
    INSERT INTO goals_fts(rowid, title, specific, measurable, achievable, relevant)
    VALUES (new.rowid, new.title, new.specific, new.measurable, new.achievable, new.relevant);
END;
CREATE TRIGGER goals_ad AFTER DELETE ON goals BEGIN
    INSERT INTO goals_fts(goals_fts, rowid, title, specific, measurable, achievable, relevant)
    VALUES ('delete', old.rowid, old.title, old.specific, old.measurable, old.achievable, old.relevant);
END;
CREATE TRIGGER goals_au AFTER UPDATE OF title, specific, measurable, achievable, relevant ON goals BEGIN
    INSERT INTO goals_fts(goals_fts, rowid, title, specific, measurable, achievable, relevant)
    VALUES ('delete', old.rowid, old.title, old.specific, old.measurable, old.achievable, old.relevant);
    INSERT INTO goals_fts(rowid, title, specific, measurable, achievable, relevant)
    VALUES (new.rowid, new.title, new.specific, new.measurable, new.achievable, new.relevant);
END;
