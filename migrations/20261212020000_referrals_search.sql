-- Referrals in search: what the mentor typed in a referral — who or where the client was
-- referred to, why, and the notes — is found by `wellkept search` and the window's search, as
-- every other kind's text is (the registry's REFERRAL search entry). An external-content FTS5
-- index kept by triggers, with secure-delete (edited, erased or purged text leaves the index at
-- once) and bm25 weights favouring the service's name, as the other kinds do.
CREATE VIRTUAL TABLE referrals_fts USING fts5(
    referred_to, reason, notes, content='referrals', content_rowid='rowid', tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER referrals_ai AFTER INSERT ON referrals BEGIN
    INSERT INTO referrals_fts(rowid, referred_to, reason, notes) VALUES (new.rowid, new.referred_to, new.reason, new.notes);
END;
CREATE TRIGGER referrals_ad AFTER DELETE ON referrals BEGIN
    INSERT INTO referrals_fts(referrals_fts, rowid, referred_to, reason, notes)
        VALUES ('delete', old.rowid, old.referred_to, old.reason, old.notes);
END;
CREATE TRIGGER referrals_au AFTER UPDATE OF referred_to, reason, notes ON referrals BEGIN
    INSERT INTO referrals_fts(referrals_fts, rowid, referred_to, reason, notes)
        VALUES ('delete', old.rowid, old.referred_to, old.reason, old.notes);
    INSERT INTO referrals_fts(rowid, referred_to, reason, notes) VALUES (new.rowid, new.referred_to, new.reason, new.notes);
END;
INSERT INTO referrals_fts(referrals_fts, rank) VALUES ('secure-delete', 1);
INSERT INTO referrals_fts(referrals_fts, rank) VALUES ('rank', 'bm25(4.0, 1.0, 1.0)');
-- Referrals written before this migration (those in the trash too: search leaves them out
-- until they are restored, as it does for every kind).
INSERT INTO referrals_fts(referrals_fts) VALUES ('rebuild');
