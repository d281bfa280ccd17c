-- no-transaction
-- The disclosure log keeps the lawful basis actually chosen (docs/decisions.md 52). Until now a
-- disclosure on a lawful basis other than consent (an export "on legitimate interests", say) was
-- stored as a legal duty with the words "Legitimate interests (Art. 6(1)(f)) without consent",
-- because `basis` knew only 'consent' and 'legal_duty' (decision 47). The table is rebuilt by
-- SQLite's documented procedure (foreign keys off while it is replaced), keeping rowids, rows
-- and index names, with a third basis 'lawful_basis' and its Art. 6(1) key; the rows written
-- that way are given back the basis they were written for, recognised by those exact words.
PRAGMA foreign_keys = OFF;
BEGIN;

CREATE TABLE disclosures_new (
    id            TEXT PRIMARY KEY NOT NULL,
    created_at    TEXT NOT NULL,
    client_id     TEXT,
    what          TEXT NOT NULL,          -- what was shared
    recipient     TEXT NOT NULL,          -- to whom
    disclosed_on  TEXT NOT NULL,
    basis         TEXT NOT NULL CHECK (basis IN ('consent', 'legal_duty', 'lawful_basis')),
    consent_id    TEXT REFERENCES consents(id),
    legal_basis   TEXT,                   -- a legal duty: the duty and why it applied
    lawful_basis  TEXT CHECK (lawful_basis IS NULL OR lawful_basis IN
        ('contract', 'legal_obligation', 'vital_interests', 'public_task', 'legitimate_interests')),
    notes         TEXT NOT NULL DEFAULT '',
    CHECK ((basis = 'consent' AND consent_id IS NOT NULL AND legal_basis IS NULL AND lawful_basis IS NULL)
        OR (basis = 'legal_duty' AND consent_id IS NULL AND legal_basis IS NOT NULL AND lawful_basis IS NULL)
        OR (basis = 'lawful_basis' AND consent_id IS NULL AND legal_basis IS NULL AND lawful_basis IS NOT NULL))
) STRICT;

INSERT INTO disclosures_new (rowid, id, created_at, client_id, what, recipient, disclosed_on, basis, consent_id,
                             legal_basis, lawful_basis, notes)
SELECT rowid, id, created_at, client_id, what, recipient, disclosed_on,
       CASE WHEN k.key IS NULL THEN basis ELSE 'lawful_basis' END,
       consent_id,
       CASE WHEN k.key IS NULL THEN legal_basis END,
       k.key,
       notes
FROM disclosures d
LEFT JOIN (SELECT 'Contract (Art. 6(1)(b)) without consent' AS words, 'contract' AS key
           UNION ALL SELECT 'Legal obligation (Art. 6(1)(c)) without consent', 'legal_obligation'
           UNION ALL SELECT 'Vital interests (Art. 6(1)(d)) without consent', 'vital_interests'
           UNION ALL SELECT 'Public task (Art. 6(1)(e)) without consent', 'public_task'
           UNION ALL SELECT 'Legitimate interests (Art. 6(1)(f)) without consent', 'legitimate_interests') k
       ON d.basis = 'legal_duty' AND d.legal_basis = k.words;

DROP TABLE disclosures;
ALTER TABLE disclosures_new RENAME TO disclosures;
CREATE INDEX disclosures_by_client ON disclosures(client_id, disclosed_on);
CREATE INDEX disclosures_by_consent ON disclosures(consent_id);

COMMIT;
PRAGMA foreign_keys = ON;
