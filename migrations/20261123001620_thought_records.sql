-- Thought records (CBT): a situation, the moods it brought (0–100), the automatic thoughts with
-- one "hot" thought, evidence for and against it, a balanced thought, and the moods re-rated.
-- Lists are JSON written by Rust (validated there); `thoughts_text` holds the thoughts' words,
-- one per line, so the search index and its snippets see plain sentences, not JSON.
CREATE TABLE thought_records (
    id                TEXT PRIMARY KEY NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    record_date       TEXT NOT NULL,
    situation         TEXT NOT NULL,
    moods             TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(moods)),
    automatic_thoughts TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(automatic_thoughts)),
    thoughts_text     TEXT NOT NULL DEFAULT '',
    evidence_for      TEXT NOT NULL DEFAULT '',
    evidence_against  TEXT NOT NULL DEFAULT '',
    balanced_thought  TEXT NOT NULL DEFAULT '',
    balanced_belief   INTEGER CHECK (balanced_belief BETWEEN 0 AND 100),
    deleted_at        TEXT
) STRICT;

CREATE INDEX thought_records_by_date ON thought_records(record_date DESC, created_at DESC);
CREATE INDEX thought_records_in_trash ON thought_records(deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE thought_records_fts USING fts5(
    situation, thoughts_text, evidence_for, evidence_against, balanced_thought,
    content='thought_records', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER thought_records_ai AFTER INSERT ON thought_records BEGIN
    INSERT INTO thought_records_fts(rowid, situation, thoughts_text, evidence_for, evidence_against, balanced_thought)
    VALUES (new.rowid, new.situation, new.thoughts_text, new.evidence_for, new.evidence_against, new.balanced_thought);
END;
CREATE TRIGGER thought_records_ad AFTER DELETE ON thought_records BEGIN
    INSERT INTO thought_records_fts(thought_records_fts, rowid, situation, thoughts_text, evidence_for, evidence_against, balanced_thought)
    VALUES ('delete', old.rowid, old.situation, old.thoughts_text, old.evidence_for, old.evidence_against, old.balanced_thought);
END;
CREATE TRIGGER thought_records_au AFTER UPDATE OF situation, thoughts_text, evidence_for, evidence_against, balanced_thought ON thought_records BEGIN
    INSERT INTO thought_records_fts(thought_records_fts, rowid, situation, thoughts_text, evidence_for, evidence_against, balanced_thought)
    VALUES ('delete', old.rowid, old.situation, old.thoughts_text, old.evidence_for, old.evidence_against, old.balanced_thought);
    INSERT INTO thought_records_fts(rowid, situation, thoughts_text, evidence_for, evidence_against, balanced_thought)
    VALUES (new.rowid, new.situation, new.thoughts_text, new.evidence_for, new.evidence_against, new.balanced_thought);
END;
