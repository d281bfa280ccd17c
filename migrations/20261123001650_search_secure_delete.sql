-- Search index settings.
--
-- Deleting or editing a row must remove its words from the search index too, not just mark
-- them deleted until the next merge: with FTS5's secure-delete option (SQLite 3.42+) the old
-- terms are removed at once, and the connection's secure_delete pragma zeroes the freed space,
-- so purged text does not survive in later snapshots. Tables added later should do the same.
INSERT INTO journal_entries_fts(journal_entries_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO mood_checkins_fts(mood_checkins_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO thought_records_fts(thought_records_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO activation_log_fts(activation_log_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO gratitude_entries_fts(gratitude_entries_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO coping_strategies_fts(coping_strategies_fts, rank) VALUES ('secure-delete', 1);

-- Ranking: bm25 with per-column weights, stored in each index's config so every query uses the
-- same weights (titles and names count more than long free text).
INSERT INTO journal_entries_fts(journal_entries_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
INSERT INTO mood_checkins_fts(mood_checkins_fts, rank) VALUES ('rank', 'bm25(1.0, 2.0)');
INSERT INTO thought_records_fts(thought_records_fts, rank) VALUES ('rank', 'bm25(2.0, 2.0, 1.0, 1.0, 2.0)');
INSERT INTO activation_log_fts(activation_log_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
INSERT INTO coping_strategies_fts(coping_strategies_fts, rank) VALUES ('rank', 'bm25(3.0, 1.0)');
