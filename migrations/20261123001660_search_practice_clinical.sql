-- Search settings for the practice and clinical indexes (created by their own migrations):
-- FTS5 secure-delete, so edited or purged text leaves the index at once (see
-- 20261123001650_search_secure_delete.sql), and bm25 column weights favouring names and titles.
INSERT INTO clients_fts(clients_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO session_notes_fts(session_notes_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO goals_fts(goals_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO risk_flags_fts(risk_flags_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO safety_plan_items_fts(safety_plan_items_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO resources_fts(resources_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO supervision_notes_fts(supervision_notes_fts, rank) VALUES ('secure-delete', 1);

INSERT INTO clients_fts(clients_fts, rank) VALUES ('rank', 'bm25(4.0, 4.0, 1.0)');
INSERT INTO goals_fts(goals_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 1.0, 1.0, 1.0)');
INSERT INTO resources_fts(resources_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 2.0)');
INSERT INTO supervision_notes_fts(supervision_notes_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0, 1.0)');

-- secure-delete applies to deletions from now on; merging each index once drops anything that
-- earlier edits and deletions left behind in older segments.
INSERT INTO journal_entries_fts(journal_entries_fts) VALUES ('optimize');
INSERT INTO mood_checkins_fts(mood_checkins_fts) VALUES ('optimize');
INSERT INTO thought_records_fts(thought_records_fts) VALUES ('optimize');
INSERT INTO activation_log_fts(activation_log_fts) VALUES ('optimize');
INSERT INTO gratitude_entries_fts(gratitude_entries_fts) VALUES ('optimize');
INSERT INTO coping_strategies_fts(coping_strategies_fts) VALUES ('optimize');
INSERT INTO clients_fts(clients_fts) VALUES ('optimize');
INSERT INTO session_notes_fts(session_notes_fts) VALUES ('optimize');
INSERT INTO goals_fts(goals_fts) VALUES ('optimize');
INSERT INTO risk_flags_fts(risk_flags_fts) VALUES ('optimize');
INSERT INTO safety_plan_items_fts(safety_plan_items_fts) VALUES ('optimize');
INSERT INTO resources_fts(resources_fts) VALUES ('optimize');
INSERT INTO supervision_notes_fts(supervision_notes_fts) VALUES ('optimize');
